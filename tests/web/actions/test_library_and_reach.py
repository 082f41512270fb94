"""The resource library, the briefing's next steps and resources chosen from it (typed ones still
working for old drafts), and the reach of a published briefing."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone


def test_the_library_takes_web_links_only(planned, client_for):
    from maca.web.actions.models import Resource

    client = client_for("admin")
    url = reverse("actions:resource-add")
    for bad in ("javascript:alert(1)", "ftp://example.org/x", "example.org/x", "https://"):
        response = client.post(url, {"kind": "guidance", "title": "New", "url": bad})
        assert "Enter an address starting https://" in response.content.decode(), bad
    taken = client.post(
        url,
        {
            "kind": "guidance",
            "title": "clarify, verify and reflect",
            "url": "https://example.org/x",
        },
    )
    assert "already has a resource with this title" in taken.content.decode()
    long = client.post(url, {"kind": "guidance", "title": "T", "url": "https://e.org/" + "a" * 600})
    assert "The link is too long" in long.content.decode()
    client.post(
        url,
        {
            "kind": "guidance",
            "title": "Early help strategy",
            "url": "https://example.org/early-help",
            "themes": [planned.theme.pk],
        },
    )
    made = Resource.objects.get(title="Early help strategy")
    assert list(made.themes.all()) == [planned.theme] and made.added_by.username == "admin"


def test_everyone_reads_what_is_offered_and_the_team_sees_what_was_withdrawn(planned, client_for):
    from maca.web.actions.models import Resource

    Resource.objects.filter(pk=planned.library["sleeping"].pk).update(active=False)
    practitioner = (
        client_for("hv.practitioner").get(reverse("actions:resource-list")).content.decode()
    )
    assert "Clarify, verify and reflect" in practitioner and "Safe sleeping" not in practitioner
    team = client_for("admin").get(reverse("actions:resource-list")).content.decode()
    assert "Safe sleeping" in team and "Withdrawn" in team


def test_the_briefing_chooses_its_next_steps_and_resources_from_the_library(planned, client_for):
    from maca.web.actions.models import Resource
    from maca.web.briefings.build import build_briefing, draft_for

    audit = planned.audit
    client = client_for("audit.lead")
    url = reverse("briefings:edit", args=[audit.pk])
    page = client.get(url).content.decode()
    assert "Briefings, training and e-learning offered, from the resource library" in page
    curiosity, sleeping = planned.library["curiosity"], planned.library["sleeping"]
    response = client.post(
        url,
        {
            "title": "First 1001 Days",
            "social_care_name": "CYPS",
            "library_next_steps": [str(curiosity.pk), str(sleeping.pk)],
            "library_end": [str(curiosity.pk)],
            "next_steps_items": "A course typed by hand",
            "resources_end": "An old link | https://example.org/old",
        },
    )
    assert response.status_code == 302
    draft = draft_for(audit)
    assert {"resource": curiosity.pk, "placement": "next_steps"} in draft.resources
    briefing = build_briefing(audit).briefing
    assert [r.title for r in briefing.next_steps.links] == [
        "Clarify, verify and reflect",
        "Safe sleeping and safe handling",
    ]
    assert briefing.next_steps.items == ["A course typed by hand"]
    assert [(r.title, r.url) for r in briefing.resources] == [
        ("Clarify, verify and reflect", "https://example.org/training/clarify-verify-reflect"),
        ("An old link", "https://example.org/old"),
    ]
    # The library's words are read each time: a changed title shows; a withdrawn one drops out.
    Resource.objects.filter(pk=curiosity.pk).update(title="Clarify, verify, reflect (new)")
    Resource.objects.filter(pk=sleeping.pk).update(active=False)
    built = build_briefing(audit)
    assert [r.title for r in built.briefing.next_steps.links] == ["Clarify, verify, reflect (new)"]
    assert any("withdrawn from it since" in note for note in built.notes)
    # The form shows the choices made (and the withdrawn one no longer).
    again = client.get(url).content.decode()
    assert f'value="{curiosity.pk}" checked' in again
    assert "Safe sleeping and safe handling (briefing)" not in again


def test_an_old_draft_with_typed_resources_still_builds(planned):
    from maca.web.briefings.build import build_briefing, draft_for

    draft = draft_for(planned.audit)
    draft.resources = [
        {"title": "Typed", "url": "https://example.org/t", "placement": "next_steps"}
    ]
    draft.next_steps_items = ["Safe sleeping"]
    draft.save()
    briefing = build_briefing(planned.audit).briefing
    assert [r.title for r in briefing.next_steps.links] == ["Typed"]
    assert briefing.next_steps.items == ["Safe sleeping"]


def test_a_team_records_its_discussion_with_the_reflective_questions(planned, client_for):
    from maca.web.actions.models import BriefingDiscussion

    client = client_for("hv.practitioner")
    published = planned.published
    detail = unescape(
        client.get(reverse("briefings:published", args=[published.pk])).content.decode()
    )
    assert "Record your team's discussion of this briefing" in detail
    url = reverse("actions:discussion-add", args=[published.pk])
    page = client.get(url).content.decode()
    assert "When did you last check something a parent told you?" in page
    assert "Who else lives in or visits the home?" in page
    assert page.count("<option") == 1  # a practitioner records for their own agency only
    today = timezone.localdate()
    bad = client.post(
        url,
        {
            "agency": planned.hv.agency.pk,
            "team": "",
            "attendees": "0",
            "discussed_on": (today + timedelta(days=1)).isoformat(),
            "will_do": "",
        },
    )
    body = unescape(bad.content.decode())
    assert "Enter the team's name" in body and "At least one person discussed it" in body
    assert "must be today or earlier" in body and "Enter what the team will do" in body
    early = client.post(
        url,
        {
            "agency": planned.hv.agency.pk,
            "team": "T",
            "attendees": 3,
            "discussed_on": (today - timedelta(days=30)).isoformat(),
            "will_do": "x",
        },
    )
    assert "on or after the briefing was published" in early.content.decode()
    response = client.post(
        url,
        {
            "agency": planned.hv.agency.pk,
            "team": "North  locality team",
            "attendees": 14,
            "discussed_on": today.isoformat(),
            "answer_1": "Rarely, we found.",
            "will_do": "Ask who else lives in the home at every visit.",
        },
    )
    assert response.status_code == 302
    discussion = BriefingDiscussion.objects.get()
    assert (
        discussion.team == "North locality team"
        and discussion.recorded_by.username == "hv.practitioner"
    )
    assert discussion.answers == [
        {
            "question": "When did you last check something a parent told you?",
            "answer": "Rarely, we found.",
        },
        {"question": "Who else lives in or visits the home?", "answer": ""},
    ]


def test_a_briefing_without_questions_asks_the_standard_two(planned):
    from maca.web.actions.forms import DEFAULT_QUESTIONS, reflective_questions

    planned.published.source = {}
    assert reflective_questions(planned.published) == list(DEFAULT_QUESTIONS)


def test_reach_per_agency_and_team_with_a_chart(planned, client_for):
    from maca.web.actions.models import BriefingDiscussion

    today = timezone.localdate()
    agencies = {a.kind: a for a in planned.audit.partnership.agencies.all()}
    for agency, team, people in (
        ("health_visiting", "North team", 14),
        ("health_visiting", "north team", 6),
        ("health_visiting", "South team", 11),
        ("police", "PPU", 9),
    ):
        BriefingDiscussion.objects.create(
            published=planned.published,
            agency=agencies[agency],
            team=team,
            attendees=people,
            discussed_on=today,
            will_do="Check SYN-900001's records.",
        )
    board = client_for("board.reader").get(reverse("actions:reach", args=[planned.audit.pk]))
    body = unescape(board.content.decode())
    assert 'data-testid="chart"' in body and "<svg" in body and ' style="' not in body
    agencies_table = body[
        body.index('data-testid="reach-agencies"') : body.index('data-testid="reach-teams"')
    ]
    assert (
        '0-19 health visiting service</th><td class="govuk-table__cell '
        'govuk-table__cell--numeric">2</td>' in agencies_table
    )
    assert ">31<" in agencies_table and ">9<" in agencies_table  # people per agency
    assert "SYN-900001" not in body and "[withheld: a person id]" in body
    assert "Record a team's discussion" in body

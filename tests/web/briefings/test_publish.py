"""Publishing through the pages: the disclosure check blocks it and says where, small numbers are
confirmed or suppressed with who and when, and every version is kept and downloadable."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.builders import confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def store(tmp_path, settings):
    """A canonical store holding the planted child's date of birth."""
    import duckdb

    path = tmp_path / "store.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE ssd_person (pers_person_id VARCHAR, pers_dob DATE)")
        connection.execute("INSERT INTO ssd_person VALUES ('SYN-900001', DATE '2023-03-12')")
    settings.MACA_STORE = str(path)
    return path


def _decide_all(client, audit, choice="suppress"):
    url = reverse("briefings:publish", args=[audit.pk])
    page = client.get(url).content.decode()
    names = set(re.findall(r'name="(n_[0-9a-f]{12})"', page))
    client.post(url, {**{n: choice for n in names}, "action": "decide"})
    return names


def test_a_childs_id_and_date_of_birth_in_a_quote_block_publishing(briefed, client_for, store):
    from maca.web.audits.models import FamilyVoice
    from maca.web.briefings.models import PublishedBriefing
    from maca.web.trail.models import Action, AuditEvent

    FamilyVoice.objects.create(
        audit=briefed.audit,
        role="Mother",
        quote="SYN-900001 was born on 12/03/2023 and nobody asked me anything",
        consent_given=True,
        consent_recorded_by=briefed.audit.created_by,
    )
    client = client_for("audit.lead")
    _decide_all(client, briefed.audit)
    url = reverse("briefings:publish", args=[briefed.audit.pk])
    response = client.post(url, {"action": "publish"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Publishing refused" in page
    refused = _between(page, 'data-testid="refused"', "</ul>")
    assert "Voice of the family, view 2: the words: a person id" in refused
    assert "Voice of the family, view 2: the words: a date of birth" in refused
    # The refusal names where in words and links there; it never repeats the planted details,
    # which only the passage itself shows to the author, marked.
    assert f'href="{url}#passage-voice-' in refused
    assert "SYN-900001" not in refused and "12/03/2023" not in refused
    assert "<mark>SYN-900001</mark>" in page and "<mark>12/03/2023</mark>" in page
    assert not PublishedBriefing.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.PUBLISH).exists()


def _between(page: str, start: str, end: str) -> str:
    tail = page[page.index(start) :]
    return tail[: tail.index(end)]


def test_small_numbers_are_confirmed_or_suppressed_and_recorded(briefed, client_for):
    from maca.web.briefings.models import SmallNumberDecision

    client = client_for("audit.lead")
    url = reverse("briefings:publish", args=[briefed.audit.pk])
    refused = client.post(url, {"action": "publish"}).content.decode()
    assert "2 children in the audit, in the Scope: confirm or suppress this small number" in (
        refused
    )
    assert "scope.children" not in refused  # words, never the keys
    names = _decide_all(client, briefed.audit, "confirm")
    assert names and SmallNumberDecision.objects.count() == len(names)
    decision = SmallNumberDecision.objects.get(key="scope.children")
    assert (decision.value, decision.choice, decision.decided_by_name) == (
        2,
        "confirm",
        "audit.lead",
    )
    _decide_all(client, briefed.audit, "suppress")
    history = SmallNumberDecision.objects.filter(key="scope.children").order_by("id")
    assert [d.choice for d in history] == ["confirm", "suppress"]
    page = client.get(url).content.decode()
    assert 'data-testid="decision-history"' in page
    assert "2 children in the audit, in the Scope</td>" in page
    from maca.web.trail.models import AuditEvent

    assert AuditEvent.objects.filter(
        actor_username="audit.lead", summary="Small number suppressed"
    ).exists()


def test_every_published_version_is_kept_and_downloadable(
    briefed, client_for, confirm_every_passage
):
    from maca.briefing.content import PROMISE
    from maca.web.briefings.models import PublishedBriefing
    from maca.web.trail.models import Action, AuditEvent

    client = client_for("audit.lead")
    _decide_all(client, briefed.audit)
    confirm_every_passage(briefed.audit)
    url = reverse("briefings:publish", args=[briefed.audit.pk])
    first = confirmed(client, url, {"action": "publish"})
    assert first.status_code == 302, first.content.decode()[-3000:]
    second = confirmed(client, url, {"action": "publish"})
    assert second.status_code == 302
    versions = list(PublishedBriefing.objects.order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert all(v.published_by_name == "audit.lead" for v in versions)
    assert AuditEvent.objects.filter(action=Action.PUBLISH).count() == 2
    reader = client_for("board.reader")
    detail = reader.get(reverse("briefings:published", args=[versions[0].pk]))
    assert "Published by audit.lead" in detail.content.decode()
    for name, start in (
        ("briefing.pdf", b"%PDF"),
        ("seven-minute-briefing.pdf", b"%PDF"),
        ("briefing.docx", b"PK"),
        ("briefing.html", b"<!DOCTYPE html>"),
    ):
        response = reader.get(reverse("briefings:download", args=[versions[0].pk, name]))
        assert response.status_code == 200 and response.content.startswith(start), name
    html = versions[1].html
    assert "Draft preview" not in html and "They listened to me." in html
    assert "Not for publication." not in html
    assert "fewer than 5" in html  # the suppressed counts
    assert PROMISE in html


def test_preview_has_its_own_policy_and_the_draft_mark(briefed, client_for):
    client = client_for("audit.lead")
    response = client.get(reverse("briefings:preview-html", args=[briefed.audit.pk]))
    assert response.status_code == 200
    assert "script-src" not in response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "Draft preview" in response.content.decode()


def test_narrative_edits_reach_the_briefing(briefed, client_for):
    from maca.web.briefings.build import build_briefing

    client = client_for("audit.lead")
    url = reverse("briefings:edit", args=[briefed.audit.pk])
    theme = briefed.themes["Multi-agency response"].pk
    data = {
        "title": "First 1001 Days",
        "priority": "Priority Three",
        "social_care_name": "CYPS",
        "overview": "Done under the Priority Plan.",
        "overview_definition_term": "First 1001 days",
        "overview_definition_text": "First 1001 days looks at the life of a child to age 2.",
        f"t{theme}_key_phrase": "multi agency response",
        f"t{theme}_sentence": "Good multi agency response to children at risk.",
        "resources_end": "Training | https://example.org/training",
    }
    assert client.post(url, data).status_code == 302
    briefing = build_briefing(briefed.audit).briefing
    assert briefing.overview == "Done under the Priority Plan."
    assert briefing.strengths_by_cases()[0].key_phrase == "multi agency response"
    assert briefing.resources[0].url == "https://example.org/training"
    bad = client.post(url, {**data, "resources_end": "no address here"})
    assert "Line 1: write the link text" in bad.content.decode()


def test_an_unreadable_store_stops_publishing_in_one_line(briefed, client_for, settings, tmp_path):
    settings.MACA_STORE = str(tmp_path / "missing.duckdb")
    client = client_for("audit.lead")
    page = client.get(reverse("briefings:publish", args=[briefed.audit.pk])).content.decode()
    assert "The briefing cannot be built yet" in page
    assert "the store missing.duckdb cannot be read for identifiers" in page
    assert "Publish a new version" not in page

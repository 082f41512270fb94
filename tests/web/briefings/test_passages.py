"""Every passage people wrote, read and confirmed item by item against its fingerprint, and
changed where it is through the service of the record that holds it; each change and
confirmation in the trail, in one transaction with it."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NAMED = "Tell Kayleigh Dobson from the health visiting team thank you"


@pytest.fixture
def named(briefed):
    """The briefed audit with a father's quote naming a health visitor, and a narrative."""
    from maca.web.audits.models import FamilyVoice
    from maca.web.briefings.build import draft_for

    voice = FamilyVoice.objects.create(
        audit=briefed.audit,
        role="Father",
        quote=NAMED,
        consent_given=True,
        consent_recorded_by=briefed.audit.created_by,
    )
    draft = draft_for(briefed.audit)
    draft.overview = "Written under the Priority Plan."
    draft.next_steps_items = ["Briefings for health visitors", "Training on fathers"]
    draft.save()
    briefed.voice, briefed.draft = voice, draft
    return briefed


def _reading(audit):
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.passages import read_passages

    return read_passages(audit, draft_for(audit))


def _by_key(reading):
    return {r.passage.key: r for r in reading.passages}


def test_the_passages_are_what_people_wrote_where_it_is_shown(named):
    from maca.web.audits.models import Finding

    reading = _by_key(_reading(named.audit))
    voices = named.audit.family_voices.order_by("id")
    mother, father_no_consent, father = voices
    assert reading[f"voice.{mother.pk}.quote"].passage.where == (
        "Voice of the family, view 1: the words"
    )
    quote = reading[f"voice.{father.pk}.quote"].passage
    assert quote.published and quote.board and quote.where.startswith("Voice of the family")
    assert f"voice.{father_no_consent.pk}.quote" not in reading  # no consent: nowhere
    finding = Finding.objects.filter(case=named.c001).order_by("kind", "id").first()
    shown = reading[f"finding.{finding.pk}.text"].passage
    assert shown.board and not shown.published
    assert shown.where == "Finding 1 for C001 (area for learning): the finding"
    assert reading["draft.overview"].passage.published
    assert reading["audit.question"].passage.text == "Q?"
    assert reading["draft.next_steps_items.1"].passage.where == (
        "Next steps and tools: training offered, line 2"
    )
    # A place is named in words and by a key, never by the passage's own words.
    assert all(NAMED not in r.passage.where + r.passage.key for r in reading.values())


def test_a_name_is_found_where_it_is_with_the_words_marked(named):
    reading = _by_key(_reading(named.audit))
    quote = reading[f"voice.{named.voice.pk}.quote"]
    assert quote.status == "found"
    assert [f.matched for f in quote.findings] == ["Kayleigh Dobson"]
    assert ("Kayleigh Dobson", True) in quote.segments
    assert "".join(text for text, _ in quote.segments) == NAMED
    assert quote.findings[0].what == "a person's name"


def test_a_left_out_quote_is_in_neither_the_briefing_nor_the_summary(named):
    from maca.web.briefings.passages import board_passages, briefing_passages

    named.draft.left_out_voices = [named.voice.pk]
    named.draft.save()
    keys = {p.key for p in briefing_passages(named.audit, named.draft)}
    keys |= {p.key for p in board_passages(named.audit)}
    assert f"voice.{named.voice.pk}.quote" not in keys


def test_confirmations_record_who_and_when_and_a_changed_passage_needs_another(
    named, demo, client_for
):
    from maca.web.briefings import services
    from maca.web.briefings.models import PassageConfirmation
    from maca.web.trail.models import AuditEvent

    _, users = demo
    reading = _reading(named.audit)
    overview = _by_key(reading)["draft.overview"]
    assert overview.status == "unread"
    recorded = services.confirm_passages(named.audit, [overview], users["audit.lead"])
    assert recorded == 1
    confirmation = PassageConfirmation.objects.get(audit=named.audit)
    assert (confirmation.where, confirmation.confirmed_by_name) == ("Overview", "audit.lead")
    assert confirmation.fingerprint == overview.passage.fingerprint
    assert AuditEvent.objects.filter(
        actor_username="audit.lead",
        summary="Confirmed 1 passage as read for identifying details",
    ).exists()
    assert _by_key(_reading(named.audit))["draft.overview"].status == "confirmed"
    # Re-saving the same words keeps it; any other change asks for it again.
    client = client_for("audit.lead")
    fix = reverse("briefings:fix", args=[named.audit.pk])
    same = {"source": "draft.overview", "shown": overview.passage.fingerprint}
    client.post(fix, {**same, "text": "Written  under the Priority Plan. "})
    assert _by_key(_reading(named.audit))["draft.overview"].status == "confirmed"
    fingerprint = _by_key(_reading(named.audit))["draft.overview"].passage.fingerprint
    client.post(fix, {**same, "shown": fingerprint, "text": "Written under the Plan."})
    assert _by_key(_reading(named.audit))["draft.overview"].status == "unread"


def test_a_passage_with_a_finding_is_never_confirmed(named, demo):
    from maca.web.briefings import services
    from maca.web.briefings.models import PassageConfirmation

    _, users = demo
    quote = _by_key(_reading(named.audit))[f"voice.{named.voice.pk}.quote"]
    with pytest.raises(services.PassageProblem):
        services.confirm_passages(named.audit, [quote], users["audit.lead"])
    assert not PassageConfirmation.objects.exists()


def test_confirm_all_shown_takes_only_passages_shown_unchanged_and_with_nothing_found(
    named, client_for
):
    from maca.web.briefings.models import PassageConfirmation

    client = client_for("audit.lead")
    url = reverse("briefings:passages", args=[named.audit.pk])
    page = client.get(url)
    assert page.status_code == 200
    shown = page.context["shown"]
    quote = _by_key(_reading(named.audit))[f"voice.{named.voice.pk}.quote"].passage
    assert quote.fingerprint not in shown  # a passage with a finding is not offered
    # Someone changes the overview after the page was shown: it stays to be read.
    named.draft.overview = "Written under the Priority Plan, and more."
    named.draft.save()
    response = client.post(
        url, {"action": "confirm_all", "shown": [*shown, quote.fingerprint, "0" * 64]}
    )
    assert response.status_code == 302
    reading = _by_key(_reading(named.audit))
    assert reading["draft.overview"].status == "unread"
    assert reading[f"voice.{named.voice.pk}.quote"].status == "found"
    assert reading["draft.methodology" if "draft.methodology" in reading else "audit.question"
                   ].status == "confirmed"  # fmt: skip
    assert PassageConfirmation.objects.count() == len(shown) - 1


def test_ticked_passages_only_and_nothing_ticked_is_a_plain_error(named, client_for):
    client = client_for("audit.lead")
    url = reverse("briefings:passages", args=[named.audit.pk])
    shown = client.get(url).context["shown"]
    question = _by_key(_reading(named.audit))["audit.question"].passage.fingerprint
    nothing = client.post(url, {"action": "confirm", "shown": shown})
    assert "Tick each passage you have read" in nothing.content.decode()
    client.post(url, {"action": "confirm", "shown": shown, "confirm": [question, "0" * 64]})
    statuses = {k: r.status for k, r in _by_key(_reading(named.audit)).items()}
    assert statuses["audit.question"] == "confirmed"
    assert statuses["draft.overview"] == "unread"


def test_a_quote_is_fixed_in_place_through_the_audits_service(named, client_for):
    from maca.web.trail.models import AuditEvent

    quote = _by_key(_reading(named.audit))[f"voice.{named.voice.pk}.quote"].passage
    client = client_for("audit.lead")
    publish = reverse("briefings:publish", args=[named.audit.pk])
    response = client.post(
        reverse("briefings:fix", args=[named.audit.pk]),
        {
            "source": quote.key,
            "shown": quote.fingerprint,
            "next": publish,
            "text": "Tell the health visitor thank you",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{publish}#{quote.anchor}"
    named.voice.refresh_from_db()
    assert named.voice.quote == "Tell the health visitor thank you"
    assert _by_key(_reading(named.audit))[quote.key].status == "unread"
    event = AuditEvent.objects.get(object_ref=f"family voice {named.voice.pk} of A{named.audit.pk}")
    assert event.summary == "Changed the family member's words to take out identifying details"
    assert "Kayleigh" not in event.summary


def test_a_finding_a_list_line_and_a_theme_text_are_fixed_where_they_are(named, demo):
    from maca.web.audits.models import Finding
    from maca.web.briefings import services
    from maca.web.briefings.build import draft_for

    _, users = demo
    lead = users["audit.lead"]
    finding = Finding.objects.filter(case=named.c001).first()
    key = f"finding.{finding.pk}.text"
    passage = _by_key(_reading(named.audit))[key].passage
    services.fix_passage(named.audit, key, "Seen by the GP.", passage.fingerprint, lead)
    finding.refresh_from_db()
    assert finding.text == "Seen by the GP."
    line = _by_key(_reading(named.audit))["draft.next_steps_items.0"].passage
    services.fix_passage(named.audit, line.key, "  ", line.fingerprint, lead)
    assert draft_for(named.audit).next_steps_items == ["Training on fathers"]
    theme = named.themes["Multi-agency response"].pk
    draft = draft_for(named.audit)
    draft.theme_texts = {str(theme): {"sentence": "Sandra from the council rang at once."}}
    draft.save()
    key = f"draft.theme_texts.{theme}.sentence"
    read = _by_key(_reading(named.audit))[key]
    assert read.status == "found" and read.passage.where == (
        "Strengths, Multi-agency response: the strength in a sentence"
    )
    rewritten = "A social worker rang at once."
    services.fix_passage(named.audit, key, rewritten, read.passage.fingerprint, lead)
    assert draft_for(named.audit).theme_texts[str(theme)]["sentence"] == rewritten


def test_a_passage_changed_since_it_was_shown_is_not_overwritten(named, client_for):
    quote = _by_key(_reading(named.audit))[f"voice.{named.voice.pk}.quote"].passage
    named.voice.quote = "Someone else changed this meanwhile."
    named.voice.save()
    response = client_for("audit.lead").post(
        reverse("briefings:fix", args=[named.audit.pk]),
        {"source": quote.key, "shown": quote.fingerprint, "text": "Mine"},
    )
    assert response.status_code == 200
    assert "changed by someone else since you read it" in response.content.decode()
    named.voice.refresh_from_db()
    assert named.voice.quote == "Someone else changed this meanwhile."


def test_a_fix_is_checked_like_the_form_it_replaces(named, client_for):
    quote = _by_key(_reading(named.audit))[f"voice.{named.voice.pk}.role"].passage
    url = reverse("briefings:fix", args=[named.audit.pk])
    client = client_for("audit.lead")
    empty = client.post(url, {"source": quote.key, "shown": quote.fingerprint, "text": " "})
    assert "Enter the text of voice of the family" in empty.content.decode()
    long = client.post(url, {"source": quote.key, "shown": quote.fingerprint, "text": "x" * 51})
    assert "Enter 50 characters or fewer" in long.content.decode()
    gone = client.post(url, {"source": "voice.999999.quote", "shown": "0" * 64, "text": "x"})
    assert gone.status_code == 404
    page = client.get(url, {"passage": quote.key})
    assert page.status_code == 200 and "Change a passage" in page.content.decode()
    away = client.post(
        url,
        {"source": "draft.overview", "text": "Fine.", "next": "https://elsewhere.example/",
         "shown": _by_key(_reading(named.audit))["draft.overview"].passage.fingerprint},
    )  # fmt: skip
    assert away["Location"].startswith(reverse("briefings:passages", args=[named.audit.pk]))


def test_a_failing_trail_leaves_no_confirmation_fix_or_withdrawal(named, demo, trail_fails):
    from django.db import DatabaseError

    from maca.web.briefings import services
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.models import PassageConfirmation, PublishedBriefing

    _, users = demo
    lead = users["audit.lead"]
    reading = _reading(named.audit)
    unread = reading.confirmable([r.passage.fingerprint for r in reading.unread])
    quote = _by_key(reading)[f"voice.{named.voice.pk}.quote"].passage
    overview = _by_key(reading)["draft.overview"].passage
    version = PublishedBriefing.objects.create(
        audit=named.audit, version=1, title="T", published_by_name="audit.lead", html="x",
        pdf=b"", docx=b"", seven_minute_pdf=b"",
    )  # fmt: skip
    with trail_fails():
        with pytest.raises(DatabaseError):
            services.confirm_passages(named.audit, unread, lead)
        with pytest.raises(DatabaseError):
            services.fix_passage(named.audit, quote.key, "Thanks", quote.fingerprint, lead)
        with pytest.raises(DatabaseError):
            services.fix_passage(named.audit, overview.key, "New", overview.fingerprint, lead)
        with pytest.raises(DatabaseError):
            services.withdraw_version(version, lead, reason="It named a family")
    assert not PassageConfirmation.objects.exists()
    named.voice.refresh_from_db()
    assert named.voice.quote == NAMED
    assert draft_for(named.audit).overview == "Written under the Priority Plan."
    version.refresh_from_db()
    assert not version.withdrawn and version.withdrawal_reason == ""

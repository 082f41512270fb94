"""Corrections, each recorded with who, when and why (issue 12): a wrong cohort upload undone,
a case removed or withdrawn, the commissioning details edited, chronology entries, findings
and family views edited and deleted while editable, a submitted return sent back with a
reason, and an escalation's outcome recorded. Each appears in the trail and as a Correction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maca.web.audits import corrections
from maca.web.audits.models import (
    Case,
    ChronologyEntry,
    CohortUpload,
    Correction,
    FamilyVoice,
    Finding,
    SingleAgencyReturn,
)
from maca.web.trail.models import Action, AuditEvent
from tests.web.builders import complete_answers, confirmed

DATA = Path(__file__).parent / "data"


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (DATA / name).read_bytes(), content_type="text/csv")


def _correction_in_trail(correction: Correction) -> AuditEvent:
    return AuditEvent.objects.get(summary__contains=f"(correction {correction.pk}:")


def test_a_wrong_cohort_upload_is_undone_before_returns_open(make_audit, client_for):
    """Seen: "C001 is already a case of this audit" with no way to remove the wrong upload."""
    built = make_audit("commissioned")
    built.audit.cases.all().delete()
    client = client_for("audit.lead")
    upload_url = reverse("audits:cohort-upload", args=[built.audit.pk])
    client.post(upload_url, {"cohort": _upload("cohort.csv"), "key": _upload("key.csv")})
    upload = CohortUpload.objects.get(audit=built.audit)
    assert upload.cases_created == 4 and len(upload.identified_cases) == 4
    again = client.post(upload_url, {"cohort": _upload("cohort.csv")})
    assert "C001 is already a case of this audit" in again.content.decode()

    undo = reverse("audits:upload-undo", args=[upload.pk])
    page = client.get(undo).content.decode()
    assert "4 cases removed (returns are not open): C001, C002, C003, C004" in page
    refused = client.post(undo, {"reason": ""})
    assert "Enter why, so that the audit trail says" in refused.content.decode()
    response = client.post(undo, {"reason": "The October cohort, not September's"}, follow=True)
    assert "Upload undone: 4 cases removed" in response.content.decode()
    assert not built.audit.cases.exists()
    upload.refresh_from_db()
    assert upload.undone_at and upload.undone_by.username == "audit.lead"
    assert client.get(undo).status_code == 403  # once only

    correction = Correction.objects.filter(object_ref=upload.trail_ref).get()
    assert correction.reason == "The October cohort, not September's"
    assert correction.made_by.username == "audit.lead"
    assert _correction_in_trail(correction).actor_username == "audit.lead"
    removed = Correction.objects.filter(change__startswith="Removed case")
    assert removed.count() == 4 and removed.first().before["family_ref"]
    assert "person_id" not in removed.first().before
    # The right file loads now.
    assert client.post(upload_url, {"cohort": _upload("cohort.csv")}).status_code == 302


def test_after_returns_open_an_undone_upload_withdraws_its_cases_and_keeps_returns(
    make_audit, client_for
):
    built = make_audit("returns_open")
    upload = CohortUpload.objects.create(audit=built.audit, cohort_name="cohort.csv")
    built.audit.cases.update(cohort_upload=upload)
    upload.identified_cases = [built.c001.pk]
    upload.save()
    response = client_for("admin").post(
        reverse("audits:upload-undo", args=[upload.pk]), {"reason": "Wrong period"}, follow=True
    )
    assert "2 cases withdrawn; person ids cleared from 1 case" in response.content.decode()
    assert built.audit.cases.count() == 2 and not built.audit.cases.current().exists()
    assert SingleAgencyReturn.objects.filter(assignment__case__audit=built.audit).count() == 3
    assert Case.objects.get(pk=built.c001.pk).person_id == ""
    assert Case.objects.get(pk=built.c002.pk).person_id == "SYN-900002"


def test_a_case_is_removed_before_returns_open_and_withdrawn_afterwards(make_audit, client_for):
    built = make_audit("commissioned")
    client = client_for("audit.lead")
    url = reverse("audits:case-withdraw", args=[built.c002.pk])
    assert "Remove case C002" in client.get(url).content.decode()
    client.post(url, {"reason": "Added by mistake"})
    assert not Case.objects.filter(pk=built.c002.pk).exists()

    built = make_audit("returns_open")
    url = reverse("audits:case-withdraw", args=[built.c001.pk])
    assert "Withdraw case C001" in client.get(url).content.decode()
    client.post(url, {"reason": "The family moved abroad before the removal"})
    case = Case.objects.get(pk=built.c001.pk)
    assert case.withdrawn and case.withdrawn_by.username == "audit.lead"
    assert case.withdrawal_reason == "The family moved abroad before the removal"
    assert SingleAgencyReturn.objects.filter(assignment__case=case).count() == 2  # kept
    correction = Correction.objects.get(change="Withdrew case C001")
    assert _correction_in_trail(correction).action == Action.CHANGE


def test_a_case_with_an_escalation_is_withdrawn_not_removed(make_audit, client_for, demo):
    _, users = demo
    built = make_audit("commissioned")
    built.c001.escalations.create(
        raised_by=users["audit.lead"], escalated_to="MASH", concern="Bruise"
    )
    assert not corrections.removable(built.c001)
    client_for("audit.lead").post(
        reverse("audits:case-withdraw", args=[built.c001.pk]), {"reason": "Out of scope"}
    )
    assert Case.objects.get(pk=built.c001.pk).withdrawn


def test_a_withdrawn_case_leaves_counts_lists_and_the_briefing_but_stays_visible(
    make_audit, client_for, demo
):
    from maca.web.audits.reminders import due_reminders
    from maca.web.briefings.build import derived_scope, theme_uses

    _, users = demo
    built = make_audit("returns_open")
    lead = users["audit.lead"]
    finding = Finding.objects.create(case=built.c001, kind="strength", text="x", recorded_by=lead)
    finding.themes.add(built.audit.partnership.themes.order_by("pk").first())
    assert theme_uses(built.audit)
    corrections.withdraw_case(built.c001, lead, reason="Not removed from parents after all")

    overview = client_for("audit.lead").get(reverse("audits:audit-overview", args=[built.audit.pk]))
    assert overview.context["totals"]["all"] == 1  # only C002's return is counted
    assert [r["case"].case_ref for r in overview.context["rows"]] == ["C002"]
    assert [r["case"].case_ref for r in overview.context["withdrawn"]] == ["C001"]
    assert 'data-testid="withdrawn"' in overview.content.decode()
    case_page = client_for("audit.lead").get(reverse("audits:case-detail", args=[built.c001.pk]))
    assert "Not removed from parents after all" in case_page.content.decode()
    assert derived_scope(built.audit).children == 1
    assert theme_uses(built.audit) == []
    assert all(
        r.assignment.case_id != built.c001.pk for r in due_reminders(built.audit.returns_due)
    )
    assign = client_for("audit.lead").get(reverse("audits:assign-agencies", args=[built.audit.pk]))
    assert "C001 (family" not in assign.content.decode()
    # The practitioner is told why the return can no longer be changed.
    section = client_for("police.practitioner").get(
        reverse("audits:return-section", args=[built.police_return.pk, "A"])
    )
    assert section.status_code == 403
    assert "was withdrawn from the audit" in section.content.decode()
    returns = client_for("police.practitioner").get(reverse("audits:my-returns"))
    assert "Case withdrawn" in returns.content.decode()


def test_the_commissioning_details_are_corrected_with_a_reason(make_audit, client_for):
    """Seen: no commissioning detail could be edited."""
    built = make_audit("returns_open")
    audit = built.audit
    client = client_for("audit.lead")
    url = reverse("audits:audit-edit", args=[audit.pk])
    data = {
        "title": "First 1001 Days (corrected)",
        "priority": audit.priority,
        "question": audit.question,
        "terms_of_reference": audit.terms_of_reference,
        "lawful_basis": audit.lawful_basis,
        "isa_reference": "ISA-2",
        "tool_version": audit.tool_version_id,
        "returns_due": "2031-01-31",
        "audit_day": "",
    }
    refused = client.post(url, data)
    assert "Enter what you are correcting and why" in refused.content.decode()
    # Returns are open: the tool version is fixed, so it is shown as words, not a control
    # whose choice would be silently ignored.
    assert 'name="tool_version"' not in refused.content.decode()
    assert str(audit.tool_version) in refused.content.decode()
    assert client.post(url, {**data, "reason": "The ISA was renewed"}).status_code == 302
    audit.refresh_from_db()
    assert (audit.title, audit.isa_reference) == ("First 1001 Days (corrected)", "ISA-2")
    correction = Correction.objects.get(object_ref=audit.trail_ref)
    assert correction.before == {"title": "Test audit", "isa_reference": "ISA-1"}
    assert correction.change.startswith("Changed the commissioning details: title, ")
    assert _correction_in_trail(correction).actor_username == "audit.lead"
    page = client.get(reverse("audits:corrections", args=[audit.pk])).content.decode()
    assert "The ISA was renewed" in page and "Test audit" in page


def _entry(ret, user):
    return ChronologyEntry.objects.create(
        single_agency_return=ret,
        agency=ret.assignment.agency,
        date_text="2023-08-20",
        sort_date=date(2023, 8, 20),
        subject="mother",
        source="Police log",
        event="Call-out to the home",
        added_by=user,
    )


def test_a_chronology_entry_is_edited_and_deleted_while_its_return_is_editable(
    make_audit, client_for, demo
):
    """Seen: chronology entries could not be edited or deleted."""
    _, users = demo
    built = make_audit("returns_open")
    entry = _entry(built.police_return, users["police.practitioner"])
    client = client_for("police.practitioner")
    edit = reverse("audits:chronology-edit", args=[entry.pk])
    response = client.post(
        edit,
        {
            "date_text": "21/08/2023",
            "subject": "mother",
            "source": "Police log",
            "event": "Call-out to the home; baby present",
            "reason": "The log gives the 21st",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.sort_date == date(2023, 8, 21) and "baby present" in entry.event
    changed = Correction.objects.get(change="Changed a chronology entry")
    assert changed.before["date_text"] == "2023-08-20"
    client.post(reverse("audits:chronology-delete", args=[entry.pk]), {"reason": "Duplicate"})
    assert not ChronologyEntry.objects.filter(pk=entry.pk).exists()
    deleted = Correction.objects.get(change="Deleted a chronology entry")
    assert deleted.before["event"] == "Call-out to the home; baby present"
    assert _correction_in_trail(deleted).action == Action.DELETE
    # Once the return is submitted, its entries are fixed.
    locked = _entry(built.hv_return, users["hv.practitioner"])
    hv = client_for("hv.practitioner")
    assert hv.get(reverse("audits:chronology-edit", args=[locked.pk])).status_code == 403


def test_a_finding_is_edited_and_deleted_at_moderation_only(make_audit, client_for, demo):
    _, users = demo
    built = make_audit("moderation_open")
    themes = list(built.audit.partnership.themes.order_by("pk")[:2])
    finding = Finding.objects.create(
        case=built.c001, kind="strength", text="Seen often", recorded_by=users["panel.member"]
    )
    finding.themes.add(themes[0])
    client = client_for("panel.member")
    response = client.post(
        reverse("audits:finding-edit", args=[finding.pk]),
        {
            "kind": "area_for_learning",
            "themes": [themes[1].pk],
            "text": "Seen often, but the father never",
            "reason": "The panel agreed it is learning",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.kind == "area_for_learning" and list(finding.themes.all()) == [themes[1]]
    correction = Correction.objects.get(change="Changed a finding for C001")
    assert correction.before["kind"] == "strength" and correction.before["themes"] == [
        themes[0].name
    ]
    client.post(reverse("audits:finding-delete", args=[finding.pk]), {"reason": "Duplicate"})
    assert not Finding.objects.exists()
    assert Correction.objects.get(change="Deleted a finding for C001").before["text"]
    built.audit.stage = "findings_agreed"
    built.audit.save()
    again = Finding.objects.create(
        case=built.c001, kind="strength", text="y", recorded_by=users["panel.member"]
    )
    assert client.get(reverse("audits:finding-edit", args=[again.pk])).status_code == 403


def test_a_family_view_is_edited_and_deleted(make_audit, client_for, demo):
    _, users = demo
    built = make_audit("returns_open")
    voice = FamilyVoice.objects.create(
        audit=built.audit, role="Mother", quote="They listend", consent_given=True,
        consent_recorded_by=users["audit.lead"],
    )  # fmt: skip
    client = client_for("audit.lead")
    response = client.post(
        reverse("audits:family-voice-edit", args=[voice.pk]),
        {"role": "Mother", "quote": "They listened", "consent_given": "on", "reason": "Typo"},
    )
    assert response.status_code == 302
    voice.refresh_from_db()
    assert voice.quote == "They listened"
    client.post(reverse("audits:family-voice-delete", args=[voice.pk]), {"reason": "Withdrawn"})
    assert not FamilyVoice.objects.exists()
    assert Correction.objects.get(change="Deleted the mother's view").before["quote"]


def test_family_voice_saved_before_moderation_does_not_land_on_a_refusal(make_audit, client_for):
    """Seen: a family-voice save showed a success banner over a 403 page."""
    built = make_audit("returns_open")
    response = client_for("audit.lead").post(
        reverse("audits:family-voice-add", args=[built.audit.pk]),
        {"case": built.c001.pk, "role": "Mother", "quote": "Nobody came", "consent_given": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("audits:audit-overview", args=[built.audit.pk])
    assert "The mother&#x27;s view is recorded" in response.content.decode()


def test_a_lead_sends_a_submitted_return_back_and_it_is_resubmitted(make_audit, client_for):
    """Seen: an agency lead could not send a return back."""
    built = make_audit("returns_open")
    ret = built.police_return
    SingleAgencyReturn.objects.filter(pk=ret.pk).update(
        answers=complete_answers(ret.tool_version), status="submitted"
    )
    lead, practitioner = client_for("police.lead"), client_for("police.practitioner")
    url = reverse("audits:return-send-back", args=[ret.pk])
    refused = lead.post(url, {"version": 0})
    assert "Enter what needs changing, so the practitioner knows" in refused.content.decode()
    lead.post(url, {"version": 0, "reason": "Section D: say whether the GP was asked"})
    ret.refresh_from_db()
    assert ret.status == "sent_back" and ret.sent_back_by.username == "police.lead"
    page = practitioner.get(reverse("audits:return-overview", args=[ret.pk])).content.decode()
    assert "Section D: say whether the GP was asked" in page
    assert practitioner.get(reverse("audits:return-section", args=[ret.pk, "D"])).status_code == 200
    home = practitioner.get(reverse("home")).content.decode()
    assert "Sent back to you to change" in home
    response = confirmed(
        practitioner, reverse("audits:return-submit", args=[ret.pk]), {"version": ret.version}
    )
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.status == "submitted" and ret.send_back_count == 1
    summaries = list(
        AuditEvent.objects.filter(object_ref=ret.trail_ref).values_list("summary", flat=True)
    )
    assert "Sent the return back to the practitioner (the reason is on the return)" in summaries


@pytest.mark.parametrize("stage", ["returns_open"])
def test_an_escalation_notifies_the_named_recipient_and_records_its_outcome(
    stage, make_audit, client_for, settings, mailoutbox
):
    """Seen: escalations notified nobody and had no outcome."""
    settings.MACA_BASE_URL = "https://maca.northmoor.example/audit"
    built = make_audit(stage)
    client = client_for("hv.practitioner")
    missing = client.post(
        reverse("audits:escalate", args=[built.c001.pk]),
        {"escalated_to": "MASH team manager", "concern": "Bruise on a sibling"},
    )
    assert "Enter the email address of the person you escalated it to" in missing.content.decode()
    response = client.post(
        reverse("audits:escalate", args=[built.c001.pk]),
        {
            "escalated_to": "MASH team manager",
            "escalated_to_email": "mash@northmoor.example",
            "concern": "Bruise on a sibling",
        },
        follow=True,
    )
    assert "mash@northmoor.example was emailed" in response.content.decode()
    (message,) = mailoutbox
    assert message.to == ["mash@northmoor.example"]
    assert message.reply_to == ["hv.practitioner@northmoor.example"]
    assert "child C001" in message.subject
    assert f"https://maca.northmoor.example/audit/cases/{built.c001.pk}/" in message.body
    assert "Bruise" not in message.body and "SYN-" not in message.body
    escalation = built.c001.escalations.get()
    assert escalation.notified_at is not None

    outcome = reverse("audits:escalation-outcome", args=[escalation.pk])
    assert client_for("police.practitioner").get(outcome).status_code == 403
    client.post(outcome, {"outcome": "Strategy discussion held", "follow_up": "Review in 2 weeks"})
    escalation.refresh_from_db()
    assert escalation.outcome == "Strategy discussion held"
    assert escalation.outcome_recorded_by.username == "hv.practitioner"
    assert AuditEvent.objects.filter(summary="Recorded the outcome and follow-up").exists()


def test_an_escalation_stands_when_its_email_cannot_be_sent(make_audit, client_for, monkeypatch):
    import smtplib

    from maca.web.audits import escalations

    def down(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(escalations.EmailMessage, "send", down)
    built = make_audit("returns_open")
    response = client_for("audit.lead").post(
        reverse("audits:escalate", args=[built.c001.pk]),
        {"escalated_to": "MASH", "escalated_to_email": "mash@northmoor.example", "concern": "x"},
        follow=True,
    )
    assert "could not be sent: tell them yourself" in response.content.decode()
    assert built.c001.escalations.get().notified_at is None


def test_a_correction_that_cannot_write_its_trail_leaves_nothing(make_audit, trail_fails, demo):
    from django.db import DatabaseError

    _, users = demo
    built = make_audit("returns_open")
    with trail_fails(), pytest.raises(DatabaseError):
        corrections.withdraw_case(built.c001, users["audit.lead"], reason="x")
    assert not Case.objects.get(pk=built.c001.pk).withdrawn
    assert not Correction.objects.exists()

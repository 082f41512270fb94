"""Audit day and after: side-by-side returns, merged chronology, findings with dissent,
escalation, family voice, identifying details, the findings summary and its exports."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from maca.web.audits.models import ChronologyEntry, FamilyVoice, Finding, Theme
from maca.web.trail.models import Action, AuditEvent
from tests.web.builders import confirmed


def _entry(ret, when: str, event: str, user):
    return ChronologyEntry.objects.create(
        single_agency_return=ret,
        agency=ret.assignment.agency,
        date_text=when,
        sort_date=date.fromisoformat(when),
        subject="mother",
        source="record",
        event=event,
        added_by=user,
    )


def test_moderation_shows_returns_side_by_side_and_a_merged_chronology(
    make_audit, client_for, demo
):
    _, users = demo
    built = make_audit("moderation_open")
    built.hv_return.answers = {"A_narrative": "HV saw the baby at day 12"}
    built.hv_return.save()
    built.police_return.answers = {"A_narrative": "Two DA notifications"}
    built.police_return.save()
    _entry(
        built.police_return, "2023-08-20", "Police: DA notification", users["police.practitioner"]
    )
    _entry(built.hv_return, "2023-07-16", "HV: new birth visit", users["hv.practitioner"])
    _entry(built.hv_return, "2023-09-01", "HV: missed appointment", users["hv.practitioner"])
    body = (
        client_for("panel.member")
        .get(reverse("audits:moderation", args=[built.c001.pk]))
        .content.decode()
    )
    assert "HV saw the baby at day 12" in body and "Two DA notifications" in body
    order = [
        body.index(t) for t in ("HV: new birth visit", "Police: DA notification", "HV: missed")
    ]
    assert order == sorted(order)


def test_panel_records_a_finding_with_themes_and_dissent(make_audit, client_for):
    built = make_audit("moderation_open", grading=True)
    curiosity = Theme.objects.get(name="Professional curiosity")
    response = client_for("panel.member").post(
        reverse("audits:finding-add", args=[built.c001.pk]),
        {
            "kind": "area_for_learning",
            "themes": [curiosity.pk],
            "agencies": [built.hv.agency_id],
            "text": "Information taken at face value",
            "grade": "requires_improvement",
            "dissent": "Health visiting felt the record showed curiosity",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert finding.grade == "requires_improvement" and finding.dissent
    assert list(finding.themes.all()) == [curiosity]
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="finding").exists()


def test_finding_form_errors_and_no_grade_when_the_audit_does_not_grade(make_audit, client_for):
    built = make_audit("moderation_open", grading=False)
    url = reverse("audits:finding-add", args=[built.c001.pk])
    body = client_for("audit.lead").post(url, {}).content.decode()
    assert "Select the kind of finding" in body and "Select at least one theme" in body
    assert "Outstanding" not in body


def test_escalation_is_recorded_with_who_when_and_to_whom(make_audit, client_for):
    built = make_audit("returns_open")
    response = client_for("hv.practitioner").post(
        reverse("audits:escalate", args=[built.c001.pk]),
        {
            "escalated_to": "MASH team manager",
            "escalated_to_email": "mash@northmoor.example",
            "concern": "Sibling seen with a bruise",
        },
    )
    assert response.status_code == 302
    escalation = built.c001.escalations.get()
    assert escalation.raised_by.username == "hv.practitioner" and escalation.raised_at
    assert AuditEvent.objects.filter(
        action=Action.ESCALATE, actor_username="hv.practitioner"
    ).exists()


def test_family_voice_needs_consent_and_a_role(make_audit, client_for):
    built = make_audit("moderation_open")
    url = reverse("audits:family-voice-add", args=[built.audit.pk])
    client = client_for("panel.member")
    body = client.post(url, {"quote": "I had to chase"}).content.decode()
    assert "Confirm consent was given" in body and "Select the person&#x27;s role" in body
    assert not FamilyVoice.objects.exists()
    client.post(
        url,
        {"quote": "I had to chase", "role": "Mother", "consent_given": "on", "case": built.c001.pk},
    )
    voice = FamilyVoice.objects.get()
    assert voice.consent_given and voice.consent_recorded_by.username == "panel.member"


def test_identifying_details_only_behind_a_recorded_view(make_audit, client_for):
    built = make_audit("returns_open")
    client = client_for("hv.practitioner")
    assert (
        "SYN-900001"
        not in client.get(reverse("audits:case-detail", args=[built.c001.pk])).content.decode()
    )
    assert not AuditEvent.objects.filter(action=Action.VIEW_IDENTIFYING).exists()
    body = client.get(reverse("audits:case-identifying", args=[built.c001.pk])).content.decode()
    assert "SYN-900001" in body
    event = AuditEvent.objects.get(action=Action.VIEW_IDENTIFYING)
    assert event.actor_username == "hv.practitioner" and event.object_ref == built.c001.trail_ref
    assert "SYN" not in event.summary + event.object_ref


def _findings(built, users):
    themes = {t.name: t for t in Theme.objects.all()}
    strength = Finding.objects.create(
        case=built.c001, kind="strength", text="Consistent HV", recorded_by=users["panel.member"]
    )
    strength.themes.add(themes["Consistency of practitioner"])
    strength.agencies.add(built.hv.agency)
    for case in (built.c001, built.c002):
        learning = Finding.objects.create(
            case=case,
            kind="area_for_learning",
            text="=Taken at face value",
            recorded_by=users["panel.member"],
        )
        learning.themes.add(themes["Professional curiosity"])


def test_summary_counts_cases_per_theme_and_agency(
    make_audit, client_for, demo, confirm_every_passage
):
    _, users = demo
    built = make_audit("findings_agreed")
    _findings(built, users)
    FamilyVoice.objects.create(
        audit=built.audit,
        role="Father",
        quote="She did ask questions",
        consent_given=True,
        consent_recorded_by=users["audit.lead"],
    )
    url = reverse("audits:summary", args=[built.audit.pk])
    unread = client_for("board.reader").get(url).content.decode()
    assert "She did ask questions" not in unread  # until it is read for identifying details
    confirm_every_passage(built.audit)
    response = client_for("board.reader").get(url)
    body = response.content.decode()
    assert "3 findings across 2 cases" in body
    assert "<svg" in body and "She did ask questions" in body
    from maca.web.audits.summary import theme_rows

    rows = {
        r["theme"]: (r["strengths"], r["learning"])
        for r in theme_rows(list(Finding.objects.all()), str)
    }
    assert rows == {"Professional curiosity": (0, 2), "Consistency of practitioner": (1, 0)}


def test_exports_are_pseudonymised_safe_and_logged(
    make_audit, client_for, demo, confirm_every_passage
):
    _, users = demo
    built = make_audit("findings_agreed")
    _findings(built, users)
    confirm_every_passage(built.audit)
    client = client_for("panel.member")
    response = client.get(reverse("audits:summary-csv", args=[built.audit.pk]))
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 and {r["case_ref"] for r in rows} == {"C001", "C002"}
    assert "SYN-9000" not in text
    assert all(r["finding"] == "'=Taken at face value" for r in rows if r["kind"] != "Strength")
    book = load_workbook(
        io.BytesIO(client.get(reverse("audits:summary-xlsx", args=[built.audit.pk])).content)
    )
    assert book.sheetnames == ["Findings", "Themes", "Family voice"]
    assert book["Findings"].max_row == 4
    exports = AuditEvent.objects.filter(action=Action.EXPORT, actor_username="panel.member")
    assert exports.count() == 2


def test_stage_moves_forward_one_step_at_a_time(make_audit, client_for):
    built = make_audit("returns_open")
    client = client_for("audit.lead")
    url = reverse("audits:audit-advance", args=[built.audit.pk])
    confirmed(client, url, {"from_stage": "returns_open"})
    built.audit.refresh_from_db()
    assert built.audit.stage == "moderation_open"
    client.post(url, {"from_stage": "returns_open"})  # a stale second click changes nothing
    built.audit.refresh_from_db()
    assert built.audit.stage == "moderation_open"
    client.post(url, {"from_stage": "nonsense"})
    built.audit.refresh_from_db()
    assert built.audit.stage == "moderation_open"


def test_dashboard_counts_and_agency_leads_see_only_their_agency(make_audit, client_for):
    built = make_audit("returns_open")
    lead_page = client_for("audit.lead").get(
        reverse("audits:audit-overview", args=[built.audit.pk])
    )
    assert lead_page.context["totals"]["all"] == 3
    assert lead_page.context["totals"]["submitted"] == 1
    hv_page = client_for("hv.lead").get(reverse("audits:audit-overview", args=[built.audit.pk]))
    assert hv_page.context["totals"]["all"] == 1
    assert [r["case"].case_ref for r in hv_page.context["rows"]] == ["C001"]
    assert "Northmoor Police" not in hv_page.content.decode()


def test_the_dashboard_lists_escalations_of_the_cases_shown(make_audit, client_for):
    built = make_audit("returns_open")
    client_for("hv.practitioner").post(
        reverse("audits:escalate", args=[built.c001.pk]),
        {
            "escalated_to": "MASH team manager",
            "escalated_to_email": "mash@northmoor.example",
            "concern": "Sibling seen with a bruise",
        },
    )
    lead = client_for("audit.lead").get(reverse("audits:audit-overview", args=[built.audit.pk]))
    assert "MASH team manager" in lead.content.decode()
    csc = client_for("csc.lead").get(reverse("audits:audit-overview", args=[built.audit.pk]))
    assert "MASH team manager" not in csc.content.decode()  # C001 is not a CSC case


def test_an_agency_lead_allocates_a_practitioner_of_their_own_agency(make_audit, client_for, demo):
    _, users = demo
    built = make_audit("returns_open")
    url = reverse("audits:allocate", args=[built.hv.pk])
    client = client_for("hv.lead")
    refused = client.post(
        url, {"practitioner": users["police.practitioner"].pk, "due_date": "2031-02-28"}
    )
    assert "Select the practitioner who completes the return" not in refused.content.decode()
    assert "Select practitioner from the options" in refused.content.decode()
    client.post(url, {"practitioner": users["hv.practitioner"].pk, "due_date": "28/02/2031"})
    built.hv.refresh_from_db()
    assert built.hv.practitioner == users["hv.practitioner"]
    assert str(built.hv.due_date) == "2031-02-28"

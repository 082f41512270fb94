"""Single-agency returns: drafts, validation, submit, sign-off that locks, re-open, no lost
updates, and chronology entries whose agency comes from the submitter."""

from __future__ import annotations

from django.urls import reverse

from maca.web.audits.models import ChronologyEntry, SingleAgencyReturn
from maca.web.trail.models import Action, AuditEvent
from tests.web.builders import complete_answers, confirmed


def _section_url(ret, key="A"):
    return reverse("audits:return-section", args=[ret.pk, key])


def test_save_as_draft_keeps_partial_answers_without_errors(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    client = client_for("police.practitioner")
    response = client.post(
        _section_url(ret), {"version": ret.version, "A_strengths": "Quick response", "draft": "1"}
    )
    assert response.status_code == 302
    ret.refresh_from_db()
    assert ret.answers["A_strengths"] == "Quick response"
    assert ret.version == 1
    assert AuditEvent.objects.filter(action=Action.CHANGE, summary="Saved section A").exists()


def test_save_and_continue_shows_an_error_summary_for_missing_answers(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    response = client_for("police.practitioner").post(
        _section_url(ret), {"version": ret.version, "complete": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_A_evidenced_0"' in body
    assert "Select whether section A is evidenced in your records" in body
    assert "govuk-form-group--error" in body
    ret.refresh_from_db()
    assert ret.version == 0  # nothing saved


def test_an_invalid_choice_is_refused_with_a_field_error(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    response = client_for("police.practitioner").post(
        _section_url(ret), {"version": ret.version, "A_evidenced": "perhaps", "draft": "1"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select an answer from the options" in body
    assert "Select a valid choice" not in body


def test_two_stale_saves_the_second_is_told_not_overwritten(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    first, second = client_for("police.practitioner"), client_for("police.lead")
    stale_version = ret.version  # both opened the form at version 0
    ok = first.post(
        _section_url(ret),
        {"version": stale_version, "A_narrative": "First person's words", "draft": "1"},
    )
    assert ok.status_code == 302
    clash = second.post(
        _section_url(ret),
        {"version": stale_version, "A_narrative": "Second person's words", "draft": "1"},
    )
    body = clash.content.decode()
    assert clash.status_code == 200
    assert "Your changes were not saved" in body
    assert "Second person&#x27;s words" in body  # offered back so nothing typed is lost
    ret.refresh_from_db()
    assert ret.answers["A_narrative"] == "First person's words"
    assert ret.version == 1


def test_service_level_update_checks_the_version_in_the_update(make_audit, django_user_model):
    from maca.web.audits.services import save_answers

    built = make_audit()
    ret = built.police_return
    user = django_user_model.objects.get(username="police.practitioner")
    assert save_answers(ret, {"A_strengths": "one"}, 0, user) is True
    assert save_answers(ret, {"A_strengths": "two"}, 0, user) is False
    ret.refresh_from_db()
    assert ret.answers == {"A_strengths": "one"}


def test_submit_incomplete_lists_each_section_to_complete(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    response = client_for("police.practitioner").post(
        reverse("audits:return-submit", args=[ret.pk]), {"version": ret.version}
    )
    body = response.content.decode()
    assert "Complete section A: Involvement before removal" in body
    assert "Complete section I: Impact and overall" in body
    ret.refresh_from_db()
    assert ret.status == "draft"


def test_submit_sign_off_locks_and_reopen_is_recorded(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    SingleAgencyReturn.objects.filter(pk=ret.pk).update(answers=complete_answers(ret.tool_version))
    practitioner, lead = client_for("police.practitioner"), client_for("police.lead")
    submit = reverse("audits:return-submit", args=[ret.pk])
    assert confirmed(practitioner, submit, {"version": 0}).status_code == 302
    ret.refresh_from_db()
    assert ret.status == "submitted" and ret.submitted_by.username == "police.practitioner"
    # Submitted: the practitioner can no longer change it.
    assert practitioner.get(_section_url(ret)).status_code == 403
    sign_off = reverse("audits:return-sign-off", args=[ret.pk])
    assert practitioner.post(sign_off, {"version": ret.version}).status_code == 403
    assert confirmed(lead, sign_off, {"version": ret.version}).status_code == 302
    ret.refresh_from_db()
    assert ret.status == "signed_off" and ret.signed_off_by.username == "police.lead"
    assert lead.get(_section_url(ret)).status_code == 403  # locked
    reopen = reverse("audits:return-reopen", args=[ret.pk])
    response = lead.post(reopen, {"version": ret.version, "reason": "Missing GP contact"})
    assert response.status_code == 302
    ret.refresh_from_db()
    assert (ret.status, ret.reopen_count, ret.reopen_reason) == (
        "reopened",
        1,
        "Missing GP contact",
    )
    assert ret.reopened_by.username == "police.lead"
    assert practitioner.get(_section_url(ret)).status_code == 200
    summaries = set(AuditEvent.objects.values_list("summary", flat=True))
    assert {"Submitted the return", "Signed off (return locked)"} <= summaries
    assert "Re-opened the return (was signed off)" in summaries


def test_reopen_needs_a_reason(make_audit, client_for):
    built = make_audit()
    ret = built.hv_return
    response = client_for("hv.lead").post(
        reverse("audits:return-reopen", args=[ret.pk]), {"version": ret.version, "reason": ""}
    )
    assert "Enter why the return is being re-opened" in response.content.decode()


def test_a_return_keeps_its_tool_version(make_audit):
    from maca.web.audits.models import ToolVersion

    built = make_audit()
    v1 = built.police_return.tool_version
    v2 = ToolVersion.objects.create(tool=v1.tool, version=2, sections=v1.sections[:2])
    built.audit.tool_version = v2
    built.audit.save()
    built.police_return.refresh_from_db()
    assert built.police_return.tool_version == v1


def test_chronology_entry_takes_the_agency_of_the_return_not_the_form(make_audit, client_for):
    built = make_audit()
    ret = built.police_return
    response = client_for("police.practitioner").post(
        reverse("audits:chronology-add", args=[ret.pk]),
        {
            "date_text": "?14/05/2023",
            "subject": "mother",
            "source": "Custody record",
            "event": "Arrested; baby with grandmother",
            "significance": "high",
            "agency": built.hv.agency_id,
        },
    )
    assert response.status_code == 302
    entry = ChronologyEntry.objects.get()
    assert entry.agency == built.police.agency
    assert entry.sort_date.isoformat() == "2023-05-14" and entry.date_uncertain


def test_chronology_date_errors_are_explained(make_audit, client_for):
    built = make_audit()
    response = client_for("police.practitioner").post(
        reverse("audits:chronology-add", args=[built.police_return.pk]),
        {"date_text": "last spring", "subject": "", "source": "x", "event": "y"},
    )
    body = response.content.decode()
    assert "Enter a date like 2023-05-14" in body
    assert "Enter who the event is about, by role" in body

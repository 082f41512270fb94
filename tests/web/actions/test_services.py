"""Every change of the actions app is one service call: the change and its trail entry in one
transaction, or neither (``trail_fails``); and the rules of the action plan hold in the service,
whatever the form."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import DatabaseError
from django.utils import timezone


def _nothing_left(trail_fails, call, *models):
    from maca.web.trail.models import AuditEvent

    before = [m.objects.count() for m in models]
    events = AuditEvent.objects.count()
    with trail_fails(), pytest.raises(DatabaseError):
        call()
    assert [m.objects.count() for m in models] == before
    assert AuditEvent.objects.count() == events


def test_an_action_whose_trail_entry_fails_is_not_added(planned, trail_fails):
    from maca.web.actions import services
    from maca.web.actions.models import Action, StatusChange
    from maca.web.trail.models import AuditEvent

    audit, lead = planned.audit, planned.audit.created_by
    fields = {
        "text": "Verify what parents say.",
        "measure": "Dip sample.",
        "owner_agency": planned.hv.agency,
        "lead_user": None,
        "lead_role": "Named nurse",
        "due_date": timezone.localdate() + timedelta(days=20),
    }

    def add():
        return services.add_action(audit, planned.theme, lead, **fields)

    _nothing_left(trail_fails, add, Action, StatusChange)
    action = add()
    assert action.status == "not_started" and action.area == "Professional curiosity"
    assert [c.reason for c in action.status_changes.all()] == ["Action agreed"]
    event = AuditEvent.objects.get(object_ref=action.trail_ref)
    assert event.action == "create" and "Professional curiosity" in event.summary


def test_a_status_change_whose_trail_entry_fails_changes_nothing(planned, trail_fails):
    from maca.web.actions import services
    from maca.web.actions.models import Action, StatusChange

    action, lead = planned.hv_action, planned.audit.created_by

    def change():
        return services.change_status(action, 0, lead, status="green", reason="Under way.")

    _nothing_left(trail_fails, change, StatusChange)
    action.refresh_from_db()
    assert (action.status, action.version) == ("not_started", 0)
    assert change() is True
    action.refresh_from_db()
    assert (action.status, action.version) == ("green", 1)
    last = action.status_changes.last()
    assert (last.from_status, last.to_status, last.reason) == ("not_started", "green", "Under way.")
    assert last.changed_by == lead
    # A form shown before that change is stale: nothing is written.
    assert services.change_status(action, 0, lead, status="amber", reason="x") is False
    assert Action.objects.get(pk=action.pk).status == "green"


def test_complete_needs_evidence_of_impact_or_a_reason(planned):
    from maca.web.actions import services
    from maca.web.actions.services import ActionProblem

    action, lead = planned.hv_action, planned.audit.created_by
    with pytest.raises(ActionProblem, match="without evidence of impact or a reason"):
        services.change_status(action, 0, lead, status="complete", reason="Done.")
    with pytest.raises(ActionProblem):
        services.change_status(
            action, 0, lead, status="complete", reason="Done.", no_impact_reason=" "
        )
    assert services.change_status(
        action, 0, lead, status="complete", reason="Done.", no_impact_reason="Measured at re-audit."
    )
    action.refresh_from_db()
    assert action.complete and action.completed_at and action.no_impact_reason
    # Opened again: no longer complete, the reason goes, the history stays.
    assert services.change_status(action, 1, lead, status="amber", reason="Not embedded.")
    action.refresh_from_db()
    assert (action.completed_at, action.no_impact_reason) == (None, "")
    assert action.status_changes.count() == 3


def test_with_impact_evidence_an_action_closes_without_a_reason(planned, trail_fails):
    from maca.web.actions import services
    from maca.web.actions.models import ImpactEvidence

    action, lead = planned.hv_action, planned.audit.created_by

    def record():
        return services.record_impact(
            action, lead, what_changed="17 of 20 records verified.", how_measured="Dip sample."
        )

    _nothing_left(trail_fails, record, ImpactEvidence)
    record()
    assert services.change_status(action, 0, lead, status="complete", reason="Done.")


def test_changing_an_action_is_compare_and_set_and_a_new_due_date_reminds_again(planned):
    from maca.web.actions import services
    from maca.web.actions.models import Action

    action, lead = planned.hv_action, planned.audit.created_by
    Action.objects.filter(pk=action.pk).update(reminded_before_on=date(2030, 1, 1))
    action.refresh_from_db()
    later = action.due_date + timedelta(days=14)
    assert services.change_action(action, 0, lead, due_date=later, text="Reworded.")
    action.refresh_from_db()
    assert (action.due_date, action.text, action.reminded_before_on) == (later, "Reworded.", None)
    assert services.change_action(action, 0, lead, text="Stale.") is False
    services.change_status(action, 1, lead, status="complete", reason="x", no_impact_reason="y")
    action.refresh_from_db()
    assert services.change_action(action, action.version, lead, text="After done.") is False


def test_resources_and_their_trail(planned, trail_fails):
    from maca.web.actions import services
    from maca.web.actions.models import Resource
    from maca.web.trail.models import AuditEvent

    partnership, lead = planned.audit.partnership, planned.audit.created_by
    fields = {"kind": "guidance", "title": "Early help strategy", "url": "https://example.org/eh"}

    def add():
        return services.add_resource(partnership, lead, themes=[planned.theme], **fields)

    _nothing_left(trail_fails, add, Resource)
    resource = add()
    assert list(resource.themes.all()) == [planned.theme]
    with trail_fails(), pytest.raises(DatabaseError):
        services.change_resource(resource, lead, themes=[], active=False, **fields)
    resource.refresh_from_db()
    assert resource.active and resource.themes.count() == 1
    services.change_resource(resource, lead, themes=[], active=False, **fields)
    assert AuditEvent.objects.filter(
        object_ref=resource.trail_ref, summary="Withdrew the resource from the library"
    ).exists()


def test_a_discussion_whose_trail_entry_fails_is_not_recorded(planned, trail_fails):
    from maca.web.actions import services
    from maca.web.actions.models import BriefingDiscussion

    def record():
        return services.record_discussion(
            planned.published,
            planned.audit.created_by,
            agency=planned.hv.agency,
            team="North team",
            discussed_on=timezone.localdate(),
            attendees=12,
            answers=[{"question": "Q?", "answer": "A."}],
            will_do="Check who lives there.",
        )

    _nothing_left(trail_fails, record, BriefingDiscussion)
    assert record().attendees == 12


def test_a_re_audit_copies_the_audit_and_keeps_the_cohort_parameters(planned, trail_fails):
    from maca.web.actions import services
    from maca.web.actions.models import ReAudit
    from maca.web.audits.models import Audit
    from maca.web.briefings.build import draft_for

    earlier, lead = planned.audit, planned.audit.created_by
    draft = draft_for(earlier)
    draft.scope_json = {
        "period": {"from": "2023-09-01", "to": "2023-12-31"},
        "children": 2,
        "families": 1,
        "in_first_1001_days": 2,
        "in_first_1001_days_with_sibling_group": 2,
        "pp_invoked": 2,
        "pp_considered_s20": 0,
        "parameters": {
            "period_from": "2023-09-01",
            "period_to": "2023-12-31",
            "home_la": "840",
            "merge_hours": 72,
            "rules_sha256": "ab" * 32,
            "engine": "duckdb",
        },
    }
    draft.save()
    fields = {
        "title": "Re-audit",
        "period_from": date(2024, 9, 1),
        "period_to": date(2024, 12, 31),
        "returns_due": timezone.localdate() + timedelta(days=30),
    }
    _nothing_left(
        trail_fails, lambda: services.start_reaudit(earlier, lead, **fields), Audit, ReAudit
    )
    later = services.start_reaudit(earlier, lead, **fields)
    assert (later.tool_version, later.question, later.grading, later.stage) == (
        earlier.tool_version,
        earlier.question,
        earlier.grading,
        "commissioned",
    )
    reaudit = later.reaudit
    assert reaudit.earlier == earlier and reaudit.parameters_known
    assert reaudit.cohort_parameters == {
        "period_from": "2024-09-01",
        "period_to": "2024-12-31",
        "home_la": "840",
        "merge_hours": 72,
        "rules_sha256": "ab" * 32,
    }


def test_a_re_audit_of_an_audit_without_scope_json_says_so(planned):
    from maca.web.actions import services

    earlier = planned.audit
    earlier.partnership.la_code = "999"
    earlier.partnership.save()
    later = services.start_reaudit(
        earlier,
        earlier.created_by,
        title="Re-audit",
        period_from=date(2024, 9, 1),
        period_to=date(2024, 12, 31),
        returns_due=timezone.localdate(),
    )
    assert not later.reaudit.parameters_known
    assert later.reaudit.cohort_parameters["home_la"] == "999"


def test_an_export_of_the_board_report_is_in_the_trail(planned):
    from maca.web.actions import services
    from maca.web.trail.models import AuditEvent

    services.record_board_report_export(planned.audit, "DOCX", planned.audit.created_by)
    event = AuditEvent.objects.get(action="export")
    assert event.summary == "Board report as DOCX (pseudonymised)"
    assert event.object_ref == planned.audit.trail_ref

"""Who may do what to an audit: role x agency x audit stage. Deny by default.

Object-level predicates take an Audit, Case, Assignment or SingleAgencyReturn and work out the
audit from it. Agencies see only their own agency's returns until moderation opens; after that
an agency lead of an agency assigned to a case sees that case's returns side by side, and the
panel sees all of them. Identifying details (the person id) are for the business team and the
agencies assigned to the case.
"""

from __future__ import annotations

import rules

from maca.web.accounts.rules import (
    is_agency_lead,
    is_audit_lead,
    is_board_reader,
    is_panel_member,
    is_partnership_admin,
    is_practitioner,
)

from .stages import Stage, at_least

is_business_team = is_partnership_admin | is_audit_lead


def _audit(obj):
    """The audit an object belongs to (None for anything else)."""
    from .models import Audit

    if isinstance(obj, Audit):
        return obj
    case = _case(obj)
    if case is not None:
        return case.audit
    audit = getattr(obj, "audit", None)  # an upload, a family voice
    return audit if isinstance(audit, Audit) else None


def _case(obj):
    """The case of a case, an assignment, a return, a chronology entry, a finding or an
    escalation (None for anything else)."""
    from .models import Case

    if isinstance(obj, Case):
        return obj
    assignment = _assignment(obj)
    if assignment is not None:
        return assignment.case
    case = getattr(obj, "case", None)
    return case if isinstance(case, Case) else None


def _assignment(obj):
    from .models import Assignment, ChronologyEntry, SingleAgencyReturn

    if isinstance(obj, ChronologyEntry):
        obj = obj.single_agency_return
    if isinstance(obj, Assignment):
        return obj
    if isinstance(obj, SingleAgencyReturn):
        return obj.assignment
    return None


@rules.predicate
def in_audit_partnership(user, obj) -> bool:
    audit = _audit(obj)
    return audit is not None and audit.partnership_id == user.partnership_id


@rules.predicate
def agency_assigned_in_audit(user, obj) -> bool:
    audit = _audit(obj)
    return audit is not None and audit.cases.filter(assignments__agency_id=user.agency_id).exists()


@rules.predicate
def agency_assigned_to_case(user, obj) -> bool:
    case = _case(obj)
    return case is not None and case.assignments.filter(agency_id=user.agency_id).exists()


@rules.predicate
def own_agency_assignment(user, obj) -> bool:
    assignment = _assignment(obj)
    return assignment is not None and assignment.agency_id == user.agency_id


@rules.predicate
def allocated_to_user(user, obj) -> bool:
    assignment = _assignment(obj)
    return assignment is not None and assignment.practitioner_id == user.pk


@rules.predicate
def case_current(user, obj) -> bool:
    """The object's case is still in the audit (not withdrawn); an audit-wide object has none."""
    case = _case(obj)
    return case is None or not case.withdrawn


@rules.predicate
def agency_without_lead(user, obj) -> bool:
    """The return's agency has no active agency lead: the business team signs off for it."""
    from .readiness import has_agency_lead

    assignment = _assignment(obj)
    return assignment is not None and not has_agency_lead(assignment.agency_id)


@rules.predicate
def raised_by_user(user, obj) -> bool:
    return getattr(obj, "raised_by_id", None) == user.pk


def _stage_predicate(name: str, test) -> rules.Predicate:
    @rules.predicate(name=name)
    def predicate(user, obj) -> bool:
        audit = _audit(obj)
        return audit is not None and test(audit.stage)

    return predicate


returns_open = _stage_predicate("returns_open", lambda s: s == Stage.RETURNS_OPEN)
before_moderation = _stage_predicate(
    "before_moderation", lambda s: not at_least(s, Stage.MODERATION_OPEN)
)
moderation_open = _stage_predicate("moderation_open", lambda s: s == Stage.MODERATION_OPEN)
moderation_or_later = _stage_predicate(
    "moderation_or_later", lambda s: at_least(s, Stage.MODERATION_OPEN)
)
findings_agreed_or_later = _stage_predicate(
    "findings_agreed_or_later", lambda s: at_least(s, Stage.FINDINGS_AGREED)
)
not_closed = _stage_predicate("not_closed", lambda s: s != Stage.CLOSED)
commissioned = _stage_predicate("commissioned", lambda s: s == Stage.COMMISSIONED)
before_findings_agreed = _stage_predicate(
    "before_findings_agreed", lambda s: not at_least(s, Stage.FINDINGS_AGREED)
)


def on(related: str, perm: str) -> rules.Predicate:
    """The permission ``perm`` on the object's ``related`` record (a chronology entry is
    corrected by whoever may edit its return)."""

    @rules.predicate(name=f"{perm}_on_{related}")
    def predicate(user, obj) -> bool:
        return user.has_perm(perm, getattr(obj, related))

    return predicate


@rules.predicate
def return_editable(user, obj) -> bool:
    return getattr(obj, "editable", False)


@rules.predicate
def return_submitted(user, obj) -> bool:
    return getattr(obj, "status", "") == "submitted"


@rules.predicate
def not_undone(user, obj) -> bool:
    return getattr(obj, "undone_at", None) is None


@rules.predicate
def return_locked(user, obj) -> bool:
    return getattr(obj, "status", "") in ("submitted", "signed_off")


agency_user = is_agency_lead | is_practitioner

# Pages without an object.
rules.add_perm(
    "audits.list_audits",
    is_business_team | is_panel_member | is_agency_lead | is_board_reader,
)
rules.add_perm("audits.commission_audit", is_business_team)
rules.add_perm("audits.list_my_returns", agency_user)

# An audit.
rules.add_perm(
    "audits.view_audit",
    in_audit_partnership
    & (is_business_team | is_panel_member | (is_agency_lead & agency_assigned_in_audit)),
)
rules.add_perm("audits.manage_audit", in_audit_partnership & is_business_team)
rules.add_perm("audits.edit_audit", in_audit_partnership & is_business_team & not_closed)
rules.add_perm("audits.load_cohort", in_audit_partnership & is_business_team & before_moderation)
rules.add_perm(
    "audits.assign_agencies", in_audit_partnership & is_business_team & before_moderation
)
rules.add_perm("audits.view_corrections", in_audit_partnership & is_business_team)
rules.add_perm(
    "audits.record_family_voice",
    in_audit_partnership & (is_business_team | is_panel_member) & not_closed,
)
rules.add_perm(
    "audits.view_summary",
    in_audit_partnership
    & (
        is_business_team
        | (is_panel_member & moderation_or_later)
        | (is_board_reader & findings_agreed_or_later)
    ),
)

# An upload of cohort.csv and/or key.csv.
rules.add_perm(
    "audits.undo_upload",
    in_audit_partnership & is_business_team & before_findings_agreed & not_undone,
)

# A case.
rules.add_perm(
    "audits.withdraw_case",
    in_audit_partnership & is_business_team & before_findings_agreed & case_current,
)
rules.add_perm(
    "audits.view_case",
    in_audit_partnership
    & (
        is_business_team
        | (is_panel_member & moderation_or_later)
        | (agency_user & agency_assigned_to_case)
    ),
)
rules.add_perm(
    "audits.view_identifying",
    in_audit_partnership & (is_business_team | (agency_user & agency_assigned_to_case)),
)
rules.add_perm(
    "audits.moderate_case",
    in_audit_partnership
    & moderation_or_later
    & (is_business_team | is_panel_member | (is_agency_lead & agency_assigned_to_case)),
)
rules.add_perm(
    "audits.record_finding",
    in_audit_partnership & moderation_open & case_current & (is_business_team | is_panel_member),
)
rules.add_perm(
    "audits.escalate_concern",
    in_audit_partnership
    & not_closed
    & (is_business_team | is_panel_member | (agency_user & agency_assigned_to_case)),
)

# An escalation.
rules.add_perm(
    "audits.record_escalation_outcome",
    in_audit_partnership & (is_business_team | raised_by_user),
)

# An assignment.
rules.add_perm(
    "audits.allocate_practitioner",
    in_audit_partnership
    & before_moderation
    & case_current
    & (is_business_team | (is_agency_lead & own_agency_assignment)),
)

# A single-agency return.
rules.add_perm(
    "audits.view_return",
    in_audit_partnership
    & (
        is_business_team
        | (agency_user & own_agency_assignment)
        | (is_panel_member & moderation_or_later)
        | (is_agency_lead & agency_assigned_to_case & moderation_or_later)
    ),
)
# Who may complete a return, were it open: its practitioner, or its agency's lead.
return_holder = (is_practitioner & allocated_to_user) | (is_agency_lead & own_agency_assignment)
rules.add_perm(
    "audits.edit_return",
    in_audit_partnership & returns_open & return_editable & case_current & return_holder,
)
# The agency lead signs off (or sends back) a submitted return; for an agency with no lead, the
# business team does, on the agency's behalf (ADR 0301).
signs_off = (is_agency_lead & own_agency_assignment) | (is_business_team & agency_without_lead)
rules.add_perm(
    "audits.sign_off_return",
    in_audit_partnership & returns_open & return_submitted & case_current & signs_off,
)
rules.add_perm(
    "audits.send_back_return",
    in_audit_partnership & returns_open & return_submitted & case_current & signs_off,
)

# What was recorded, corrected while it can still be changed.
rules.add_perm("audits.correct_chronology_entry", on("single_agency_return", "audits.edit_return"))
rules.add_perm("audits.correct_finding", on("case", "audits.record_finding"))
rules.add_perm("audits.correct_family_voice", on("audit", "audits.record_family_voice"))
rules.add_perm(
    "audits.reopen_return",
    in_audit_partnership
    & returns_open
    & return_locked
    & (is_business_team | (is_agency_lead & own_agency_assignment)),
)

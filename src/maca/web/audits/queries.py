"""Every list and export goes through one of these ``visible_to`` queries.

They say in SQL what ``rules.py`` says per object, so a list never shows a row its detail page
would refuse.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maca.web.accounts.roles import Role

from .models import Audit, Case, Finding, SingleAgencyReturn, Theme, ToolVersion
from .stages import ORDER, Stage

BUSINESS_TEAM = (Role.PARTNERSHIP_ADMIN, Role.AUDIT_LEAD)
AGENCY_ROLES = (Role.AGENCY_LEAD, Role.PRACTITIONER)


def _stages_from(stage: Stage) -> list[str]:
    return [s.value for s in ORDER[ORDER.index(stage) :]]


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.partnership_id)


def visible_audits(user) -> QuerySet[Audit]:
    if not _active(user):
        return Audit.objects.none()
    audits = Audit.objects.filter(partnership_id=user.partnership_id)
    if user.role in BUSINESS_TEAM or user.role == Role.PANEL_MEMBER:
        return audits
    if user.role == Role.AGENCY_LEAD:
        return audits.filter(cases__assignments__agency_id=user.agency_id).distinct()
    if user.role == Role.BOARD_READER:
        return audits.filter(stage__in=_stages_from(Stage.FINDINGS_AGREED))
    return Audit.objects.none()


def visible_cases(user, audit: Audit) -> QuerySet[Case]:
    if not _active(user) or audit.partnership_id != user.partnership_id:
        return Case.objects.none()
    cases = audit.cases.all()
    if user.role in BUSINESS_TEAM:
        return cases
    if user.role == Role.PANEL_MEMBER and audit.stage in _stages_from(Stage.MODERATION_OPEN):
        return cases
    if user.role in AGENCY_ROLES:
        return cases.filter(assignments__agency_id=user.agency_id).distinct()
    return Case.objects.none()


def visible_returns(user, case: Case) -> QuerySet[SingleAgencyReturn]:
    """The returns of one case a user may read (moderation shows them side by side)."""
    returns = SingleAgencyReturn.objects.filter(assignment__case=case).select_related(
        "assignment__agency", "assignment__practitioner"
    )
    audit = case.audit
    if not _active(user) or audit.partnership_id != user.partnership_id:
        return returns.none()
    moderation = audit.stage in _stages_from(Stage.MODERATION_OPEN)
    if user.role in BUSINESS_TEAM or (user.role == Role.PANEL_MEMBER and moderation):
        return returns
    if user.role == Role.AGENCY_LEAD and moderation:
        if case.assignments.filter(agency_id=user.agency_id).exists():
            return returns
    if user.role in AGENCY_ROLES:
        return returns.filter(assignment__agency_id=user.agency_id)
    return returns.none()


def my_returns(user) -> QuerySet[SingleAgencyReturn]:
    """A practitioner's allocated returns; an agency lead's agency's returns."""
    returns = SingleAgencyReturn.objects.select_related(
        "assignment__case__audit", "assignment__agency", "assignment__practitioner"
    ).order_by("assignment__due_date", "assignment__case__case_ref")
    if not _active(user):
        return returns.none()
    returns = returns.filter(assignment__case__audit__partnership_id=user.partnership_id)
    if user.role == Role.PRACTITIONER:
        return returns.filter(assignment__practitioner=user)
    if user.role == Role.AGENCY_LEAD:
        return returns.filter(assignment__agency_id=user.agency_id)
    return returns.none()


def visible_findings(user, audit: Audit) -> QuerySet[Finding]:
    """Findings for the summary and its exports: all of the audit's (less those of withdrawn
    cases), when the summary is visible to the user at all (the caller checks
    ``audits.view_summary``)."""
    if not user.has_perm("audits.view_summary", audit):
        return Finding.objects.none()
    return (
        Finding.objects.filter(case__audit=audit)
        .current()
        .select_related("case")
        .prefetch_related("themes", "agencies")
    )


def themes_of(partnership, *, active_only: bool = False) -> QuerySet[Theme]:
    """A partnership's own themes (ADR 0341): what its pickers offer (``active_only``) and what
    names the theme ids in its returns and findings (all, retired ones too)."""
    themes = Theme.objects.filter(partnership=partnership)
    return themes.filter(active=True) if active_only else themes


def theme_names(partnership) -> dict[str, str]:
    """Theme id (as a return's answers hold it) -> name, for a partnership's pages."""
    return {str(pk): name for pk, name in themes_of(partnership).values_list("pk", "name")}


def tool_versions_offered(partnership) -> QuerySet[ToolVersion]:
    """The versions a partnership may commission an audit with: its own, offered ones."""
    return ToolVersion.objects.filter(tool__partnership=partnership, published=True).select_related(
        "tool"
    )

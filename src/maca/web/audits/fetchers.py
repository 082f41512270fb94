"""The audit app's objects by primary key, with what their pages and permissions read, or 404.
For ``common.views.permission_required(perm, fetch)``; the briefings app uses ``audit_from``.
The command line's lookups (an audit by number, the user of ``--by``) are here too, with a
one-line problem instead of a 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from maca.problems import Problem
from maca.web.accounts.models import User

from .models import (
    Assignment,
    Audit,
    Case,
    ChronologyEntry,
    CohortUpload,
    FamilyVoice,
    Finding,
    SafeguardingEscalation,
    SingleAgencyReturn,
)


class NotFound(Problem):
    """A command names an audit, or a user of its partnership, that is not there."""


def audit_numbered(audit_id: int) -> Audit:
    audit = Audit.objects.filter(pk=audit_id).select_related("partnership").first()
    if audit is None:
        raise NotFound(f"there is no audit {audit_id}")
    return audit


def partnership_user(audit: Audit, username: str) -> User | None:
    """The user ``--by`` names in the audit's partnership; no name, no user."""
    if not username:
        return None
    user = User.objects.filter(username=username, partnership=audit.partnership).first()
    if user is None:
        raise NotFound(f"no user {username!r} in the audit's partnership")
    return user


def audit_from(pk) -> Audit:
    return get_object_or_404(Audit.objects.select_related("partnership", "tool_version"), pk=pk)


def case_from(pk) -> Case:
    return get_object_or_404(Case.objects.select_related("audit__partnership"), pk=pk)


def assignment_from(pk) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("case__audit__partnership", "agency"), pk=pk
    )


def return_from(pk) -> SingleAgencyReturn:
    return get_object_or_404(
        SingleAgencyReturn.objects.select_related(
            "assignment__case__audit__partnership",
            "assignment__agency",
            "assignment__practitioner",
            "tool_version__tool",
        ),
        pk=pk,
    )


def upload_from(pk) -> CohortUpload:
    return get_object_or_404(CohortUpload.objects.select_related("audit__partnership"), pk=pk)


def entry_from(pk) -> ChronologyEntry:
    return get_object_or_404(
        ChronologyEntry.objects.select_related(
            "single_agency_return__assignment__case__audit__partnership",
            "single_agency_return__assignment__agency",
            "agency",
        ),
        pk=pk,
    )


def finding_from(pk) -> Finding:
    return get_object_or_404(Finding.objects.select_related("case__audit__partnership"), pk=pk)


def voice_from(pk) -> FamilyVoice:
    return get_object_or_404(
        FamilyVoice.objects.select_related("audit__partnership", "case"), pk=pk
    )


def escalation_from(pk) -> SafeguardingEscalation:
    return get_object_or_404(
        SafeguardingEscalation.objects.select_related("case__audit__partnership", "raised_by"),
        pk=pk,
    )

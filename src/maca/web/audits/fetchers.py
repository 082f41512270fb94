"""The audit app's objects by primary key, with what their pages and permissions read, or 404.
For ``common.views.permission_required(perm, fetch)``; the briefings app uses ``audit_from``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import Assignment, Audit, Case, SingleAgencyReturn


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
            "tool_version",
        ),
        pk=pk,
    )

from __future__ import annotations

from django.shortcuts import get_object_or_404

from ..models import Assignment, Audit, Case, SingleAgencyReturn


def audit_from(request, pk, **kwargs) -> Audit:
    return get_object_or_404(Audit.objects.select_related("partnership", "tool_version"), pk=pk)


def case_from(request, pk, **kwargs) -> Case:
    return get_object_or_404(Case.objects.select_related("audit__partnership"), pk=pk)


def assignment_from(request, pk, **kwargs) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("case__audit__partnership", "agency"), pk=pk
    )


def return_from(request, pk, **kwargs) -> SingleAgencyReturn:
    return get_object_or_404(
        SingleAgencyReturn.objects.select_related(
            "assignment__case__audit__partnership",
            "assignment__agency",
            "assignment__practitioner",
            "tool_version",
        ),
        pk=pk,
    )


def posted(request):
    """The form data of a POST (even an empty one, which must still be validated), else None."""
    return request.POST if request.method == "POST" else None

"""Cases: load a cohort, add a case by hand, assign agencies, allocate a practitioner, and the
case page with its identifying details behind a recorded view."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from maca.web.common.views import permission_required, posted, uploaded
from maca.web.profiles.forms import upload_arguments
from maca.web.profiles.services import read_cohort_files, stored_message

from .. import services
from ..fetchers import assignment_from, audit_from, case_from
from ..forms import AllocateForm, AssignAgenciesForm, CaseForm, CohortUploadForm
from ..queries import visible_returns


def _read(upload) -> bytes | None:
    return upload.read() if upload else None


@permission_required("audits.load_cohort", audit_from)
def cohort_upload(request, audit):
    form = CohortUploadForm(posted(request), uploaded(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        cohort, key = form.cleaned_data["cohort"], form.cleaned_data["key"]
        result = services.load_cohort(
            audit,
            _read(cohort),
            _read(key),
            request.user,
            cohort_name=cohort.name if cohort else "cohort.csv",
            key_name=key.name if key else "key.csv",
            request=request,
            files=read_cohort_files(**upload_arguments(form.cleaned_data)),
        )
        problems = result.problems
        if not problems:
            parts = [f"{result.created} cases loaded"]
            if key:
                parts.append(f"identifying details added for {result.identified} cases")
            if result.key_rows_skipped:
                parts.append(f"{result.key_rows_skipped} key rows not cases of this audit")
            if result.stored:
                parts.append(stored_message(result.stored))
            messages.success(request, "; ".join(parts))
            return redirect("audits:audit-overview", pk=audit.pk)
    return render(
        request,
        "audits/cohort_upload.html",
        {"audit": audit, "form": form, "problems": problems},
    )


@permission_required("audits.load_cohort", audit_from)
def case_add(request, audit):
    form = CaseForm(posted(request), audit=audit)
    if request.method == "POST" and form.is_valid():
        case = services.add_case(audit, request.user, request=request, **form.cleaned_data)
        messages.success(request, f"Case {case.case_ref} added")
        return redirect("audits:audit-overview", pk=audit.pk)
    return render(request, "audits/case_form.html", {"audit": audit, "form": form})


@permission_required("audits.assign_agencies", audit_from)
def assign_agencies(request, audit):
    form = AssignAgenciesForm(posted(request), audit=audit, initial={"due_date": audit.returns_due})
    if request.method == "POST" and form.is_valid():
        added = services.assign_agencies_to_cases(
            form.cleaned_data["cases"],
            form.cleaned_data["agencies"],
            form.cleaned_data["due_date"],
            request.user,
            request=request,
        )
        messages.success(request, f"{added} assignments added")
        return redirect("audits:audit-overview", pk=audit.pk)
    cases = audit.cases.prefetch_related("assignments__agency")
    return render(
        request, "audits/assign_agencies.html", {"audit": audit, "form": form, "cases": cases}
    )


@permission_required("audits.allocate_practitioner", assignment_from)
def allocate(request, assignment):
    form = AllocateForm(
        posted(request),
        agency=assignment.agency,
        initial={"practitioner": assignment.practitioner_id, "due_date": assignment.due_date},
    )
    if request.method == "POST" and form.is_valid():
        services.allocate(
            assignment,
            form.cleaned_data["practitioner"],
            form.cleaned_data["due_date"],
            request.user,
            request=request,
        )
        messages.success(request, "Practitioner and due date saved")
        return redirect("audits:case-detail", pk=assignment.case_id)
    return render(request, "audits/allocate.html", {"assignment": assignment, "form": form})


@permission_required("audits.view_case", case_from)
def case_detail(request, case):
    return render(
        request,
        "audits/case_detail.html",
        {
            "case": case,
            "audit": case.audit,
            "returns": visible_returns(request.user, case),
            "escalations": case.escalations.select_related("raised_by"),
        },
    )


@permission_required("audits.view_identifying", case_from)
def case_identifying(request, case):
    services.record_identifying_view(case, request.user, request=request)
    return render(request, "audits/case_identifying.html", {"case": case, "audit": case.audit})

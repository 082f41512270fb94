"""Cases: load a cohort (and undo an upload), add a case by hand, remove or withdraw a case,
assign agencies, allocate a practitioner, and the case page with its identifying details behind
a recorded view."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from maca.web.accounts.readiness import gaps_of
from maca.web.common.views import permission_required, posted, uploaded
from maca.web.common.words import plural
from maca.web.profiles.forms import upload_arguments
from maca.web.profiles.services import read_cohort_files

from .. import corrections, readiness, services
from ..fetchers import assignment_from, audit_from, case_from, upload_from
from ..forms import (
    AllocateForm,
    AssignAgenciesForm,
    CaseFilterForm,
    CaseForm,
    CohortUploadForm,
    Reason,
)
from ..labels import case_facts
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
            messages.success(request, result.message())
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
    """Agencies x cases, the cases filtered (first 1001 days, family, flags) and all of those
    shown selectable at once; agencies nobody would see, or sign off, are named first."""
    filters = CaseFilterForm(request.GET or None, audit=audit)
    cases = filters.cases()
    form = AssignAgenciesForm(
        posted(request), audit=audit, cases=cases, initial={"due_date": audit.returns_due}
    )
    if request.method == "POST" and form.is_valid():
        agencies = form.cleaned_data["agencies"]
        added = services.assign_agencies_to_cases(
            form.cleaned_data["cases"],
            agencies,
            form.cleaned_data["due_date"],
            request.user,
            request=request,
        )
        messages.success(request, f"{plural(added, 'assignment')} added")
        for check in readiness.assignment_checks(agencies):
            messages.warning(request, check.text)
        return redirect("audits:audit-overview", pk=audit.pk)
    return render(
        request,
        "audits/assign_agencies.html",
        {
            "audit": audit,
            "form": form,
            "filters": filters,
            "cases": cases,
            "gaps": gaps_of(audit.partnership),
            "query": request.GET.urlencode(),
        },
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
            "facts": case_facts(case),
            "returns": visible_returns(request.user, case),
            "escalations": case.escalations.select_related("raised_by", "outcome_recorded_by"),
            "removable": corrections.removable(case),
        },
    )


@permission_required("audits.withdraw_case", case_from)
def case_withdraw(request, case):
    """Before returns open a case is removed; afterwards it is withdrawn, with a reason."""
    remove = corrections.removable(case)
    form = Reason(
        posted(request),
        label=f"Why are you {'removing' if remove else 'withdrawing'} {case.case_ref}?",
        error="Enter why, so that the audit trail says",
    )
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if remove:
                corrections.remove_case(case, request.user, reason=reason, request=request)
            else:
                corrections.withdraw_case(case, request.user, reason=reason, request=request)
        except corrections.NotAllowed as refusal:
            messages.error(request, f"Not done: {refusal}")
            return redirect("audits:case-detail", pk=case.pk)
        done = "removed" if remove else "withdrawn"
        messages.success(request, f"Case {case.case_ref} {done}; the correction is recorded")
        return redirect("audits:audit-overview", pk=case.audit_id)
    return render(
        request,
        "audits/case_withdraw.html",
        {"case": case, "audit": case.audit, "form": form, "remove": remove},
    )


@permission_required("audits.undo_upload", upload_from)
def upload_undo(request, upload):
    audit = upload.audit
    form = Reason(
        posted(request),
        label="Why are you undoing this upload?",
        error="Enter why, so that the audit trail says",
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = corrections.undo_upload(
                upload, request.user, reason=form.cleaned_data["reason"], request=request
            )
        except corrections.NotAllowed as refusal:
            messages.error(request, f"Not done: {refusal}")
        else:
            messages.success(request, f"Upload undone: {done}")
        return redirect("audits:audit-overview", pk=audit.pk)
    cases = upload.cases.order_by("case_ref")
    return render(
        request,
        "audits/upload_undo.html",
        {
            "upload": upload,
            "audit": audit,
            "form": form,
            "removed": [c for c in cases if corrections.removable(c)],
            "withdrawn": [c for c in cases if not corrections.removable(c) and not c.withdrawn],
        },
    )


@permission_required("audits.view_identifying", case_from)
def case_identifying(request, case):
    services.record_identifying_view(case, request.user, request=request)
    return render(request, "audits/case_identifying.html", {"case": case, "audit": case.audit})

"""The audit's "Cohort profile" page, its download, the exclusions list and the upload page."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from maca.cohort.contract import EXCLUSION_REASON_LABELS
from maca.profile.contract import DEFAULT_SMALL_NUMBER
from maca.profile.small_numbers import SmallNumbers
from maca.web.audits.fetchers import audit_from
from maca.web.common.views import permission_required, posted, uploaded

from . import services
from .charts import page_svg
from .forms import ProfileUploadForm
from .queries import (
    as_profile,
    current_exclusions_file,
    current_profile_file,
    exclusion_counts,
    visible_exclusions,
)

EXCLUSIONS_PER_PAGE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _measures(profile):
    return [
        {
            "measure": measure,
            # Drawn here from the validated profile; its texts are escaped by the drawing.
            "svg": mark_safe(page_svg(profile, measure)),  # noqa: S308
            "rows": [
                (row.label, [row.cells[g.key] for g in profile.groups]) for row in measure.rows
            ],
        }
        for measure in profile.measures
    ]


@permission_required("profiles.view_profile", audit_from)
def profile_page(request, audit):
    stored = current_profile_file(audit)
    profile = as_profile(stored) if stored else None
    exact = request.user.has_perm("profiles.view_exclusions", audit)
    numbers = SmallNumbers(profile.threshold if profile else DEFAULT_SMALL_NUMBER)
    exclusions = current_exclusions_file(audit)
    reasons = [
        {"reason": reason, "label": label, "count": count, "shown": numbers.total(count).shown}
        for reason, label, count in exclusion_counts(audit)
    ]
    return render(
        request,
        "profiles/profile.html",
        {
            "audit": audit,
            "stored": stored,
            "profile": profile,
            "measures": _measures(profile) if profile else [],
            "exclusions": exclusions,
            "reasons": reasons,
            "excluded_total": sum(r["count"] for r in reasons),
            "exact": exact,
            "can_upload": request.user.has_perm("profiles.upload_profile", audit),
        },
    )


@permission_required("profiles.download_profile", audit_from)
def profile_xlsx(request, audit):
    stored = current_profile_file(audit)
    if stored is None:
        raise Http404("No cohort profile is loaded for this audit")
    data = services.profile_xlsx(audit, stored, request.user, request=request)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}-profile.xlsx"'
    return response


@permission_required("profiles.view_exclusions", audit_from)
def exclusions_list(request, audit):
    reason = request.GET.get("reason", "")
    if reason not in EXCLUSION_REASON_LABELS:
        reason = ""
    rows = visible_exclusions(request.user, audit)
    if reason:
        rows = rows.filter(reason=reason)
    page = Paginator(rows, EXCLUSIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "profiles/exclusions.html",
        {
            "audit": audit,
            "file": current_exclusions_file(audit),
            "reason": reason,
            "reason_label": EXCLUSION_REASON_LABELS.get(reason, ""),
            "reasons": EXCLUSION_REASON_LABELS,
            "page": page,
        },
    )


@permission_required("profiles.upload_profile", audit_from)
def profile_upload(request, audit):
    form = ProfileUploadForm(posted(request), uploaded(request))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        files = services.read_cohort_files(**form.uploads())
        try:
            stored = services.store_cohort_files(audit, files, request.user, request=request)
        except services.CohortFilesRefused as refused:
            problems = refused.problems
        else:
            messages.success(request, services.stored_message(stored))
            return redirect("profiles:profile", pk=audit.pk)
    return render(
        request,
        "profiles/upload.html",
        {
            "audit": audit,
            "form": form,
            "problems": problems,
            "stored": current_profile_file(audit),
            "exclusions": current_exclusions_file(audit),
        },
    )

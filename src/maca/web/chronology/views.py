"""The chronology pages: an audit's uploads (template, upload, system records) and the case
and family timelines (table, picture, exports). Views parse, call one service and redirect."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from maca.chronology.exports import export_csv, export_docx, export_xlsx
from maca.chronology.page import flag_lines
from maca.chronology.picture import describe, render_svg, svg_id
from maca.chronology.signals import RULES
from maca.chronology.table import render_table_html
from maca.chronology.template import template_csv, template_xlsx
from maca.web.audits.fetchers import audit_from, case_from
from maca.web.audits.rules import is_business_team
from maca.web.common.views import permission_required, posted, uploaded

from . import services
from .build import family_cases, timeline_for
from .forms import ChronologyUploadForm
from .models import Upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _uploads_context(request, audit) -> dict:
    """The business team sees every upload and its own system records; an agency its own."""
    user = request.user
    uploads = Upload.objects.filter(audit=audit).select_related("agency", "uploaded_by")
    business = bool(is_business_team(user))
    if business:
        latest = uploads.filter(system_records=True).first()
    else:
        uploads = uploads.filter(agency_id=user.agency_id)
        latest = uploads.first()
    return {
        "audit": audit,
        "uploads": uploads[:50],
        "latest": latest,
        "may_upload": user.has_perm("chronology.upload", audit),
        "may_template": user.has_perm("chronology.download_template", audit),
        "may_load_system": user.has_perm("chronology.load_system_records", audit),
        "business": business,
        "cases": audit.cases.order_by("case_ref"),
    }


@permission_required("chronology.view_uploads", audit_from)
def uploads(request, audit):
    context = _uploads_context(request, audit)
    context["form"] = ChronologyUploadForm()
    return render(request, "chronology/uploads.html", context)


def _upload(request, audit, *, system_records: bool):
    form = ChronologyUploadForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        made = services.upload_chronology(
            audit,
            request.user,
            data=upload_file.read(),
            file_name=upload_file.name,
            system_records=system_records,
            request=request,
        )
        if made.pk is None:  # no good row: nothing loaded, every problem shown
            context = {
                **_uploads_context(request, audit),
                "form": ChronologyUploadForm(),
                "latest": made,
                "nothing_loaded": True,
            }
            return render(request, "chronology/uploads.html", context)
        text = f"{made.entries_kept} entries kept from {made.file_name}"
        if made.rows_rejected or made.rejects:
            text += f"; {made.rows_rejected or 'the file'} rows not loaded: see below"
        if made.entries_replaced:
            text += f"; {made.entries_replaced} earlier entries of the same cases replaced"
        messages.success(request, text)
        return redirect("chronology:uploads", pk=audit.pk)
    context = _uploads_context(request, audit)
    context["form"] = form
    context["system_form"] = system_records
    return render(request, "chronology/uploads.html", context, status=200)


@permission_required("chronology.upload", audit_from)
def upload(request, audit):
    return _upload(request, audit, system_records=False)


@permission_required("chronology.load_system_records", audit_from)
def system_records(request, audit):
    return _upload(request, audit, system_records=True)


@permission_required("chronology.download_template", audit_from)
def template_as_csv(request, audit):
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="chronology-template.csv"'
    return response


@permission_required("chronology.download_template", audit_from)
def template_as_xlsx(request, audit):
    refs = services.cases_open_to(audit, request.user, system_records=False)
    response = HttpResponse(
        template_xlsx(request.user.agency.name, sorted(refs)), content_type=XLSX
    )
    response["Content-Disposition"] = 'attachment; filename="chronology-template.xlsx"'
    return response


def _timeline(request, case, *, family: bool):
    cases = family_cases(case, request.user) if family else [case]
    return cases, timeline_for(cases, request.user, family=family)


def _timeline_page(request, case, *, family: bool):
    cases, timeline = _timeline(request, case, family=family)
    every = all(request.user.has_perm("chronology.view_every_agency", c) for c in cases)
    return render(
        request,
        "chronology/timeline.html",
        {
            "case": case,
            "audit": case.audit,
            "family": family,
            "cases": cases,
            "timeline": timeline,
            "ident": svg_id(timeline),
            "description": describe(timeline),
            "svg": render_svg(timeline),
            "table": render_table_html(timeline),
            "flagged": flag_lines(timeline),
            "rules": RULES,
            "every_agency": every,
            "gaps": timeline.gaps,
        },
    )


@permission_required("chronology.view_timeline", case_from)
def case_timeline(request, case):
    return _timeline_page(request, case, family=False)


@permission_required("chronology.view_timeline", case_from)
def family_timeline(request, case):
    return _timeline_page(request, case, family=True)


_EXPORTS = {
    "csv": (export_csv, "text/csv; charset=utf-8"),
    "xlsx": (export_xlsx, XLSX),
    "docx": (export_docx, DOCX),
}


def _export(request, case, kind: str, *, family: bool):
    _, timeline = _timeline(request, case, family=family)
    write, content_type = _EXPORTS[kind]
    data = write([timeline], pseudonymise=True)
    services.record_timeline_export(
        case, request.user, kind=kind.upper(), family=family, entries=len(timeline),
        request=request,
    )  # fmt: skip
    name = f"chronology-{case.family_ref if family else case.case_ref}.{kind}"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _export_view(kind: str, *, family: bool):
    @permission_required("chronology.view_timeline", case_from)
    def view(request, case):
        return _export(request, case, kind, family=family)

    view.__name__ = f"{'family' if family else 'case'}_export_{kind}"
    return view


case_export_csv = _export_view("csv", family=False)
case_export_xlsx = _export_view("xlsx", family=False)
case_export_docx = _export_view("docx", family=False)
family_export_csv = _export_view("csv", family=True)
family_export_xlsx = _export_view("xlsx", family=True)
family_export_docx = _export_view("docx", family=True)

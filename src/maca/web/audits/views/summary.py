from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from maca.web.common.views import permission_required

from .. import services, summary
from ..fetchers import audit_from
from ..queries import visible_findings


def _findings(request, audit):
    return list(visible_findings(request.user, audit))


def _voices(audit):
    """Views given with consent, less those of withdrawn cases."""
    return audit.family_voices.filter(consent_given=True).current().select_related("case")


@permission_required("audits.view_summary", audit_from)
def findings_summary(request, audit):
    findings = _findings(request, audit)
    themes = summary.theme_rows(findings)
    return render(
        request,
        "audits/summary.html",
        {
            "audit": audit,
            "findings_count": len(findings),
            "cases_count": len({f.case_id for f in findings}),
            "themes": themes,
            "chart": summary.chart_layout(themes),
            "agencies": summary.agency_rows(findings),
            "voices": audit.family_voices.filter(consent_given=True)
            .current()
            .select_related("case"),
        },
    )


@permission_required("audits.view_summary", audit_from)
def findings_csv(request, audit):
    findings = _findings(request, audit)
    services.record_findings_export(audit, "CSV", len(findings), request.user, request=request)
    response = HttpResponse(summary.as_csv(audit, findings), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}-findings.csv"'
    return response


@permission_required("audits.view_summary", audit_from)
def findings_xlsx(request, audit):
    findings = _findings(request, audit)
    voices = _voices(audit)
    services.record_findings_export(audit, "XLSX", len(findings), request.user, request=request)
    response = HttpResponse(
        summary.as_xlsx(audit, findings, voices),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}-findings.xlsx"'
    return response

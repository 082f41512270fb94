"""The findings summary page and its CSV/XLSX exports. Board readers read them and the files
leave the audit team, so the free text in them goes through the briefing's guard
(``briefings.guard``): a passage not checked and confirmed as read shows "Withheld: …", and
only the family voice the briefing publishes (with consent, not left out) is in them."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from maca.web.briefings.guard import board_guard
from maca.web.briefings.passages import board_voices
from maca.web.common.views import permission_required

from .. import services, summary
from ..fetchers import audit_from
from ..queries import visible_findings


def _findings(request, audit):
    return list(visible_findings(request.user, audit))


@permission_required("audits.view_summary", audit_from)
def findings_summary(request, audit):
    findings = _findings(request, audit)
    guard = board_guard(audit)
    themes = summary.theme_rows(findings, guard.shown)
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
            "voices": [
                (guard.shown(v.quote), guard.shown(v.role), guard.allows(v.quote))
                for v in board_voices(audit)
            ],
            "guard": guard,
            "can_confirm": request.user.has_perm("briefings.check_passages", audit),
        },
    )


@permission_required("audits.view_summary", audit_from)
def findings_csv(request, audit):
    findings = _findings(request, audit)
    guard = board_guard(audit)
    services.record_findings_export(audit, "CSV", len(findings), request.user, request=request)
    response = HttpResponse(
        summary.as_csv(audit, findings, guard.shown), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}-findings.csv"'
    return response


@permission_required("audits.view_summary", audit_from)
def findings_xlsx(request, audit):
    findings = _findings(request, audit)
    guard = board_guard(audit)
    services.record_findings_export(audit, "XLSX", len(findings), request.user, request=request)
    response = HttpResponse(
        summary.as_xlsx(audit, findings, board_voices(audit), guard.shown),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="audit-{audit.pk}-findings.xlsx"'
    return response

"""Audit pages: list, commission, overview and completion dashboard, stage changes."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maca.web.accounts.roles import Role
from maca.web.common.views import permission_required, posted

from .. import services
from ..fetchers import audit_from
from ..forms import AuditForm
from ..models import SafeguardingEscalation, SingleAgencyReturn
from ..queries import visible_audits, visible_cases
from ..stages import NEXT_STEP_LABEL, Stage, at_least

Status = SingleAgencyReturn.Status


@permission_required("audits.list_audits")
def audit_list(request):
    audits = visible_audits(request.user).annotate(case_count=Count("cases", distinct=True))
    return render(request, "audits/audit_list.html", {"audits": audits})


@permission_required("audits.commission_audit")
def audit_commission(request):
    form = AuditForm(posted(request))
    if request.method == "POST" and form.is_valid():
        audit = services.commission_audit(request.user, request=request, **form.cleaned_data)
        messages.success(request, f"Audit “{audit.title}” commissioned")
        return redirect("audits:audit-overview", pk=audit.pk)
    return render(request, "audits/audit_form.html", {"form": form})


def _dashboard_rows(user, audit):
    """One row per visible case: its assignments' return status, own agency only for agencies."""
    today = timezone.localdate()
    cases = visible_cases(user, audit).prefetch_related(
        "assignments__agency", "assignments__single_agency_return", "assignments__practitioner"
    )
    only_agency = user.agency_id if user.role in (Role.AGENCY_LEAD, Role.PRACTITIONER) else None
    rows, totals = [], Counter()
    for case in cases:
        cells = []
        for assignment in case.assignments.all():
            if only_agency and assignment.agency_id != only_agency:
                continue
            ret = assignment.single_agency_return
            overdue = ret.status in (Status.DRAFT, Status.REOPENED) and assignment.due_date < today
            totals[ret.status] += 1
            totals["overdue"] += overdue
            totals["all"] += 1
            cells.append({"assignment": assignment, "return": ret, "overdue": overdue})
        rows.append({"case": case, "cells": cells})
    return rows, totals


@permission_required("audits.view_audit", audit_from)
def audit_overview(request, audit):
    rows, totals = _dashboard_rows(request.user, audit)
    return render(
        request,
        "audits/audit_overview.html",
        {
            "audit": audit,
            "rows": rows,
            "totals": totals,
            "next_step": NEXT_STEP_LABEL.get(Stage(audit.stage)),
            "cases_hidden": request.user.role == Role.PANEL_MEMBER
            and not at_least(audit.stage, Stage.MODERATION_OPEN),
            "escalations": SafeguardingEscalation.objects.filter(case__in=[r["case"] for r in rows])
            .select_related("case", "raised_by")
            .order_by("-raised_at"),
        },
    )


@require_POST
@permission_required("audits.manage_audit", audit_from)
def audit_advance(request, audit):
    if services.advance_stage(
        audit, request.POST.get("from_stage", ""), request.user, request=request
    ):
        audit.refresh_from_db()
        messages.success(request, f"The audit is now at stage: {audit.get_stage_display()}")
    else:
        messages.error(request, "The stage was changed by someone else; check it and try again")
    return redirect("audits:audit-overview", pk=audit.pk)

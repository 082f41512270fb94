"""Audit pages: list, commission, correct the commissioning details, overview and completion
dashboard, stage changes (checked and confirmed first), and the audit's corrections."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse

from maca.web.accounts.roles import Role
from maca.web.common.views import permission_required, posted

from .. import corrections, readiness, services
from ..fetchers import audit_from
from ..forms import AuditEditForm, AuditForm, corrected, with_reason
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
    form = AuditForm(posted(request), partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        audit = services.commission_audit(request.user, request=request, **form.cleaned_data)
        messages.success(request, f"Audit “{audit.title}” commissioned")
        return redirect("audits:audit-overview", pk=audit.pk)
    return render(request, "audits/audit_form.html", {"form": form})


AuditCorrectionForm = with_reason(
    AuditEditForm,
    "What are you correcting, and why?",
    "Enter what you are correcting and why",
)


@permission_required("audits.edit_audit", audit_from)
def audit_edit(request, audit):
    form = AuditCorrectionForm(posted(request), instance=audit)
    if request.method == "POST" and form.is_valid():
        reason, fields = corrected(form)
        changed = corrections.edit_audit(
            audit, request.user, reason=reason, request=request, **fields
        )
        if changed:
            messages.success(
                request, "The commissioning details are corrected; the change is recorded"
            )
        else:
            messages.info(request, "Nothing was changed")
        return redirect("audits:audit-overview", pk=audit.pk)
    return render(request, "audits/audit_edit.html", {"audit": audit, "form": form})


def _dashboard_rows(user, audit):
    """One row per visible case: its assignments' return status, own agency only for agencies.
    Withdrawn cases are listed apart and counted nowhere."""
    cases = visible_cases(user, audit).prefetch_related(
        "assignments__agency", "assignments__single_agency_return", "assignments__practitioner"
    )
    only_agency = user.agency_id if user.role in (Role.AGENCY_LEAD, Role.PRACTITIONER) else None
    rows, withdrawn, totals = [], [], Counter()
    for case in cases:
        case.audit = audit
        cells = []
        for assignment in case.assignments.all():
            if only_agency and assignment.agency_id != only_agency:
                continue
            ret = assignment.single_agency_return
            overdue = ret.overdue
            if not case.withdrawn:
                totals[ret.status] += 1
                totals["overdue"] += overdue
                totals["all"] += 1
            cells.append({"assignment": assignment, "return": ret, "overdue": overdue})
        (withdrawn if case.withdrawn else rows).append({"case": case, "cells": cells})
    return rows, withdrawn, totals


@permission_required("audits.view_audit", audit_from)
def audit_overview(request, audit):
    rows, withdrawn, totals = _dashboard_rows(request.user, audit)
    is_team = request.user.has_perm("audits.manage_audit", audit)
    return render(
        request,
        "audits/audit_overview.html",
        {
            "audit": audit,
            "rows": rows,
            "withdrawn": withdrawn,
            "totals": totals,
            "uploads": audit.uploads.select_related("uploaded_by") if is_team else [],
            "corrections": audit.corrections.count() if is_team else 0,
            "voices": audit.family_voices.select_related("case")
            if request.user.has_perm("audits.record_family_voice", audit)
            else [],
            "next_step": NEXT_STEP_LABEL.get(Stage(audit.stage)),
            "cases_hidden": request.user.role == Role.PANEL_MEMBER
            and not at_least(audit.stage, Stage.MODERATION_OPEN),
            "escalations": SafeguardingEscalation.objects.filter(case__in=[r["case"] for r in rows])
            .select_related("case", "raised_by")
            .order_by("-raised_at"),
        },
    )


@permission_required("audits.manage_audit", audit_from)
def audit_advance(request, audit):
    """The next stage: what is not ready, a refusal when it cannot work, then a confirmation."""
    step = NEXT_STEP_LABEL.get(Stage(audit.stage))
    back = reverse("audits:audit-overview", args=[audit.pk])
    if step is None:
        messages.error(request, "The audit is closed: it has no next stage")
        return redirect(back)
    from_stage = (
        request.POST.get("from_stage", audit.stage) if request.method == "POST" else audit.stage
    )
    if from_stage != audit.stage:
        messages.error(request, "The stage was changed by someone else; check it and try again")
        return redirect(back)
    checks = readiness.stage_checks(audit)
    context = readiness.confirmation(checks, request)
    if context["confirmed"]:
        if services.advance_stage(audit, from_stage, request.user, request=request):
            audit.refresh_from_db()
            messages.success(request, f"The audit is now at stage: {audit.get_stage_display()}")
        else:
            messages.error(request, "The stage was changed by someone else; check it and try again")
        return redirect(back)
    return render(
        request,
        "common/confirm.html",
        {
            **context,
            "heading": f"{step}?",
            "caption": audit.title,
            "back_url": back,
            "confirm_label": step,
            "refused_title": f"You cannot {step[:1].lower()}{step[1:]} yet",
            "hidden": [("from_stage", audit.stage)],
        },
    )


@permission_required("audits.view_corrections", audit_from)
def corrections_list(request, audit):
    return render(
        request,
        "audits/corrections.html",
        {"audit": audit, "corrections": audit.corrections.select_related("made_by")},
    )

"""The pages of action plans, the resource library, briefing reach, re-audits and the board
report. Views parse, call one service and redirect (docs/architecture.md)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from maca.web.audits.fetchers import audit_from
from maca.web.briefings.fetchers import published_from
from maca.web.common.charts import page_svg
from maca.web.common.views import permission_required, posted

from . import services
from .board import words_for
from .board_files import DOCX, XLSX, as_docx, as_xlsx
from .board_report import build_board_report
from .comparison import compare_reaudit
from .fetchers import action_from, finding_from, resource_from
from .forms import (
    ActionForm,
    DiscussionForm,
    ImpactForm,
    ReauditForm,
    ResourceForm,
    StatusForm,
    TrackerFilterForm,
)
from .models import Action, ReAudit
from .plan import areas_for_learning, plan_counts
from .queries import updatable_by, visible_actions, visible_discussions, visible_resources
from .reach import reach_of

STATUS_TAGS = {
    Action.Status.NOT_STARTED: "govuk-tag--grey",
    Action.Status.RED: "govuk-tag--red",
    Action.Status.AMBER: "govuk-tag--orange",
    Action.Status.GREEN: "govuk-tag--green",
    Action.Status.COMPLETE: "govuk-tag--blue",
}
STALE = "Someone changed this action since you opened it: nothing was saved. Here it is now."


def _rows(user, actions, today):
    """Actions as the lists show them: words for the reader, overdue, and who may update."""
    updatable = set(
        updatable_by(user, Action.objects.filter(pk__in=[a.pk for a in actions])).values_list(
            "pk", flat=True
        )
    )
    words = {}
    rows = []
    for action in actions:
        read = words.setdefault(action.audit_id, words_for(user, action.audit))
        rows.append(
            {
                "action": action,
                "area": read(action.area),
                "text": read(action.text),
                "lead": read(action.lead),
                "overdue": action.overdue(today),
                "tag": STATUS_TAGS[Action.Status(action.status)],
                "impact": len(action.impact.all()),
                "can_update": action.pk in updatable,
            }
        )
    return rows


@permission_required("actions.view_tracker")
def tracker(request):
    today = timezone.localdate()
    form = TrackerFilterForm(request.GET or None, partnership=request.user.partnership)
    actions = list(
        form.apply(visible_actions(request.user), today)
        .prefetch_related("impact")
        .order_by("due_date", "id")
    )
    return render(
        request,
        "actions/tracker.html",
        {
            "form": form,
            "rows": _rows(request.user, actions, today),
            "counts": plan_counts(actions, today),
        },
    )


@permission_required("actions.view_action_plan", audit_from)
def plan(request, audit):
    today = timezone.localdate()
    actions = list(visible_actions(request.user, audit).prefetch_related("impact"))
    rows = {row["action"].pk: row for row in _rows(request.user, actions, today)}
    areas = areas_for_learning(audit, actions)
    read = words_for(request.user, audit)
    return render(
        request,
        "actions/plan.html",
        {
            "audit": audit,
            "areas": [
                {"area": a, "heading": read(a.heading), "rows": [rows[x.pk] for x in a.actions]}
                for a in areas
            ],
            "counts": plan_counts(actions, today),
            "can_add": request.user.has_perm("actions.add_action", audit),
            "show_findings": request.user.has_perm("actions.add_action", audit),
            "can_export": request.user.has_perm("actions.export_board_report", audit),
        },
    )


def _area_theme(audit, theme_id):
    """The theme of an area for learning of the audit (a theme with areas for learning, or one
    an action was agreed for), or 404."""
    for area in areas_for_learning(audit, list(audit.actions.select_related("theme"))):
        if area.theme.pk == theme_id:
            return area
    raise Http404("No such area for learning")


def _action_form_page(request, audit, area, finding=None):
    form = ActionForm(posted(request), audit=audit)
    if request.method == "POST" and form.is_valid():
        action = services.add_action(
            audit, area.theme, request.user, finding=finding, request=request, **form.cleaned_data
        )
        messages.success(request, f"Action {action.pk} is added to the action plan")
        return redirect("actions:action-detail", pk=action.pk)
    return render(
        request,
        "actions/action_form.html",
        {"audit": audit, "area": area, "finding": finding, "form": form},
    )


@permission_required("actions.add_action", audit_from)
def action_add(request, audit, theme):
    return _action_form_page(request, audit, _area_theme(audit, theme))


@permission_required("actions.add_action_for_finding", finding_from)
def action_add_for_finding(request, finding, theme):
    if not finding.themes.filter(pk=theme).exists():
        raise Http404("The finding is not tagged to that theme")
    audit = finding.case.audit
    return _action_form_page(request, audit, _area_theme(audit, theme), finding)


def _detail_context(request, action):
    read = words_for(request.user, action.audit)
    return {
        "action": action,
        "audit": action.audit,
        "text": read(action.text),
        "measure": read(action.measure),
        "area": read(action.area),
        "lead": read(action.lead),
        "no_impact_reason": read(action.no_impact_reason),
        "tag": STATUS_TAGS[Action.Status(action.status)],
        "overdue": action.overdue(),
        "history": [
            {"change": c, "reason": read(c.reason)}
            for c in action.status_changes.select_related("changed_by")
        ],
        "impact": [
            {"evidence": e, "what": read(e.what_changed), "how": read(e.how_measured)}
            for e in action.impact.select_related("recorded_by")
        ],
        "can_update": request.user.has_perm("actions.update_action", action),
        "can_change": request.user.has_perm("actions.change_action", action),
        "can_see_finding": request.user.has_perm("actions.add_action", action.audit),
    }


@permission_required("actions.view_action", action_from)
def action_detail(request, action):
    return render(request, "actions/action_detail.html", _detail_context(request, action))


@permission_required("actions.change_action", action_from)
def action_edit(request, action):
    form = ActionForm(posted(request), audit=action.audit, instance=action)
    if request.method == "POST" and form.is_valid():
        version = int(request.POST.get("version") or -1)
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        if services.change_action(action, version, request.user, request=request, **fields):
            messages.success(request, "The action's details are saved")
        else:
            messages.error(request, STALE)
        return redirect("actions:action-detail", pk=action.pk)
    return render(
        request,
        "actions/action_form.html",
        {"audit": action.audit, "action": action, "form": form, "area": None},
    )


@permission_required("actions.update_action", action_from)
def action_status(request, action):
    form = StatusForm(posted(request), action=action)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = services.change_status(
            action,
            data["version"],
            request.user,
            status=data["status"],
            reason=data["reason"],
            no_impact_reason=data["no_impact_reason"],
            request=request,
        )
        if changed:
            messages.success(request, f"Status: {Action.Status(data['status']).label}")
        else:
            messages.error(request, STALE)
        return redirect("actions:action-detail", pk=action.pk)
    return render(
        request,
        "actions/status_form.html",
        {**_detail_context(request, action), "form": form},
    )


@permission_required("actions.update_action", action_from)
def action_impact(request, action):
    form = ImpactForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.record_impact(action, request.user, request=request, **form.cleaned_data)
        messages.success(request, "The evidence of impact is recorded")
        return redirect("actions:action-detail", pk=action.pk)
    return render(
        request, "actions/impact_form.html", {**_detail_context(request, action), "form": form}
    )


@permission_required("actions.list_resources")
def resource_list(request):
    resources = list(visible_resources(request.user).order_by("kind", "title"))
    kinds = {}
    for resource in resources:
        kinds.setdefault(resource.get_kind_display(), []).append(resource)
    return render(
        request,
        "actions/resource_list.html",
        {
            "kinds": kinds,
            "count": len(resources),
            "can_add": request.user.has_perm("actions.add_resource"),
        },
    )


@permission_required("actions.add_resource")
def resource_add(request):
    partnership = request.user.partnership
    form = ResourceForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        resource = services.add_resource(
            partnership, request.user, request=request, **form.service_fields()
        )
        messages.success(request, f"“{resource.title}” is in the library")
        return redirect("actions:resource-list")
    return render(request, "actions/resource_form.html", {"form": form, "resource": None})


@permission_required("actions.change_resource", resource_from)
def resource_edit(request, resource):
    form = ResourceForm(posted(request), partnership=resource.partnership, instance=resource)
    if request.method == "POST" and form.is_valid():
        services.change_resource(resource, request.user, request=request, **form.service_fields())
        messages.success(request, f"“{resource.title}” is saved")
        return redirect("actions:resource-list")
    return render(request, "actions/resource_form.html", {"form": form, "resource": resource})


@permission_required("actions.record_discussion", published_from)
def discussion_add(request, published):
    form = DiscussionForm(posted(request), published=published, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.record_discussion(
            published, request.user, request=request, **form.service_fields()
        )
        messages.success(request, "Your team's discussion of the briefing is recorded")
        if request.user.has_perm("actions.view_reach", published.audit):
            return redirect("actions:reach", pk=published.audit_id)
        return redirect("briefings:published", pk=published.pk)
    return render(request, "actions/discussion_form.html", {"published": published, "form": form})


@permission_required("actions.view_reach", audit_from)
def reach(request, audit):
    discussions = list(visible_discussions(request.user, audit))
    read = words_for(request.user, audit)
    summary = reach_of(discussions)
    return render(
        request,
        "actions/reach.html",
        {
            "audit": audit,
            "reach": summary,
            "chart": page_svg(summary.figure) if summary.figure else "",
            "discussions": [
                {
                    "discussion": d,
                    "will_do": read(d.will_do),
                    "team": read(d.team),
                    "answers": [{**a, "answer": read(a.get("answer", ""))} for a in d.answers],
                }
                for d in discussions
            ],  # fmt: skip
            "published": audit.published_briefings.defer(
                "html", "pdf", "docx", "seven_minute_pdf", "source"
            ).order_by("-version")[:1],
        },
    )


@permission_required("actions.start_reaudit", audit_from)
def reaudit_start(request, audit):
    form = ReauditForm(posted(request), earlier=audit)
    if request.method == "POST" and form.is_valid():
        later = services.start_reaudit(audit, request.user, request=request, **form.cleaned_data)
        messages.success(request, f"Re-audit {later.trail_ref} is commissioned")
        return redirect("actions:comparison", pk=later.pk)
    return render(
        request,
        "actions/reaudit_form.html",
        {
            "audit": audit,
            "form": form,
            "parameters": services.earlier_parameters(audit),
            "has_cases": audit.cases.exists(),
        },
    )


@permission_required("actions.view_comparison", audit_from)
def comparison(request, audit):
    reaudit = get_object_or_404(ReAudit.objects.select_related("audit", "earlier"), audit=audit)
    view = compare_reaudit(reaudit)
    return render(
        request,
        "actions/comparison.html",
        {
            "audit": audit,
            "view": view,
            "tables": [
                {"table": t, "chart": page_svg(t.figure) if t.figure else ""}
                for t in view.comparison.tables
            ],
            "can_load": request.user.has_perm("actions.start_reaudit", audit)
            and request.user.has_perm("audits.load_cohort", audit),
        },
    )


BOARD_FILES = {"docx": (DOCX, as_docx), "xlsx": (XLSX, as_xlsx)}


@permission_required("actions.export_board_report", audit_from)
def board_report(request, audit, kind):
    if kind not in BOARD_FILES:
        raise Http404("No such file")
    content_type, write = BOARD_FILES[kind]
    content = write(build_board_report(audit, request.user))
    services.record_board_report_export(audit, kind.upper(), request.user, request=request)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{audit.trail_ref}-board-report.{kind}"'
    )
    return response

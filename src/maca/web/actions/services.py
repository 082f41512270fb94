"""What the pages (and the command line) do with action plans, the resource library, briefing
reach and re-audits: every change with its audit trail entry in one transaction, and the record
of each board report exported. Views parse the form, call one of these and redirect."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from maca.cohort.rerun import rerun_parameters
from maca.problems import Problem
from maca.web.audits import services as audit_services
from maca.web.audits.models import Audit, Finding, Theme
from maca.web.briefings.models import BriefingDraft, PublishedBriefing
from maca.web.trail import log_event
from maca.web.trail.models import Action as TrailAction

from .models import Action, BriefingDiscussion, ImpactEvidence, ReAudit, Resource, StatusChange
from .plan import learning_heading


class ActionProblem(Problem):
    """A change the action plan's rules refuse (closing without impact or a reason)."""


def _who(user):
    return user if getattr(user, "is_authenticated", False) else None


@transaction.atomic
def add_action(
    audit: Audit, theme: Theme, user, *, finding: Finding | None = None, request=None, **fields
) -> Action:
    """A SMART action for the area for learning of ``theme`` (raised from ``finding``, if any),
    starting as not started, with that first status in its history."""
    action = Action.objects.create(
        audit=audit,
        theme=theme,
        finding=finding,
        area=learning_heading(audit, theme)[:200],
        created_by=user,
        **fields,
    )
    StatusChange.objects.create(
        action=action, to_status=action.status, reason="Action agreed", changed_by=_who(user)
    )
    source = " from a case finding" if finding else ""
    log_event(
        user,
        TrailAction.CREATE,
        obj=action,
        request=request,
        summary=f"Agreed an action for the area for learning “{theme.name}”{source}",
    )
    return action


@transaction.atomic
def change_action(action: Action, expected_version: int, user, *, request=None, **fields) -> bool:
    """The action's details (what, measure, owner, lead, due date), if nobody changed it since
    the form was shown. A new due date sends its reminders again."""
    if fields.get("due_date") not in (None, action.due_date):
        fields.update(reminded_before_on=None, reminded_after_on=None)
    changed = sorted(k for k, v in fields.items() if getattr(action, k) != v and "remind" not in k)
    updated = Action.objects.filter(
        pk=action.pk, version=expected_version, status__in=_open_statuses()
    ).update(version=F("version") + 1, **fields)
    if updated != 1:
        return False
    log_event(
        user,
        TrailAction.CHANGE,
        obj=action,
        request=request,
        summary="Changed the action's " + (", ".join(changed).replace("_", " ") or "details"),
    )
    return True


def _open_statuses() -> list[str]:
    return [s for s in Action.Status.values if s != Action.Status.COMPLETE]


@transaction.atomic
def change_status(
    action: Action,
    expected_version: int,
    user,
    *,
    status: str,
    reason: str,
    no_impact_reason: str = "",
    request=None,
) -> bool:
    """A new RAG status with why, added to the action's history. Complete needs evidence of
    impact or a recorded reason for none (``ActionProblem`` otherwise); a complete action that is
    opened again loses its completion date but keeps its history."""
    if status not in Action.Status.values:
        raise ActionProblem(f"{status!r} is not a status of an action")
    complete = status == Action.Status.COMPLETE
    if complete and not no_impact_reason.strip() and not action.impact.exists():
        raise ActionProblem(
            "an action cannot be closed as complete without evidence of impact or a reason"
        )
    now = timezone.now()
    updated = (
        Action.objects.filter(pk=action.pk, version=expected_version)
        .exclude(status=status)
        .update(
            status=status,
            status_changed_at=now,
            version=F("version") + 1,
            completed_at=now if complete else None,
            no_impact_reason=no_impact_reason.strip() if complete else "",
        )
    )
    if updated != 1:
        return False
    StatusChange.objects.create(
        action=action,
        from_status=action.status,
        to_status=status,
        reason=reason.strip(),
        changed_by=_who(user),
        changed_at=now,
    )
    old, new = Action.Status(action.status).label, Action.Status(status).label
    log_event(
        user, TrailAction.CHANGE, obj=action, request=request, summary=f"Status: {old} → {new}"
    )
    return True


@transaction.atomic
def record_impact(action: Action, user, *, what_changed: str, how_measured: str, request=None):
    """What changed in practice because of the action, and how it was measured."""
    evidence = ImpactEvidence.objects.create(
        action=action,
        what_changed=what_changed.strip(),
        how_measured=how_measured.strip(),
        recorded_by=_who(user),
    )
    log_event(
        user, TrailAction.CREATE, obj=action, request=request, summary="Recorded evidence of impact"
    )
    return evidence


@transaction.atomic
def add_resource(partnership, user, *, themes=(), request=None, **fields) -> Resource:
    resource = Resource.objects.create(partnership=partnership, added_by=_who(user), **fields)
    resource.themes.set(themes)
    log_event(
        user,
        TrailAction.CREATE,
        obj=resource,
        request=request,
        summary=f"Added {resource.get_kind_display().lower()} to the resource library",
        partnership=partnership,
    )
    return resource


@transaction.atomic
def change_resource(resource: Resource, user, *, themes=(), request=None, **fields) -> None:
    was_active = resource.active
    for name, value in fields.items():
        setattr(resource, name, value)
    resource.save()
    resource.themes.set(themes)
    summary = "Changed the library's resource"
    if was_active and not resource.active:
        summary = "Withdrew the resource from the library"
    elif resource.active and not was_active:
        summary = "Offered the resource in the library again"
    log_event(
        user,
        TrailAction.CHANGE,
        obj=resource,
        request=request,
        summary=summary,
        partnership=resource.partnership,
    )


@transaction.atomic
def record_discussion(
    published: PublishedBriefing, user, *, request=None, **fields
) -> BriefingDiscussion:
    """A team that discussed the briefing: when, how many, its answers, what it will do."""
    discussion = BriefingDiscussion.objects.create(
        published=published, recorded_by=_who(user), **fields
    )
    log_event(
        user,
        TrailAction.CREATE,
        obj=discussion,
        request=request,
        summary=f"Recorded a team's discussion of the briefing ({discussion.agency.name})",
    )
    return discussion


def earlier_parameters(earlier: Audit) -> dict:
    """The cohort parameters scope.json recorded for the earlier audit (empty without one)."""
    draft = BriefingDraft.objects.filter(audit=earlier).first()
    scope = (draft.scope_json or {}) if draft else {}
    parameters = scope.get("parameters") if isinstance(scope, dict) else None
    return dict(parameters) if isinstance(parameters, dict) else {}


@transaction.atomic
def start_reaudit(
    earlier: Audit,
    user,
    *,
    title: str,
    period_from: date,
    period_to: date,
    returns_due: date,
    audit_day: date | None = None,
    request=None,
) -> Audit:
    """A new audit of the partnership with the earlier one's question, terms, lawful basis,
    tool version and grading, and its cohort's parameters for the new period."""
    audit = audit_services.commission_audit(
        user,
        request=request,
        title=title,
        priority=earlier.priority,
        question=earlier.question,
        terms_of_reference=earlier.terms_of_reference,
        lawful_basis=earlier.lawful_basis,
        isa_reference=earlier.isa_reference,
        tool_version=earlier.tool_version,
        grading=earlier.grading,
        returns_due=returns_due,
        audit_day=audit_day,
    )
    known = earlier_parameters(earlier)
    fallback = {"home_la": earlier.partnership.la_code} if earlier.partnership.la_code else {}
    reaudit = ReAudit.objects.create(
        audit=audit,
        earlier=earlier,
        period_from=period_from,
        period_to=period_to,
        cohort_parameters=rerun_parameters(known or fallback, period_from, period_to),
        parameters_known=bool(known),
        created_by=user,
    )
    log_event(
        user,
        TrailAction.CREATE,
        obj=reaudit,
        request=request,
        summary=f"Started a re-audit of {earlier.trail_ref} for {period_from} to {period_to}",
    )
    return audit


def record_board_report_export(audit: Audit, kind: str, user, *, request=None) -> None:
    log_event(
        user,
        TrailAction.EXPORT,
        obj=audit,
        request=request,
        summary=f"Board report as {kind} (pseudonymised)",
    )

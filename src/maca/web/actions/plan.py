"""An audit's action plan as its pages show it: the areas for learning (the briefing's learning
points, with the case findings behind each), the actions for each, the library's resources for
its theme, and counts by status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from maca.web.audits.models import Audit, Finding, Theme
from maca.web.briefings.build import theme_uses
from maca.web.briefings.models import BriefingDraft

from .models import Action, Resource
from .queries import offered_resources


@dataclass
class Area:
    """One area for learning: a theme the panel's areas for learning were tagged with."""

    theme: Theme
    heading: str
    cases: int  # distinct cases with an area for learning in the theme
    findings: list[Finding] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)


def learning_heading(audit: Audit, theme: Theme, draft: BriefingDraft | None = None) -> str:
    """The briefing's heading for the theme's learning (the author's words), else its name."""
    draft = draft or BriefingDraft.objects.filter(audit=audit).first()
    words = ((draft.theme_texts or {}) if draft else {}).get(str(theme.pk), {})
    title = (words.get("learning_title") or "").strip()
    return title or theme.name[:1].upper() + theme.name[1:]


def areas_for_learning(audit: Audit, actions: list[Action]) -> list[Area]:
    """Themes with an area for learning, most cases first (the briefing's order), and any theme
    an action was agreed for since; each with its findings, actions and resources."""
    draft = BriefingDraft.objects.filter(audit=audit).first()
    uses = {u.theme.pk: u for u in theme_uses(audit)}
    areas = {
        pk: Area(use.theme, learning_heading(audit, use.theme, draft), use.learning_cases)
        for pk, use in uses.items()
        if use.learning_cases
    }
    for action in actions:
        if action.theme_id not in areas:
            areas[action.theme_id] = Area(action.theme, action.area, 0)
        areas[action.theme_id].actions.append(action)
    findings = (
        Finding.objects.filter(case__audit=audit, kind=Finding.Kind.AREA_FOR_LEARNING)
        .select_related("case")
        .prefetch_related("themes")
    )
    for finding in findings:
        for theme in finding.themes.all():
            if theme.pk in areas:
                areas[theme.pk].findings.append(finding)
    for resource in offered_resources(audit.partnership):
        for theme in resource.themes.all():
            if theme.pk in areas:
                areas[theme.pk].resources.append(resource)
    return sorted(areas.values(), key=lambda a: (-a.cases, a.theme.order, a.theme.name))


@dataclass
class PlanCounts:
    total: int
    by_status: dict[str, int]
    overdue: int
    with_impact: int
    complete_without_impact: int


def plan_counts(actions: list[Action], today: date | None = None) -> PlanCounts:
    today = today or timezone.localdate()
    impact = {a.pk for a in actions if a.impact.all()}
    return PlanCounts(
        total=len(actions),
        by_status=dict(Counter(a.status for a in actions)),
        overdue=sum(a.overdue(today) for a in actions),
        with_impact=len(impact),
        complete_without_impact=sum(a.complete and a.pk not in impact for a in actions),
    )

"""A re-audit beside the audit it repeats: the web's side of ``maca.briefing.comparison``.

Each audit gives its scope (the stored scope.json, else derived from the cases' cohort flags, as
the briefing does), the distinct cases per theme, the cases audited (those the panel recorded
findings for) and, when graded, the cases per grade. When both audits have a cohort profile
(``profile.json``, stored with the cohort and read through
``maca.web.profiles.queries.profile_for``, the one way the apps read it), each of its measures
joins the comparison (:func:`profile_measures`), as both profiles published it.
"""

from __future__ import annotations

from dataclasses import dataclass

from maca.briefing.comparison import AuditSide, Comparison, PublishedCell, PublishedMeasure
from maca.briefing.comparison import compare as compare_sides
from maca.briefing.model import ThemeCount
from maca.briefing.scope import period_in_words
from maca.cohort.rerun import Rerun, rerun_command, same_rules
from maca.profile import CohortProfile
from maca.profile.contract import GROUPS
from maca.web.audits.models import Audit, Finding
from maca.web.audits.tool_schema import GRADES
from maca.web.briefings.build import scope_for, theme_uses
from maca.web.briefings.models import BriefingDraft
from maca.web.profiles.queries import profile_for

from .models import ReAudit

DEFAULT_THRESHOLD = BriefingDraft._meta.get_field("small_number_threshold").get_default()


def _draft(audit: Audit) -> BriefingDraft | None:
    return BriefingDraft.objects.filter(audit=audit).first()


def graded_cases(audit: Audit) -> dict[str, int]:
    """Cases per grade, in the grades' order: each case's latest graded finding."""
    latest: dict[int, str] = {}
    graded = Finding.objects.filter(case__audit=audit).exclude(grade="").order_by("recorded_at")
    for case_id, grade in graded.values_list("case_id", "grade"):
        latest[case_id] = grade
    labels = dict(GRADES)
    return {labels[key]: list(latest.values()).count(key) for key, _ in GRADES}


def side_of(audit: Audit) -> tuple[AuditSide, bool]:
    """The audit's side of the comparison, and whether its scope was derived from the cases."""
    scope, derived = scope_for(audit, _draft(audit))
    # Months only, as the briefing words a period: the board reads this label.
    period = period_in_words(scope).removeprefix("between ").removeprefix("in ")
    audited = Finding.objects.filter(case__audit=audit).values("case_id").distinct().count()
    side = AuditSide(
        label=f"{audit.trail_ref}: {period}" if audit.cases.exists() else f"{audit.trail_ref}",
        scope=scope,
        audited_cases=audited,
        themes=[
            ThemeCount(u.theme.name, u.strength_cases, u.learning_cases) for u in theme_uses(audit)
        ],
        grades=graded_cases(audit) if audit.grading else None,
    )
    return side, derived


def profile_measures(
    earlier: CohortProfile, later: CohortProfile, group: str = GROUPS[0].key
) -> list[PublishedMeasure]:
    """Each measure of the cohort profile for one group (the cohort's first by default), its
    bands side by side as both profiles published them."""
    label = next(g.label for g in GROUPS if g.key == group)
    measures = []
    for before in earlier.measures:
        after = later.measure(before.key)
        rows_after = {row.category: row for row in after.rows}
        rows = []
        for row in before.rows:
            other = rows_after.get(row.category)
            if other is None:
                continue
            a, b = row.cells[group], other.cells[group]
            rows.append(
                (row.label, PublishedCell(a.shown, a.percent), PublishedCell(b.shown, b.percent))
            )
        measures.append(
            PublishedMeasure(
                key=f"profile_{before.key}",
                title=f"{before.title} ({label})",
                label_header=before.title,
                rows=rows,
                note="From the cohort profiles (profile.json), as they were published.",
            )
        )
    return measures


@dataclass
class ReauditView:
    reaudit: ReAudit
    comparison: Comparison
    command: Rerun
    earlier_derived: bool
    later_derived: bool
    same_rules: bool | None
    same_tool: bool
    notes: list[str]


def compare_reaudit(reaudit: ReAudit) -> ReauditView:
    earlier, later = reaudit.earlier, reaudit.audit
    earlier_side, earlier_derived = side_of(earlier)
    later_side, later_derived = side_of(later)
    draft = _draft(later)
    threshold = draft.small_number_threshold if draft else DEFAULT_THRESHOLD
    profiles = profile_for(earlier), profile_for(later)
    earlier_profile, later_profile = profiles
    measures = (
        profile_measures(earlier_profile, later_profile)
        if earlier_profile is not None and later_profile is not None
        else []
    )
    comparison = compare_sides(earlier_side, later_side, threshold=threshold, measures=measures)
    command = rerun_command(reaudit.cohort_parameters, reaudit.period_from, reaudit.period_to)
    notes = list(command.notes)
    if not reaudit.parameters_known:
        notes.insert(
            0,
            "The earlier audit had no scope.json when the re-audit began, so its cohort's "
            "parameters are not known: the command uses the rules' defaults and the "
            "partnership's LA code. Check them against how the earlier cohort was found.",
        )
    later_parameters = later_side.scope.parameters
    if not later.cases.exists():
        notes.append(
            "The re-audit has no cases yet: run the command below, then load its cohort.csv "
            "and key.csv (Load the cohort) and its scope.json (the learning briefing's page)."
        )
    elif later_derived:
        notes.append(
            "The re-audit's scope is derived from its cases' cohort flags: upload its scope.json "
            "to compare the cohort's own figures and check the rules."
        )
    missing = [a.trail_ref for a, p in zip((earlier, later), profiles, strict=True) if p is None]
    if missing:
        notes.append(
            f"The cohort profile is compared when both audits have one: {' and '.join(missing)} "
            f"{'has' if len(missing) == 1 else 'have'} no profile.json (it is uploaded with the "
            "cohort)."
        )
    stored = later_parameters.get("period_from"), later_parameters.get("period_to")
    expected = reaudit.period_from.isoformat(), reaudit.period_to.isoformat()
    if not later_derived and stored != expected:
        notes.append(
            f"The re-audit's scope.json covers {stored[0]} to {stored[1]}, not the re-audit's "
            f"period {expected[0]} to {expected[1]}."
        )
    return ReauditView(
        reaudit=reaudit,
        comparison=comparison,
        command=command,
        earlier_derived=earlier_derived,
        later_derived=later_derived,
        same_rules=same_rules(earlier_side.scope.parameters, later_parameters),
        same_tool=earlier.tool_version_id == later.tool_version_id,
        notes=notes,
    )

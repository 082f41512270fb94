"""The board report: the pack an inspection asks for, in one place, for DOCX and XLSX alike.

Method, sample, findings, the actions with their status, history and evidence of impact, the
briefing's reach, and the re-audit comparison where there is one. Pseudonymised: no case or
family reference, no person id, no name (an action's lead is a role), counts of children under
the small-number threshold suppressed as in the briefing, and every typed text through
:func:`maca.web.actions.board.for_the_board` (``BoardWords``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import timezone

from maca.briefing.charts import Figure
from maca.briefing.comparison import cells_of
from maca.briefing.numbers import Numbers
from maca.briefing.scope import period_in_words
from maca.web.audits.models import Audit, SingleAgencyReturn
from maca.web.briefings.build import decisions, scope_for, theme_uses
from maca.web.briefings.models import BriefingDraft

from .board import BoardWords
from .comparison import DEFAULT_THRESHOLD, ReauditView, compare_reaudit, graded_cases
from .models import Action, ReAudit
from .plan import plan_counts
from .queries import visible_actions, visible_discussions
from .reach import reach_of

Row = list[Any]  # cells: words or whole numbers


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[Row]
    figure: Figure | None = None


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class BoardReport:
    title: str
    partnership: str
    audit_ref: str
    produced: str
    sections: list[Section]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _day(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def comparison_for(audit: Audit) -> ReauditView | None:
    """The audit beside the one it repeats or, failing that, beside its latest re-audit."""
    reaudit = ReAudit.objects.filter(audit=audit).select_related("audit", "earlier").first()
    reaudit = reaudit or (
        ReAudit.objects.filter(earlier=audit)
        .select_related("audit", "earlier")
        .order_by("-created_at")
        .first()
    )
    return compare_reaudit(reaudit) if reaudit is not None else None


def build_board_report(audit: Audit, user, *, today: date | None = None) -> BoardReport:
    today = today or timezone.localdate()
    words = BoardWords(audit)
    draft = BriefingDraft.objects.filter(audit=audit).first()
    threshold = draft.small_number_threshold if draft else DEFAULT_THRESHOLD
    # The author's small-number choices where made; every other small count suppressed.
    numbers = Numbers(threshold, {"scope": "suppress", "board": "suppress"})
    if draft is not None:
        numbers.decisions.update(decisions(draft))
    actions = list(
        visible_actions(user, audit).prefetch_related("impact", "status_changes__changed_by")
    )
    sections = [
        _method(audit, draft, words),
        _sample(audit, draft, numbers),
        _findings(audit, draft, numbers, words),
        _actions(actions, words, today),
        _reach(audit, user, words),
    ]
    view = comparison_for(audit)
    if view is not None:
        sections.append(_comparison(view))
    if words.problem:
        sections[0].paragraphs.insert(0, f"Typed text is withheld throughout: {words.problem}.")
    return BoardReport(
        title=f"Board report: {audit.title}",
        partnership=audit.partnership.name,
        audit_ref=audit.trail_ref,
        produced=_day(today),
        sections=sections,
    )


def _method(audit: Audit, draft: BriefingDraft | None, words: BoardWords) -> Section:
    methodology = (draft.methodology if draft else "") or (
        "A practitioner-led multi-agency case audit: each agency completed the audit tool for "
        "its part in each case, and a multi-agency panel agreed the findings on audit day."
    )
    agencies = (
        SingleAgencyReturn.objects.filter(assignment__case__audit=audit)
        .values("assignment__agency")
        .distinct()
        .count()
    )
    return Section(
        "method",
        "Method",
        paragraphs=[
            f"The question: {words(audit.question)}",
            words(methodology),
            f"Terms of reference: {words(audit.terms_of_reference)}",
        ],
        tables=[
            Table(
                "About the audit",
                ["", ""],
                [
                    ["Partnership priority", words(audit.priority)],
                    ["Audit tool", str(audit.tool_version)],
                    ["Cases graded", "Yes" if audit.grading else "No"],
                    ["Lawful basis", words(audit.lawful_basis)],
                    ["Information-sharing agreement", words(audit.isa_reference)],
                    ["Stage", audit.get_stage_display()],
                    ["Agencies asked for returns", agencies],
                    ["Audit day", _day(audit.audit_day)],
                ],
            )
        ],
    )


def _sample(audit: Audit, draft: BriefingDraft | None, numbers: Numbers) -> Section:
    scope, derived = scope_for(audit, draft)
    rows: list[Row] = [
        ["Period", period_in_words(scope).removeprefix("between ").removeprefix("in ")],
    ]
    labels = {
        "children": "Children in the cohort",
        "families": "Families",
        "in_first_1001_days": "Within the first 1001 days",
        "pp_invoked": "Removed by police protection",
        "pp_considered_s20": "Police protection considered, section 20 given",
        "known_historically": "Known to children's social care in the past",
        "sibling_known": "A sibling known to children's social care",
        "recent_closure": "A closure in the 180 days before",
        "moved_in": "Moved in from another area",
    }
    for name, label in labels.items():
        rows.append([label, numbers.show(f"scope.{name}", getattr(scope, name), "scope", label)])
    returns = SingleAgencyReturn.objects.filter(assignment__case__audit=audit)
    rows.append(["Returns asked for", returns.count()])
    rows.append(["Returns signed off", returns.filter(status="signed_off").count()])
    note = (
        "The sample is derived from the cases' cohort flags (no scope.json is stored)."
        if derived
        else "The sample is the cohort's scope.json, as maca cohort found it."
    )
    return Section("sample", "Sample", [note], [Table("The cohort", ["", ""], rows)])


def _findings(
    audit: Audit, draft: BriefingDraft | None, numbers: Numbers, words: BoardWords
) -> Section:
    uses = sorted(theme_uses(audit), key=lambda u: -(u.strength_cases + u.learning_cases))
    texts = (draft.theme_texts or {}) if draft else {}
    rows: list[Row] = []
    for use in uses:
        if not (use.strength_cases or use.learning_cases):
            continue
        name = use.theme.name
        rows.append(
            [
                name,
                numbers.show(f"board.themes.{use.theme.pk}.strength", use.strength_cases, "", name),
                numbers.show(f"board.themes.{use.theme.pk}.learning", use.learning_cases, "", name),
            ]
        )
    tables = [
        Table("Cases per theme", ["Theme", "Strengths (cases)", "Areas for learning (cases)"], rows)
    ]
    learning = []
    for use in uses:
        if use.learning_cases:
            entry = texts.get(str(use.theme.pk), {})
            heading = entry.get("learning_title") or use.theme.name
            learning.append([words(heading), words(entry.get("learning_text", ""))])
    if learning:
        tables.append(Table("The learning", ["Area for learning", "What was learned"], learning))
    if audit.grading:
        grades = graded_cases(audit)
        tables.append(
            Table(
                "Grades",
                ["Grade", "Cases"],
                [[g, numbers.show(f"board.grades.{g}", n, "", g)] for g, n in grades.items()],
            )
        )
    paragraphs = [] if rows else ["No findings are recorded yet."]
    return Section("findings", "Findings", paragraphs, tables)


def _actions(actions: list[Action], words: BoardWords, today: date) -> Section:
    counts = plan_counts(actions, today)
    complete = counts.by_status.get(Action.Status.COMPLETE, 0)
    summary = (
        f"{counts.total} action{'s' if counts.total != 1 else ''}: {complete} complete, "
        f"{counts.overdue} overdue; {counts.with_impact} with evidence of impact"
        + (
            f", {counts.complete_without_impact} complete without it (a reason is recorded)"
            if counts.complete_without_impact
            else ""
        )
        + "."
    )
    plan, history, impact = [], [], []
    for number, action in enumerate(actions, 1):
        plan.append(
            [
                number,
                words(action.area),
                words(action.text),
                words(action.measure),
                action.owner_agency.name,
                words(action.lead),
                _day(action.due_date),
                action.get_status_display(),
                "Overdue" if action.overdue(today) else "",
                words(action.no_impact_reason),
            ]
        )
        for change in action.status_changes.all():
            history.append(
                [
                    number,
                    _day(timezone.localtime(change.changed_at).date()),
                    Action.Status(change.from_status).label if change.from_status else "",
                    Action.Status(change.to_status).label,
                    words(change.reason),
                    (change.changed_by.role_label if change.changed_by else ""),
                ]
            )
        for evidence in action.impact.all():
            impact.append(
                [
                    number,
                    _day(timezone.localtime(evidence.recorded_at).date()),
                    words(evidence.what_changed),
                    words(evidence.how_measured),
                ]
            )
    return Section(
        "actions",
        "Actions",
        [summary] if actions else ["No actions are agreed yet."],
        [
            Table(
                "The action plan",
                [
                    "No.",
                    "Area for learning",
                    "Action",
                    "How it is measured",
                    "Owner agency",
                    "Lead",
                    "Due",
                    "Status",
                    "Overdue",
                    "Complete without impact because",
                ],
                plan,
            ),  # fmt: skip
            Table(
                "Evidence of impact",
                ["Action", "Recorded", "What changed in practice", "How it was measured"],
                impact,
            ),
            Table("Status history", ["Action", "When", "From", "To", "Why", "By (role)"], history),
        ],
    )


def _reach(audit: Audit, user, words: BoardWords) -> Section:
    discussions = list(visible_discussions(user, audit))
    reach = reach_of(discussions)
    paragraphs = (
        [
            f"{reach.discussions} discussion{'s' if reach.discussions != 1 else ''} of the "
            f"briefing by {len(reach.teams)} team{'s' if len(reach.teams) != 1 else ''} in "
            f"{len(reach.agencies)} agenc{'ies' if len(reach.agencies) != 1 else 'y'}, "
            f"{reach.people} people in all."
        ]
        if discussions
        else ["No team has recorded a discussion of the briefing yet."]
    )
    return Section(
        "reach",
        "Reach of the briefing",
        paragraphs,
        [
            Table(
                "By agency",
                ["Agency", "Teams", "Discussions", "People"],
                [[a.agency, a.teams, a.discussions, a.people] for a in reach.agencies],
                reach.figure,
            ),
            Table(
                "What the teams will do",
                ["Agency", "Team", "Discussed", "People", "What the team will do"],
                [
                    [
                        d.agency.name,
                        words(d.team),
                        _day(d.discussed_on),
                        d.attendees,
                        words(d.will_do),
                    ]
                    for d in discussions
                ],
            ),  # fmt: skip
        ],
    )


def _comparison(view: ReauditView) -> Section:
    comparison = view.comparison
    rules = {True: "yes", False: "no", None: "not known (a scope.json is missing)"}
    paragraphs = [
        f"{comparison.later} beside {comparison.earlier}. Same cohort rules: "
        f"{rules[view.same_rules]}; same audit tool version: {'yes' if view.same_tool else 'no'}.",
        f"Counts under {comparison.threshold} read “fewer than {comparison.threshold}” and have "
        "no percentage.",
    ]
    tables = [
        Table(
            t.title,
            [t.label_header, comparison.earlier, comparison.later, "Change"],
            [list(row) for row in cells_of(t)],
            t.figure,
        )
        for t in comparison.tables
    ]
    return Section("reaudit", "Re-audit comparison", paragraphs, tables)

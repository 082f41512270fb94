"""An audit and its re-audit side by side: cohort size and make-up, how often each theme was seen
among the cases audited, grades where cases were graded, and any further measures published
elsewhere (the cohort profile's groups and bands), each as a table with a chart of it.

Counts go through the briefing's :class:`~maca.briefing.numbers.Numbers`, with every small count
(1 to threshold − 1) suppressed: it reads "fewer than 5" and has no percentage and no bar, and
when the base of a percentage is itself small, no percentage of it is shown at all. Measures that
arrive already published (the profile's cells) are shown as they were published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from maca.briefing.charts import Figure, Series
from maca.briefing.model import Scope, ThemeCount
from maca.briefing.numbers import SUPPRESSED, Numbers, SmallNumber

EARLIER_COLOUR = "#505a5f"  # dark grey (7:1 on white)
LATER_COLOUR = "#1d5d90"  # the briefing's dark blue
KEY_PREFIX = "reaudit"
NOT_SHOWN = "–"

# scope.json's counts of the cohort's make-up, in the briefing's words.
SCOPE_LABELS = (
    ("in_first_1001_days", "Within the first 1001 days"),
    ("in_first_1001_days_with_sibling_group", "Within the first 1001 days, with a sibling group"),
    ("pp_invoked", "Removed by police protection"),
    ("pp_considered_s20", "Police protection considered, section 20 given"),
    ("known_historically", "Known to children's social care in the past"),
    ("sibling_known", "A sibling known to children's social care"),
    ("recent_closure", "A closure in the 180 days before"),
    ("moved_in", "Moved in from another area"),
)


@dataclass
class AuditSide:
    """What one audit brings to the comparison."""

    label: str  # "A1: September – December 2023"
    scope: Scope
    audited_cases: int  # the cases the panel recorded findings for
    themes: list[ThemeCount] = field(default_factory=list)  # distinct cases per theme
    grades: dict[str, int] | None = (
        None  # grade label -> cases, in the grades' order; None: ungraded
    )


@dataclass(frozen=True)
class PublishedCell:
    """A count published already (the profile's): its text and percentage, if shown."""

    shown: str
    percent: float | None = None


@dataclass
class PublishedMeasure:
    key: str
    title: str
    label_header: str
    rows: list[tuple[str, PublishedCell, PublishedCell]]  # label, earlier, later
    note: str = ""


@dataclass
class ComparisonRow:
    label: str
    earlier: str  # "12 (34%)", "fewer than 5", "0"
    later: str
    change: str  # "+5 points", "no change", "–"


@dataclass
class ComparisonTable:
    key: str
    title: str
    label_header: str
    base: str  # what the percentages are of, in words
    rows: list[ComparisonRow]
    figure: Figure | None
    note: str = ""


@dataclass
class Comparison:
    earlier: str
    later: str
    threshold: int
    tables: list[ComparisonTable]
    suppressed: list[SmallNumber]

    def table(self, key: str) -> ComparisonTable | None:
        return next((t for t in self.tables if t.key == key), None)


@dataclass
class _Cell:
    text: str  # the table's words
    bar_text: str  # what the bar reads
    value: float  # the bar's length (0 when not shown)
    percent: float | None
    shown: bool


def compare(
    earlier: AuditSide,
    later: AuditSide,
    *,
    threshold: int = 5,
    measures: list[PublishedMeasure] | None = None,
) -> Comparison:
    numbers = Numbers(threshold, {KEY_PREFIX: "suppress"})
    count = _Counter(numbers, threshold)
    tables = [
        _table(
            "cohort_size",
            "Cohort size and cases audited",
            "Count",
            "",
            [
                ("Children in the cohort", earlier.scope.children, later.scope.children),
                ("Families", earlier.scope.families, later.scope.families),
                ("Cases audited (findings recorded)", earlier.audited_cases, later.audited_cases),
            ],
            count,
            None,
            None,
            (earlier.label, later.label),
            "the number",
        ),
        _table(
            "cohort_profile",
            "The cohort's children",
            "Children",
            "children in the cohort",
            [
                (label, getattr(earlier.scope, name), getattr(later.scope, name))
                for name, label in SCOPE_LABELS
            ],
            count,
            earlier.scope.children,
            later.scope.children,
            (earlier.label, later.label),
            "the percentage of children",
        ),
    ]
    names = _theme_order(earlier.themes, later.themes)
    for key, title, part in (
        ("learning_themes", "Areas for learning, by theme", "learning"),
        ("strength_themes", "Strengths, by theme", "strength"),
    ):
        before = {t.theme: getattr(t, part) for t in earlier.themes}
        after = {t.theme: getattr(t, part) for t in later.themes}
        rows = [
            (name, before.get(name, 0), after.get(name, 0))
            for name in names
            if before.get(name) or after.get(name)
        ]
        table = _table(
            key,
            title,
            "Theme",
            "cases audited",
            rows,
            count,
            earlier.audited_cases,
            later.audited_cases,
            (earlier.label, later.label),
            "the percentage of cases audited",
        )
        if not rows:
            table.note = "No findings are tagged to a theme in either audit yet."
        elif not later.audited_cases:
            table.note = "The re-audit has no findings yet: its column fills in as they are agreed."
        tables.append(table)
    if earlier.grades is not None or later.grades is not None:
        grades = _grades_order(earlier.grades, later.grades)
        table = _table(
            "grades",
            "Grades",
            "Grade",
            "cases graded",
            [(g, (earlier.grades or {}).get(g, 0), (later.grades or {}).get(g, 0)) for g in grades],
            count,
            sum((earlier.grades or {}).values()),
            sum((later.grades or {}).values()),
            (earlier.label, later.label),
            "the percentage of cases graded",
        )
        ungraded = [s.label for s in (earlier, later) if s.grades is None]
        if ungraded:
            table.note = f"Not graded: {', '.join(ungraded)}."
        tables.append(table)
    tables += [_published(m, (earlier.label, later.label)) for m in measures or []]
    return Comparison(earlier.label, later.label, threshold, tables, numbers.small)


class _Counter:
    """One count as the comparison shows it, with a percentage of its base when both may be."""

    def __init__(self, numbers: Numbers, threshold: int):
        self.numbers = numbers
        self.threshold = threshold
        self.small_text = SUPPRESSED.format(threshold=threshold)

    def cell(self, key: str, value: int, base: int | None, item: str) -> _Cell:
        if self.numbers.suppressed(key, value, "reaudit", item):
            return _Cell(self.small_text, f"<{self.threshold}", 0.0, None, False)
        if base is None:
            return _Cell(str(value), str(value), float(value), None, True)
        if value and self.numbers.is_small(base):
            # A percentage of a small base gives the count away: no bar, no percentage.
            return _Cell(self.small_text, f"<{self.threshold}", 0.0, None, False)
        if not base:
            return _Cell(str(value), str(value), 0.0, None, True)
        percent = round(100 * value / base)
        return _Cell(f"{value} ({percent}%)", f"{percent}%", float(percent), percent, True)


def _table(
    key: str,
    title: str,
    label_header: str,
    base_words: str,
    rows: list[tuple[str, int, int]],
    count: _Counter,
    earlier_base: int | None,
    later_base: int | None,
    names: tuple[str, str],
    value_words: str,
) -> ComparisonTable:
    cells = []
    for label, before, after in rows:
        slug = _slug(label)
        cells.append(
            (
                label,
                count.cell(f"{KEY_PREFIX}.{key}.{slug}.earlier", before, earlier_base, label),
                count.cell(f"{KEY_PREFIX}.{key}.{slug}.later", after, later_base, label),
            )
        )
    percentages = earlier_base is not None
    table_rows = [
        ComparisonRow(label, a.text, b.text, _change(a, b, percentages)) for label, a, b in cells
    ]
    figure = _figure(key, title, label_header, cells, names, value_words, percentages)
    return ComparisonTable(
        key, title, label_header, base_words, table_rows, figure if cells else None
    )


def _published(measure: PublishedMeasure, names: tuple[str, str]) -> ComparisonTable:
    cells = [
        (label, _from_published(before), _from_published(after))
        for label, before, after in measure.rows
    ]
    rows = [ComparisonRow(label, a.text, b.text, _change(a, b, True)) for label, a, b in cells]
    figure = _figure(
        measure.key,
        measure.title,
        measure.label_header,
        cells,
        names,
        "the percentage of the group's children",
        True,
    )
    return ComparisonTable(
        measure.key,
        measure.title,
        measure.label_header,
        "the group's children",
        rows,
        figure if cells else None,
        measure.note,
    )


def _from_published(cell: PublishedCell) -> _Cell:
    if cell.percent is None:
        return _Cell(cell.shown, cell.shown, 0.0, None, cell.shown == "0")
    percent = round(cell.percent)
    return _Cell(f"{cell.shown} ({percent}%)", f"{percent}%", float(percent), percent, True)


def _change(before: _Cell, after: _Cell, percentages: bool) -> str:
    if not (before.shown and after.shown):
        return NOT_SHOWN
    if percentages:
        if before.percent is None or after.percent is None:
            return NOT_SHOWN
        points = after.percent - before.percent
        unit = "point" if abs(points) == 1 else "points"
        return "no change" if points == 0 else f"{points:+g} {unit}".replace("-", "−")
    difference = after.value - before.value
    return "no change" if difference == 0 else f"{difference:+g}".replace("-", "−")


def _figure(
    key: str,
    title: str,
    label_header: str,
    cells: list[tuple[str, _Cell, _Cell]],
    names: tuple[str, str],
    value_words: str,
    percentages: bool,
) -> Figure:
    pairs = [(before, after) for _, before, after in cells]
    series = [
        Series(
            name=name,
            colour=colour,
            values=[pair[side].value for pair in pairs],
            shown=[pair[side].shown for pair in pairs],
            texts=[pair[side].bar_text for pair in pairs],
        )
        for side, name, colour in ((0, names[0], EARLIER_COLOUR), (1, names[1], LATER_COLOUR))
    ]
    return Figure(
        key=f"reaudit-{key}",
        title=title,
        label_header=label_header,
        labels=[c[0] for c in cells],
        series=series,
        cells=[[c[1].text, c[2].text] for c in cells],
        summary=_summary(title, cells, names, value_words, percentages),
        horizontal=True,
        value_axis=("Percentage" if percentages else "Number"),
        row_height=0.55,
        legend_above=True,
    )


def _summary(
    title: str,
    cells: list[tuple[str, _Cell, _Cell]],
    names: tuple[str, str],
    value_words: str,
    percentages: bool,
) -> str:
    """The chart in a sentence: the biggest rise and fall among the bars shown."""
    moves = [
        (after.value - before.value, label, before, after)
        for label, before, after in cells
        if before.shown
        and after.shown
        and (not percentages or None not in (before.percent, after.percent))
    ]
    lead = f"{title}, {value_words}, {names[0]} beside {names[1]}"
    parts = []
    rise = max(moves, default=None, key=lambda m: m[0])
    fall = min(moves, default=None, key=lambda m: m[0])
    if rise and rise[0] > 0:
        parts.append(f"the largest rise was {rise[1].lower()} ({_pair(rise)})")
    if fall and fall[0] < 0:
        parts.append(f"the largest fall was {fall[1].lower()} ({_pair(fall)})")
    if not parts:
        return f"{lead}. The figures are in the table."
    return f"{lead}: " + "; ".join(parts) + "."


def _pair(move: tuple) -> str:
    _, _, before, after = move
    return f"from {before.bar_text} to {after.bar_text}"


def _theme_order(earlier: list[ThemeCount], later: list[ThemeCount]) -> list[str]:
    """Themes seen most in the re-audit first, then the earlier audit's."""
    seen: dict[str, tuple[int, int]] = {}
    for t in earlier:
        seen[t.theme] = (0, t.learning + t.strength)
    for t in later:
        seen[t.theme] = (t.learning + t.strength, seen.get(t.theme, (0, 0))[1])
    return sorted(seen, key=lambda name: (-seen[name][0], -seen[name][1], name))


def _grades_order(*sides: dict[str, int] | None) -> list[str]:
    ordered: list[str] = []
    for side in sides:
        ordered += [g for g in side or {} if g not in ordered]
    return ordered


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def cells_of(table: ComparisonTable) -> list[list[str]]:
    """The table as rows of words: label, earlier, later, change (exports and read-backs)."""
    return [[r.label, r.earlier, r.later, r.change] for r in table.rows]

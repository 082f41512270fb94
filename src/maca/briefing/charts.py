"""Charts where a reader would rather look than read, drawn with matplotlib (Agg, no browser).

Each chart is a :class:`Figure`: a title, a one-sentence text alternative, a data table and the
drawing as inline SVG (HTML, PDF) or PNG (Word). Bars are counts, so they go through
:class:`Numbers` like every other published count: a suppressed bar is not drawn and reads
"fewer than 5" in the table. Removals are counted per month, never per day.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

from maca.briefing.model import Briefing, BriefingInputError  # noqa: E402
from maca.briefing.numbers import Numbers  # noqa: E402
from maca.briefing.scope import MONTHS, parse_iso_date  # noqa: E402

STRENGTH_COLOUR = "#00703c"
LEARNING_COLOUR = "#5b2b82"
BAR_COLOUR = "#1d5d90"
INK = "#1b1b1b"

plt.rcParams.update(
    {
        "font.family": ["Liberation Sans", "DejaVu Sans", "sans-serif"],
        "font.size": 8,
        "svg.fonttype": "none",  # text stays text: searchable, extractable, read aloud
        "svg.hashsalt": "maca-briefing",  # stable ids, so output is reproducible
        "axes.edgecolor": "#6f777b",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.color": INK,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
    }
)

# Age bands a practitioner thinks in; the first four are within the first 1001 days' age range.
AGE_BANDS = (
    (0, 91, "Under 3 months"),
    (91, 183, "3 to 6 months"),
    (183, 365, "6 to 12 months"),
    (365, 730, "1 to 2 years"),
    (730, 1826, "2 to 5 years"),
    (1826, 4018, "5 to 11 years"),
    (4018, 10**6, "11 years and over"),
)


@dataclass
class Series:
    name: str
    colour: str
    values: list[int] | list[float]
    shown: list[bool]  # False where the count is suppressed
    texts: list[str] | None = None  # what each bar reads; default the value (or the <5 label)


@dataclass
class Figure:
    key: str
    title: str
    label_header: str
    labels: list[str]
    series: list[Series]
    cells: list[list[str]]  # table cells per row, after suppression
    summary: str = ""
    horizontal: bool = False
    value_axis: str = "Number of cases"
    suppressed_label: str = "<5"
    row_height: float = 0.3  # inches per label of a horizontal chart
    integer_values: bool = True  # whole-number ticks on the value axis (counts)
    legend_above: bool = False  # the legend in a row above the plot, clear of every bar
    _cache: dict[str, bytes | str] = field(default_factory=dict, repr=False)

    def svg(self) -> str:
        if "svg" not in self._cache:
            raw = _draw(self, "svg").decode("utf-8")
            self._cache["svg"] = _inline_svg(raw, self.key, self.title, self.summary)
        return str(self._cache["svg"])

    def png(self) -> bytes:
        if "png" not in self._cache:
            self._cache["png"] = _draw(self, "png")
        return bytes(self._cache["png"])  # type: ignore[arg-type]


def build_figures(briefing: Briefing, numbers: Numbers) -> dict[str, Figure]:
    figures = {}
    charts = briefing.charts
    if charts.theme_cases:
        figures["theme_cases"] = _theme_cases(briefing, numbers)
    if charts.cases:
        figures["agencies_per_case"] = _agencies_per_case(briefing, numbers)
        figures["age_at_removal"] = _age_at_removal(briefing, numbers)
        figures["removals_by_month"] = _removals_by_month(briefing, numbers)
    for figure in figures.values():
        figure.suppressed_label = f"<{numbers.threshold}"
    return figures


def _count_series(
    key: str, name: str, colour: str, labels: list[str], values: list[int], numbers: Numbers
) -> tuple[Series, list[str]]:
    shown, cells = [], []
    for label, value in zip(labels, values, strict=True):
        cell = numbers.show(f"chart.{key}.{_slug(label)}", value, "charts", f"{key}: {label}")
        shown.append(cell == str(value))
        cells.append(cell)
    return Series(name, colour, values, shown), cells


def _theme_cases(briefing: Briefing, numbers: Numbers) -> Figure:
    rows = [t for t in briefing.charts.theme_cases if t.strength or t.learning]
    rows.sort(key=lambda t: -(t.strength + t.learning))
    labels = [t.theme for t in rows]
    strength, s_cells = _count_series(
        "theme_cases.strength",
        "Strength",
        STRENGTH_COLOUR,
        labels,
        [t.strength for t in rows],
        numbers,
    )
    learning, l_cells = _count_series(
        "theme_cases.learning",
        "Area for learning",
        LEARNING_COLOUR,
        labels,
        [t.learning for t in rows],
        numbers,
    )
    figure = Figure(
        key="theme_cases",
        title="Cases per theme: strengths and areas for learning",
        label_header="Theme",
        labels=labels,
        series=[strength, learning],
        cells=[[s, le] for s, le in zip(s_cells, l_cells, strict=True)],
        horizontal=True,
    )
    top_s = _largest(labels, strength, s_cells)
    top_l = _largest(labels, learning, l_cells)
    parts = []
    if top_s:
        parts.append(f"the strength seen in most cases was {top_s[0].lower()} ({top_s[1]} cases)")
    if top_l:
        parts.append(
            f"the area for learning seen in most cases was {top_l[0].lower()} ({top_l[1]} cases)"
        )
    figure.summary = _sentence("Number of cases per theme", parts)
    return figure


def _single_series(
    numbers: Numbers,
    *,
    key: str,
    title: str,
    label_header: str,
    labels: list[str],
    counts: list[int],
    series_name: str,
    value_axis: str,
    summary_lead: str,
    summary_top: str,
) -> Figure:
    """A one-series bar chart of counts; ``summary_top`` words its largest bar, given as
    ``{label}`` and ``{count}``."""
    series, cells = _count_series(key, series_name, BAR_COLOUR, labels, counts, numbers)
    figure = Figure(
        key=key,
        title=title,
        label_header=label_header,
        labels=labels,
        series=[series],
        cells=[[c] for c in cells],
        value_axis=value_axis,
    )
    top = _largest(labels, series, cells)
    if top:
        figure.summary = _sentence(
            summary_lead, [summary_top.format(label=top[0], lower=top[0].lower(), count=top[1])]
        )
    return figure


def _agencies_per_case(briefing: Briefing, numbers: Numbers) -> Figure:
    counts = Counter(case.agencies for case in briefing.charts.cases)
    span = range(min(counts), max(counts) + 1)
    return _single_series(
        numbers,
        key="agencies_per_case",
        title="Agencies involved per case",
        label_header="Agencies involved",
        labels=[_agencies(n) for n in span],
        counts=[counts.get(n, 0) for n in span],
        series_name="Cases",
        value_axis="Number of cases",
        summary_lead="Number of cases by how many agencies were involved",
        summary_top="the most common was {label} ({count} cases)",
    )


def _age_at_removal(briefing: Briefing, numbers: Numbers) -> Figure:
    counts = Counter(_age_band(case.age_days) for case in briefing.charts.cases)
    labels = [label for _, _, label in AGE_BANDS]
    return _single_series(
        numbers,
        key="age_at_removal",
        title="Age at removal",
        label_header="Age at removal",
        labels=labels,
        counts=[counts.get(label, 0) for label in labels],
        series_name="Children",
        value_axis="Number of children",
        summary_lead="Number of children by age at removal",
        summary_top="the largest group was {lower} ({count} children)",
    )


def _removals_by_month(briefing: Briefing, numbers: Numbers) -> Figure:
    months: Counter[tuple[int, int]] = Counter()
    for i, case in enumerate(briefing.charts.cases):
        removal = parse_iso_date(case.removal_date, f"charts.cases[{i}].removal_date")
        months[(removal.year, removal.month)] += 1
    period_start = parse_iso_date(briefing.scope.period.start, "scope.period.from")
    period_end = parse_iso_date(briefing.scope.period.end, "scope.period.to")
    first = min([(period_start.year, period_start.month), *months])
    last = max([(period_end.year, period_end.month), *months])
    keys = list(_month_range(first, last))
    if len(keys) > 60:
        raise BriefingInputError("charts.cases: removal dates span more than five years")
    return _single_series(
        numbers,
        key="removals_by_month",
        title="Removals in the period, by month",
        label_header="Month",
        labels=[f"{MONTHS[m - 1][:3]} {y}" for y, m in keys],
        counts=[months.get(k, 0) for k in keys],
        series_name="Removals",
        value_axis="Number of removals",
        summary_lead="Number of removals per month",
        summary_top="the most were in {label} ({count} removals)",
    )


def _month_range(first: tuple[int, int], last: tuple[int, int]):
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _age_band(age_days: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age_days < high:
            return label
    return AGE_BANDS[-1][2]


def _agencies(n: int) -> str:
    return "1 agency" if n == 1 else f"{n} agencies"


def _largest(labels: list[str], series: Series, cells: list[str]) -> tuple[str, str] | None:
    """The biggest shown bar; a suppressed bar is never singled out in the summary."""
    candidates = [
        (value, -i)
        for i, (value, shown) in enumerate(zip(series.values, series.shown, strict=True))
        if shown and value > 0
    ]
    if not candidates:
        return None
    _, neg_index = max(candidates)
    return labels[-neg_index], cells[-neg_index]


def _sentence(lead: str, parts: list[str]) -> str:
    if not parts:
        return f"{lead}. The figures are in the table."
    return f"{lead}: " + "; ".join(parts) + "."


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _draw(figure: Figure, fmt: str) -> bytes:
    n = len(figure.labels)
    # One scale for all charts (wide ones twice the width of small ones) so that text in every
    # chart prints at the same size when the page fits them to its columns.
    if figure.horizontal:
        size = (7.0, max(2.0, figure.row_height * n + 0.8))
    else:
        size = (3.4, 2.6)
    fig, ax = plt.subplots(figsize=size, layout="constrained")
    try:
        _plot_bars(ax, figure)
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=150, metadata=_metadata(fmt))
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _metadata(fmt: str) -> dict[str, str | None]:
    # No creation date: the same input gives the same file.
    return {"Date": None} if fmt == "svg" else {}


def _plot_bars(ax, figure: Figure) -> None:  # noqa: ANN001 - matplotlib Axes
    n, k = len(figure.labels), len(figure.series)
    width = 0.8 / k
    positions = list(range(n))
    peak = max([max(s.values, default=0) for s in figure.series] + [1])
    for j, series in enumerate(figure.series):
        offset = (j - (k - 1) / 2) * width
        where = [p + offset for p in positions]
        heights = [v if shown else 0 for v, shown in zip(series.values, series.shown, strict=True)]
        bar = ax.barh if figure.horizontal else ax.bar
        bars = bar(where, heights, width * 0.92, color=series.colour, label=series.name)
        texts = series.texts or [
            str(v) if shown else figure.suppressed_label
            for v, shown in zip(series.values, series.shown, strict=True)
        ]
        for rect, value, shown, place, text in zip(
            bars, series.values, series.shown, where, texts, strict=True
        ):
            if not shown or value or series.texts:
                _label_bar(ax, figure.horizontal, rect, place, text, peak)
    if figure.horizontal:
        ax.set_yticks(positions, figure.labels)
        ax.invert_yaxis()
        ax.set_xlabel(figure.value_axis)
        ax.set_xlim(0, peak * 1.15)
    else:
        tilt = n > 4
        ax.set_xticks(
            positions, figure.labels, rotation=35 if tilt else 0, ha="right" if tilt else "center"
        )
        ax.set_ylabel(figure.value_axis)
        ax.set_ylim(0, peak * 1.18)
    # Counts of cases: whole-number ticks only.
    value_axis = ax.xaxis if figure.horizontal else ax.yaxis
    if figure.integer_values:
        value_axis.get_major_locator().set_params(integer=True)
    if k > 1 and figure.legend_above:
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=1)
    elif k > 1:
        ax.legend(frameon=False, loc="lower right")


def _label_bar(ax, horizontal: bool, rect, place: float, text: str, peak: float) -> None:  # noqa: ANN001
    gap = peak * 0.015
    if horizontal:
        ax.text(rect.get_width() + gap, place, text, va="center", fontsize=8)
    else:
        ax.text(place, rect.get_height() + gap, text, ha="center", va="bottom", fontsize=7.5)


def _inline_svg(raw: str, key: str, title: str, summary: str) -> str:
    """Matplotlib's SVG made fit to sit inline: ids made unique per chart, a title and role."""
    start = raw.index("<svg")
    svg = raw[start:]
    svg = re.sub(r'\bid="', f'id="{key}-', svg)
    svg = svg.replace("url(#", f"url(#{key}-").replace('href="#', f'href="#{key}-')
    svg = re.sub(
        r"<svg\b", f'<svg role="img" aria-labelledby="{key}-title {key}-desc"', svg, count=1
    )
    head_end = svg.index(">") + 1
    alt = (
        f'<title id="{key}-title">{_escape(title)}</title>'
        f'<desc id="{key}-desc">{_escape(summary)}</desc>'
    )
    svg = svg[:head_end] + alt + svg[head_end:]
    return re.sub(r'\s(width|height)="[^"]*pt"', "", svg, count=2)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""The timeline as a picture: an SVG written by hand (a 5,000-event timeline in milliseconds,
where a charting library takes seconds), one lane per agency, the removal as day 0.

Nothing depends on colour alone, so that it reads in black and white print: a dated entry is a
filled circle (a square for a system record), an uncertain date a hollow dashed one, a
month-only date a hollow bar across the month, an entry that lasts a line to its end date,
a gap a hatched band, a signal a triangle above its entry and a possible duplicate a ring round
each of the two entries joined by a dotted line. A legend says so. For a screen reader the
picture is one image (``role="img"``) with a title and a description; the table that goes with
it is the text alternative, listing every entry with its flags. Styling is by presentation
attributes only (no ``style``), so the SVG can sit inline in a page with a strict CSP.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from maca.chronology.dates import MONTH, DateReading
from maca.chronology.timeline import Timeline, day_words

WIDTH = 1100
LEFT, RIGHT = 250, 30  # lane labels on the left
TOP = 52  # room for the removal's label and the gap labels
LANE = 34
AXIS = 46
LEGEND = 74
EARLIER = 80  # the strip where entries long before the removal are counted, not drawn
INK, PAPER, LANE_FILL = "#0b0c0c", "#ffffff", "#f3f2f1"
REMOVAL, SIGNAL, DUPLICATE, GAP = "#d4351c", "#912b88", "#f47738", "#b1b4b6"
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_TICK_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
_TITLE_LENGTH = 120


def svg_id(timeline: Timeline) -> str:
    """An id for the timeline's picture, unique among the timelines of one page."""
    return "timeline-" + re.sub(r"[^a-z0-9]+", "-", timeline.title.lower()).strip("-")


def render_svg(timeline: Timeline, id_prefix: str = "") -> str:
    """The picture as an SVG element (no XML declaration: it goes inline in HTML)."""
    return _Drawing(timeline, id_prefix or svg_id(timeline)).svg()


class _Drawing:
    def __init__(self, timeline: Timeline, ident: str) -> None:
        self.t = timeline
        self.ident = ident
        self.lanes = {agency: n for n, agency in enumerate(timeline.agencies)}
        self.height = TOP + LANE * max(len(self.lanes), 1) + AXIS + LEGEND
        first, last, self.cut = self._span()
        self.plot_left = LEFT + (EARLIER if self.cut else 0)
        self.first = first.toordinal()
        self.scale = (WIDTH - self.plot_left - RIGHT) / max(last.toordinal() - self.first, 1)
        self.parts: list[str] = []

    def _span(self) -> tuple[date, date, date | None]:
        """First and last day drawn to scale, and where entries start to be only counted
        (more than ``gap_window_days`` before the removal), if any are."""
        entries = self.t.entries
        days = [e.date.value for e in entries] + [g.start for g in self.t.gaps]
        last_day = self.t.last_day
        ends = [] if last_day is None else [last_day]
        if self.t.day0:
            days.append(self.t.day0)
        if not days:
            today = date.today()
            return today, today, None
        first, last = min(days), max(days + ends)
        cut = None
        if self.t.day0:
            window = date.fromordinal(self.t.day0.toordinal() - self.t.parameters.gap_window_days)
            if first < window:
                first = cut = window
        pad = max((last - first).days // 40, 7)
        start = first if cut else date.fromordinal(first.toordinal() - pad)
        return start, date.fromordinal(last.toordinal() + pad), cut

    def x(self, day: date) -> float:
        """Where a day is drawn; a day before the cut is in the strip of earlier entries."""
        if self.cut and day < self.cut:
            return LEFT + EARLIER / 2
        return round(self.plot_left + (day.toordinal() - self.first) * self.scale, 1)

    def y(self, agency: str) -> int:
        return TOP + LANE * self.lanes[agency] + LANE // 2

    def svg(self) -> str:
        t = self.t
        title, desc = f"{self.ident}-title", f"{self.ident}-desc"
        self.parts.append(
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{self.ident}" class="chronology-picture"'
            f' viewBox="0 0 {WIDTH} {self.height}" width="100%" role="img"'
            f' aria-labelledby="{title} {desc}" font-family="Arial, Liberation Sans, sans-serif"'
            f' font-size="12" fill="{INK}">'
            f'<title id="{title}">{escape(t.title)}: timeline picture</title>'
            f'<desc id="{desc}">{escape(describe(t))}</desc>'
            f"{self._defs()}"
        )
        self._lanes()
        self._gaps()
        self._axis()
        self._earlier()
        self._removal()
        self._entries()
        self._duplicates()
        self._signals()
        self._legend()
        self.parts.append("</svg>")
        return "".join(self.parts)

    def _defs(self) -> str:
        return (
            f'<defs><pattern id="{self.ident}-hatch" width="6" height="6"'
            ' patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="{PAPER}"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{GAP}" stroke-width="3"/>'
            "</pattern></defs>"
        )

    def _lanes(self) -> None:
        for agency, n in self.lanes.items():
            top = TOP + LANE * n
            shown = agency if len(agency) <= 38 else agency[:36] + "…"
            self.parts.append(
                f'<rect x="{LEFT}" y="{top}" width="{WIDTH - LEFT - RIGHT}" height="{LANE}"'
                f' fill="{LANE_FILL if n % 2 == 0 else PAPER}"/>'
                f'<text x="{LEFT - 8}" y="{top + LANE // 2 + 4}" text-anchor="end">'
                f"<title>{escape(agency)}</title>{escape(shown)}</text>"
            )

    def _lanes_bottom(self) -> int:
        return TOP + LANE * max(len(self.lanes), 1)

    def _gaps(self) -> None:
        bottom = self._lanes_bottom()
        for gap in self.t.gaps:
            left, right = self.x(gap.start), self.x(gap.end)
            words = f"No agency contact for {gap.days} days ({gap.start} to {gap.end})"
            self.parts.append(
                f"<g><title>{escape(words)}</title>"
                f'<rect x="{left}" y="{TOP}" width="{max(right - left, 1)}"'
                f' height="{bottom - TOP}" fill="url(#{self.ident}-hatch)" fill-opacity="0.7"/>'
                f'<text x="{(left + right) / 2:.1f}" y="{TOP - 6}" text-anchor="middle"'
                f' font-size="10">gap {gap.days} days</text></g>'
            )

    def _axis(self) -> None:
        bottom = self._lanes_bottom()
        first, last = (
            date.fromordinal(self.first),
            date.fromordinal(self.first + round((WIDTH - self.plot_left - RIGHT) / self.scale)),
        )
        months = (last.year - first.year) * 12 + last.month - first.month
        step = next((s for s in _TICK_STEPS if months / s <= 9), _TICK_STEPS[-1])
        year, month = first.year, first.month + 1
        self.parts.append(
            f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="{INK}"/>'
        )
        while True:
            if month > 12:
                year, month = year + 1, month - 12
            tick = date(year, month, 1)
            if tick > last:
                break
            if (year * 12 + month - 1) % step == 0:
                x = self.x(tick)
                label = _MONTHS[month - 1] + f" {year}"
                self.parts.append(
                    f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{bottom + 5}" stroke="{INK}"'
                    f' stroke-opacity="0.25"/>'
                    f'<text x="{x}" y="{bottom + 18}" text-anchor="middle">{label}</text>'
                )
                if self.t.day0:
                    offset = day_words((tick - self.t.day0).days)
                    self.parts.append(
                        f'<text x="{x}" y="{bottom + 32}" text-anchor="middle" font-size="10">'
                        f"day {offset}</text>"
                    )
            month += 1

    def _earlier(self) -> None:
        """The strip on the left: how many entries each lane has before the cut."""
        if self.cut is None:
            return
        counts: dict[str, int] = {}
        for entry in self.t.entries:
            if entry.date.value < self.cut:
                counts[entry.agency] = counts.get(entry.agency, 0) + 1
        bottom, middle = self._lanes_bottom(), LEFT + EARLIER / 2
        self.parts.append(
            f'<line x1="{self.plot_left - 4}" y1="{TOP}" x2="{self.plot_left - 4}"'
            f' y2="{bottom + 5}" stroke="{INK}" stroke-dasharray="3 3"/>'
            f'<text x="{middle}" y="{bottom + 18}" text-anchor="middle">earlier</text>'
            f'<text x="{middle}" y="{bottom + 32}" text-anchor="middle" font-size="10">'
            f"before {_day(self.cut)}</text>"
        )
        for agency, count in counts.items():
            self.parts.append(
                f'<text x="{middle}" y="{self.y(agency) + 4}" text-anchor="middle"'
                f' font-size="10">{count} {"entry" if count == 1 else "entries"}</text>'
            )

    def _removal(self) -> None:
        day0 = self.t.day0
        if day0 is None:
            return
        x = self.x(day0)
        self.parts.append(
            f"<g><title>Removal, day 0: {day0}</title>"
            f'<line x1="{x}" y1="{TOP - 30}" x2="{x}" y2="{self._lanes_bottom()}"'
            f' stroke="{REMOVAL}" stroke-width="2.5"/>'
            f'<text x="{x - 4}" y="{TOP - 34}" text-anchor="end" font-weight="bold">'
            f"Removal (day 0)</text></g>"
        )

    def _entries(self) -> None:
        parts = self.parts
        cut = self.cut
        # Worked out once per day, agency and text, however many entries share them; html's
        # escape works character by character, so escaping the pieces is escaping the whole.
        xs: dict[date, float] = {}
        ys = {agency: self.y(agency) for agency in self.lanes}
        agencies = {agency: escape(agency) for agency in self.lanes}
        texts: dict[str, str] = {}
        dates: dict[DateReading, str] = {}
        for entry in self.t.entries:
            day = entry.date.value
            x = xs.get(day)
            if x is None:
                x = xs[day] = self.x(day)
            y = ys[entry.agency]
            if cut and day < cut:
                if entry.last_day >= cut:  # counted in the strip; drawn from where it shows
                    parts.append(
                        f'<line x1="{self.plot_left}" y1="{y}" x2="{self.x(entry.last_day)}"'
                        f' y2="{y}" stroke="{INK}" stroke-width="2"/>'
                    )
                continue
            text = texts.get(entry.event)
            if text is None:
                event = entry.event
                text = texts[event] = escape(
                    event if len(event) <= _TITLE_LENGTH else event[:119] + "…"
                )
            # the date's words are digits, month names and brackets: nothing to escape
            when = dates.get(entry.date)
            if when is None:
                when = dates[entry.date] = entry.date.words()
            parts.append(f"<g><title>{when}, {agencies[entry.agency]}: {text}</title>")
            dashed = ' stroke-dasharray="2 1.5"' if entry.date.uncertain else ""
            if entry.end_date is not None:
                parts.append(
                    f'<line x1="{x}" y1="{y}" x2="{self.x(entry.end_date.last_day)}" y2="{y}"'
                    f' stroke="{INK}" stroke-width="2"{dashed}/>'
                )
            if entry.date.precision == MONTH:
                width = max(self.x(entry.date.last_day) - x, 2)
                parts.append(
                    f'<rect x="{x}" y="{y - 4}" width="{width:.1f}" height="8" fill="{PAPER}"'
                    f' fill-opacity="0.6" stroke="{INK}"{dashed}/></g>'
                )
                continue
            fill = PAPER if entry.date.uncertain else INK
            if entry.system_record:
                parts.append(
                    f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{fill}"'
                    f' stroke="{INK}"{dashed}/></g>'
                )
            else:
                parts.append(
                    f'<circle cx="{x}" cy="{y}" r="4.5" fill="{fill}" stroke="{INK}"{dashed}/></g>'
                )

    def _mark_x(self, position: int) -> float:
        entry = self.t.entries[position]
        if entry.date.precision == MONTH:
            return round((self.x(entry.date.value) + self.x(entry.date.last_day)) / 2, 1)
        return self.x(entry.date.value)

    def _duplicates(self) -> None:
        for pair in self.t.duplicates:
            one, other = self.t.entries[pair.first], self.t.entries[pair.second]
            x = self._mark_x(pair.first)
            y1, y2 = self.y(one.agency), self.y(other.agency)
            self.parts.append(
                f"<g><title>Possible duplicate: {escape(one.agency)} and {escape(other.agency)}"
                f", {one.date.words()}</title>"
                f'<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{DUPLICATE}"'
                f' stroke-width="1.5" stroke-dasharray="1 2"/>'
                f'<circle cx="{x}" cy="{y1}" r="8" fill="none" stroke="{DUPLICATE}"'
                f' stroke-width="1.5"/>'
                f'<circle cx="{x}" cy="{y2}" r="8" fill="none" stroke="{DUPLICATE}"'
                f' stroke-width="1.5"/></g>'
            )

    def _signals(self) -> None:
        for signal in self.t.signals:
            entry = self.t.entries[signal.entry]
            x, y = self._mark_x(signal.entry), self.y(entry.agency) - 10
            self.parts.append(
                f"<g><title>Signal: {escape(signal.rule.title)}: {escape(signal.found)}</title>"
                f'<path d="M{x - 5:.1f} {y - 8} L{x + 5:.1f} {y - 8} L{x:.1f} {y} Z"'
                f' fill="{SIGNAL}" stroke="{INK}" stroke-width="0.5"/></g>'
            )

    def _legend(self) -> None:
        top = self._lanes_bottom() + AXIS
        row1, row2 = top + 14, top + 40
        items = [
            (row1, 0, f'<circle cx="6" cy="0" r="4.5" fill="{INK}"/>', "Dated entry"),
            (row1, 1, f'<rect x="2" y="-4" width="8" height="8" fill="{INK}"/>', "System record"),
            (
                row1,
                2,
                f'<circle cx="6" cy="0" r="4.5" fill="{PAPER}" stroke="{INK}"'
                ' stroke-dasharray="2 1.5"/>',
                "Uncertain date",
            ),
            (
                row1,
                3,
                f'<rect x="0" y="-4" width="22" height="8" fill="{PAPER}" stroke="{INK}"/>',
                "Month only",
            ),
            (
                row2,
                0,
                f'<line x1="0" y1="0" x2="22" y2="0" stroke="{INK}" stroke-width="2"/>',
                "Lasting event",
            ),
            (
                row2,
                1,
                f'<rect x="0" y="-7" width="22" height="14" fill="url(#{self.ident}-hatch)"/>',
                f"Gap (over {self.t.parameters.gap_days} days)",
            ),
            (
                row2,
                2,
                f'<path d="M1 -6 L11 -6 L6 2 Z" fill="{SIGNAL}" stroke="{INK}"'
                ' stroke-width="0.5"/>',
                "Signal",
            ),
            (
                row2,
                3,
                f'<circle cx="6" cy="0" r="7" fill="none" stroke="{DUPLICATE}"'
                ' stroke-width="1.5"/>',
                "Possible duplicate",
            ),
        ]
        self.parts.append(f'<g><text x="{LEFT - 8}" y="{row1 + 4}" text-anchor="end">Key</text>')
        for y, column, mark, words in items:
            x = LEFT + column * 200
            self.parts.append(
                f'<g transform="translate({x} {y})">{mark}'
                f'<text x="30" y="4">{escape(words)}</text></g>'
            )
        self.parts.append("</g>")


def describe(timeline: Timeline) -> str:
    """The picture in words, for its ``<desc>`` (the table lists every entry)."""
    entries = timeline.entries
    if not entries:
        return "No entries yet."
    agencies = timeline.agencies
    first = min(e.date.value for e in entries)
    last = timeline.last_day or first  # never None: there are entries
    words = [
        f"{len(entries)} entries in {len(agencies)} lanes, one per agency "
        f"({', '.join(agencies)}), from {_day(first)} to {_day(last)}."
    ]
    if timeline.day0:
        words.append(f"The removal, day 0, is {_day(timeline.day0)}.")
        window = timeline.parameters.gap_window_days
        if (timeline.day0 - first).days > window:
            words.append(
                f"Entries more than {window} days before it are counted at the left, not drawn."
            )
    else:
        words.append("No removal date is known, so there is no day 0 and no gaps.")
    gaps = timeline.gaps
    if gaps:
        longest = max(g.days for g in gaps)
        words.append(
            f"{len(gaps)} {'gap' if len(gaps) == 1 else 'gaps'} of more than "
            f"{timeline.parameters.gap_days} days with no agency contact are shaded "
            f"(the longest {longest} days)."
        )
    if timeline.duplicates:
        words.append(f"{len(timeline.duplicates)} possible duplicates are ringed.")
    if timeline.signals:
        words.append("Signals are marked with a triangle above their entry.")
    words.append("The table lists every entry with its flags.")
    return " ".join(words)


def _day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"

"""The timeline as a table: every entry in order with its flags, and a row for each gap where it
falls. It is the picture's text alternative, so everything the picture shows is here in words.

The markup uses GOV.UK Frontend's table classes on the table, its caption and its headers, so
the web app can place it as it is; the body's rows and cells carry no class of their own
(``.chronology-table td`` in both stylesheets draws them as ``govuk-table__cell``): a
5,000-entry table is 60,000 cells, and a class on each was a third of the page's markup
(docs/decisions/0600). The CLI's page styles the same classes for print.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from maca.chronology.dates import DateReading
from maca.chronology.entry import Entry
from maca.chronology.picture import svg_id
from maca.chronology.timeline import Timeline, day_words

_HEAD = (
    "#",
    "Date",
    "Case",
    "Agency",
    "Subject",
    "Source",
    "Event",
    "Significance",
    "Impact on child",
    "Action taken",
    "Practitioner role",
    "Flags",
)


def entry_anchor(timeline: Timeline, number: int) -> str:
    """The id of entry ``number`` (1-based) in the table, for links to it."""
    return f"{svg_id(timeline)}-entry-{number}"


def render_table_html(timeline: Timeline, caption: str = "") -> str:
    """The table as an HTML fragment."""
    columns = [h for h in _HEAD if h != "Case" or timeline.is_family]
    head = "".join(f'<th scope="col" class="govuk-table__header">{h}</th>' for h in columns)
    parts = [
        '<table class="govuk-table chronology-table">'
        f'<caption class="govuk-table__caption govuk-table__caption--m">'
        f"{escape(caption or timeline.title + ': every entry, in order')}</caption>"
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{head}</tr></thead>'
        '<tbody class="govuk-table__body">'
    ]
    gaps = sorted(timeline.gaps, key=lambda g: g.end)
    next_gap = 0
    flags = timeline.flags
    escaped: dict[str, str] = {}

    def esc(text: str) -> str:
        shown = escaped.get(text)
        if shown is None:
            shown = escaped[text] = escape(text)
        return shown

    row_start = f'<tr id="{entry_anchor(timeline, 0)[:-1]}'
    system_row_start = row_start.replace("<tr ", '<tr class="chronology-system" ', 1)
    family = timeline.is_family
    day0 = timeline.day0
    append = parts.append
    subjects: dict[tuple[str, str], str] = {}

    def subject(position: int, entry: Entry) -> str:
        known = (entry.subject, entry.case_ref)
        shown = subjects.get(known)
        if shown is None:
            shown = subjects[known] = escape(timeline.subject_of(position))
        return shown

    dates: dict[DateReading, str] = {}  # each date's words, worked out once
    # The cells before and after the event, each combination marked up once: an agency's
    # entries repeat their source, subject, action and role.
    befores: dict[tuple[str, str, str, str], str] = {}

    def who(position: int, entry: Entry) -> str:
        known = (entry.agency, entry.subject, entry.case_ref, entry.source)
        shown = befores.get(known)
        if shown is None:
            shown = befores[known] = (
                f"<td>{escape(entry.agency)}</td><td>{subject(position, entry)}</td>"
                f"<td>{escape(entry.source)}</td>"
            )
        return shown

    afters: dict[tuple[str, str, str, str], str] = {}

    def what(entry: Entry) -> str:
        known = (
            entry.significance,
            entry.impact_on_child,
            entry.action_taken,
            entry.practitioner_role,
        )
        shown = afters.get(known)
        if shown is None:
            shown = afters[known] = (
                f"<td>{known[0]}</td><td>{known[1]}</td><td>{escape(known[2])}</td>"
                f"<td>{escape(known[3])}</td>"
            )
        return shown

    days: dict[dt.date, str] = {}  # " (day −12)" for each date of an entry

    def day(value: dt.date) -> str:
        shown = days.get(value)
        if shown is None:
            shown = days[value] = "" if day0 is None else f" (day {day_words((value - day0).days)})"
        return shown

    # One string per row, each repeated value escaped once: the same markup as cell by cell.
    # ``when`` is digits, month names and ``,:()−`` only: nothing in it to escape.
    for position, entry in enumerate(timeline.entries):
        reading = entry.date
        while next_gap < len(gaps) and gaps[next_gap].end <= reading.value:
            append(_gap_row(gaps[next_gap], len(columns)))
            next_gap += 1
        number = position + 1
        when = dates.get(reading)
        if when is None:
            when = dates[reading] = reading.words()
        if entry.time:
            when += f", {entry.time.hour:02d}:{entry.time.minute:02d}"
        if entry.end_date:
            when += f" to {entry.end_date.words()}"
        cases = f"<td>{', '.join(timeline.case_refs_of(position))}</td>" if family else ""
        found = flags.get(position)
        append(
            f'{system_row_start if entry.system_record else row_start}{number}">'
            f"<td>{number}</td>"
            f"<td>{when}{day(reading.value)}</td>{cases}"
            f"{who(position, entry)}<td>{esc(entry.event)}</td>{what(entry)}<td>"
            f"{'' if found is None else _flags_html(timeline, position, flags)}</td></tr>"
        )
    for gap in gaps[next_gap:]:
        parts.append(_gap_row(gap, len(columns)))
    parts.append("</tbody></table>")
    return "".join(parts)


def _gap_row(gap, width: int) -> str:  # noqa: ANN001 - a Gap
    ending = "the removal" if gap.until_removal else "the next contact"
    return (
        f'<tr class="chronology-gap"><td colspan="{width}"><strong>Gap:</strong> '
        f"no agency contact for {gap.days} days, "
        f"from {gap.start} to {ending} on {gap.end}</td></tr>"
    )


def _flags_html(timeline: Timeline, position: int, flags) -> str:  # noqa: ANN001
    found = flags.get(position)
    if found is None:
        return ""
    lines = []
    for other in found.duplicates:
        agency = escape(timeline.entries[other].agency)
        lines.append(
            f'<strong>Possible duplicate</strong> of <a href="#{entry_anchor(timeline, other + 1)}"'
            f">entry {other + 1}</a> ({agency})"
        )
    for signal in found.signals:
        lines.append(
            f'<strong class="chronology-signal">Signal: {escape(signal.rule.title)}</strong>. '
            f'{escape(signal.explanation)} <span class="chronology-note">(rule '
            f"{signal.rule.name})</span>"
        )
    return "<br>".join(lines)

"""The timeline as a table: every entry in order with its flags, and a row for each gap where it
falls. It is the picture's text alternative, so everything the picture shows is here in words.

The markup uses GOV.UK Frontend's table classes on the table, its caption and its headers, so
the web app can place it as it is; the body's rows and cells carry no class of their own
(``.chronology-table td`` in both stylesheets draws them as ``govuk-table__cell``): a
5,000-entry table is 60,000 cells, and a class on each was a third of the page's markup
(docs/decisions/0600). The CLI's page styles the same classes for print.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

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
    esc = _once(escape)

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

    date_words = _once(DateReading.words)
    # The cells before and after the event, each combination marked up once: an agency's
    # entries repeat their subject, source, action and role.
    who = _once(lambda key: f"<td>{escape(key[0])}</td><td>{key[1]}</td><td>{escape(key[2])}</td>")
    what = _once(
        lambda key: (
            f"<td>{key[0]}</td><td>{key[1]}</td><td>{escape(key[2])}</td><td>{escape(key[3])}</td>"
        )
    )
    # " (day −12)" for each date of an entry
    day = _once(lambda value: "" if day0 is None else f" (day {day_words((value - day0).days)})")

    # One string per row, each repeated value escaped once: the same markup as cell by cell.
    # ``when`` is digits, month names and ``,:()−`` only: nothing in it to escape.
    for position, entry in enumerate(timeline.entries):
        reading = entry.date
        while next_gap < len(gaps) and gaps[next_gap].end <= reading.value:
            append(_gap_row(gaps[next_gap], len(columns)))
            next_gap += 1
        number = position + 1
        when = date_words(reading)
        if entry.time:
            when += f", {entry.time.hour:02d}:{entry.time.minute:02d}"
        if entry.end_date:
            when += f" to {entry.end_date.words()}"
        cases = f"<td>{', '.join(timeline.case_refs_of(position))}</td>" if family else ""
        found = flags.get(position)
        after = (
            entry.significance,
            entry.impact_on_child,
            entry.action_taken,
            entry.practitioner_role,
        )
        append(
            f'{system_row_start if entry.system_record else row_start}{number}">'
            f"<td>{number}</td>"
            f"<td>{when}{day(reading.value)}</td>{cases}"
            f"{who((entry.agency, subject(position, entry), entry.source))}"
            f"<td>{esc(entry.event)}</td>"
            f"{what(after)}<td>"
            f"{'' if found is None else _flags_html(timeline, position, flags)}</td></tr>"
        )
    for gap in gaps[next_gap:]:
        parts.append(_gap_row(gap, len(columns)))
    parts.append("</tbody></table>")
    return "".join(parts)


def _once(make: Callable[[Any], str]) -> Callable[[Any], str]:
    """``make`` worked out once for each key, however many rows repeat it."""
    known: dict[Any, str] = {}

    def shown(key: Any) -> str:
        found = known.get(key)
        if found is None:
            found = known[key] = make(key)
        return found

    return shown


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

"""Exports of timelines: CSV, XLSX and DOCX, pseudonymised by default.

Pseudonymised (the default) means no person id and no name of the file an entry came from
(an agency may name its files after the family); cases are by their references and people by
role. An identified export (``pseudonymise=False``) adds the file and row of each entry and,
when ``person_ids`` (case_ref -> person id) is given, the person id of each entry's case child:
the web app offers it only to those allowed to see identifying details, and records it.

Each row is an entry, in timeline order, or a gap where it falls. Text that a spreadsheet would
run as a formula (starting ``=``, ``+``, ``-`` or ``@``) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence

from maca.chronology.gaps import Gap
from maca.chronology.picture import describe
from maca.chronology.signals import RULES
from maca.chronology.timeline import Timeline

COLUMNS = (
    "timeline",
    "kind",
    "entry",
    "case_ref",
    "date",
    "time",
    "end_date",
    "day",
    "agency",
    "system_record",
    "subject",
    "source",
    "event",
    "significance",
    "impact_on_child",
    "action_taken",
    "practitioner_role",
    "possible_duplicate_of",
    "signals",
)
IDENTIFIED_COLUMNS = ("person_id", "source_file", "source_row")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell that a spreadsheet will show as text, never run as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_rows(
    timelines: Sequence[Timeline],
    *,
    pseudonymise: bool = True,
    person_ids: Mapping[str, str] | None = None,
    for_spreadsheet: bool = True,
) -> Iterator[list[str | int]]:
    """The header, then a row per entry and per gap of each timeline (text made
    ``spreadsheet_safe`` unless ``for_spreadsheet`` is False)."""
    safe = spreadsheet_safe if for_spreadsheet else str
    yield list(COLUMNS + (() if pseudonymise else IDENTIFIED_COLUMNS))
    for timeline in timelines:
        gaps = sorted(timeline.gaps, key=lambda g: g.end)
        next_gap = 0
        for position, entry in enumerate(timeline.entries):
            while next_gap < len(gaps) and gaps[next_gap].end <= entry.date.value:
                yield _gap_row(timeline, gaps[next_gap], pseudonymise)
                next_gap += 1
            flags = timeline.flags.get(position)
            refs = timeline.case_refs_of(position)
            day = timeline.day(position)
            row: list[str | int] = [
                safe(timeline.title),
                "entry",
                position + 1,
                ";".join(refs),
                entry.date.text,
                entry.time.strftime("%H:%M") if entry.time else "",
                entry.end_date.text if entry.end_date else "",
                "" if day is None else day,
                safe(entry.agency),
                "yes" if entry.system_record else "no",
                safe(timeline.subject_of(position)),
                safe(entry.source),
                safe(entry.event),
                entry.significance,
                entry.impact_on_child,
                safe(entry.action_taken),
                safe(entry.practitioner_role),
                ";".join(str(o + 1) for o in flags.duplicates) if flags else "",
                " | ".join(f"{s.rule.title}: {s.found}" for s in flags.signals) if flags else "",
            ]
            if not pseudonymise:
                ids = [person_ids[r] for r in refs if r in person_ids] if person_ids else []
                where = entry.provenance
                row += [";".join(ids), where.file if where else "", where.row if where else ""]
            yield row
        for gap in gaps[next_gap:]:
            yield _gap_row(timeline, gap, pseudonymise)


def _gap_row(timeline: Timeline, gap: Gap, pseudonymise: bool) -> list[str | int]:
    until = "the removal" if gap.until_removal else "the next contact"
    row: list[str | int] = [timeline.title, "gap", "", "", gap.start.isoformat(), "",
                            gap.end.isoformat(), "", "", "", "", "",
                            f"No agency contact for {gap.days} days, until {until}"]  # fmt: skip
    return row + [""] * (len(COLUMNS) + (0 if pseudonymise else 3) - len(row))


def export_csv(
    timelines: Sequence[Timeline],
    *,
    pseudonymise: bool = True,
    person_ids: Mapping[str, str] | None = None,
) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        export_rows(timelines, pseudonymise=pseudonymise, person_ids=person_ids)
    )
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(
    timelines: Sequence[Timeline],
    *,
    pseudonymise: bool = True,
    person_ids: Mapping[str, str] | None = None,
) -> bytes:
    """A workbook: the ``Timeline`` sheet, the ``Signal rules`` and ``About`` sheets."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Timeline")
    sheet.freeze_panes = "A2"
    rows = export_rows(timelines, pseudonymise=pseudonymise, person_ids=person_ids)
    header = []
    for name in next(rows):
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    rules = book.create_sheet("Signal rules")
    rules.append(["rule", "title", "question it prompts"])
    for rule in RULES:
        rules.append([rule.name, rule.title, rule.question])
    about = book.create_sheet("About")
    for line in _about(timelines, pseudonymise):
        about.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _about(timelines: Sequence[Timeline], pseudonymise: bool) -> list[str]:
    lines = [
        "Multi-agency chronology exported by maca.",
        "Pseudonymised: cases by reference, people by role, no person ids or file names."
        if pseudonymise
        else "IDENTIFIED: holds person ids and file names. Keep it as the ISA requires.",
        "Signals prompt questions; they are never a risk score, and nothing adds them up.",
    ]
    if timelines:
        p = timelines[0].parameters
        lines.append(
            f"Gaps: more than {p.gap_days} days without agency contact, within "
            f"{p.gap_window_days} days before the removal. Possible duplicates: same date and "
            f"subject, two agencies, text similarity at least {p.duplicate_similarity:g}."
        )
    return lines + [f"{t.title}: {describe(t)}" for t in timelines]


def export_docx(
    timelines: Sequence[Timeline],
    *,
    pseudonymise: bool = True,
    person_ids: Mapping[str, str] | None = None,
) -> bytes:
    """A Word document, landscape: per timeline a heading, its description, its flags and the
    table of entries (date, case, agency, subject, source and event, action, flags)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading("Multi-agency chronology", level=0)
    for line in _about(timelines, pseudonymise)[:3]:
        document.add_paragraph(line)
    for timeline in timelines:
        document.add_heading(timeline.title, level=1)
        document.add_paragraph(describe(timeline))
        _docx_table(document, timeline, pseudonymise, person_ids)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, timeline: Timeline, pseudonymise: bool, person_ids) -> None:  # noqa: ANN001
    head = ["#", "Date", "Case", "Agency", "Subject", "Source: event", "Action taken", "Flags"]
    if not pseudonymise:
        head.append("Person id, file and row")
    rows = [
        row
        for row in export_rows(
            [timeline], pseudonymise=pseudonymise, person_ids=person_ids, for_spreadsheet=False
        )
    ][1:]
    table = document.add_table(rows=1 + len(rows), cols=len(head))
    table.style = "Table Grid"
    cells = table._cells  # one list of every cell: far quicker than row by row for big tables
    width = len(head)
    for column, text in enumerate(head):
        cells[column].text = text
        cells[column].paragraphs[0].runs[0].bold = True
    index = {name: n for n, name in enumerate(COLUMNS)}
    for n, row in enumerate(rows, 1):
        values = _docx_values(row, index)
        if not pseudonymise:
            values.append(" ".join(str(v) for v in row[len(COLUMNS) :] if v != ""))
        for column, text in enumerate(values):
            cells[n * width + column].text = text


def _docx_values(row: list, index: dict[str, int]) -> list[str]:
    if row[index["kind"]] == "gap":
        return ["", f"{row[index['date']]} to {row[index['end_date']]}", "", "", "",
                str(row[index["event"]]), "", "gap"]  # fmt: skip
    when = str(row[index["date"]]) + (f" {row[index['time']]}" if row[index["time"]] else "")
    if row[index["day"]] != "":
        when += f" (day {row[index['day']]})"
    flags = []
    if row[index["possible_duplicate_of"]]:
        flags.append(f"Possible duplicate of {row[index['possible_duplicate_of']]}")
    if row[index["signals"]]:
        flags.append(f"Signals: {row[index['signals']]}")
    return [
        str(row[index["entry"]]),
        when,
        str(row[index["case_ref"]]),
        str(row[index["agency"]]),
        str(row[index["subject"]]),
        f"{row[index['source']]}: {row[index['event']]}",
        str(row[index["action_taken"]]),
        "; ".join(flags),
    ]

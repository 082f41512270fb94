"""Files in the submission format: the blank templates agencies fill in, and a filled one (the
system records ``maca chronology extract`` writes, which the audit loads like an agency's).

The XLSX template has the columns on a ``Chronology`` sheet (dates and times kept as text, so
that Excel does not turn ``2023-05`` or ``?2023-05-14`` into something else), drop-down lists
for significance and impact on the child (and for the case when the cases are given), and a
``Notes`` sheet saying what each column holds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from maca.chronology.entry import (
    COLUMN_NOTES,
    IMPACT_ON_CHILD,
    REQUIRED_COLUMNS,
    SIGNIFICANCE,
    SUBMISSION_COLUMNS,
    SYSTEM_COLUMNS,
    Entry,
)
from maca.chronology.submission import SHEET_NAME

TEMPLATE_ROWS = 1000  # rows the drop-down lists and text formats cover
_TEXT_COLUMNS = ("case_ref", "date", "time", "end_date")


def template_csv() -> bytes:
    """A CSV with the header row only (UTF-8 with a byte-order mark, as Excel likes it)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(SUBMISSION_COLUMNS)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(agency: str = "", case_refs: Sequence[str] = ()) -> bytes:
    """The XLSX template, for ``agency`` (named on the notes sheet) and its cases, if given."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    sheet.append(list(SUBMISSION_COLUMNS))
    sheet.freeze_panes = "A2"
    for position, column in enumerate(SUBMISSION_COLUMNS, 1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = 48 if column in ("event", "action_taken") else 16
        header = sheet.cell(row=1, column=position)
        header.font = Font(bold=True)
        if column in _TEXT_COLUMNS:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=position).number_format = "@"
        if column in ("event", "action_taken"):
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=position).alignment = Alignment(wrap_text=True)
    choices: dict[str, tuple[str, ...]] = {
        "significance": SIGNIFICANCE,
        "impact_on_child": IMPACT_ON_CHILD,
    }
    if case_refs:
        choices["case_ref"] = tuple(case_refs)
    for column, allowed in choices.items():
        letter = get_column_letter(SUBMISSION_COLUMNS.index(column) + 1)
        listed = ",".join(allowed)
        if len(listed) > 250:  # Excel's limit for a list typed into the rule
            continue
        rule = DataValidation(
            type="list",
            formula1=f'"{listed}"',
            allow_blank=column != "case_ref",
            showErrorMessage=True,
            errorTitle=f"Not a {column.replace('_', ' ')}",
            error=f"Choose one of: {', '.join(allowed)}",
        )
        rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(rule)
    _notes_sheet(book.create_sheet("Notes"), agency)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _notes_sheet(notes, agency: str) -> None:  # noqa: ANN001 - an openpyxl worksheet
    from openpyxl.styles import Font

    lines = [
        ("Multi-agency chronology: how to fill in this template", ""),
        ("", ""),
        (
            "Who this is for",
            (f"{agency}. " if agency else "")
            + "Your agency is added by maca from who uploads the file: do not type it.",
        ),
        ("One row per event", "Enter each event on its own row of the Chronology sheet."),
        ("Names", "Never write a name: people by role, practitioners by role, cases by C001."),
        ("", ""),
        ("Column", "What it holds"),
    ]
    lines += [
        (column + (" (required)" if column in REQUIRED_COLUMNS else ""), COLUMN_NOTES[column])
        for column in SUBMISSION_COLUMNS
    ]
    for line in lines:
        notes.append(list(line))
    for row in (1, 7):
        for cell in notes[row]:
            cell.font = Font(bold=True)
    notes.column_dimensions["A"].width = 26
    notes.column_dimensions["B"].width = 100


def submission_csv(entries: Iterable[Entry], system: bool = False) -> bytes:
    """Entries in the submission format (with ``SYSTEM_COLUMNS`` for system records)."""
    columns = SUBMISSION_COLUMNS + (SYSTEM_COLUMNS if system else ())
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for entry in entries:
        row = [
            entry.case_ref,
            entry.date.text,
            entry.time.strftime("%H:%M") if entry.time else "",
            entry.end_date.text if entry.end_date else "",
            "" if entry.sequence is None else entry.sequence,
            entry.subject,
            entry.source,
            entry.event,
            entry.significance,
            entry.impact_on_child,
            entry.action_taken,
            entry.practitioner_role,
        ]
        if system:
            row += [entry.system_event, entry.record_ref, entry.family_ref]
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")

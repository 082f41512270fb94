"""Reading an agency's chronology file (CSV or XLSX, as agencies keep them) into entries.

Every bad row is kept as a reject with file, row, column, value and reason (a row with three
problems has three rejects); good rows become entries; nothing is dropped silently (empty rows
are counted in the notes). Headers match forgivingly: ``Case ref``, ``CASE_REF`` and
``case ref`` are all ``case_ref``. The agency is the caller's, never the file's: a file only
speaks for system records when the caller says it holds them (``SYSTEM_RECORDS``), and then each
row's agency follows from its kind of record.

Rows are numbered as a spreadsheet numbers them: the header is row 1. Row 0 is the whole file
(one that is not a CSV or a workbook at all).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from maca.chronology.dates import DateProblem, DateReading, read_date, read_time
from maca.chronology.entry import (
    IMPACT_ON_CHILD,
    MAX_LENGTH,
    REQUIRED_COLUMNS,
    SIGNIFICANCE,
    SUBMISSION_COLUMNS,
    SYSTEM_COLUMNS,
    Entry,
    Provenance,
)
from maca.chronology.problems import ChronologyProblem
from maca.chronology.system_events import SYSTEM_EVENTS, is_system_agency, names_system_records
from maca.data.csv_reader import PYTHON_ENCODING, delimiter_of, text_encoding
from maca.data.report import Problem

CASE_REF = re.compile(r"C\d{3,}")
SHEET_NAME = "Chronology"  # the template's data sheet; other workbooks: the first sheet
_VALUE_SHOWN = 200  # longest value repeated in a reject
_DATE_COLUMNS = frozenset({"date", "end_date"})
_REQUIRED_REASON = {
    "case_ref": "missing: the case reference, like C001",
    "date": "missing: the date of the event",
    "subject": "missing: who the event is about, by role (child, mother ...)",
    "source": "missing: the record the event comes from",
    "event": "missing: what happened",
    "system_event": "missing: the kind of system record",
}


@dataclass
class Submission:
    """What one file gave: its entries, its rejects and notes about the file as a whole."""

    file: str
    agency: str
    entries: list[Entry] = field(default_factory=list)
    rejects: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0  # data rows that were not empty

    @property
    def rows_rejected(self) -> int:
        return len({p.row for p in self.rejects if p.row > 1})


def column_name(header: str) -> str:
    """A header as a column name: ``" Impact on child (optional)"`` -> ``impact_on_child``."""
    text = re.sub(r"\(.*?\)|\*", " ", header.lstrip("\ufeff"))
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def read_submission(
    data: bytes,
    filename: str,
    agency: str,
    *,
    case_refs: Collection[str] | None = None,
    today: dt.date | None = None,
) -> Submission:
    """Read one submitted file. ``agency`` is who submitted it, or ``SYSTEM_RECORDS`` for a file
    from ``maca chronology extract``; ``case_refs``, when given, are the audit's cases (a row for
    any other case is rejected); ``today`` bounds the dates (a date after it is refused)."""
    system = names_system_records(agency)
    if not system and (is_system_agency(agency) or not agency.strip()):
        raise ChronologyProblem(
            f"{agency!r} cannot be a file's agency: "
            + ("give the agency's name" if not agency.strip() else "it is kept for system records")
        )
    submission = Submission(filename, agency.strip())
    try:
        rows = _workbook_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data, submission)
        _read_rows(rows, submission, system, case_refs, today or dt.date.today())
    except _Unreadable as problem:
        submission.entries.clear()
        submission.rejects[:] = [Problem(filename, 0, "", "", str(problem))]
    return submission


class _Unreadable(Exception):
    """The file is not a CSV or a workbook at all."""


def _csv_rows(data: bytes, submission: Submission) -> Iterator[tuple[int, list]]:
    if not data.strip():
        raise _Unreadable("the file is empty")
    encoding, notes = text_encoding(data)
    submission.notes += notes
    text = data.decode(PYTHON_ENCODING[encoding], errors="replace")
    delimiter = delimiter_of(text.split("\n", 1)[0])
    number = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, 1):
            yield number, values
    except csv.Error as error:
        # Reported as a row problem by _read_rows: the rest of the file is not read.
        yield number + 1, _StopAt(f"the file cannot be read from this row on ({error})")


class _StopAt(list):
    """In place of a row's values: the file cannot be read from here on, and why."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


def _workbook_rows(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    # openpyxl raises many kinds of error for a file that is a zip but not a sound workbook (a
    # Word document, a damaged download): each is the same problem for the agency.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001
        raise _Unreadable(_not_a_workbook(error)) from None
    try:
        sheet = next((s for s in book.worksheets if s.title.lower() == SHEET_NAME.lower()), None)
        sheet = sheet or book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, list(values)
    except Exception as error:  # noqa: BLE001 - only openpyxl's reading runs in this block
        raise _Unreadable(_not_a_workbook(error)) from None
    finally:
        book.close()


def _not_a_workbook(error: Exception) -> str:
    kind = "a damaged zip file" if isinstance(error, zipfile.BadZipFile) else type(error).__name__
    return f"not an Excel workbook maca can read ({kind}); save it as .xlsx or as CSV"


def _cell_text(value: object, column: str) -> str:
    """A workbook cell as the text an agency would have typed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        if column == "time":
            return value.strftime("%H:%M")
        return value.date().isoformat() if column in _DATE_COLUMNS else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class _Header:
    positions: dict[str, int]  # column -> position
    width: int


def _read_header(values: list, submission: Submission, system: bool) -> _Header | None:
    """The columns of row 1; None (with rejects) when a required column is missing."""
    known = set(SUBMISSION_COLUMNS) | (set(SYSTEM_COLUMNS) if system else set())
    positions: dict[str, int] = {}
    for position, raw in enumerate(values):
        written = _cell_text(raw, "")
        name = column_name(written)
        if not name:
            continue
        if name in positions:
            submission.rejects.append(
                Problem(submission.file, 1, written, written, "this column appears twice")
            )
        elif name in known:
            positions[name] = position
        else:
            why = (
                "is written by maca chronology extract and read only from a system records file"
                if name in SYSTEM_COLUMNS
                else "is not a chronology column"
            )
            submission.notes.append(f"column {written!r} {why}: ignored")
    required = [*REQUIRED_COLUMNS, *(["system_event"] if system else [])]
    missing = [c for c in required if c not in positions]
    for column in missing:
        submission.rejects.append(
            Problem(
                submission.file, 1, column, "",
                "required column missing: no row of the file was read "
                "(the template has every column)",
            )
        )  # fmt: skip
    if missing or any(p.row == 1 for p in submission.rejects):
        return None
    return _Header(positions, len(values))


def _read_rows(
    rows: Iterator[tuple[int, list]],
    submission: Submission,
    system: bool,
    case_refs: Collection[str] | None,
    today: dt.date,
) -> None:
    header: _Header | None = None
    blank = pending_blank = unread = 0  # empty rows after the last data row are not counted
    check = _RowCheck(submission, system, case_refs, today)
    for number, values in rows:
        if isinstance(values, _StopAt):
            submission.rejects.append(Problem(submission.file, number, "", "", values.reason))
            break
        if number == 1:
            header = _read_header(values, submission, system)
            continue
        if not any(v not in (None, "") and str(v).strip() for v in values):
            pending_blank += 1
            continue
        blank, pending_blank = blank + pending_blank, 0
        submission.rows_read += 1
        if header is None:
            unread += 1
            continue
        check.row(number, values, header)
    if submission.rows_read == 0 and not submission.rejects:
        submission.notes.append("the file has a header but no rows")
    if unread:
        submission.notes.append(f"{unread} rows not read: the header has a problem (row 1)")
    if blank:
        submission.notes.append(f"{blank} empty rows skipped")


class _RowCheck:
    """Checks one row at a time; keeps the entry or the row's problems."""

    def __init__(
        self,
        submission: Submission,
        system: bool,
        case_refs: Collection[str] | None,
        today: dt.date,
    ) -> None:
        self.submission = submission
        self.system = system
        self.case_refs = {c.upper() for c in case_refs} if case_refs is not None else None
        self.today = today

    def row(self, number: int, values: list, header: _Header) -> None:
        problems: list[Problem] = []
        file = self.submission.file

        def problem(column: str, value: str, reason: str) -> None:
            problems.append(Problem(file, number, column, value[:_VALUE_SHOWN], reason))

        extra = [v for v in values[header.width :] if v not in (None, "") and str(v).strip()]
        if extra:
            problem("", _cell_text(extra[0], ""), "a value beyond the last column of the header")
        cell = {
            name: _cell_text(values[pos], name) if pos < len(values) else ""
            for name, pos in header.positions.items()
        }
        for column, text in cell.items():
            if "\x00" in text:  # binary, not text: no database keeps a NUL character
                problem(column, text.replace("\x00", ""), "holds a NUL character: is it text?")
                cell[column] = text.replace("\x00", "")
        for column in (*REQUIRED_COLUMNS, *(["system_event"] if self.system else [])):
            if not cell[column]:
                problem(column, "", _REQUIRED_REASON[column])
        for column, longest in MAX_LENGTH.items():
            if len(cell.get(column, "")) > longest:
                problem(column, cell[column], f"longer than {longest} characters")
        case_ref = self._case_ref(cell["case_ref"], problem)
        when = self._date(cell, "date", problem)
        end = self._date(cell, "end_date", problem)
        if when and end and end.last_day < when.value:
            problem("end_date", cell["end_date"], "the end date is before the date")
        time = self._time(cell.get("time", ""), problem)
        sequence = self._sequence(cell.get("sequence", ""), problem)
        significance = self._choice(cell, "significance", SIGNIFICANCE, problem)
        impact = self._choice(cell, "impact_on_child", IMPACT_ON_CHILD, problem)
        agency, token = self._agency(cell, problem)
        if problems or when is None:
            self.submission.rejects += problems
            return
        self.submission.entries.append(
            Entry(
                case_ref=case_ref,
                agency=agency,
                date=when,
                subject=cell["subject"],
                source=cell["source"],
                event=cell["event"],
                time=time,
                end_date=end,
                sequence=sequence,
                significance=significance,
                impact_on_child=impact,
                action_taken=cell.get("action_taken", ""),
                practitioner_role=cell.get("practitioner_role", ""),
                system_record=self.system,
                system_event=token,
                record_ref=cell.get("record_ref", "") if self.system else "",
                family_ref=cell.get("family_ref", "").upper() if self.system else "",
                provenance=Provenance(file, number),
            )
        )

    def _case_ref(self, text: str, problem) -> str:  # noqa: ANN001
        ref = text.upper()
        if not ref:
            return ref
        if self.case_refs is not None:
            if ref not in self.case_refs:
                problem("case_ref", text, "not a case of this audit")
        elif not CASE_REF.fullmatch(ref):
            problem("case_ref", text, "not a case reference like C001")
        return ref

    def _date(self, cell: dict[str, str], column: str, problem) -> DateReading | None:  # noqa: ANN001
        text = cell.get(column, "")
        if not text:
            return None
        try:
            return read_date(text, self.today)
        except DateProblem as error:
            problem(column, text, error.reason)
            return None

    @staticmethod
    def _time(text: str, problem) -> dt.time | None:  # noqa: ANN001
        if not text:
            return None
        try:
            return read_time(text)
        except DateProblem as error:
            problem("time", text, error.reason)
            return None

    @staticmethod
    def _sequence(text: str, problem) -> int | None:  # noqa: ANN001
        if not text:
            return None
        if text.isdigit():
            return int(text)
        problem("sequence", text, "not a whole number (it orders same-day events)")
        return None

    @staticmethod
    def _choice(cell: dict[str, str], column: str, allowed: tuple[str, ...], problem) -> str:  # noqa: ANN001
        value = cell.get(column, "").lower()
        if value and value not in allowed:
            problem(column, cell[column], f"not one of {', '.join(allowed)}")
            return ""
        return value

    def _agency(self, cell: dict[str, str], problem) -> tuple[str, str]:  # noqa: ANN001
        if not self.system:
            return self.submission.agency, ""
        token = cell.get("system_event", "").lower()
        kind = SYSTEM_EVENTS.get(token)
        if kind is None:
            if token:
                problem("system_event", cell["system_event"], "not a kind of system record")
            return "", ""
        return kind.agency, token

"""Read ``exclusions.csv`` back, as ``maca cohort --pseudonymise`` wrote it (the web's upload).

Every row is checked against the contract (``maca.cohort.contract``): the reference, the police
and L1 references, the removal date, the reason and its readable detail. Every problem is told by
file, row (the header is row 1), column and reason, all at once, so that the file can be fixed
in one go; nothing is kept unless the whole file is clean.

The file must be the pseudonymised one: an ``exclusions.csv`` with a ``pers_person_id`` column
is refused rather than read with the column dropped, so that a file with person ids is never
taken in by mistake and the person knows to upload the other one (the ids are in ``key.csv``).

Bounded: read by ``maca.safe_input.read_csv`` (UTF-8 without NUL characters, no value over its
field limit, an opened quote must close), at most ``MAX_BYTES`` and ``MAX_ROWS`` rows, and a
``detail`` of at most ``MAX_DETAIL`` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from maca.cohort.contract import EXCLUSION_COLUMNS, EXCLUSION_REASONS
from maca.safe_input import InputRejected, read_csv

PERSON_ID = "pers_person_id"
COLUMNS = tuple(c for c in EXCLUSION_COLUMNS if c != PERSON_ID)
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_DETAIL = 2_000
MAX_PROBLEMS = 200
EXCLUSION_REF = re.compile(r"^X\d{4,}$")
# A police or L1 reference: letters, digits and - _ / . (a ";"-joined list of them).
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,59}$")


@dataclass(frozen=True)
class Exclusion:
    """One excluded removal event or police row, without any person id."""

    exclusion_ref: str
    pp_refs: str
    l1_refs: str
    removal_date: date | None
    reason: str
    detail: str
    row: int


@dataclass
class ExclusionsFile:
    rows: list[Exclusion] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Rows per reason, every reason in its order (zero when none)."""
        found = {reason: 0 for reason in EXCLUSION_REASONS}
        for row in self.rows:
            found[row.reason] += 1
        return found


def _records(data: bytes, name: str, problems: list[str]) -> tuple[list[str], list] | None:
    """The header and records of the file, read by the bounded CSV reader, or None."""
    if len(data) > MAX_BYTES:
        problems.append(f"{name}: is larger than {MAX_BYTES // (1024 * 1024)} MB")
        return None
    try:
        table = read_csv(data, name, max_records=MAX_ROWS)
    except InputRejected as problem:
        problems.append(str(problem))
        return None
    return table.header, table.records


def _refs(value: str) -> bool:
    return all(REFERENCE.match(part) for part in value.split(";"))


def _check_row(values: dict[str, str], where, seen: dict[str, int]) -> list[str]:
    problems = []
    ref = values["exclusion_ref"]
    if not EXCLUSION_REF.match(ref):
        problems.append(f"{where('exclusion_ref')}: {ref[:20]!r} is not like X0001")
    elif ref in seen:
        problems.append(f"{where('exclusion_ref')}: {ref} is also on row {seen[ref]}")
    for column in ("pp_refs", "l1_refs"):
        if values[column] and not _refs(values[column]):
            problems.append(
                f"{where(column)}: is not a list of references joined by ';' "
                "(letters, digits, - _ / .)"
            )
    if not values["pp_refs"] and not values["l1_refs"]:
        problems.append(f"{where('pp_refs')}: is empty, and so is l1_refs (one is needed)")
    if values["removal_date"]:
        try:
            date.fromisoformat(values["removal_date"])
        except ValueError:
            problems.append(
                f"{where('removal_date')}: {values['removal_date'][:20]!r} is not a date "
                "(YYYY-MM-DD)"
            )
    if values["reason"] not in EXCLUSION_REASONS:
        problems.append(
            f"{where('reason')}: {values['reason'][:40]!r} is not one of "
            + ", ".join(EXCLUSION_REASONS)
        )
    if not values["detail"]:
        problems.append(f"{where('detail')}: is empty (every exclusion says why)")
    elif len(values["detail"]) > MAX_DETAIL:
        problems.append(f"{where('detail')}: is longer than {MAX_DETAIL} characters")
    return problems


def read_exclusions(data: bytes, name: str = "exclusions.csv") -> ExclusionsFile:
    """The exclusions of a pseudonymised ``exclusions.csv``, or every problem with it."""
    parsed = ExclusionsFile()
    problems: list[str] = []
    read = _records(data, name, problems)
    if read is not None:
        header, records = read
        problems += _header_problems(header, name)
        if not problems:
            parsed.rows = _rows(records, name, problems)
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [f"{name}: … and {more} more problems"]
    parsed.problems = problems
    if problems:
        parsed.rows = []
    return parsed


def _header_problems(header: list[str], name: str) -> list[str]:
    if not any(header):
        return [f"{name}: is empty (no header row)"]
    if PERSON_ID in header:
        return [
            f"{name} row 1, column {PERSON_ID}: this exclusions file holds person ids; upload "
            "the one written by maca cohort --pseudonymise (the ids are only in key.csv)"
        ]
    missing = [c for c in COLUMNS if c not in header]
    return [f"{name} row 1: missing column(s) {', '.join(missing)}"] if missing else []


def _rows(records: list, name: str, problems: list[str]) -> list[Exclusion]:
    seen: dict[str, int] = {}
    rows: list[Exclusion] = []
    if len(records) > MAX_ROWS:
        problems.append(f"{name}: more than {MAX_ROWS} rows; is this an exclusions file?")
        return rows
    for number, record in records:
        if not any((v or "").strip() for k, v in record.items() if k is not None):
            continue  # a line of empty values
        if None in record:
            problems.append(f"{name} row {number}: more values than columns")
            continue
        value = {c: (record.get(c) or "").strip() for c in COLUMNS}

        def where(column: str, number: int = number) -> str:
            return f"{name} row {number}, column {column}"

        found = _check_row(value, where, seen)
        seen.setdefault(value["exclusion_ref"], number)
        problems += found
        if not found:
            removal = value["removal_date"]
            rows.append(
                Exclusion(
                    exclusion_ref=value["exclusion_ref"],
                    pp_refs=value["pp_refs"],
                    l1_refs=value["l1_refs"],
                    removal_date=date.fromisoformat(removal) if removal else None,
                    reason=value["reason"],
                    detail=value["detail"],
                    row=number,
                )
            )
    return rows

"""Read ``exclusions.csv`` back, as ``maca cohort --pseudonymise`` wrote it (the web's upload).

Every row is checked against the contract (``maca.cohort.contract``): the reference, the police
and L1 references, the removal date, the reason and its readable detail. Every problem is told by
file, row (the header is row 1), column and reason, all at once, so that the file can be fixed
in one go; nothing is kept unless the whole file is clean.

The file must be the pseudonymised one: an ``exclusions.csv`` with a ``pers_person_id`` column
is refused rather than read with the column dropped, so that a file with person ids is never
taken in by mistake and the person knows to upload the other one (the ids are in ``key.csv``).

Bounded: at most ``MAX_BYTES`` and ``MAX_ROWS`` rows, no value longer than ``MAX_FIELD`` (an
unterminated quote would make the rest of the file one value), UTF-8 without NUL characters.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from maca.cohort.contract import EXCLUSION_COLUMNS, EXCLUSION_REASONS

PERSON_ID = "pers_person_id"
COLUMNS = tuple(c for c in EXCLUSION_COLUMNS if c != PERSON_ID)
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_FIELD = 2_000
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


class _Rows:
    """The records of a CSV text with their spreadsheet row numbers, bounded."""

    def __init__(self, text: str, name: str, problems: list[str]):
        self.text, self.name, self.problems = text, name, problems

    def __iter__(self):
        reader = csv.reader(io.StringIO(self.text, newline=""), strict=True)
        number = 0
        try:
            for number, values in enumerate(reader, start=1):  # noqa: B007 - read after
                if any(len(v) > MAX_FIELD for v in values):
                    self.problems.append(
                        f"{self.name} row {number}: a value is longer than {MAX_FIELD} "
                        "characters; is a quotation mark left open?"
                    )
                    return
                yield number, values
        except csv.Error:
            self.problems.append(
                f"{self.name} row {number + 1}: is not valid CSV (a quotation mark left open, "
                "or text after a closing one)"
            )


def _text(data: bytes, name: str, problems: list[str]) -> str | None:
    if len(data) > MAX_BYTES:
        problems.append(f"{name}: is larger than {MAX_BYTES // (1024 * 1024)} MB")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(f"{name}: is not UTF-8 text (save it as CSV UTF-8)")
        return None
    if "\x00" in text:
        problems.append(f"{name}: contains a NUL character; is it a binary file?")
        return None
    return text


def _refs(value: str) -> bool:
    return all(REFERENCE.match(part) for part in value.split(";"))


def _check_row(values: dict[str, str], where, seen: dict[str, int], number: int) -> list[str]:
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
    return problems


def read_exclusions(data: bytes, name: str = "exclusions.csv") -> ExclusionsFile:
    """The exclusions of a pseudonymised ``exclusions.csv``, or every problem with it."""
    parsed = ExclusionsFile()
    problems: list[str] = []
    text = _text(data, name, problems)
    if text is None:
        parsed.problems = problems
        return parsed
    header: list[str] | None = None
    seen: dict[str, int] = {}
    rows: list[Exclusion] = []
    for number, values in _Rows(text, name, problems):
        if header is None:
            header = [h.strip() for h in values]
            if PERSON_ID in header:
                problems.append(
                    f"{name} row 1, column {PERSON_ID}: this exclusions file holds person ids; "
                    "upload the one written by maca cohort --pseudonymise (the ids are only "
                    "in key.csv)"
                )
                break
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                problems.append(f"{name} row 1: missing column(s) {', '.join(missing)}")
                break
            continue
        if not any(v.strip() for v in values):
            continue  # a blank line
        if number - 1 > MAX_ROWS:
            problems.append(f"{name}: more than {MAX_ROWS} rows; is this an exclusions file?")
            break
        if len(values) > len(header):
            problems.append(f"{name} row {number}: more values than columns")
            continue
        record = dict(zip(header, values, strict=False))
        value = {c: (record.get(c) or "").strip() for c in COLUMNS}

        def where(column: str, number: int = number) -> str:
            return f"{name} row {number}, column {column}"

        found = _check_row(value, where, seen, number)
        seen.setdefault(value["exclusion_ref"], number)
        problems += found
        if not found:
            rows.append(
                Exclusion(
                    exclusion_ref=value["exclusion_ref"],
                    pp_refs=value["pp_refs"],
                    l1_refs=value["l1_refs"],
                    removal_date=(
                        date.fromisoformat(value["removal_date"]) if value["removal_date"] else None
                    ),
                    reason=value["reason"],
                    detail=value["detail"],
                    row=number,
                )
            )
    if header is None and not problems:
        problems.append(f"{name}: is empty (no header row)")
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = problems[:MAX_PROBLEMS] + [f"{name}: … and {more} more problems"]
    parsed.problems = problems
    parsed.rows = [] if problems else rows
    return parsed

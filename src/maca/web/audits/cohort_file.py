"""Read `maca cohort`'s cohort.csv (and, separately, its key.csv) into case rows.

Problems are reported by file, row and column, spreadsheet-style (header = row 1), all at once,
so that the business team can fix the file in one go. Nothing is loaded unless the file is clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from maca.cohort.contract import NUMBER_COLUMNS, REMOVAL_KINDS, SOURCES, TRUE_FALSE_COLUMNS
from maca.safe_input import InputRejected, read_csv

CASE_REF = re.compile(r"^C\d{3,}$")
FAMILY_REF = re.compile(r"^F\d{2,}$")
# What a case needs of a cohort.csv row (a file typed by hand may leave the rest out).
REQUIRED = ("case_ref", "family_ref", "removal_date", "removal_kind")
TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n"}
MAX_ROWS = 5000


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0  # key rows that are not cases of the audit


def _reader(data: bytes, name: str, required: tuple[str, ...], parsed: Parsed):
    """The file's records (row number, values by column), or None with the problem noted."""
    try:
        table = read_csv(data, name, max_records=MAX_ROWS)
    except InputRejected as problem:
        parsed.problems.append(str(problem))
        return None
    if not any(table.header):
        parsed.problems.append(f"{name}: is empty (no header row)")
        return None
    missing = [c for c in required if c not in table.header]
    if missing:
        parsed.problems.append(f"{name} row 1: missing column(s) {', '.join(missing)}")
        return None
    return table.records


def _flag(value: str, where: str, parsed: Parsed) -> bool | None:
    value = value.strip().lower()
    if value == "":
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    parsed.problems.append(f"{where}: {value!r} is not true or false")
    return None


def _row(raw: dict, where, parsed: Parsed) -> dict:
    value = {k: (raw.get(k) or "").strip() for k in raw if k}
    row: dict = {"case_ref": value["case_ref"], "family_ref": value["family_ref"]}
    if not CASE_REF.match(row["case_ref"]):
        parsed.problems.append(f"{where('case_ref')}: {row['case_ref']!r} is not like C001")
    if not FAMILY_REF.match(row["family_ref"]):
        parsed.problems.append(f"{where('family_ref')}: {row['family_ref']!r} is not like F01")
    try:
        row["removal_date"] = date.fromisoformat(value["removal_date"])
    except ValueError:
        parsed.problems.append(
            f"{where('removal_date')}: {value['removal_date']!r} is not a date (YYYY-MM-DD)"
        )
    row["removal_kind"] = value["removal_kind"]
    if row["removal_kind"] not in REMOVAL_KINDS:
        parsed.problems.append(
            f"{where('removal_kind')}: {row['removal_kind']!r} is not "
            + " or ".join(sorted(REMOVAL_KINDS))
        )
    row["source"] = value.get("source", "")
    if row["source"] and row["source"] not in SOURCES:
        parsed.problems.append(
            f"{where('source')}: {row['source']!r} is not "
            + ", ".join(SOURCES[:-1])
            + f" or {SOURCES[-1]}"
        )
    for name in NUMBER_COLUMNS:
        text = value.get(name, "")
        try:
            row[name] = int(text) if text else None
        except ValueError:
            parsed.problems.append(f"{where(name)}: {text!r} is not a whole number")
    for name in TRUE_FALSE_COLUMNS:
        row[name] = _flag(value.get(name, ""), where(name), parsed)
    row["history_kinds"] = value.get("history_kinds", "")[:100]
    row["history_detail"] = value.get("history_detail", "")[:2000]
    row["sibling_detail"] = value.get("sibling_detail", "")[:2000]
    row["moved_in_signals"] = value.get("moved_in_signals", "")[:200]
    closure = value.get("recent_closure_date", "")
    try:
        row["recent_closure_date"] = date.fromisoformat(closure) if closure else None
    except ValueError:
        parsed.problems.append(
            f"{where('recent_closure_date')}: {closure!r} is not a date (YYYY-MM-DD)"
        )
    row["person_id"] = value.get("pers_person_id", "")[:100]
    return row


def read_cohort(data: bytes, name: str = "cohort.csv") -> Parsed:
    parsed = Parsed()
    reader = _reader(data, name, REQUIRED, parsed)
    if reader is None:
        return parsed
    seen: dict[str, int] = {}
    for index, (number, raw) in enumerate(reader, start=1):
        if index > MAX_ROWS:
            parsed.problems.append(f"{name}: more than {MAX_ROWS} rows; is this a cohort file?")
            break
        if None in raw:
            parsed.problems.append(f"{name} row {number}: more values than columns")
            continue

        def where(column: str, number: int = number) -> str:
            return f"{name} row {number}, column {column}"

        row = _row(raw, where, parsed)
        if row["case_ref"] in seen:
            parsed.problems.append(
                f"{where('case_ref')}: {row['case_ref']} is also on row {seen[row['case_ref']]}"
            )
        seen.setdefault(row["case_ref"], number)
        row["row"] = number
        parsed.rows.append(row)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(f"{name}: has a header but no cases")
    return parsed


def read_key(data: bytes, name: str = "key.csv", cases: set[str] | None = None) -> Parsed:
    """case_ref → pers_person_id for the case references in ``cases`` (all, if None).

    `maca cohort` writes the key of siblings and excluded children too: their rows are counted
    in ``skipped`` and their ids dropped as they are read, never kept or checked."""
    parsed = Parsed()
    reader = _reader(data, name, ("case_ref", "pers_person_id"), parsed)
    if reader is None:
        return parsed
    for number, raw in reader:
        case_ref = (raw.get("case_ref") or "").strip()
        if cases is not None and case_ref not in cases:
            parsed.skipped += 1
            continue
        person_id = (raw.get("pers_person_id") or "").strip()
        if not case_ref:
            parsed.problems.append(f"{name} row {number}, column case_ref: is empty")
        elif not person_id:
            parsed.problems.append(f"{name} row {number}, column pers_person_id: is empty")
        elif len(person_id) > 100:
            parsed.problems.append(f"{name} row {number}, column pers_person_id: is too long")
        else:
            parsed.rows.append({"case_ref": case_ref, "person_id": person_id, "row": number})
    return parsed

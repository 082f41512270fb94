"""Judge staged rows against a record spec, in SQL: typed values, rejects, warnings, duplicates.

Input: a staging table of text columns named after the canonical fields, with ``source_file``,
``source_row`` (the row a spreadsheet user sees) and ``_seq`` (reading order). Output: a table of
loaded rows (typed canonical columns plus provenance) and lines in the ``problems`` table.
Every staged row is either loaded or rejected, so the accounting identity holds by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from maca.data.dates import date_problem_sql, date_sql, sql_text
from maca.data.records import Field, RecordSpec

PROBLEMS_SQL = """CREATE TABLE IF NOT EXISTS problems (
    kind VARCHAR, file VARCHAR, "row" BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR,
    tbl VARCHAR, seq BIGINT)"""

VALUE_WIDTH = 200  # a reject shows at most this much of a value (a huge field stays readable)


@dataclass
class Counts:
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class Reading:
    """How the fields of one file are to be read."""

    date_format: str = "auto"
    code_maps: dict[str, dict[str, str]] | None = None
    labels: dict[str, str] | None = None  # field -> column name as written in the file
    absent: frozenset[str] = frozenset()  # fields the file has no column for
    xml_lines: bool = False  # the stage has ``_lines`` (field=line;...) from an XML reader

    def label(self, name: str) -> str:
        return (self.labels or {}).get(name, name)


def judge(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    spec: RecordSpec,
    out: str,
    how: Reading,
    after: Callable[[str], None] | None = None,
) -> Counts:
    """Judge ``stage`` (a table, or a subquery reading a file) into table ``out`` (loaded rows
    have ``NOT rejected``); return the counts. ``after(out)`` runs once ``out`` exists, before
    duplicates are looked for (the CSV reader corrects row numbers there)."""
    # Not a TEMP table: the store writer's connection must see it (``Loading._write_behind``).
    con.execute(f"CREATE OR REPLACE TABLE {out} AS {_judge_sql(stage, spec, how)}")
    if after is not None:
        after(out)
    _reject_duplicates(con, out, spec, how)  # the same key twice in a file: later rows
    read, rejected, warnings = _counts(con, out)
    _record_problems(con, out, spec.table, how.xml_lines)
    return Counts(read, read - rejected, rejected, warnings)


def _counts(con: duckdb.DuckDBPyConnection, judged: str) -> tuple[int, ...]:
    row = con.execute(
        f"SELECT count(*), count(*) FILTER (rejected), coalesce(sum(len(warns)), 0) FROM {judged}"
    ).fetchone()
    assert row is not None
    return tuple(int(v) for v in row)


@dataclass(frozen=True)
class _Check:
    field: str  # the canonical field
    column: str  # as the analyst sees it in the file
    value: str  # SQL: the offending text
    reason: str  # SQL: the reason text
    when: str  # SQL: true when the problem applies

    def struct(self) -> str:
        return (
            f"{{'field': {sql_text(self.field)}, 'column': {sql_text(self.column)}, "
            f"'value': left({self.value}, {VALUE_WIDTH}), "
            f"'reason': CASE WHEN {self.when} THEN {self.reason} END}}"
        )


def _judge_sql(stage: str, spec: RecordSpec, how: Reading) -> str:
    fields = spec.fields
    raw = ", ".join(f"{_trimmed(f.name)} AS {f.name}__r" for f in fields)
    typed = ", ".join(f"{_typed_sql(f, how)} AS {f.name}" for f in fields)
    rejects = [c for f in fields for c in _field_rejects(f, how)]
    rejects += [
        _Check(r.column, how.label(r.column), _raw_of(r.column, spec), r.reason, r.when)
        for r in spec.rejects
    ]
    warns = [c for f in fields for c in _field_warnings(f, how)]
    warns += [
        _Check(r.column, how.label(r.column), _raw_of(r.column, spec), r.reason, r.when)
        for r in spec.warnings
    ]
    ided = "typed"
    with_id = ""
    if spec.synthetic_id:
        column, parts = spec.synthetic_id
        joined = " || '/' || ".join(_id_part(p, spec) for p in parts)
        with_id = f", ided AS (SELECT *, {joined} AS {column} FROM typed)"
        ided = "ided"
    # The problem lists are built only for rows with a problem: most rows have none, and
    # building lists of structs for every row would dominate the time on national files.
    raw_columns = ", ".join(f"{f.name}__r" for f in fields)
    lines = "_lines, " if how.xml_lines else ""
    return (
        f"WITH raw AS (SELECT source_file, source_row, _seq, {lines}{raw} FROM {stage}), "
        f"typed AS (SELECT *, {typed} FROM raw){with_id}, "
        f"flagged AS (SELECT *, {_any(rejects)} AS rejected, {_any(warns)} AS warned FROM {ided}) "
        f"SELECT * EXCLUDE (warned, {raw_columns}), hash({', '.join(spec.key)}) AS _key_hash, "
        f"CASE WHEN rejected THEN {_problem_list(rejects)} END AS rejects, "
        f"CASE WHEN warned AND NOT rejected THEN {_problem_list(warns)} END AS warns "
        f"FROM flagged"
    )


def _trimmed(column: str) -> str:
    """The value without surrounding spaces, NULL when empty (trimming only where needed is
    several times cheaper than trimming every value)."""
    return (
        f"nullif(CASE WHEN prefix({column}, ' ') OR suffix({column}, ' ') "
        f"THEN trim({column}) ELSE {column} END, '')"
    )


_EMPTY = '[]::STRUCT("column" VARCHAR, value VARCHAR, reason VARCHAR)[]'


def _any(checks: list[_Check]) -> str:
    return " OR ".join(f"coalesce({c.when}, false)" for c in checks) if checks else "false"


def _problem_list(checks: list[_Check]) -> str:
    if not checks:
        return _EMPTY
    return f"list_filter([{', '.join(c.struct() for c in checks)}], lambda p: p.reason IS NOT NULL)"


def _raw_of(column: str, spec: RecordSpec) -> str:
    return (
        f"{column}__r"
        if any(f.name == column for f in spec.fields)
        else f"CAST({column} AS VARCHAR)"
    )


def _id_part(column: str, spec: RecordSpec) -> str:
    field = next(f for f in spec.fields if f.name == column)
    return f"CAST({column} AS VARCHAR)" if field.kind == "date" else column  # ISO date


def _typed_sql(field: Field, how: Reading) -> str:
    r = f"{field.name}__r"
    if field.kind == "text":
        return r
    if field.kind == "date":
        return date_sql(r, how.date_format)
    if field.kind == "timestamp":
        return f"maca_timestamp({r})"
    if field.kind == "bool":
        return (
            f"CASE WHEN lower({r}) IN ('1', 'true', 'y', 'yes') THEN true "
            f"WHEN lower({r}) IN ('0', 'false', 'n', 'no') THEN false END"
        )
    if field.kind == "la_code":
        return f"CASE WHEN regexp_full_match({r}, '\\d{{3}}') THEN {r} END"
    return _code_sql(field, how)


def _code_sql(field: Field, how: Reading) -> str:
    r = f"{field.name}__r"
    maps = how.code_maps or {}
    local = maps.get(field.name) or maps.get(how.label(field.name)) or {}
    cases = [f"WHEN {sql_text(k.strip().lower())} THEN {sql_text(v)}" for k, v in local.items()]
    cases += [
        f"WHEN {sql_text(k.lower())} THEN {sql_text(v)}" for k, v in field.builtin_map.items()
    ]
    mapped = f"CASE lower({r}) {' '.join(cases)} ELSE {r} END" if cases else r
    case = "lower" if field.lower else "upper"
    allowed = ", ".join(sql_text(c) for c in field.codes)
    return f"CASE WHEN {case}({mapped}) IN ({allowed}) THEN {case}({mapped}) END"


def _unreadable_reason(field: Field, how: Reading) -> str:
    r = f"{field.name}__r"
    if field.kind == "date":
        return date_problem_sql(r, how.date_format)
    if field.kind == "timestamp":
        return "'not a date and time: expected YYYY-MM-DD HH:MM or dd/mm/YYYY HH:MM'"
    if field.kind == "bool":
        return "'not yes or no: expected Y/N, 1/0 or true/false'"
    if field.kind == "la_code":
        return "'not an LA code: expected three digits such as 840'"
    shown = (
        ", ".join(field.codes) if len(field.codes) <= 25 else ", ".join(field.codes[:25]) + "..."
    )
    return sql_text(
        f"unknown code: expected one of {shown}, or a local description mapped in sources.yaml"
    )


def _field_rejects(field: Field, how: Reading) -> list[_Check]:
    r, label = f"{field.name}__r", how.label(field.name)
    out = []
    if field.required:
        missing = (
            f"the file has no {label} column"
            if field.name in how.absent
            else f"{label} is missing (it is required)"
        )
        out.append(_Check(field.name, label, r, sql_text(missing), f"{r} IS NULL"))
    if field.kind != "text":
        out.append(
            _Check(
                field.name,
                label,
                r,
                _unreadable_reason(field, how),
                f"{r} IS NOT NULL AND {field.name} IS NULL",
            )
        )
    if field.kind == "date":
        out.append(
            _Check(
                field.name,
                label,
                r,
                f"maca_date_range_problem({r})",
                f"NOT maca_date_in_range({field.name})",
            )
        )
    return out


def _field_warnings(field: Field, how: Reading) -> list[_Check]:
    if field.kind != "date" or how.date_format != "auto":
        return []
    r = f"{field.name}__r"
    reason = (
        f"'an Excel day number, read as ' || strftime({field.name}, '%Y-%m-%d') || '; check it'"
    )
    # An Excel day number is the only accepted date without a '-' or '/' in it.
    excel = f"{field.name} IS NOT NULL AND NOT contains({r}, '-') AND NOT contains({r}, '/')"
    return [_Check(field.name, how.label(field.name), r, reason, excel)]


def _reject_duplicates(
    con: duckdb.DuckDBPyConnection, judged: str, spec: RecordSpec, how: Reading
) -> None:
    """Reject every loaded row whose key an earlier row of the file already has.

    One pass groups the loaded rows by a 64-bit hash of their key (computed while judging, and
    much cheaper to group than the text); only the rows of repeated hashes are then compared
    by their key itself (a hash collision is not a duplicate), windowed and updated: one
    duplicate in a national file must not cost a sort of the whole file."""
    repeated = f"{judged}__repeated"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {repeated} AS SELECT _key_hash AS h FROM {judged} "
        f"WHERE NOT rejected GROUP BY h HAVING count(*) > 1"
    )
    found = con.execute(f"SELECT count(*) FROM {repeated}").fetchone()
    if found and found[0]:
        _reject_repeated(con, judged, repeated, spec, how)
    con.execute(f"DROP TABLE {repeated}")


def _reject_repeated(
    con: duckdb.DuckDBPyConnection, judged: str, repeated: str, spec: RecordSpec, how: Reading
) -> None:
    key = ", ".join(spec.key)
    shown_key = " || ' ' || ".join(f"coalesce(CAST({k} AS VARCHAR), '')" for k in spec.key)
    label = " + ".join(how.label(k) for k in spec.key)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {judged}__again AS "
        f"SELECT _seq, first_row, shown FROM ("
        f"  SELECT _seq, row_number() OVER w AS n, first_value(source_row) OVER w AS first_row, "
        f"  {shown_key} AS shown FROM {judged} "
        f"  WHERE NOT rejected AND _key_hash IN (SELECT h FROM {repeated}) "
        f"  WINDOW w AS (PARTITION BY {key} ORDER BY _seq)) WHERE n > 1"
    )
    reason = sql_text(f"duplicate: same {label} as row ") + " || again.first_row"
    con.execute(
        f"UPDATE {judged} SET rejected = true, warns = NULL, rejects = ["
        f"{{'field': {sql_text(spec.key[0])}, 'column': {sql_text(label)}, "
        f"'value': left(again.shown, {VALUE_WIDTH}), "
        f"'reason': {reason}}}] FROM {judged}__again again WHERE {judged}._seq = again._seq"
    )
    con.execute(f"DROP TABLE {judged}__again")


def _record_problems(
    con: duckdb.DuckDBPyConnection, judged: str, table: str, xml_lines: bool
) -> None:
    # For XML, a problem points at the line of the element at fault where there is one.
    row = (
        "coalesce(TRY_CAST(regexp_extract(';' || _lines, ';' || p.field || '=(\\d+)', 1) "
        "AS BIGINT), source_row)"
        if xml_lines
        else "source_row"
    )
    carried = "_lines, " if xml_lines else ""
    for kind, column, where in (
        ("reject", "rejects", "rejected"),
        ("warning", "warns", "warns IS NOT NULL"),
    ):
        con.execute(
            f"INSERT INTO problems SELECT '{kind}', source_file, {row}, p.column, p.value, "
            f"p.reason, '{table}', _seq FROM (SELECT source_file, source_row, _seq, {carried}"
            f"unnest({column}) AS p FROM {judged} WHERE {where})"
        )

"""Render the rules query for one engine and run it on DuckDB, PostgreSQL or Spark.

The SQL text is the same everywhere; only two marked spellings (``DAYS_BETWEEN``,
``STRING_AGG_DISTINCT``) and the parameter style differ. Parameters are always bound.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from maca.cohort.rules_sql import RULES_SQL
from maca.cohort.summer_time import summer_time_periods

DIALECTS = ("duckdb", "postgres", "spark")


@dataclass(frozen=True)
class CohortParameters:
    """Every parameter of the rules; the defaults are the definition (shared/spec/cohort.md)."""

    period_from: date
    period_to: date
    home_la: str | None = None
    merge_hours: int = 72
    l1_match_days: int = 3
    recent_closure_days: int = 180
    moved_in_days: int = 365

    def as_bind(self) -> dict[str, Any]:
        return asdict(self)


_DAYS_BETWEEN = re.compile(r"DAYS_BETWEEN\(([\w.]+), ([\w.]+)\)")
_STRING_AGG = re.compile(r"STRING_AGG_DISTINCT\(([^()]+)\)")
_PARAMETER = re.compile(r"(?<![:\w]):(\w+)")


def render(dialect: str, sql: str = RULES_SQL) -> str:
    """The rules query (or a query built on it, ``extend_rules``) in one engine's spelling, with
    its native named-parameter style."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}; one of {', '.join(DIALECTS)}")
    if dialect == "spark":
        sql = _DAYS_BETWEEN.sub(r"datediff(\2, \1)", sql)
        sql = _STRING_AGG.sub(r"array_join(array_sort(collect_set(\1)), ';')", sql)
        # Spark's TIMESTAMP is an instant (LTZ): a wall-clock time must stay TIMESTAMP_NTZ, or
        # the union with pp_start turns every local start into an instant.
        sql = sql.replace("AS TIMESTAMP)", "AS TIMESTAMP_NTZ)")
        return re.sub(r"VARCHAR\(\d+\)", "STRING", sql)
    sql = _DAYS_BETWEEN.sub(r"(\2 - \1)", sql)
    sql = _STRING_AGG.sub(r"STRING_AGG(DISTINCT \1, ';')", sql)
    if dialect == "duckdb":
        return _PARAMETER.sub(r"$\1", sql)
    return _PARAMETER.sub(r"%(\1)s", sql)


# The query's result column by column ({column: [value per row]}), whichever engine ran it.
Columns = dict[str, list[Any]]


def _columns(names: list[str], rows: list[tuple]) -> Columns:
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def _duckdb_columns(cursor: Any) -> Columns:
    """The result as Python values, fetched column by column (NumPy) rather than row by row:
    a national run returns a row per police row. Values are those ``fetchall`` gives."""
    arrays = cursor.fetchnumpy()
    columns: Columns = {}
    for name, type_code, *_ in cursor.description:
        values = arrays[name]
        if str(type_code) == "DATE":  # NumPy holds dates as datetime64[us]: back to dates
            values = values.astype("datetime64[D]")
        columns[name] = values.tolist()
    return columns


def extend_rules(steps: str, select: str) -> str:
    """A query built on the rules: their CTEs, then ``steps`` (more CTEs in the same layout,
    each ``name AS (`` ... ``),``, the last closed by ``)``), then ``select`` instead of the
    rules' own final SELECT. The rules are reused by name, never restated."""
    rules, _ = RULES_SQL.rsplit("\n)\n", 1)
    return f"{rules}\n),\n{steps.strip()}\n\n{select.strip()}\n"


def run_duckdb(con: Any, parameters: CohortParameters, sql: str = RULES_SQL) -> Columns:
    """Run the rules (or ``sql``, a query built on them) on an open DuckDB connection to a
    canonical store (read-only is fine)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE london_summer_time "
        "(local_start TIMESTAMP, local_end TIMESTAMP, utc_offset_hours INTEGER)"
    )
    starts, ends, offsets = zip(*summer_time_periods(), strict=True)
    con.execute(
        "INSERT INTO london_summer_time SELECT unnest($1), unnest($2), unnest($3)",
        [list(starts), list(ends), list(offsets)],
    )
    cursor = con.execute(render("duckdb", sql), parameters.as_bind())
    return _duckdb_columns(cursor)


def run_postgres(
    conn: Any, parameters: CohortParameters, schema: str, sql: str = RULES_SQL
) -> Columns:
    """Run the rules (or ``sql``) on PostgreSQL, reading the canonical tables from ``schema``
    (psycopg 3)."""
    with conn.cursor() as cur:
        cur.execute(
            "CREATE TEMP TABLE IF NOT EXISTS london_summer_time "
            "(local_start TIMESTAMP, local_end TIMESTAMP, utc_offset_hours INTEGER)"
        )
        cur.execute("TRUNCATE london_summer_time")
        cur.executemany("INSERT INTO london_summer_time VALUES (%s, %s, %s)", summer_time_periods())
        cur.execute("SELECT set_config('search_path', %s, true)", (f"pg_temp,{schema}",))
        # JIT-compiling this wide query costs seconds and saves nothing: it is join-bound.
        cur.execute("SELECT set_config('jit', 'off', true)")
        cur.execute(render("postgres", sql), parameters.as_bind())
        return _columns([d[0] for d in cur.description], cur.fetchall())


_CTE_HEAD = re.compile(r"^(\w+)( \([^)]*\))? AS \($")


def named_steps(sql: str) -> tuple[list[tuple[str, str, str]], str]:
    """The rules' CTEs as ``(name, column list, body)`` in order, and the final SELECT.

    Relies on the layout of ``RULES_SQL``: each CTE opens with ``name AS (`` and closes with a
    line ``),`` (or ``)`` before the final SELECT), both at the start of a line.
    """
    steps: list[tuple[str, str, str]] = []
    current: tuple[str, str] | None = None
    body: list[str] = []
    lines = sql.split("\n")
    for number, line in enumerate(lines):
        head = _CTE_HEAD.match(line)
        if current is None and head:
            current, body = (head.group(1), head.group(2) or ""), []
        elif current is not None and line in ("),", ")"):
            steps.append((*current, "\n".join(body)))
            current = None
            if line == ")":
                return steps, "\n".join(lines[number + 1 :])
        elif current is not None:
            body.append(line)
    raise ValueError("the rules query has no final SELECT after its last CTE")


def needed_steps(steps: list[tuple[str, str, str]], final: str) -> list[tuple[str, str, str]]:
    """The steps the final SELECT reads, directly or through other steps, in their order."""
    names = {name for name, _, _ in steps}
    bodies = {name: body for name, _, body in steps}

    def read_by(text: str) -> set[str]:
        return names & set(re.findall(r"\w+", text))

    wanted, pending = set(), read_by(final)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted.add(name)
            pending |= read_by(bodies[name]) - wanted
    return [step for step in steps if step[0] in wanted]


def run_spark(spark: Any, parameters: CohortParameters, sql: str = RULES_SQL) -> Columns:
    """Run the rules (or ``sql``) on Spark SQL; the canonical tables must be registered as views.

    Spark inlines a CTE (and a view) at every reference, and the rules' CTEs build on each
    other, so the one query's plan grows beyond the driver's memory. Each named step is
    therefore computed in order and checkpointed (``localCheckpoint``: its plan becomes a leaf),
    the natural checkpoints of a distributed run; then the final SELECT runs. Only the steps the
    final SELECT reads are computed (a query built on the rules needs fewer). The parameters
    become the one-row ``run_parameter`` view: data, not SQL text.
    """
    schema = "local_start TIMESTAMP_NTZ, local_end TIMESTAMP_NTZ, utc_offset_hours INT"
    periods = spark.createDataFrame(list(summer_time_periods()), schema)
    periods.createOrReplaceTempView("london_summer_time")
    bind = parameters.as_bind()
    spark.createDataFrame(
        [tuple(bind.values())],
        "period_from DATE, period_to DATE, home_la STRING, merge_hours INT, "
        "l1_match_days INT, recent_closure_days INT, moved_in_days INT",
    ).createOrReplaceTempView("run_parameter")
    steps, final = named_steps(render("spark", sql))
    steps = needed_steps(steps, final)
    try:
        for name, columns, body in steps:
            if name == "run_parameter":
                continue
            query = (
                f"WITH RECURSIVE {name}{columns} AS ({body}) SELECT * FROM {name}"
                if columns
                else body
            )
            spark.sql(query).localCheckpoint(eager=True).createOrReplaceTempView(name)
        result = spark.sql(final)
        return _columns(result.columns, result.collect())
    finally:
        for name, _, _ in steps:
            spark.catalog.dropTempView(name)

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


def render(dialect: str) -> str:
    """The rules query in one engine's spelling, with its native named-parameter style."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown SQL dialect {dialect!r}; one of {', '.join(DIALECTS)}")
    sql = RULES_SQL
    if dialect == "spark":
        sql = _DAYS_BETWEEN.sub(r"datediff(\2, \1)", sql)
        sql = _STRING_AGG.sub(r"array_join(array_sort(collect_set(\1)), ';')", sql)
        return re.sub(r"VARCHAR\(\d+\)", "STRING", sql)
    sql = _DAYS_BETWEEN.sub(r"(\2 - \1)", sql)
    sql = _STRING_AGG.sub(r"STRING_AGG(DISTINCT \1, ';')", sql)
    if dialect == "duckdb":
        return _PARAMETER.sub(r"$\1", sql)
    return _PARAMETER.sub(r"%(\1)s", sql)


def _records(cursor_description: Any, rows: list[tuple]) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor_description]
    return [dict(zip(names, row, strict=True)) for row in rows]


def run_duckdb(con: Any, parameters: CohortParameters) -> list[dict[str, Any]]:
    """Run the rules on an open DuckDB connection to a canonical store (read-only is fine)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE london_summer_time "
        "(local_start TIMESTAMP, local_end TIMESTAMP, utc_offset_hours INTEGER)"
    )
    starts, ends, offsets = zip(*summer_time_periods(), strict=True)
    con.execute(
        "INSERT INTO london_summer_time SELECT unnest($1), unnest($2), unnest($3)",
        [list(starts), list(ends), list(offsets)],
    )
    cursor = con.execute(render("duckdb"), parameters.as_bind())
    return _records(cursor.description, cursor.fetchall())


def run_postgres(conn: Any, parameters: CohortParameters, schema: str) -> list[dict[str, Any]]:
    """Run the rules on PostgreSQL, reading the canonical tables from ``schema`` (psycopg 3)."""
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
        cur.execute(render("postgres"), parameters.as_bind())
        return _records(cur.description, cur.fetchall())


def run_spark(spark: Any, parameters: CohortParameters) -> list[dict[str, Any]]:
    """Run the rules on Spark SQL; the canonical tables must be registered as views."""
    schema = "local_start TIMESTAMP_NTZ, local_end TIMESTAMP_NTZ, utc_offset_hours INT"
    periods = spark.createDataFrame(summer_time_periods(), schema)
    periods.createOrReplaceTempView("london_summer_time")
    frame = spark.sql(render("spark"), args=parameters.as_bind())
    return [row.asDict() for row in frame.collect()]

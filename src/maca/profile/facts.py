"""Run the profile query on DuckDB, PostgreSQL or Spark: one row of facts per profiled child.

The facts stay in memory: they hold person ids (for the sibling grouping and the check that the
store gives the cohort asked for) and never leave this package; what is written is counted and
suppressed first (``maca.profile.counts``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from maca.cohort.finder import check_people, open_store
from maca.cohort.query import CohortParameters, Columns, run_duckdb, run_postgres, run_spark
from maca.profile.profile_sql import PROFILE_SQL


def _people(columns: Columns) -> set[str]:
    return {person for person in columns["person_id"] if person is not None}


def facts_from_store(store: Path, parameters: CohortParameters) -> Columns:
    """The profile facts of a canonical DuckDB store (checked as the cohort checks it)."""
    with open_store(store) as (con, _missing):
        columns = run_duckdb(con, parameters, PROFILE_SQL)
        check_people(con, store, _people(columns))
        return columns


def facts_from_postgres(conn: Any, schema: str, parameters: CohortParameters) -> Columns:
    """The profile facts of canonical tables in a PostgreSQL schema (``maca.cohort.postgres``)."""
    from maca.cohort.postgres import quoted_schema

    return run_postgres(conn, parameters, quoted_schema(schema), PROFILE_SQL)


def facts_from_spark(spark: Any, parameters: CohortParameters) -> Columns:
    """The profile facts of the canonical tables registered as Spark views."""
    return run_spark(spark, parameters, PROFILE_SQL)

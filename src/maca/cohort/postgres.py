"""The canonical tables in PostgreSQL, and the same rules query run there.

For a partnership whose linked data lives in PostgreSQL, and for the test that DuckDB and
PostgreSQL give identical cohorts: ``copy_store`` loads a DuckDB store's canonical tables into a
PostgreSQL schema (``maca.data.schema`` types are valid PostgreSQL types), ``find_cohort_postgres``
runs the rules there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from maca.cohort.finder import CohortOutcome, check_period, outcome_of
from maca.cohort.query import CohortParameters, run_postgres
from maca.data.schema import PROVENANCE, TABLES, create_table_sql


def quoted_schema(schema: str) -> str:
    if not schema.replace("_", "").isalnum():
        raise ValueError(f"schema name {schema!r}: letters, digits and _ only")
    return schema


def copy_store(store: Path, conn: Any, schema: str) -> None:
    """Create ``schema`` with every canonical table and copy the DuckDB store's rows into it."""
    schema = quoted_schema(schema)
    source = duckdb.connect(str(store), read_only=True)
    try:
        tables_sql = "SELECT table_name FROM information_schema.tables"
        present = {r[0] for r in source.execute(tables_sql).fetchall()}
        with conn.cursor() as cur:
            cur.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            for table in TABLES.values():
                cur.execute(create_table_sql(table).replace(" IF NOT EXISTS ", f" {schema}."))
                if table.name not in present:
                    continue
                columns = [*table.column_names, *(c.name for c in PROVENANCE)]
                rows = source.execute(f"SELECT {', '.join(columns)} FROM {table.name}").fetchall()
                copy_sql = f"COPY {schema}.{table.name} ({', '.join(columns)}) FROM STDIN"
                with cur.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                cur.execute(f"ANALYZE {schema}.{table.name}")  # plans from real row counts
        conn.commit()
    finally:
        source.close()


def find_cohort_postgres(
    conn: Any, schema: str, parameters: CohortParameters, *, inputs: dict[str, str]
) -> CohortOutcome:
    """The cohort of canonical tables held in a PostgreSQL schema."""
    check_period(parameters)
    rows = run_postgres(conn, parameters, quoted_schema(schema))
    version = conn.info.server_version
    return outcome_of(rows, parameters, inputs=inputs, engine=f"postgresql {version}")

"""The same rules on Spark SQL (local mode here, a cluster for national linked data).

Optional: ``pyspark`` is not a dependency of maca. ``register_store`` exposes a DuckDB store's
canonical tables as Spark temp views (at national scale one would register the Parquet or Delta
tables of the linked-data platform instead, same names and types), ``find_cohort_spark`` runs the
rules query in Spark's spelling (``maca.cohort.query.render("spark")``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from maca.cohort.finder import CohortOutcome, check_period, outcome_of
from maca.cohort.query import CohortParameters, run_spark
from maca.data.schema import PROVENANCE, TABLES

SPARK_TYPES = {
    "VARCHAR": "STRING",
    "DATE": "DATE",
    "TIMESTAMP": "TIMESTAMP_NTZ",  # local wall time, no zone: as the police log records it
    "BOOLEAN": "BOOLEAN",
    "INTEGER": "INT",
}


def register_store(spark: Any, store: Path) -> None:
    """Every canonical table of ``store`` as a Spark temp view of the same name."""
    source = duckdb.connect(str(store), read_only=True)
    try:
        tables_sql = "SELECT table_name FROM information_schema.tables"
        present = {r[0] for r in source.execute(tables_sql).fetchall()}
        for table in TABLES.values():
            columns = (*table.columns, *PROVENANCE)
            schema = ", ".join(f"{c.name} {SPARK_TYPES[c.type]}" for c in columns)
            rows: list[tuple] = []
            if table.name in present:
                names = ", ".join(c.name for c in columns)
                rows = source.execute(f"SELECT {names} FROM {table.name}").fetchall()
            spark.createDataFrame(rows, schema).createOrReplaceTempView(table.name)
    finally:
        source.close()


def find_cohort_spark(spark: Any, parameters: CohortParameters) -> CohortOutcome:
    """The cohort of the canonical tables registered in ``spark``."""
    check_period(parameters)
    rows = run_spark(spark, parameters)
    return outcome_of(rows, parameters, inputs={}, engine=f"spark {spark.version}")

"""Load a folder of SSD CSV files (canonical column names, ISO dates) into a DuckDB store.

A test helper for the cross-check with ``maca synth``'s planted truth while ``maca ingest``
(which reads every format of the data contract, with validation) is not in this build. It
trusts the files: synthetic data written by maca itself.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from maca.data.schema import TABLES, create_all_sql


def _cast(name: str, kind: str) -> str:
    if kind == "BOOLEAN":
        truthy = f"lower({name}) IN ('y', 'true', '1')"
        return f"CASE WHEN {name} IS NULL THEN NULL WHEN {truthy} THEN TRUE ELSE FALSE END"
    return f"CAST({name} AS {kind})"


def load_ssd_folder(folder: Path, store: Path) -> Path:
    con = duckdb.connect(str(store))
    try:
        for statement in create_all_sql():
            con.execute(statement)
        for table in TABLES.values():
            path = folder / f"{table.name}.csv"
            if not path.exists():
                continue
            columns = ", ".join(_cast(c.name, c.type) for c in table.columns)
            con.execute(
                f"INSERT INTO {table.name} SELECT {columns}, ?, "
                "CAST(ROW_NUMBER() OVER () + 1 AS INTEGER) "
                "FROM read_csv(?, header = true, all_varchar = true)",
                [path.name, str(path)],
            )
    finally:
        con.close()
    return store

"""Building the canonical store from every file's loaded rows: later returns win.

Each table is the union of the rows loaded from all files; where several files hold the same
record (same key), the row from the latest return is kept (files are ranked by return year, then
name). Legal status spells are built from the kept 903 episodes, and the checks that need a
child's whole history (overlapping episodes, long police protection or EPO) run here.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from maca.data.dates import sql_text
from maca.data.schema import TABLES, create_all_sql

# DfE validator rules 361 and 362 (shared/spec/codes.md).
SPELL_LIMITS = {
    "L1": (3, "police protection (L1) lasted {days} days; it may last at most 72 hours (DfE rule 361)"),
    "L2": (21, "emergency protection order (L2) lasted {days} days; more than 21 (DfE rule 362)"),
}


def merge(con: duckdb.DuckDBPyConnection, loaded: dict[str, list[str]], ranks: dict[str, int]) -> dict[str, int]:
    """Create ``final_<table>`` for every canonical table; return rows superseded per file."""
    con.execute("CREATE OR REPLACE TEMP TABLE file_rank (source_file VARCHAR, rank INTEGER)")
    con.executemany("INSERT INTO file_rank VALUES (?, ?)", list(ranks.items()))
    superseded: dict[str, int] = {}
    for name, table in TABLES.items():
        parts = loaded.get(name, [])
        if not parts:
            con.execute(f"CREATE OR REPLACE TEMP TABLE final_{name} AS {_empty(name)}")
            continue
        union = " UNION ALL BY NAME ".join(f"SELECT * FROM {p}" for p in parts)
        key = ", ".join(table.key)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE all_{name} AS SELECT u.*, r.rank, row_number() OVER "
            f"(PARTITION BY {key} ORDER BY r.rank DESC, u._seq DESC) AS n "
            f"FROM ({union}) u JOIN file_rank r USING (source_file)"
        )
        for file, count in con.execute(
            f"SELECT source_file, count(*) FROM all_{name} WHERE n > 1 GROUP BY ALL"
        ).fetchall():
            superseded[file] = superseded.get(file, 0) + int(count)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE final_{name} AS SELECT * EXCLUDE (n, rank) "
            f"FROM all_{name} WHERE n = 1"
        )
        con.execute(f"DROP TABLE all_{name}")
        for part in parts:
            con.execute(f"DROP TABLE {part}")
    if "lega_legal_status" not in _columns(con, "final_ssd_cla_episodes"):
        con.execute("ALTER TABLE final_ssd_cla_episodes ADD COLUMN lega_legal_status VARCHAR")
    _add_legal_status_spells(con)
    _warn_overlapping_episodes(con)
    _warn_long_spells(con)
    return superseded


def _empty(name: str) -> str:
    columns = [f"NULL::{c.type} AS {c.name}" for c in TABLES[name].columns]
    columns += ["NULL::VARCHAR AS source_file", "NULL::BIGINT AS source_row", "NULL::BIGINT AS _seq"]
    return f"SELECT {', '.join(columns)} LIMIT 0"


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}


def _add_legal_status_spells(con: duckdb.DuckDBPyConnection) -> None:
    """Consecutive episodes of a child with the same LS, each starting the day the last ended,
    form one legal status spell; its id is ``CHILD/LS/start``. Spells from an SSD legal status
    file with the same id win only if their return is later."""
    con.execute(
        """CREATE OR REPLACE TEMP TABLE derived_legal_status AS
        WITH e AS (
            SELECT clae_person_id AS p, clae_cla_episode_start_date AS s,
                   clae_cla_episode_ceased_date AS c, lega_legal_status AS ls, source_file,
                   source_row, _seq,
                   lag(lega_legal_status) OVER w AS prev_ls,
                   lag(clae_cla_episode_ceased_date) OVER w AS prev_end
            FROM final_ssd_cla_episodes WHERE lega_legal_status IS NOT NULL
            WINDOW w AS (PARTITION BY clae_person_id ORDER BY clae_cla_episode_start_date)),
        g AS (SELECT *, sum(CASE WHEN prev_ls = ls AND prev_end = s THEN 0 ELSE 1 END)
                 OVER (PARTITION BY p ORDER BY s) AS spell FROM e)
        SELECT p || '/' || ls || '/' || strftime(min(s), '%Y-%m-%d') AS lega_legal_status_id,
               p AS lega_person_id, ls AS lega_legal_status, min(s) AS lega_legal_status_start_date,
               CASE WHEN bool_or(c IS NULL) THEN NULL ELSE max(c) END AS lega_legal_status_end_date,
               arg_min(source_file, s) AS source_file, arg_min(source_row, s) AS source_row,
               arg_min(_seq, s) AS _seq
        FROM g GROUP BY p, spell, ls"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE final_ssd_legal_status AS
        SELECT * EXCLUDE (n, rank) FROM (
            SELECT u.*, r.rank, row_number() OVER (PARTITION BY lega_legal_status_id
                ORDER BY r.rank DESC, u._seq DESC) AS n
            FROM (SELECT * FROM final_ssd_legal_status
                  UNION ALL BY NAME SELECT * FROM derived_legal_status) u
            JOIN file_rank r USING (source_file)) WHERE n = 1"""
    )
    con.execute("DROP TABLE derived_legal_status")


def _warn_overlapping_episodes(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """INSERT INTO problems
        SELECT 'warning', source_file, source_row, 'DECOM', strftime(s, '%d/%m/%Y'),
            'episode starts while the episode that started ' || strftime(prev_s, '%d/%m/%Y')
            || ' (' || prev_file || ' row ' || prev_row || ') '
            || CASE WHEN prev_end IS NULL THEN 'is still open' ELSE 'runs to '
               || strftime(prev_end, '%d/%m/%Y') END || ': overlapping episodes',
            'ssd_cla_episodes', _seq
        FROM (SELECT source_file, source_row, _seq, clae_cla_episode_start_date AS s,
                lag(clae_cla_episode_start_date) OVER w AS prev_s,
                lag(clae_cla_episode_ceased_date) OVER w AS prev_end,
                lag(source_file) OVER w AS prev_file, lag(source_row) OVER w AS prev_row
              FROM final_ssd_cla_episodes
              WINDOW w AS (PARTITION BY clae_person_id ORDER BY clae_cla_episode_start_date))
        WHERE prev_s IS NOT NULL AND (prev_end IS NULL OR prev_end > s)"""
    )


def _warn_long_spells(con: duckdb.DuckDBPyConnection) -> None:
    for code, (days, text) in SPELL_LIMITS.items():
        reason = sql_text(text).replace("{days}", "' || d || '")
        con.execute(
            f"""INSERT INTO problems
            SELECT 'warning', source_file, source_row, 'LS', lega_legal_status, {reason},
                'ssd_cla_episodes', _seq
            FROM (SELECT *, date_diff('day', lega_legal_status_start_date,
                    lega_legal_status_end_date) AS d FROM final_ssd_legal_status
                  WHERE lega_legal_status = '{code}')
            WHERE d > {days}"""
        )


def write_store(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, int]:
    """Write the final tables into a new DuckDB file at ``path``; return rows per table."""
    con.execute(f"ATTACH {sql_text(str(path))} AS store")
    counts = {}
    for sql in create_all_sql():
        con.execute(sql.replace("CREATE TABLE IF NOT EXISTS ", "CREATE TABLE store."))
    for name, table in TABLES.items():
        columns = ", ".join([*table.column_names, "source_file", "source_row"])
        order = ", ".join([*table.key, "source_file", "source_row"])
        con.execute(
            f"INSERT INTO store.{name} SELECT {columns} FROM final_{name} ORDER BY {order}"
        )
        row = con.execute(f"SELECT count(*) FROM store.{name}").fetchone()
        counts[name] = int(row[0]) if row else 0
    con.execute("DETACH store")
    return counts

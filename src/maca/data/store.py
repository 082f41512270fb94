"""Building the canonical store from every file's loaded rows: later returns win.

Each table is the union of the rows loaded from all files; where several files hold the same
record (same key), the row from the latest return is kept (files are ranked by return year, then
name). Legal status spells are built from the kept 903 episodes, and the checks that need a
child's whole history (overlapping episodes, long police protection or EPO) run here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from maca.data.dates import sql_text
from maca.data.schema import PROVENANCE, TABLES, Column

# DfE validator rules 361 and 362 (shared/spec/codes.md).
SPELL_LIMITS = {
    "L1": (
        3,
        "police protection (L1) lasted {days} days; it may last at most 72 hours (DfE rule 361)",
    ),
    "L2": (21, "emergency protection order (L2) lasted {days} days; more than 21 (DfE rule 362)"),
}
MANY_VALUES = {"pp_ref", "addr_address_postcode"}  # text with nearly one value per row
WORKING = {"ssd_cla_episodes", "ssd_legal_status"}  # built in two steps, kept as temp tables


@dataclass
class Built:
    tables: dict[str, int]  # rows per table
    superseded: dict[str, int]  # per file: loaded rows replaced by a later return
    unlinked_police_protection: list[str]  # pp_ref of events with no CSC person


def open_store(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Attach a new, empty store file at ``path`` as ``store``, with every canonical table."""
    con.execute(f"ATTACH {sql_text(str(path))} AS store")
    for table in TABLES.values():
        columns = [f"{c.name} {c.type}{_compression(c)}" for c in (*table.columns, *PROVENANCE)]
        con.execute(f"CREATE TABLE store.{table.name} ({', '.join(columns)})")


def _compression(column: Column) -> str:
    """Identifiers and postcodes (nearly one value per row) are stored with ZSTD: DuckDB's
    default for text (dictionary + FSST) spent most of the store write on them, and ZSTD
    writes them two to three times faster into about half the space. Codes and file names keep
    the default, which suits a few repeated values best."""
    if column.type == "VARCHAR" and (column.name.endswith("_id") or column.name in MANY_VALUES):
        return " USING COMPRESSION zstd"
    return ""


def insert_single_source(con: duckdb.DuckDBPyConnection, judged: str, name: str) -> None:
    """A table only one file fills goes into the store as soon as it is judged, so that national
    files are not all held (or spilled to disk) until the end. Judged rows are normally in
    reading order already (a CSV file is read on one thread, see ``csv_stage_sql``; rows
    rejected as duplicates move to the end when updated, but they are not written), and then
    need no sort; one cheap look at ``_seq`` makes sure, so that the store's order never
    depends on how DuckDB ran a query."""
    columns = ", ".join([*TABLES[name].column_names, "source_file", "source_row"])
    found = con.execute(
        f"SELECT count(*) FILTER (_seq < before) FROM "
        f"(SELECT _seq, lag(_seq) OVER () AS before FROM {judged} WHERE NOT rejected)"
    ).fetchone()
    order = " ORDER BY _seq" if found and found[0] else ""
    con.execute(
        f"INSERT INTO store.{name} SELECT {columns} FROM {judged} WHERE NOT rejected{order}"
    )


def build_store(
    con: duckdb.DuckDBPyConnection, loaded: dict[str, list[str]], ranks: dict[str, int]
) -> Built:
    """Fill the attached store with the tables several files (or the 903 episodes) feed, then
    detach it. Later returns win."""
    con.execute("CREATE OR REPLACE TEMP TABLE file_rank (source_file VARCHAR, rank INTEGER)")
    con.executemany("INSERT INTO file_rank VALUES (?, ?)", list(ranks.items()))
    try:
        for name in TABLES:
            if name not in WORKING and loaded.get(name):
                _insert(con, f"store.{name}", _kept_rows(name, loaded[name]), name)
        _episodes_and_legal_status(con, loaded)
        counts = {
            name: int(con.execute(f"SELECT count(*) FROM store.{name}").fetchone()[0])  # type: ignore[index]
            for name in TABLES
        }
        unlinked = con.execute(
            "SELECT pp_ref FROM store.police_protection WHERE pers_person_id IS NULL "
            "ORDER BY pp_ref"
        ).fetchall()
        return Built(counts, _superseded(con, loaded), [r[0] for r in unlinked])
    finally:
        con.execute("DETACH store")


def _superseded(con: duckdb.DuckDBPyConnection, loaded: dict[str, list[str]]) -> dict[str, int]:
    """Rows each file loaded that the store holds from a later return instead."""
    out: dict[str, int] = {}
    for name, parts in loaded.items():
        if len(parts) + (name == "ssd_legal_status") < 2:
            continue
        held = dict(
            con.execute(f"SELECT source_file, count(*) FROM store.{name} GROUP BY ALL").fetchall()
        )
        for part in parts:
            for file, rows in con.execute(
                f"SELECT source_file, count(*) FROM {part} WHERE NOT rejected GROUP BY ALL"
            ).fetchall():
                out[file] = out.get(file, 0) + int(rows) - int(held.get(file, 0))
    return out


def _kept_rows(name: str, parts: list[str], extra: str = "") -> str:
    columns = ", ".join([*TABLES[name].column_names, "source_file", "source_row", "_seq"]) + extra
    if not parts:
        return _empty(name, extra)
    if len(parts) == 1:  # one file: its own duplicates are already rejects
        return f"SELECT {columns} FROM {parts[0]} WHERE NOT rejected"
    union = " UNION ALL ".join(f"SELECT {columns} FROM {p} WHERE NOT rejected" for p in parts)
    key = ", ".join(TABLES[name].key)
    return (
        f"SELECT u.* FROM ({union}) u JOIN file_rank r USING (source_file) "
        f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY r.rank DESC, u._seq DESC) = 1"
    )


def _empty(name: str, extra: str = "") -> str:
    columns = [f"NULL::{c.type} AS {c.name}" for c in TABLES[name].columns]
    columns += [
        "NULL::VARCHAR AS source_file",
        "NULL::BIGINT AS source_row",
        "NULL::BIGINT AS _seq",
    ]
    columns += [f"NULL::VARCHAR AS {e.strip()}" for e in extra.split(",") if e.strip()]
    return f"SELECT {', '.join(columns)} LIMIT 0"


def _insert(con: duckdb.DuckDBPyConnection, target: str, rows_sql: str, name: str) -> None:
    """Insert in the order of the files (by return) and their rows, so that loading the same
    folder twice gives the same store (an integer sort: cheap even on national files)."""
    columns = ", ".join(
        [f"u.{c}" for c in TABLES[name].column_names] + ["u.source_file", "u.source_row"]
    )
    con.execute(
        f"INSERT INTO {target} SELECT {columns} FROM ({rows_sql}) u "
        f"JOIN file_rank r USING (source_file) ORDER BY r.rank, u._seq"
    )


def _episodes_and_legal_status(
    con: duckdb.DuckDBPyConnection, loaded: dict[str, list[str]]
) -> None:
    episodes = loaded.get("ssd_cla_episodes", [])
    with_ls = [p for p in episodes if "lega_legal_status" in _columns(con, p)]
    ls = ", lega_legal_status"
    parts = [
        p if p in with_ls else f"(SELECT *, NULL::VARCHAR AS lega_legal_status FROM {p})"
        for p in episodes
    ]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE final_ssd_cla_episodes AS "
        f"{_kept_rows('ssd_cla_episodes', parts, ls)}"
    )
    _insert(
        con, "store.ssd_cla_episodes", "SELECT * FROM final_ssd_cla_episodes", "ssd_cla_episodes"
    )
    _legal_status_spells(con, loaded.get("ssd_legal_status", []))
    _insert(
        con, "store.ssd_legal_status", "SELECT * FROM final_ssd_legal_status", "ssd_legal_status"
    )
    _warn_overlapping_episodes(con)
    _warn_long_spells(con)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}


def _legal_status_spells(con: duckdb.DuckDBPyConnection, files: list[str]) -> None:
    """Consecutive episodes of a child with the same LS, each starting the day the last ended,
    form one legal status spell; its id is ``CHILD/LS/start``. A spell with the same id in an SSD
    legal status file wins only if that file's return is later."""
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
               arg_min(_seq, s) AS _seq, false AS rejected
        FROM g GROUP BY p, spell, ls"""
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE final_ssd_legal_status AS "
        f"{_kept_rows('ssd_legal_status', [*files, 'derived_legal_status'])}"
    )


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

"""A national-scale canonical store for the cohort benchmark, generated inside DuckDB.

Until ``maca synth`` provides one, this makes a store of the right shape and size, seeded and
deterministic (hash of the row number): 3 million persons, about 10 million CSC records, 100,000
police protection rows of which a tenth are re-logs within 80 hours of another row.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from maca.data.schema import create_all_sql

PERSONS = 3_000_000
POLICE_ROWS = 100_000
# table -> (rows, SELECT over range(rows) AS r(i), with h(k) a per-row pseudo-random number)
RECORDS = {
    "ssd_contacts": 4_000_000,
    "ssd_early_help_episodes": 1_000_000,
    "ssd_cin_episodes": 3_000_000,
    "ssd_cp_plans": 700_000,
    "ssd_cla_episodes": 500_000,
    "ssd_legal_status": 800_000,
}
VERSION = "national-store-1"


def _h(salt: int) -> str:
    """A pseudo-random non-negative BIGINT for row i: deterministic, no RNG state."""
    return f"CAST(hash(i * 7919 + {salt}) % 1000000007 AS BIGINT)"


def _pid(expr: str) -> str:
    return f"'P' || lpad(CAST(({expr}) % {PERSONS} AS VARCHAR), 7, '0')"


def _day(salt: int, days: int = 5400, base: str = "2010-01-01") -> str:
    return f"DATE '{base}' + CAST({_h(salt)} % {days} AS INTEGER)"


def _end(start: str, salt: int) -> str:
    """Closed after 0-700 days, or open (about one in five)."""
    return (
        f"CASE WHEN {_h(salt)} % 5 = 0 THEN NULL "
        f"ELSE {start} + CAST({_h(salt + 1)} % 700 AS INTEGER) END"
    )


def _selects() -> dict[str, str]:
    provenance = "'synthetic', CAST(i + 2 AS INTEGER)"
    start = _day(11)
    return {
        "ssd_person": f"SELECT {_pid('i')}, CASE WHEN {_h(1)} % 200 = 0 THEN NULL ELSE "
        f"{_day(2, 7000, '2005-06-01')} END, NULL, CASE WHEN {_h(3)} % 2 = 0 THEN 'M' "
        f"ELSE 'F' END, {provenance} FROM range({PERSONS}) r(i)",
        "ssd_family": f"SELECT 'F' || CAST(i // 3 AS VARCHAR), {_pid('i')}, {provenance} "
        f"FROM range(2000000) r(i)",
        "ssd_mother": f"SELECT 'M' || CAST(i // 2 AS VARCHAR), {_pid('i + 1000000')}, "
        f"{provenance} FROM range(1500000) r(i)",
        "ssd_address": f"SELECT {_pid('i // 2 * 3')}, 'ZZ99 9ZZ', {_day(21)} + CAST(i % 2 AS "
        f"INTEGER) * 400, NULL, CASE WHEN {_h(22)} % 3 = 0 THEN '841' ELSE '840' END, "
        f"{provenance} FROM range(1500000) r(i)",
        "ssd_contacts": f"SELECT 'CONT' || CAST(i AS VARCHAR), {_pid(_h(10))}, {start}, "
        f"CASE WHEN {_h(12)} % 40 = 0 THEN '5C' ELSE '6' END, {provenance} "
        f"FROM range({RECORDS['ssd_contacts']}) r(i)",
        "ssd_early_help_episodes": f"SELECT 'EH' || CAST(i AS VARCHAR), {_pid(_h(10))}, "
        f"{start}, {_end(start, 13)}, {provenance} "
        f"FROM range({RECORDS['ssd_early_help_episodes']}) r(i)",
        "ssd_cin_episodes": f"SELECT 'CIN' || CAST(i AS VARCHAR), {_pid(_h(10))}, {start}, "
        f"CASE WHEN {_h(12)} % 40 = 0 THEN '5C' ELSE '6' END, {_end(start, 13)}, 'RC8', "
        f"FALSE, {provenance} FROM range({RECORDS['ssd_cin_episodes']}) r(i)",
        "ssd_cp_plans": f"SELECT 'CP' || CAST(i AS VARCHAR), {_pid(_h(10))}, {start}, "
        f"{_end(start, 13)}, {_h(14)} % 20 = 0, {provenance} "
        f"FROM range({RECORDS['ssd_cp_plans']}) r(i)",
        "ssd_cla_episodes": f"SELECT 'CLA' || CAST(i AS VARCHAR), {_pid(_h(10))}, {start}, "
        f"'S', {_end(start, 13)}, NULL, {provenance} "
        f"FROM range({RECORDS['ssd_cla_episodes']}) r(i)",
        "ssd_legal_status": f"SELECT 'LS' || CAST(i AS VARCHAR), {_pid(_h(10))}, "
        f"CASE WHEN {_h(15)} % 10 = 0 THEN 'L1' ELSE 'C2' END, {start}, {_end(start, 13)}, "
        f"{provenance} FROM range({RECORDS['ssd_legal_status']}) r(i)",
    }


def _police_sql() -> str:
    first = POLICE_ROWS * 9 // 10
    when = f"TIMESTAMP '2022-01-01 00:00' + to_minutes({_h(31)} % (3 * 365 * 24 * 60))"
    status = (
        f"CASE WHEN {_h(32)} % 10 < 7 THEN 'invoked' ELSE 'considered' END, "
        f"CASE WHEN {_h(32)} % 10 < 7 THEN 'la_accommodation' WHEN {_h(32)} % 10 < 9 "
        "THEN 's20_agreed' ELSE 'returned_home' END"
    )
    person = f"CASE WHEN {_h(33)} % 30 = 0 THEN NULL ELSE {_pid(_h(34))} END"
    return f"""
        INSERT INTO police_protection
        SELECT 'PP' || lpad(CAST(i AS VARCHAR), 6, '0'), {person}, {when}, NULL, {status},
               '840', 'synthetic', CAST(i + 2 AS INTEGER)
        FROM range({first}) r(i);
        INSERT INTO police_protection
        SELECT 'PP' || lpad(CAST(i + {first} AS VARCHAR), 6, '0'), p.pers_person_id,
               p.pp_start + to_minutes({_h(35)} % 4800), NULL, p.status, p.outcome, '840',
               'synthetic', CAST(i + {first} + 2 AS INTEGER)
        FROM range({POLICE_ROWS - first}) r(i)
        JOIN police_protection p ON p.pp_ref = 'PP' || lpad(CAST(i * 9 AS VARCHAR), 6, '0');
    """


def build_national_store(path: Path) -> Path:
    """Make (or reuse, when its version matches) the benchmark store at ``path``."""
    marker = path.with_suffix(".version")
    if path.exists() and marker.exists() and marker.read_text() == VERSION:
        return path
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("SET enable_progress_bar = false")
        for statement in create_all_sql():
            con.execute(statement)
        for table, select in _selects().items():
            con.execute(f"INSERT INTO {table} {select}")
        con.execute(_police_sql())
        con.execute("CHECKPOINT")
    finally:
        con.close()
    marker.write_text(VERSION)
    return path

"""Benchmark: ``maca ingest`` (validation included) against pandas.read_csv merely parsing.

Writes a synthetic data folder with ``maca synth`` (default ``--scale region --format ssd``, with
its deliberate faults; ``--scale national`` is the national-scale run), or with ``--rows N`` with
the generator below (SSDA903 header and three stacked years of episodes, SSD contacts, CIN
episodes, CP plans, addresses, police log; about 0.5% of rows with errors). Then, in the same
run and on the same files, it times

  * pandas: ``pandas.read_csv`` of every file, in a child process;
  * maca:   ``python -m maca ingest`` of the folder, in a child process;

  * floor:  DuckDB's parallel ``read_csv`` copying every file as text, unchecked, into a new
            DuckDB file (the least any design with a DuckDB store can spend; ADR 0102);

and prints the wall times, the ratios and each child's peak memory (target: ratio <= 1, maca
peak < 4 GiB). Usage: ``python benchmarks/ingest.py [--scale la|region|national]
[--format ssd|returns] [--rows N] [--keep DIR] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SHARES = {  # share of --rows per file kind
    "episodes": 0.40,
    "contacts": 0.25,
    "cin": 0.12,
    "plans": 0.05,
    "address": 0.10,
    "header": 0.06,
    "police": 0.02,
}


def generate(folder: Path, rows: int) -> None:
    """Write the synthetic folder with DuckDB (seeded, a few seconds for millions of rows)."""
    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    n = {k: max(int(rows * v), 10) for k, v in SHARES.items()}
    children = max(n["episodes"] // 4 // 2, 1)  # ~4 episodes a child, two years stacked on average
    _episodes(con, folder, children)
    _header(con, folder, children)
    _ssd(con, folder, n)
    con.close()


def _bad(good: str, bad: str) -> str:
    """About one row in 200 gets a deliberate error."""
    return f"CASE WHEN random() < 0.005 THEN {bad} ELSE {good} END"


def _copy(con: duckdb.DuckDBPyConnection, sql: str, path: Path, dates: str = "%Y-%m-%d") -> None:
    con.execute(
        f"COPY ({sql}) TO '{path}' (HEADER, DATEFORMAT '{dates}', TIMESTAMPFORMAT '%Y-%m-%d %H:%M')"
    )


def _episodes(con: duckdb.DuckDBPyConnection, folder: Path, children: int) -> None:
    con.execute(
        f"""CREATE TABLE episode AS
        SELECT 'C' || (i // 4) AS child, (i % 4) AS k,
               DATE '2019-04-01' + CAST((i // 4) % 1400 + (i % 4) * 61 AS INTEGER) AS decom,
               ['C1','C2','V2','L1','L2','E1','J1'][1 + CAST(floor(random() * 7) AS INTEGER)] AS ls,
               ['S','L','P','T','B','U'][1 + CAST(floor(random() * 6) AS INTEGER)] AS rne
        FROM range({children * 4}) t(i)"""
    )
    con.execute("ALTER TABLE episode ADD COLUMN dec DATE")
    con.execute("UPDATE episode SET dec = CASE WHEN k < 3 THEN decom + CAST(61 AS INTEGER) END")
    for year in (2021, 2022, 2023):
        year_end = f"DATE '{year}-03-31'"
        sql = f"""SELECT child AS CHILD, decom AS DECOM, {_bad("rne", "'Q'")} AS RNE, ls AS LS,
                'N1' AS CIN, 'U1' AS PLACE, 'PR1' AS PLACE_PROVIDER,
                CASE WHEN dec <= {year_end} THEN dec END AS DEC,
                CASE WHEN dec <= {year_end} THEN 'X1' END AS REC, '' AS REASON_PLACE_CHANGE,
                '' AS HOME_POST, '' AS PL_POST, '' AS URN
            FROM episode WHERE decom <= {year_end}
              AND (dec IS NULL OR dec > {year_end} - INTERVAL 365 DAY)"""
        _copy(con, sql, folder / f"ssda903_episodes_{year}.csv", "%d/%m/%Y")


DOB = "strftime(DATE '2005-01-01' + CAST(i % 6000 AS INTEGER), '%d/%m/%Y')"


def _header(con: duckdb.DuckDBPyConnection, folder: Path, children: int) -> None:
    sql = f"""SELECT 'C' || i AS CHILD, ['1','2'][1 + (i % 2)] AS SEX,
            {_bad(DOB, "'31/02/2010'")} AS DOB,
            'WBRI' AS ETHNIC, '' AS UPN, '' AS MOTHER, '' AS MC_DOB FROM range({children}) t(i)"""
    _copy(con, sql, folder / "ssda903_header.csv")


def _ssd(con: duckdb.DuckDBPyConnection, folder: Path, n: dict[str, int]) -> None:
    day = "DATE '2015-01-01' + CAST(random() * 3000 AS INTEGER)"
    people = max(n["header"], 1)
    person = f"'P' || CAST(floor(random() * {people}) AS BIGINT)"
    files = {
        "ssd_contacts.csv": f"""SELECT 'K' || i AS cont_contact_id, {person} AS cont_person_id,
            {_bad(f"strftime({day}, '%Y-%m-%d')", "'2023-13-45'")} AS cont_contact_date,
            ['1A','2A','3B','5D','6','8'][1 + (i % 6)] AS cont_contact_source_code
            FROM range({n["contacts"]}) t(i)""",
        "ssd_cin_episodes.csv": f"""SELECT 'R' || i AS cine_referral_id, {person} AS cine_person_id,
            {day} AS cine_referral_date, ['3B','6','2A'][1 + (i % 3)] AS cine_referral_source_code,
            NULL::DATE AS cine_close_date, {_bad("'RC7'", "'RC99'")} AS cine_close_reason,
            'N' AS cine_referral_nfa FROM range({n["cin"]}) t(i)""",
        "ssd_cp_plans.csv": f"""SELECT 'CP' || i AS cppl_cp_plan_id, {person} AS cppl_person_id,
            {day} AS cppl_cp_plan_start_date, NULL::DATE AS cppl_cp_plan_end_date,
            'N' AS cppl_cp_plan_ola FROM range({n["plans"]}) t(i)""",
        "ssd_address.csv": f"""SELECT 'P' || (i // 2) AS addr_person_id,
            'AB1 2CD' AS addr_address_postcode,
            DATE '2010-01-01' + CAST((i % 2) * 1000 AS INTEGER) AS addr_address_start_date,
            NULL::DATE AS addr_address_end_date, '840' AS addr_la_code
            FROM range({n["address"]}) t(i)""",
        "police_protection.csv": f"""SELECT 'PP' || i AS pp_ref,
            CASE WHEN i % 10 = 0 THEN NULL ELSE {person} END AS pers_person_id,
            TIMESTAMP '2020-01-01 00:00' + INTERVAL (i % 50000) HOUR AS pp_start,
            TIMESTAMP '2020-01-01 00:00' + INTERVAL (i % 50000 + 30 + (i % 7) * 10) HOUR AS pp_end,
            ['invoked','considered'][1 + (i % 2)] AS status, 's20_agreed' AS outcome,
            '840' AS home_la FROM range({n["police"]}) t(i)""",
    }
    for name, sql in files.items():
        _copy(con, sql, folder / name)


# The floor of any design whose store is a DuckDB file: DuckDB's own parallel reader copying each
# file, as text and with no check, no row number and no order kept, into a new DuckDB file.
FLOOR_CHILD = """
import sys, duckdb
from pathlib import Path
con = duckdb.connect(sys.argv[1])
con.execute("SET preserve_insertion_order = false")
for i, path in enumerate(sys.argv[2:]):
    quoted = "'" + path.replace("'", "''") + "'"
    con.execute(f"CREATE TABLE t{i} AS SELECT * FROM read_csv({quoted}, all_varchar = true)")
con.close()
"""

PANDAS_CHILD = """
import sys, pandas
for path in sys.argv[1:]:
    pandas.read_csv(path)
"""


def run_child(argv: list[str]) -> tuple[float, float]:
    """Run a child process; return (wall seconds, peak resident memory in MiB) of that child."""
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark: {argv[:4]} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return seconds, usage.ru_maxrss / 1024


def _one_round(files: list[Path], folder: Path, work: Path) -> tuple[tuple[float, float], ...]:
    """(seconds, peak MiB) of pandas, maca and the bare DuckDB copy, one after the other."""
    pandas = run_child([sys.executable, "-c", PANDAS_CHILD, *map(str, files)])
    maca = run_child(
        [sys.executable, "-m", "maca", "ingest", str(folder)]
        + ["--store", str(work / "store.duckdb"), "--report", str(work / "report")]
    )
    floor_store = work / "floor.duckdb"
    floor_store.unlink(missing_ok=True)
    floor = run_child([sys.executable, "-c", FLOOR_CHILD, str(floor_store), *map(str, files)])
    floor_store.unlink()
    return pandas, maca, floor


def make_folder(args: argparse.Namespace, folder: Path) -> str:
    """Fill ``folder`` with ``maca synth`` (default) or the built-in generator; say which."""
    if args.rows:
        generate(folder, args.rows)
        return f"built-in generator, --rows {args.rows:,}"
    shutil.rmtree(folder)
    command = [sys.executable, "-m", "maca", "synth", "--out", str(folder)]
    command += ["--scale", args.scale, "--format", args.format, "--faults"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_env())
    shutil.rmtree(folder / "truth", ignore_errors=True)  # the planted truth is not input data
    return f"maca synth --scale {args.scale} --format {args.format} --faults"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default="region", help="maca synth scale: la|region|national")
    parser.add_argument("--format", default="ssd", help="maca synth format: ssd|returns")
    parser.add_argument("--rows", type=int, help="use the built-in generator with about N rows")
    parser.add_argument("--keep", type=Path, help="write the data folder here and keep it")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the three, in turn")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="maca-bench-"))
    folder = args.keep or work / "data"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        source = make_folder(args, folder)
        files = sorted(folder.glob("*.csv"))
        others = [p for p in folder.iterdir() if p.suffix.lower() == ".xml"]
        lines = sum(sum(1 for _ in p.open("rb")) - 1 for p in files)
        size = sum(p.stat().st_size for p in files) / 2**20
        print(f"data: {source} in {time.perf_counter() - started:.1f}s")
        os.sync()  # the generator's writes must not be flushed while the timed runs go
        print(f"      {len(files)} CSV files, {lines:,} data rows, {size:,.0f} MiB")
        if others:
            print(f"      and {len(others)} XML files that maca reads and pandas.read_csv cannot")
        runs = [_one_round(files, folder, work) for _ in range(args.runs)]
        pandas_s, maca_s, floor_s = (statistics.median(r[k][0] for r in runs) for k in range(3))
        pandas_mb, maca_mb, floor_mb = (statistics.median(r[k][1] for r in runs) for k in range(3))
        ratio = statistics.median(maca[0] / pandas[0] for pandas, maca, _ in runs)
        floor_ratio = statistics.median(floor[0] / pandas[0] for pandas, _, floor in runs)
        print(f"medians of {len(runs)} rounds (pandas, maca, DuckDB copy in turn):")
        print(f"pandas.read_csv (parse only):  {pandas_s:7.1f} s   peak {pandas_mb:7.0f} MiB")
        print(f"maca ingest (validated store): {maca_s:7.1f} s   peak {maca_mb:7.0f} MiB")
        print(f"DuckDB text copy, no checks:   {floor_s:7.1f} s   peak {floor_mb:7.0f} MiB")
        print(
            f"ratio maca / pandas: {ratio:.2f}  (target <= 1.00; "
            f"peak target < 4096 MiB: {'met' if maca_mb < 4096 else 'NOT met'})"
        )
        print(
            f"ratio DuckDB text copy / pandas: {floor_ratio:.2f}  (what any DuckDB store "
            f"costs before a single check); maca / DuckDB text copy: {maca_s / floor_s:.2f}"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark: the cohort step on a national-scale store, against a straightforward pandas version.

    PYTHONPATH=src python benchmarks/cohort.py [--store PATH] [--from 2023-01-01 --to 2023-12-31]

Each side runs in its own process, so that its peak memory (max RSS) is its own. The maca side is
the whole cohort step as ``maca cohort --store`` runs it (query, decisions, writing the files).
The pandas side is timed on DataFrames already in memory (loading them is timed apart and not
counted against it, which favours pandas). Both must find the same children.
Targets on 2 cores: at least 10 times faster than pandas, under 10 s, under 4 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE.parent)]

DEFAULT_STORE = Path(tempfile.gettempdir()) / "maca-cohort-bench" / "national.duckdb"
GIB = 1024**3


def step_maca(store: Path, period: tuple[date, date], result: Path) -> None:
    """What ``maca cohort --store`` does, phase by phase: query, decisions, files."""
    from maca.cohort.finder import outcome_of, query_store, write_outputs
    from maca.cohort.query import CohortParameters

    parameters = CohortParameters(*period, home_la="840")
    phases = {}
    started = time.perf_counter()
    rows, missing = query_store(store, parameters)
    phases["query"] = time.perf_counter() - started
    outcome = outcome_of(rows, parameters, inputs={}, engine="duckdb", missing_tables=missing)
    phases["decisions"] = time.perf_counter() - started - phases["query"]
    with tempfile.TemporaryDirectory() as out:
        write_outputs(Path(out), outcome, pseudonymise=False)
    seconds = time.perf_counter() - started
    phases["files"] = seconds - phases["query"] - phases["decisions"]
    children = sorted((r["pers_person_id"], r["removal_date"]) for r in outcome.decisions.cohort)
    result.write_text(json.dumps({"seconds": seconds, "phases": phases, "children": children}))


def step_pandas(store: Path, period: tuple[date, date], result: Path) -> None:
    import duckdb
    from benchmarks.cohort_pandas import cohort_pandas

    from maca.data.schema import TABLES

    started = time.perf_counter()
    con = duckdb.connect(str(store), read_only=True)
    tables = {name: con.execute(f"SELECT * FROM {name}").df() for name in TABLES}
    con.close()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    cohort = cohort_pandas(tables, *period, "840")["cohort"]
    seconds = time.perf_counter() - started
    children = sorted((r["pers_person_id"], r["removal_date"]) for r in cohort)
    result.write_text(
        json.dumps({"seconds": seconds, "load_seconds": loaded, "children": children})
    )


def run_step(step: str, store: Path, period: tuple[date, date]) -> dict:
    """Run one side in a fresh process; its own peak RSS comes from wait4."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    command = [
        sys.executable,
        __file__,
        "--step",
        step,
        "--store",
        str(store),
        "--from",
        period[0].isoformat(),
        "--to",
        period[1].isoformat(),
        "--result",
        str(result),
    ]
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{step} step failed (status {status})")
    outcome = json.loads(result.read_text())
    result.unlink()
    outcome["peak_bytes"] = usage.ru_maxrss * 1024  # Linux reports KiB
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--from", dest="period_from", default="2023-01-01")
    parser.add_argument("--to", dest="period_to", default="2023-12-31")
    parser.add_argument("--step", choices=("maca", "pandas"))
    parser.add_argument("--result", type=Path)
    args = parser.parse_args()
    period = (date.fromisoformat(args.period_from), date.fromisoformat(args.period_to))
    if args.step == "maca":
        return step_maca(args.store, period, args.result)
    if args.step == "pandas":
        return step_pandas(args.store, period, args.result)

    from benchmarks.national_store import build_national_store

    args.store.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    build_national_store(args.store)
    print(
        f"store: {args.store} ({args.store.stat().st_size / GIB:.2f} GiB, "
        f"ready in {time.perf_counter() - started:.1f} s)"
    )
    print(f"period: {period[0]} – {period[1]}")
    maca = run_step("maca", args.store, period)
    pandas = run_step("pandas", args.store, period)
    same = maca["children"] == pandas["children"]
    ratio = pandas["seconds"] / maca["seconds"]
    print(
        f"cohort children: maca {len(maca['children'])}, pandas {len(pandas['children'])}, "
        f"same children: {'yes' if same else 'NO'}"
    )
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in maca["phases"].items())
    print(
        f"maca cohort step:   {maca['seconds']:7.2f} s   peak {maca['peak_bytes'] / GIB:.2f} GiB"
        f"   ({phases})"
    )
    print(
        f"pandas (rules only):{pandas['seconds']:7.2f} s   peak "
        f"{pandas['peak_bytes'] / GIB:.2f} GiB   (+{pandas['load_seconds']:.1f} s loading)"
    )
    print(f"ratio: maca is {ratio:.1f}x faster than pandas")
    targets = {
        ">= 10x faster than pandas": ratio >= 10,
        "< 10 s": maca["seconds"] < 10,
        "< 4 GiB": maca["peak_bytes"] < 4 * GIB,
        "same children as pandas": same,
    }
    for name, met in targets.items():
        print(f"  {'met ' if met else 'MISSED'}  {name}")
    sys.exit(0 if all(targets.values()) else 1)


if __name__ == "__main__":
    main()

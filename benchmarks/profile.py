"""Benchmark: the profile step on the national synthetic store, against a pandas version.

    PYTHONPATH=src python benchmarks/profile.py [--runs 2] [--store PATH]

The store is the cohort benchmark's: ``maca synth --scale national --seed 1`` read by ``maca
ingest`` (built once and reused from the temporary folder, ``benchmarks/cohort.py``), the
spec's period. Each side runs in its own process, so that its peak memory (max RSS) is its own.
The maca side is the whole step as ``maca profile --store`` runs it: the profile query (the
cohort rules and the profile's steps), the counts, the small-number rule and writing
profile.json, profile.md, profile.xlsx and the charts. The pandas side
(``benchmarks/profile_pandas.py``) is timed on DataFrames already in memory (loading them is
timed apart and not counted, which favours pandas). Both must find the same true counts.
Targets on 2 cores: under 3 s, at least 10 times faster than pandas, under 4 GiB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE.parent)]

from benchmarks.cohort import (  # noqa: E402
    BENCH_DIR,
    GIB,
    HOME_LA,
    PERIODS,
    SYNTH_STORE,
    build_synth_store,
    load_tables,
    median_run,
    report_targets,
    run_step,
)


def _counts(counts) -> dict:
    return {"children": counts.children, "families": counts.families, "cells": counts.cells}


def step_maca(store: Path, period: tuple[date, date], result: Path) -> None:
    from maca.cohort.query import CohortParameters
    from maca.profile.build import profile_store
    from maca.profile.outputs import write_profile

    parameters = CohortParameters(*period, home_la=HOME_LA)
    phases = {}
    started = time.perf_counter()
    outcome = profile_store(store, parameters)
    phases["query and counts"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as out:
        write_profile(Path(out), outcome.document)
    seconds = time.perf_counter() - started
    phases["files"] = seconds - phases["query and counts"]
    result.write_text(
        json.dumps({"seconds": seconds, "phases": phases, "counts": _counts(outcome.counts)})
    )


def step_pandas(store: Path, period: tuple[date, date], result: Path) -> None:
    from benchmarks.profile_pandas import profile_pandas

    started = time.perf_counter()
    tables = load_tables(store)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    counts = profile_pandas(tables, *period, HOME_LA)
    seconds = time.perf_counter() - started
    result.write_text(json.dumps({"seconds": seconds, "load_seconds": loaded, "counts": counts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing canonical store instead")
    parser.add_argument("--runs", type=int, default=2, help="runs of each side, in turn")
    parser.add_argument("--step", choices=("maca", "pandas"))
    parser.add_argument("--from", dest="period_from", default=PERIODS["synth"][0])
    parser.add_argument("--to", dest="period_to", default=PERIODS["synth"][1])
    parser.add_argument("--result", type=Path)
    args = parser.parse_args()
    period = (date.fromisoformat(args.period_from), date.fromisoformat(args.period_to))
    if args.step == "maca":
        return step_maca(args.store, period, args.result)
    if args.step == "pandas":
        return step_pandas(args.store, period, args.result)

    started = time.perf_counter()
    if args.store is None:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        args.store = build_synth_store(SYNTH_STORE)
    print(
        f"store: {args.store} ({args.store.stat().st_size / GIB:.2f} GiB, "
        f"ready in {time.perf_counter() - started:.1f} s); period {period[0]} – {period[1]}"
    )
    runs = [
        (
            run_step("maca", args.store, period, __file__),
            run_step("pandas", args.store, period, __file__),
        )
        for _ in range(args.runs)
    ]
    maca = median_run([m for m, _ in runs])
    pandas = median_run([p for _, p in runs])
    same = all(m["counts"] == p["counts"] for m, p in runs)
    ratio = statistics.median(p["seconds"] / m["seconds"] for m, p in runs)
    children = maca["counts"]["children"]
    print(
        "profiled children: "
        + ", ".join(f"{group} {n}" for group, n in children.items())
        + f"; same profile as pandas: {'yes' if same else 'NO'}; medians of {len(runs)} runs"
    )
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in maca["phases"].items())
    print(
        f"maca profile step: {maca['seconds']:7.2f} s   peak {maca['peak_bytes'] / GIB:.2f} GiB"
        f"   ({phases})"
    )
    print(
        f"pandas profile:    {pandas['seconds']:7.2f} s   peak "
        f"{pandas['peak_bytes'] / GIB:.2f} GiB   (+{pandas['load_seconds']:.1f} s loading)"
    )
    print(f"ratio (median of the runs' ratios): maca is {ratio:.1f}x faster than pandas")
    targets = {
        "< 3 s": maca["seconds"] < 3,
        ">= 10x faster than pandas": ratio >= 10,
        "< 4 GiB": maca["peak_bytes"] < 4 * GIB,
        "same profile as pandas": same,
    }
    report_targets(targets)


if __name__ == "__main__":
    main()

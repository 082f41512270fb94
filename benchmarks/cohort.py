"""Benchmark: the cohort step on a national-scale store, against a straightforward pandas version.

    PYTHONPATH=src python benchmarks/cohort.py [--data synth|stress] [--from DATE --to DATE]
    PYTHONPATH=src python benchmarks/cohort.py --store PATH --from DATE --to DATE

The data (``--data``, default ``synth``):

* ``synth``: the national-scale synthetic partnership the issue names: ``maca synth --scale
  national --seed 1`` (24.8 million rows), read by ``maca ingest`` into a canonical store; the
  period defaults to the spec's (2023-09-01 to 2023-12-31; ``--from 2023-01-01`` for a year).
* ``stress``: ``benchmarks/national_store.py``, a store generated straight into DuckDB with far
  more police rows in the period than a real log (23,000 cohort children in 2023); the period
  defaults to 2023.

Both stores are built once and reused from the temporary folder. Each side runs in its own
process, so that its peak memory (max RSS) is its own. The maca side is the whole cohort step
as ``maca cohort --store`` runs it (query, decisions, writing the files). The pandas side is
timed on DataFrames already in memory (loading them is timed apart and not counted against
it, which favours pandas). Both must find the same children.
Targets on 2 cores: at least 10 times faster than pandas, under 10 s, under 4 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE.parent)]

BENCH_DIR = Path(tempfile.gettempdir()) / "maca-cohort-bench"
DEFAULT_STORE = BENCH_DIR / "national.duckdb"  # the stress store
SYNTH_STORE = BENCH_DIR / "synth-national.duckdb"
SYNTH_VERSION = "synth-national-seed-1-profile-scenarios"  # maca synth output of that version
PERIODS = {"synth": ("2023-09-01", "2023-12-31"), "stress": ("2023-01-01", "2023-12-31")}
HOME_LA = "840"  # the home LA of both stores
GIB = 1024**3


def step_maca(store: Path, period: tuple[date, date], result: Path) -> None:
    """What ``maca cohort --store`` does, phase by phase: query, decisions, files."""
    from maca.cohort.finder import outcome_of, query_store, write_outputs
    from maca.cohort.query import CohortParameters

    parameters = CohortParameters(*period, home_la=HOME_LA)
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


def load_tables(store: Path) -> dict:
    """Every canonical table of ``store`` as a pandas DataFrame (the baselines' input)."""
    import duckdb

    from maca.data.schema import TABLES

    con = duckdb.connect(str(store), read_only=True)
    try:
        return {name: con.execute(f"SELECT * FROM {name}").df() for name in TABLES}
    finally:
        con.close()


def step_pandas(store: Path, period: tuple[date, date], result: Path) -> None:
    from benchmarks.cohort_pandas import cohort_pandas

    started = time.perf_counter()
    tables = load_tables(store)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    cohort = cohort_pandas(tables, *period, HOME_LA)["cohort"]
    seconds = time.perf_counter() - started
    children = sorted((r["pers_person_id"], r["removal_date"]) for r in cohort)
    result.write_text(
        json.dumps({"seconds": seconds, "load_seconds": loaded, "children": children})
    )


def median_run(runs: list[dict]) -> dict:
    """Each figure's median over the runs (phases too); children and the rest from the first."""
    out = dict(runs[0])
    for key in ("seconds", "peak_bytes", "load_seconds"):
        if key in out:
            out[key] = statistics.median(r[key] for r in runs)
    if "phases" in out:
        out["phases"] = {k: statistics.median(r["phases"][k] for r in runs) for k in out["phases"]}
    return out


def build_synth_store(path: Path) -> Path:
    """``maca synth --scale national --seed 1`` read by ``maca ingest`` (or the store from an
    earlier run of the same version)."""
    marker = path.with_suffix(".version")
    if path.exists() and marker.exists() and marker.read_text() == SYNTH_VERSION:
        return path
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    with tempfile.TemporaryDirectory(prefix="maca-bench-") as work:
        folder = Path(work) / "data"
        command = [sys.executable, "-m", "maca", "synth", "--scale", "national", "--seed", "1"]
        quiet = {"check": True, "env": env, "stdout": subprocess.DEVNULL}
        subprocess.run([*command, "--out", str(folder)], **quiet)
        command = [sys.executable, "-m", "maca", "ingest", str(folder), "--store", str(path)]
        report = ["--report", str(Path(work) / "report")]
        subprocess.run([*command, *report], **quiet)
    marker.write_text(SYNTH_VERSION)
    return path


def _stress_store() -> Path:
    from benchmarks.national_store import build_national_store

    return build_national_store(DEFAULT_STORE)


def run_step(step: str, store: Path, period: tuple[date, date], script: str = __file__) -> dict:
    """Run one side (``script --step``) in a fresh process; its own peak RSS comes from wait4."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    command = [
        sys.executable,
        script,
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
    parser.add_argument("--data", choices=tuple(PERIODS), default="synth")
    parser.add_argument("--store", type=Path, help="an existing canonical store instead")
    parser.add_argument("--from", dest="period_from")
    parser.add_argument("--to", dest="period_to")
    parser.add_argument("--runs", type=int, default=3, help="runs of each side, in turn")
    parser.add_argument("--step", choices=("maca", "pandas"))
    parser.add_argument("--result", type=Path)
    args = parser.parse_args()
    default_from, default_to = PERIODS[args.data]
    period = (
        date.fromisoformat(args.period_from or default_from),
        date.fromisoformat(args.period_to or default_to),
    )
    if args.step == "maca":
        return step_maca(args.store, period, args.result)
    if args.step == "pandas":
        return step_pandas(args.store, period, args.result)

    started = time.perf_counter()
    if args.store is None:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        args.store = build_synth_store(SYNTH_STORE) if args.data == "synth" else _stress_store()
        print(f"data: {args.data}")
    print(
        f"store: {args.store} ({args.store.stat().st_size / GIB:.2f} GiB, "
        f"ready in {time.perf_counter() - started:.1f} s)"
    )
    print(f"period: {period[0]} – {period[1]}")
    # In turn, so that a slow spell of the machine hits both sides.
    runs = [
        (run_step("maca", args.store, period), run_step("pandas", args.store, period))
        for _ in range(args.runs)
    ]
    maca = median_run([m for m, _ in runs])
    pandas = median_run([p for _, p in runs])
    same = all(m["children"] == p["children"] for m, p in runs)
    ratio = statistics.median(p["seconds"] / m["seconds"] for m, p in runs)
    print(
        f"cohort children: maca {len(maca['children'])}, pandas {len(pandas['children'])}, "
        f"same children: {'yes' if same else 'NO'}; medians of {len(runs)} runs each"
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
    print(f"ratio (median of the runs' ratios): maca is {ratio:.1f}x faster than pandas")
    targets = {
        ">= 10x faster than pandas": ratio >= 10,
        "< 10 s": maca["seconds"] < 10,
        "< 4 GiB": maca["peak_bytes"] < 4 * GIB,
        "same children as pandas": same,
    }
    report_targets(targets)


def report_targets(targets: dict[str, bool]) -> None:
    """Each target met or MISSED, and the exit code: 0 when all are met."""
    for name, met in targets.items():
        print(f"  {'met ' if met else 'MISSED'}  {name}")
    sys.exit(0 if all(targets.values()) else 1)


if __name__ == "__main__":
    main()

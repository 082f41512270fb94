"""Time ``maca synth --scale national`` (or a stated fraction of it, extrapolated) and its peak
memory, against the targets of issue 4 (under 10 minutes, under 4 GiB on 2 cores) and against a
baseline measured in the same run: writing the same number of bytes to the same disk.

    PYTHONPATH=src python benchmarks/synth.py [--fraction 0.1] [--format ssd] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 600
TARGET_BYTES = 4 * 1024**3

CHILD = """
import json, sys, time
from maca.synth import generate
from maca.synth.scale import SCALES
fraction, out, fmt = float(sys.argv[1]), sys.argv[2], sys.argv[3]
families = int(SCALES["national"].families * fraction)
started = time.perf_counter()
result = generate(out, scale="national", seed=1, fmt=fmt, families=families)
print(json.dumps({"seconds": time.perf_counter() - started, "rows": result.rows,
                  "people": result.people, "csc_records": result.csc_records}))
"""


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_baseline(folder: Path, size: int) -> float:
    """Seconds to write ``size`` bytes in 8 MiB blocks and flush them: the I/O floor."""
    block = os.urandom(8 * 1024**2)
    started = time.perf_counter()
    with (folder / "baseline.bin").open("wb") as handle:
        for _ in range(max(1, size // len(block))):
            handle.write(block)
        handle.flush()
        os.fsync(handle.fileno())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--format", default="ssd", choices=("ssd", "returns"))
    parser.add_argument("--keep", action="store_true", help="keep the output folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="maca-synth-bench-"))
    out = work / "national"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    run = subprocess.run([sys.executable, "-c", CHILD, str(args.fraction), str(out), args.format],
                         capture_output=True, text=True, env=env, check=True)  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    report = json.loads(run.stdout.strip().splitlines()[-1])
    size = folder_bytes(out)
    baseline = write_baseline(work, size)
    seconds = report["seconds"]
    full = seconds / args.fraction
    print(f"maca synth --scale national --format {args.format}, fraction {args.fraction:g}")
    print(
        f"  people {report['people']:,}, CSC records {report['csc_records']:,}, "
        f"all rows {sum(report['rows'].values()):,}, {size / 1024**2:,.0f} MiB on disk"
    )
    print(
        f"  time {seconds:.1f}s (extrapolated to the whole: {full:.0f}s; "
        f"target {TARGET_SECONDS}s, ratio {full / TARGET_SECONDS:.2f})"
    )
    print(
        f"  peak memory {peak / 1024**2:,.0f} MiB (target {TARGET_BYTES / 1024**2:,.0f} MiB, "
        f"ratio {peak / TARGET_BYTES:.2f}; chunked, so it does not grow with the fraction)"
    )
    print(
        f"  baseline: writing the same bytes took {baseline:.1f}s; synth / baseline "
        f"{seconds / baseline:.1f}x"
    )
    if args.keep:
        print(f"  output kept in {out}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

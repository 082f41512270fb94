"""Check that a change to ``maca ingest`` left its output alone: same reports, same store.

Runs ``maca ingest`` with the code of a git revision (default ``main``) and with this worktree's
code on the same folders, then compares ``rejects.csv``, ``warnings.csv``, ``load_report.json``
and every store table row by row, in the store's order. Folders: the d2i samples (when
``../shared`` is here) and ``maca synth --faults`` data (``la`` in both formats, and ``--scale``,
default ``region``, in SSD format), plus any given with ``--folder``.

    PYTHONPATH=src python benchmarks/ingest_same_output.py [--rev main] [--scale region]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent.parent / "shared" / "samples" / "d2i"

DUMP = """
import sys
from pathlib import Path
import duckdb
from maca.data.ingest import ingest_folder
from maca.data.schema import TABLES
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
store = out / "store.duckdb"
ingest_folder(folder, store, out / "report")
con = duckdb.connect(str(store), read_only=True)
for name in TABLES:
    con.execute(f"COPY (SELECT * FROM {name}) TO '{out / name}.csv' (HEADER)")
con.close()
store.unlink()
"""


def run(src: Path, folder: Path, out: Path) -> None:
    out.mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, "-c", DUMP, str(folder), str(out)], check=True, env=env)
    report = out / "report" / "load_report.json"  # names the store, which differs by run
    report.write_text(report.read_text().replace(str(out / "store.duckdb"), "STORE"))


def differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right)
    found = [str(left / n) for n in compared.left_only + compared.right_only]
    found += [n for n in compared.common_files if not filecmp.cmp(left / n, right / n, False)]
    for sub in compared.common_dirs:
        found += differences(left / sub, right / sub)
    return found


def synth(folder: Path, scale: str, form: str) -> Path:
    command = [sys.executable, "-m", "maca", "synth", "--out", str(folder), "--scale", scale]
    command += ["--format", form, "--faults"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    shutil.rmtree(folder / "truth", ignore_errors=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", default="main", help="git revision to compare against")
    parser.add_argument("--scale", default="region", help="maca synth scale of the large folder")
    parser.add_argument("--folder", type=Path, action="append", default=[])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="maca-same-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.rev, "src"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
        folders = {"d2i": SAMPLES} if SAMPLES.is_dir() else {}
        folders["la_returns"] = synth(work / "la_returns", "la", "returns")
        folders["la_ssd"] = synth(work / "la_ssd", "la", "ssd")
        folders[f"{args.scale}_ssd"] = synth(work / "large", args.scale, "ssd")
        folders.update({f.name: f for f in args.folder})
        failed = False
        for name, folder in folders.items():
            run(work / "src", folder, work / "before" / name)
            run(ROOT / "src", folder, work / "after" / name)
            changed = differences(work / "before" / name, work / "after" / name)
            failed |= bool(changed)
            print(f"{name}: {'identical' if not changed else 'DIFFERENT: ' + ', '.join(changed)}")
        sys.exit(1 if failed else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

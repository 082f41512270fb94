"""Benchmark: a 5,000-event family timeline from six agencies, merged, flagged and rendered.

    PYTHONPATH=src .venv/bin/python benchmarks/chronology.py [--events 5000] [--runs 5]

Writes six agencies' CSV files for one family of three cases (seeded: routine contacts over
three years before the removal, a quiet spell, events two agencies both recorded, words that
raise each signal, uncertain and month-only dates), then, in the same run and on the same files,
times

  * baseline: reading the files with Python's plain ``csv`` module, nothing checked;
  * read:     ``read_submission`` of each file (every value checked, entries built);
  * merge:    ``merge`` into the family timeline, with its possible duplicates, gaps and
              signals worked out;
  * render:   the page as ``maca chronology merge`` writes it (picture, flags, table), and
              the SVG picture alone.

Target (issue 15): merging, flagging and rendering the page in under 1 s and within 10 times
the plain read. Medians over the warm runs; the first (cold) run is shown too.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src")]

TARGET_SECONDS = 1.0
TARGET_RATIO = 10.0
REMOVAL = date(2023, 9, 12)
CASES = ("C001", "C002", "C003")
# Each agency: its source, its share of the events, and the routine entries it writes.
AGENCIES = {
    "Health visiting": (
        "HV contact record",
        0.30,
        (
            "Home visit; baby weighed {n} kg, feeding and sleep discussed",
            "Telephone contact about the {n}-month review",
            "Clinic attendance; growth on the {n}th centile",
            "Safe sleep advice repeated at home visit {n}",
        ),
    ),
    "Midwifery": (
        "Maternity record",
        0.10,
        (
            "Antenatal appointment at {n} weeks; blood pressure normal",
            "Postnatal visit day {n}; wound healing",
            "Scan appointment attended; growth as expected at {n} weeks",
        ),
    ),
    "GP practice": (
        "GP record",
        0.15,
        (
            "Seen in surgery with cough for {n} days; advice given",
            "Repeat prescription issued ({n} items)",
            "Immunisation given: dose {n}",
        ),
    ),
    "Police": (
        "Police log",
        0.15,
        (
            "Call to the address; noise complaint {n}, no offences",
            "Welfare check requested by neighbour; adults spoken to ({n})",
            "Officer attended; advice given about parking dispute {n}",
        ),
    ),
    "Early years": (
        "Nursery record",
        0.20,
        (
            "Attended nursery session {n}; settled well, ate lunch",
            "Key person observation {n}: playing alongside peers",
            "Collected late by a family member ({n} minutes)",
        ),
    ),
    "Housing": (
        "Housing officer notes",
        0.10,
        (
            "Rent account reviewed; arrears of {n} weeks",
            "Repair request {n} logged: damp in the bedroom",
            "Tenancy visit {n}; property in reasonable order",
        ),
    ),
}
RAISING = (
    "Bruising seen on baby's upper arm; mother says it happened at nursery",
    "Was not brought to the 8-week immunisation appointment",
    "Domestic abuse notification: verbal argument, children present",
    "Family moved into the area from another local authority last month",
    "Older sibling known to social care in the previous area (CP plan)",
    "Booked at 30 weeks; first antenatal contact",
    "Case closed to early help; no further action",
)
HEADER = ["case_ref", "date", "time", "sequence", "subject", "source", "event", "significance",
          "impact_on_child", "action_taken", "practitioner_role"]  # fmt: skip


def write_agency_files(folder: Path, events: int, seed: int = 15) -> list[tuple[Path, str]]:
    """Six CSV files, ``events`` rows in all, for the family of CASES."""
    rng = random.Random(seed)
    start = REMOVAL - timedelta(days=3 * 365)
    quiet = (REMOVAL - timedelta(days=200), REMOVAL - timedelta(days=80))
    rows: dict[str, list[list[str]]] = {agency: [] for agency in AGENCIES}
    names = list(AGENCIES)
    weights = [share for _, share, _ in AGENCIES.values()]
    while sum(map(len, rows.values())) < events:
        agency = rng.choices(names, weights)[0]
        day = start + timedelta(days=rng.randrange((REMOVAL - start).days + 20))
        if quiet[0] <= day < quiet[1]:
            continue
        routine = rng.choice(AGENCIES[agency][2]).format(n=rng.randrange(2, 40))
        event = rng.choice(RAISING) if rng.random() < 0.04 else routine
        written = day.isoformat() if rng.random() < 0.7 else day.strftime("%d/%m/%Y")
        if rng.random() < 0.03:
            written = "?" + written
        elif rng.random() < 0.02:
            written = day.isoformat()[:7]
        row = [
            rng.choice(CASES), written, f"{rng.randrange(8, 18):02d}:{rng.randrange(60):02d}"
            if rng.random() < 0.5 else "", str(rng.randrange(1, 4)) if rng.random() < 0.2 else "",
            rng.choice(("child", "mother", "father", "sibling 1")), AGENCIES[agency][0], event,
            rng.choice(("low", "medium", "high", "")), rng.choice(("positive", "negative",
            "unknown", "")), "Advice given; next contact booked", "Practitioner",
        ]  # fmt: skip
        rows[agency].append(row)
        if rng.random() < 0.03:  # the same event recorded by a second agency
            other = rng.choice([a for a in names if a != agency])
            rows[other].append([*row[:5], AGENCIES[other][0], row[6] + " (shared)", *row[7:]])
    files = []
    for agency, agency_rows in rows.items():
        path = folder / (agency.lower().replace(" ", "-") + ".csv")
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(agency_rows)
        files.append((path, agency))
    return files


def timed(action):  # noqa: ANN001, ANN201
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def one_run(files: list[tuple[Path, str]]) -> dict[str, float]:
    from maca.chronology.page import render_page
    from maca.chronology.picture import render_svg
    from maca.chronology.submission import read_submission
    from maca.chronology.timeline import CaseFacts, merge

    def plain_read() -> int:
        count = 0
        for path, _ in files:
            with path.open(newline="", encoding="utf-8") as handle:
                count += len(list(csv.reader(handle))) - 1
        return count

    def maca_read() -> list:
        entries = []
        for path, agency in files:
            entries += read_submission(path.read_bytes(), path.name, agency).entries
        return entries

    cases = [CaseFacts(ref, "F01", REMOVAL, REMOVAL - timedelta(days=90)) for ref in CASES]

    def merge_and_flag():  # noqa: ANN202
        timeline = merge(entries, cases)
        _ = timeline.duplicates, timeline.gaps, timeline.signals, timeline.flags
        return timeline

    figures: dict[str, float] = {}
    figures["baseline"], rows = timed(plain_read)
    figures["read"], entries = timed(maca_read)
    figures["merge"], timeline = timed(merge_and_flag)
    figures["page"], page = timed(lambda: render_page([timeline]))
    figures["svg"], svg = timed(lambda: render_svg(timeline))
    figures["rows"], figures["entries"] = rows, len(timeline)
    figures["duplicates"], figures["gaps"] = len(timeline.duplicates), len(timeline.gaps)
    figures["page_kb"], figures["svg_kb"] = len(page) / 1024, len(svg) / 1024
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="maca-chronology-bench-") as folder:
        files = write_agency_files(Path(folder), args.events)
        runs = [one_run(files) for _ in range(max(args.runs, 2))]
    cold, warm = runs[0], runs[1:]

    def median(key: str) -> float:
        return statistics.median(r[key] for r in warm)

    core = {r_key: median(r_key) for r_key in ("baseline", "read", "merge", "page", "svg")}
    total = core["merge"] + core["page"]
    cold_total = cold["merge"] + cold["page"]
    ratio = total / core["baseline"]
    print(
        f"family timeline: {cold['entries']:.0f} entries from {len(files)} agencies "
        f"({cold['rows']:.0f} rows), {cold['duplicates']:.0f} possible duplicates, "
        f"{cold['gaps']:.0f} gaps; page {cold['page_kb']:.0f} KiB, SVG {cold['svg_kb']:.0f} KiB"
    )
    print(f"medians of {len(warm)} warm runs (cold run in brackets)")
    print(f"{'step':<34}{'seconds':>10}{'x plain read':>14}")
    lines = {
        "plain csv read (baseline)": "baseline",
        "read_submission, 6 files": "read",
        "merge + duplicates, gaps, signals": "merge",
        "render page (SVG + table)": "page",
        "render SVG alone": "svg",
    }
    for label, key in lines.items():
        print(f"{label:<34}{core[key]:>10.3f}{core[key] / core['baseline']:>14.1f}  "
              f"({cold[key]:.3f})")  # fmt: skip
    print(
        f"{'merge, flag and render the page':<34}{total:>10.3f}{ratio:>14.1f}  ({cold_total:.3f})"
    )
    end_to_end = core["read"] + total
    print(
        f"{'read, merge, flag and render':<34}{end_to_end:>10.3f}"
        f"{end_to_end / core['baseline']:>14.1f}"
    )
    met = cold_total < TARGET_SECONDS and ratio <= TARGET_RATIO
    print(
        f"target: merge, flag and render under {TARGET_SECONDS:.0f} s (cold) and within "
        f"{TARGET_RATIO:.0f}x the plain read: {'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

"""How long the learning briefing takes to build for a 40-case audit, PDF and Word.

Target (issue 7): PDF and DOCX each built in under 5 seconds. The baseline, timed in the same run,
is writing the same published text as plain HTML (no template, no charts, no layout), so the
ratio says what the layout, charts and file formats cost over the text itself.

    PYTHONPATH=src .venv/bin/python benchmarks/briefing.py [--cases 40] [--repeat 3]

The first build of each is timed cold (it pays for loading WeasyPrint, fonts and matplotlib),
the rest warm; the target is checked against the cold time.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

TARGET_SECONDS = 5.0


def audit_of(cases: int, seed: int = 40) -> dict:
    """The shipped synthetic example, scaled to ``cases`` children (synthetic numbers)."""
    example = resources.files("maca.briefing") / "examples" / "first-1001-days.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    within = cases // 4
    data["scope"].update(
        children=cases,
        families=cases // 2,
        in_first_1001_days=within,
        in_first_1001_days_with_sibling_group=within // 2,
        pp_invoked=cases - cases // 8,
        pp_considered_s20=cases // 8,
    )
    data["charts"]["cases"] = [
        {
            "case_ref": f"C{i:03}",
            "agencies": rng.randint(2, 8),
            "age_days": rng.randint(3, 700) if i <= within else rng.randint(760, 5600),
            "removal_date": (date(2023, 9, 1) + timedelta(days=rng.randint(0, 121))).isoformat(),
        }
        for i in range(1, cases + 1)
    ]
    # Every flagged small number decided, as an author would before publishing.
    data["small_numbers"] = {"scope": "confirm", "chart": "confirm"}
    return data


def plain_html(prepared) -> str:  # noqa: ANN001
    body = "".join(f"<p>{html.escape(unit.text)}</p>\n" for unit in prepared.text_units())
    return f"<!DOCTYPE html><html lang='en-GB'><body>{body}</body></html>"


def timed(action) -> float:  # noqa: ANN001
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from maca.briefing import Briefing, prepare
    from maca.briefing.render import render_pdf
    from maca.briefing.word import render_docx

    data = audit_of(args.cases)
    out = Path(tempfile.mkdtemp(prefix="maca-briefing-bench-"))

    def fresh():
        return prepare(Briefing.from_dict(copy.deepcopy(data)))

    builds = {
        "plain HTML (baseline)": lambda: (out / "plain.html").write_text(plain_html(fresh())),
        "PDF": lambda: render_pdf(fresh(), out / "briefing.pdf"),
        "DOCX": lambda: render_docx(fresh(), out / "briefing.docx"),
    }
    times = {name: [timed(build) for _ in range(args.repeat)] for name, build in builds.items()}
    baseline = statistics.median(
        times["plain HTML (baseline)"][1:] or times["plain HTML (baseline)"]
    )
    print(f"learning briefing, {args.cases}-case audit, {args.repeat} builds each")
    print(f"{'output':<24}{'cold s':>9}{'warm s':>9}{'x baseline':>12}")
    ok = True
    for name, runs in times.items():
        warm = statistics.median(runs[1:] or runs)
        print(f"{name:<24}{runs[0]:>9.3f}{warm:>9.3f}{warm / baseline:>12.0f}")
        if name != "plain HTML (baseline)" and runs[0] >= TARGET_SECONDS:
            ok = False
    print(
        f"target: PDF and DOCX each under {TARGET_SECONDS:.0f} s cold: {'met' if ok else 'MISSED'}"
    )
    for path in out.iterdir():
        path.unlink()
    out.rmdir()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

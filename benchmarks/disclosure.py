"""How long the disclosure check takes on a 40-case briefing with 200 free-text passages.

Target (issue 13): under 1 second. The baseline, timed in the same run on the same text, is a
plain regular-expression scan: the date, postcode, NHS-number and id patterns the check used
before it knew names and places, so the ratio says what names, places and context cost.

    PYTHONPATH=src .venv/bin/python benchmarks/disclosure.py [--cases 40] [--passages 200]

The names list is loaded once per process, when first needed; its load time is printed on its
own, and the target is checked against the first check of the run (which pays for the load)
as well as the warm median.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "src"), str(HERE.parent)]

TARGET_SECONDS = 1.0

# Findings and quotes in the seed briefing's style (all invented); a tenth name someone.
FINDINGS = [
    "Information was taken at face value and not verified with the {agency}.",
    "The {agency} shared what it knew once the risk was identified.",
    "Mother was seen alone at the new birth visit; father was not asked about.",
    "Safeguarding supervision was held and recorded on the child's file.",
    "The non-mobile baby protocol was followed when bruising was seen.",
    "The family moved in from another area and no information was requested.",
    "Closure to statutory services happened without a plan or bottom lines.",
    "A late booking at 27 weeks was not explored with the parents.",
    "Early Help closed the case when the family disengaged.",
    "Police Protection was used and a strategy discussion was held the same day.",
]
QUOTES = [
    "I felt I had to chase people to come and see me.",
    "The health visitor listened and did it properly.",
    "Nobody asked about the baby's dad.",
    "Please remember everyone is trying their best.",
    "I did not know who to ring when things got bad.",
]
PLANTED = [
    "Tell Kayleigh Dobson from the health visiting team thank you.",
    "Dr Priya Raman at Castle Street Surgery saw the baby twice.",
    "We lived at 14 Elm Grove before the move.",
    "PC Gareth Hughes was kind to my son.",
]
AGENCIES = ["police", "health visiting service", "midwifery service", "GP practice", "school"]


def briefing_input(cases: int, passages: int, seed: int = 13) -> dict:
    """The benchmark briefing of benchmarks/briefing.py, with quotes and learning bullets added
    until it holds ``passages`` different free-text passages."""
    from benchmarks.briefing import audit_of

    from maca.briefing import Briefing
    from maca.briefing.disclosure import free_text_passages

    data = audit_of(cases)
    rng = random.Random(seed)
    have = len(free_text_passages(Briefing.from_dict(copy.deepcopy(data))))
    texts: set[str] = set()
    while len(texts) < passages - have:
        planted = rng.random() < 0.1
        lead = rng.choice(PLANTED) if planted else rng.choice(QUOTES)
        texts.add(f"{lead} {rng.choice(FINDINGS).format(agency=rng.choice(AGENCIES))}")
    extra = sorted(texts)
    quotes, bullets = extra[: len(extra) // 4], extra[len(extra) // 4 :]
    data["family_voice"] += [{"text": t, "role": "Mother", "consent": True} for t in quotes]
    themes = data["learning"]
    for i, theme in enumerate(themes):
        theme["bullets"] = theme.get("bullets", []) + bullets[i :: len(themes)]
    return data


def store_identifiers(cases: int, seed: int = 13) -> list:
    """What identifiers_from_store gives for the audit's children and families (synthetic)."""
    from maca.briefing import Identifier

    rng = random.Random(seed)
    found = []
    for case in range(cases):
        for member in range(4):
            found.append(Identifier("person_id", f"PER{case:04}{member:03}"))
            found.append(Identifier("date_of_birth", f"20{rng.randint(5, 23):02}-03-{member + 10}"))
        found.append(Identifier("postcode", f"DL{rng.randint(1, 17)} {rng.randint(1, 9)}QT"))
        found.append(Identifier("identifier", f"FAM{case:05}"))
        found.append(Identifier("name", f"Synthia{case} Example"))
    return found


def plain_scan(units) -> int:  # noqa: ANN001
    from maca.briefing.dates_and_numbers import EXACT_DATE, LONG_ID, NHS_NUMBER
    from maca.briefing.places import UK_POSTCODE

    return sum(
        1
        for unit in units
        for pattern in (EXACT_DATE, UK_POSTCODE, NHS_NUMBER, LONG_ID)
        for _ in pattern.finditer(unit.text)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--passages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from benchmarks.briefing import timed

    from maca.briefing import Briefing, prepare
    from maca.briefing.disclosure import (
        KnownIdentifiers,
        check,
        check_passage,
        free_text_passages,
    )
    from maca.briefing.field_words import ordinary_words
    from maca.briefing.names_list import names

    data = briefing_input(args.cases, args.passages)
    prepared = prepare(Briefing.from_dict(copy.deepcopy(data)))
    units = prepared.text_units()
    passages = free_text_passages(prepared)
    identifiers = store_identifiers(args.cases)
    characters = sum(len(u.text) for u in units)

    load = timed(lambda: (names(), ordinary_words()))
    listed = names()
    first = timed(lambda: check(prepared, identifiers))
    runs = {
        "plain regex scan (baseline)": [
            timed(lambda: plain_scan(units)) for _ in range(args.repeat)
        ],
        "check (whole briefing)": [
            timed(lambda: check(prepared, identifiers)) for _ in range(args.repeat)
        ],
    }
    known = KnownIdentifiers(identifiers)
    runs["check_passage x each passage"] = [
        timed(lambda: [check_passage(p.text, known) for p in passages]) for _ in range(args.repeat)
    ]
    report = check(prepared, identifiers)
    baseline = statistics.median(runs["plain regex scan (baseline)"])

    print(
        f"disclosure check, {args.cases}-case briefing: {len(units)} published texts "
        f"({len(passages)} free-text passages, {characters:,} characters), "
        f"{len(identifiers)} store identifiers, {len(report.findings)} findings"
    )
    print(f"names list ({listed.source}, {len(listed):,} names) loaded in {load:.3f} s")
    print(f"first check of the run, after the load: {first:.3f} s")
    print(f"{'step':<32}{'median s':>10}{'x baseline':>12}")
    for name, times in runs.items():
        median = statistics.median(times)
        print(f"{name:<32}{median:>10.4f}{median / baseline:>12.0f}")
    warm = statistics.median(runs["check (whole briefing)"])
    ok = warm < TARGET_SECONDS and load + first < TARGET_SECONDS
    print(
        f"target: the check under {TARGET_SECONDS:.0f} s (warm, and cold with the names list "
        f"load): {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The disclosure check on its corpus: every planted identifying sentence refused, fewer than 5%
of clean sentences flagged, in the tuning half and in the held-out half.

The sentences (``disclosure_corpus/*.csv``, all invented) were written before the check; the
held-out half was not looked at while the check was tuned. Run with ``-s`` to see the figures;
they are in the assertion messages too.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from maca.briefing.disclosure import check_passage
from maca.briefing.identifying import KIND_LABELS

CORPUS = Path(__file__).parent / "disclosure_corpus"
HALVES = ("tuning", "held_out")
MAX_FALSE_ALARM_RATE = 0.05


@dataclass
class Sentence:
    text: str
    expected: frozenset[str]
    found: frozenset[str]

    @property
    def planted(self) -> bool:
        return bool(self.expected)


def read_half(half: str) -> list[Sentence]:
    with (CORPUS / f"{half}.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    return [
        Sentence(
            row["text"],
            frozenset(k for k in row["expected_kinds"].split(";") if k),
            frozenset(f.kind for f in check_passage(row["text"])),
        )
        for row in rows
    ]


def figures(sentences: list[Sentence]) -> dict[str, float]:
    planted = [s for s in sentences if s.planted]
    clean = [s for s in sentences if not s.planted]
    return {
        "planted": len(planted),
        "clean": len(clean),
        "recall": sum(bool(s.found) for s in planted) / len(planted),
        "kinds_right": sum(s.expected <= s.found for s in planted) / len(planted),
        "false_alarm_rate": sum(bool(s.found) for s in clean) / len(clean),
    }


def summary(half: str, sentences: list[Sentence]) -> str:
    f = figures(sentences)
    return (
        f"{half}: {f['planted']} planted, recall {f['recall']:.1%} "
        f"(kind named right {f['kinds_right']:.1%}); {f['clean']} clean, "
        f"false alarms {f['false_alarm_rate']:.1%}"
    )


@pytest.mark.parametrize("half", HALVES)
def test_the_corpus_is_big_enough_and_well_formed(half):
    sentences = read_half(half)
    assert sum(s.planted for s in sentences) >= 60
    assert sum(not s.planted for s in sentences) >= 60
    kinds = {k for s in sentences for k in s.expected}
    assert kinds <= set(KIND_LABELS), kinds - set(KIND_LABELS)


@pytest.mark.parametrize("half", HALVES)
def test_every_planted_sentence_is_refused_and_few_clean_ones_are(half):
    sentences = read_half(half)
    line = summary(half, sentences)
    print(f"\n{line}")
    missed = [s.text for s in sentences if s.planted and not s.found]
    flagged = [(s.text, sorted(s.found)) for s in sentences if not s.planted and s.found]
    assert not missed, f"{line}; missed: {missed}"
    assert figures(sentences)["false_alarm_rate"] < MAX_FALSE_ALARM_RATE, (
        f"{line}; flagged: {flagged}"
    )


@pytest.mark.parametrize("half", HALVES)
def test_a_refusal_names_the_kind_that_was_planted(half):
    """The reason a business-team officer reads is the right one ("a street address")."""
    sentences = read_half(half)
    wrong = [(s.text, sorted(s.expected), sorted(s.found)) for s in sentences if s.planted]
    wrong = [w for w in wrong if not set(w[1]) <= set(w[2])]
    assert figures(sentences)["kinds_right"] >= 0.9, f"{summary(half, sentences)}; {wrong}"

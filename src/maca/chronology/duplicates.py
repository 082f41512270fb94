"""Possible duplicates: one event recorded by two agencies. Flagged, never deleted.

Two entries are possible duplicates when they are from different agencies, on the same date
(same precision), about the same person (``Timeline.person_key``), and their events read alike:
a **token-set ratio** of at least ``Parameters.duplicate_similarity`` (0.8 by default).

The token-set ratio compares the words two texts share with each text's own words, so that a
short entry contained in a longer one scores 1 ("Police protection invoked" and "Police
protection invoked; baby taken to hospital"), while word order, case and punctuation do not
matter. With the shared words S (sorted, joined) and each text's remaining words A and B, it
is the largest of ``ratio(S, S+A)``, ``ratio(S, S+B)`` and ``ratio(S+A, S+B)``, where ``ratio`` is
difflib's ``SequenceMatcher`` ratio of two strings (twice the matched characters over the total).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maca.chronology.timeline import Timeline

_NOT_A_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class PossibleDuplicate:
    first: int  # positions in the timeline, first < second
    second: int
    similarity: float  # the token-set ratio, 0 to 1


def words(text: str) -> set[str]:
    return set(_NOT_A_WORD.split(text.lower())) - {""}


def token_set_ratio(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1, whatever their word order (see the module's note)."""
    words_a, words_b = words(a), words(b)
    if not words_a or not words_b:
        return 0.0
    shared = " ".join(sorted(words_a & words_b))
    only_a = " ".join(sorted(words_a - words_b))
    only_b = " ".join(sorted(words_b - words_a))
    with_a = f"{shared} {only_a}".strip()
    with_b = f"{shared} {only_b}".strip()
    ratios = [SequenceMatcher(None, with_a, with_b, autojunk=False).ratio()]
    if shared:
        ratios.append(SequenceMatcher(None, shared, with_a, autojunk=False).ratio())
        ratios.append(SequenceMatcher(None, shared, with_b, autojunk=False).ratio())
    return max(ratios)


def find_duplicates(timeline: Timeline) -> Iterator[PossibleDuplicate]:
    threshold = timeline.parameters.duplicate_similarity
    groups: dict[tuple, list[int]] = defaultdict(list)
    for position, entry in enumerate(timeline.entries):
        groups[(entry.date.value, entry.date.precision, timeline.person_key(position))].append(
            position
        )
    for positions in groups.values():
        if len(positions) < 2:
            continue
        for i, first in enumerate(positions):
            one = timeline.entries[first]
            for second in positions[i + 1 :]:
                other = timeline.entries[second]
                if one.agency == other.agency:
                    continue
                similarity = token_set_ratio(one.event, other.event)
                if similarity >= threshold:
                    yield PossibleDuplicate(first, second, round(similarity, 2))

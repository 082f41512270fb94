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

import numpy as np

if TYPE_CHECKING:
    from maca.chronology.timeline import Timeline

_NOT_A_WORD = re.compile(r"[^0-9a-z]+")
# Every character a text's joined words can hold (see ``_Words.letters``).
_ALPHABET = " 0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class PossibleDuplicate:
    first: int  # positions in the timeline, first < second
    second: int
    similarity: float  # the token-set ratio, 0 to 1


def words(text: str) -> set[str]:
    return set(_NOT_A_WORD.split(text.lower())) - {""}


class _Words:
    """A text's words, and the letters of its words joined (the same whichever words are
    shared with another text), for difflib's quick upper bound without building a matcher."""

    __slots__ = ("_letters", "joined", "length", "words")

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.joined = " ".join(self.words)
        self.length = len(self.joined)
        self._letters: tuple[int, ...] | None = None

    @property
    def letters(self) -> tuple[int, ...]:
        """How many of each character of ``_ALPHABET`` the joined words hold, so that the
        letters two texts have in common are ``sum(map(min, a.letters, b.letters))``."""
        if self._letters is None:
            self._letters = tuple(map(self.joined.count, _ALPHABET))
        return self._letters


def token_set_ratio(a: str, b: str, at_least: float = 0.0) -> float:
    """How alike two texts are, 0 to 1, whatever their word order (see the module's note).
    With ``at_least``, a pair that cannot reach it may be given any lower value."""
    return _ratio(_Words(a), _Words(b), at_least)


def _ratio(a: _Words, b: _Words, at_least: float, matched: int | None = None) -> float:
    """``matched``: the letters the two texts have in common, when worked out already."""
    if not a.words or not b.words:
        return 0.0
    if a.words <= b.words or b.words <= a.words:
        return 1.0  # the shared words are all of one text: ratio(S, S + nothing) is 1
    common = a.words & b.words
    # Upper bounds of the three ratios: from the lengths, then difflib's quick_ratio from the
    # letters alone (the letters of S+A are those of all of a's words, whatever S is). The
    # length of S, the shared words joined, is known without joining them.
    total, shorter = a.length + b.length, min(a.length, b.length)
    shared_length = sum(map(len, common)) + len(common) - 1 if common else 0
    in_shared = 2 * shared_length / (shared_length + shorter)
    bound = max(2 * shorter / total, in_shared)
    if bound < at_least:
        return bound
    if matched is None:
        matched = sum(map(min, a.letters, b.letters))
    bound = max(2 * matched / total, in_shared)
    if bound < at_least:
        return bound
    shared = " ".join(sorted(common))
    with_a = f"{shared} {' '.join(sorted(a.words - common))}".strip()
    with_b = f"{shared} {' '.join(sorted(b.words - common))}".strip()
    pairs = [(with_a, with_b)] + ([(shared, with_a), (shared, with_b)] if shared else [])
    best = 0.0
    for one, other in pairs:
        matcher = SequenceMatcher(None, one, other, autojunk=False)
        floor = max(best, at_least)
        if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
            continue
        best = max(best, matcher.ratio())
    return best


def find_duplicates(timeline: Timeline) -> Iterator[PossibleDuplicate]:
    """Candidates are blocked by (date, precision, person) before any text is compared, and
    a text's words are worked out once however many entries repeat it."""
    threshold = timeline.parameters.duplicate_similarity
    entries = timeline.entries
    groups: dict[tuple, list[int]] = defaultdict(list)
    person_keys: dict[tuple[str, str], str] = {}  # (subject, case) -> the person
    for position, entry in enumerate(entries):
        known = (entry.subject, entry.case_ref)
        person = person_keys.get(known)
        if person is None:
            person = person_keys[known] = timeline.person_key(position)
        groups[(entry.date.value, entry.date.precision, person)].append(position)
    texts: dict[str, _Words] = {}

    def text(position: int) -> _Words:
        event = entries[position].event
        found = texts.get(event)
        if found is None:
            found = texts[event] = _Words(event)
        return found

    pairs = [
        (first, second)
        for positions in groups.values()
        if len(positions) > 1
        for i, first in enumerate(positions)
        for second in positions[i + 1 :]
        if entries[second].agency != entries[first].agency
    ]
    if not pairs:
        return
    matched = _letters_in_common([(text(a), text(b)) for a, b in pairs])
    for (first, second), letters in zip(pairs, matched, strict=True):
        similarity = _ratio(text(first), text(second), threshold, letters)
        if similarity >= threshold:
            yield PossibleDuplicate(first, second, round(similarity, 2))


def _letters_in_common(pairs: list[tuple[_Words, _Words]]) -> list[int]:
    """For each pair, the letters its two texts' joined words have in common (the numerator of
    difflib's quick ratio), all pairs at once: each distinct text's character counts are one
    row of a matrix, and the pairs' minimums are summed row by row (``_Words.letters`` does the
    same for one pair)."""
    rows: dict[int, int] = {}
    texts: list[str] = []
    for pair in pairs:
        for words_of in pair:
            if id(words_of) not in rows:
                rows[id(words_of)] = len(texts)
                texts.append(words_of.joined)
    # The joined words are ASCII: lower-case letters, digits and spaces (``_NOT_A_WORD``).
    codes = np.frombuffer("".join(texts).encode("ascii"), dtype=np.uint8).astype(np.int64)
    row_of = np.repeat(np.arange(len(texts)), [len(t) for t in texts])
    counts = np.bincount(row_of * 128 + codes, minlength=len(texts) * 128).reshape(-1, 128)
    first = np.fromiter((rows[id(a)] for a, _ in pairs), dtype=np.int64, count=len(pairs))
    second = np.fromiter((rows[id(b)] for _, b in pairs), dtype=np.int64, count=len(pairs))
    return np.minimum(counts[first], counts[second]).sum(axis=1).tolist()

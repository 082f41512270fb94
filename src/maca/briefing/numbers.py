"""Small numbers: every count the briefing publishes goes through :class:`Numbers`.

A count under the threshold (default 5) could let a reader who knows the area recognise a family,
so the author must confirm it or suppress it ("fewer than 5"). Because every published count is
formatted here, the set of counts a briefing shows is exactly the set this records: the disclosure
check reads it back instead of guessing which numbers appear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

SUPPRESSED = "fewer than {threshold}"


@dataclass(frozen=True)
class SmallNumber:
    key: str  # stable key the author's decision is stored under, e.g. "scope.pp_considered_s20"
    value: int
    section: str
    item: str
    decision: str | None  # "confirm", "suppress" or None (not yet decided)


class Numbers:
    """Formats counts, applying the author's confirm/suppress decisions and recording small ones."""

    def __init__(self, threshold: int, decisions: dict[str, str]):
        self.threshold = threshold
        self.decisions = decisions
        self._small: dict[str, SmallNumber] = {}

    def decision_for(self, key: str) -> str | None:
        """The decision for ``key`` or for a group it belongs to (``chart.age_at_removal``)."""
        parts = key.split(".")
        for end in range(len(parts), 0, -1):
            decision = self.decisions.get(".".join(parts[:end]))
            if decision:
                return decision
        return None

    def is_small(self, value: int) -> bool:
        # Zero discloses nobody; one to threshold-1 might.
        return 0 < value < self.threshold

    def suppressed(self, key: str, value: int, section: str, item: str) -> bool:
        """Record ``value`` if small; true when the author chose to suppress it."""
        if not self.is_small(value):
            return False
        decision = self.decision_for(key)
        self._small[key] = SmallNumber(key, value, section, item, decision)
        return decision == "suppress"

    def show(self, key: str, value: int, section: str, item: str = "") -> str:
        if self.suppressed(key, value, section, item):
            return SUPPRESSED.format(threshold=self.threshold)
        return str(value)

    @property
    def small(self) -> list[SmallNumber]:
        return sorted(self._small.values(), key=lambda n: n.key)

    def undecided(self) -> list[SmallNumber]:
        return [n for n in self.small if n.decision is None]


# Counts written in words or digits before a noun about people, e.g. "three of the children",
# "2 families", "one baby": the narrative's own small numbers.
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_PEOPLE = (
    r"children|child|families|family|cases|case|babies|baby|siblings|sibling|parents|parent"
    r"|mothers|mother|fathers|father|carers|carer|households|household|infants|infant"
)
NARRATIVE_COUNT = re.compile(
    r"\b(?P<number>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\b"
    r"(?P<between>(?:\s+(?:of|the|these|those|our|their|other|more|young|older|"
    r"different|separate|individual))*)\s+(?P<noun>" + _PEOPLE + r")\b",
    re.IGNORECASE,
)


def narrative_counts(text: str) -> Iterator[tuple[re.Match[str], int]]:
    for match in NARRATIVE_COUNT.finditer(text):
        token = match.group("number").lower()
        value = int(token) if token.isdigit() else _NUMBER_WORDS[token]
        yield match, value


def suppress_narrative(numbers: Numbers, text: str, section: str, item: str) -> str:
    """Apply decisions to counts in narrative text; keys name the phrase so edits re-ask."""
    pieces: list[str] = []
    last = 0
    for match, value in narrative_counts(text):
        phrase = " ".join(match.group(0).lower().split())
        key = f"text.{section}.{_slug(item)}.{_slug(phrase)}"
        if numbers.suppressed(key, value, section, item):
            pieces.append(text[last : match.start("number")])
            words = SUPPRESSED.format(threshold=numbers.threshold)
            if match.group("number")[0].isupper():
                words = words[0].upper() + words[1:]
            pieces.append(words)
            last = match.end("number")
    pieces.append(text[last:])
    return "".join(pieces)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

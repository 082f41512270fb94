"""A passage split into its words and numbers, each knowing where it sits and what is around it.

The names, address, school and surgery checks read the same words; splitting once per passage
keeps them fast and agreeing on what a word is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from maca.briefing.names_list import NAME

_TOKEN = re.compile(rf"\d+[A-Za-z]?(?![^\W_])|{NAME.pattern}")
_POSSESSIVE = re.compile(r"['’]s$")
# A new sentence (or a new clause that starts like one) begins after these.
_SENTENCE_BREAK = re.compile(r"[.!?:;“\"‘(\[•\n][\s*_#>•\-–—\"“‘']*$")


@dataclass(frozen=True)
class Word:
    index: int
    text: str  # as written, with any possessive ("Priya's")
    start: int
    end: int
    gap: str  # the text between the previous word and this one

    @cached_property
    def base(self) -> str:
        """The word without a possessive 's."""
        return _POSSESSIVE.sub("", self.text)

    @cached_property
    def key(self) -> str:
        return self.base.casefold()

    @cached_property
    def phrase_key(self) -> str:
        """The word as phrases are matched: case-folded, possessive kept ("children's")."""
        return self.text.casefold().replace("’", "'")

    @property
    def possessive(self) -> bool:
        return self.base != self.text

    @property
    def is_number(self) -> bool:
        return self.text[0].isdigit()

    @property
    def capitalised(self) -> bool:
        """Starts with a capital and is not an acronym ("Kayleigh", "McCarthy", "O'Brien")."""
        base = self.base
        return base[0].isupper() and not (len(base) > 1 and base.isupper())

    @property
    def acronym(self) -> bool:
        return len(self.base) > 1 and self.base.isupper() and self.base.isalpha()

    @property
    def lower(self) -> bool:
        return self.text[0].islower()

    @property
    def starts_sentence(self) -> bool:
        return self.index == 0 or bool(_SENTENCE_BREAK.search(self.gap))

    @property
    def parts(self) -> list[str]:
        """The parts of a hyphenated or apostrophe name, case-folded ("tyler", "james")."""
        return [p for p in re.split(r"['’\-]", self.key) if p]


def words(text: str) -> list[Word]:
    found: list[Word] = []
    previous_end = 0
    for index, match in enumerate(_TOKEN.finditer(text)):
        found.append(
            Word(
                index,
                match.group(0),
                match.start(),
                match.end(),
                text[previous_end : match.start()],
            )
        )
        previous_end = match.end()
    return found


def joined(first: Word, second: Word, *gaps: str) -> bool:
    """Whether ``second`` follows ``first`` directly, with one of ``gaps`` (default a space)."""
    return second.index == first.index + 1 and second.gap in (gaps or (" ",))


class Phrases:
    """Phrases of one or more words, case-folded, to look for at a word."""

    def __init__(self, phrases: Iterable[str]):
        folded = {" ".join(p.casefold().replace("’", "'").split()) for p in phrases}
        self.firsts = frozenset(p.split()[0] for p in folded)
        lengths: dict[int, set[str]] = {}
        for phrase in folded:
            lengths.setdefault(len(phrase.split()), set()).add(phrase)
        self.by_length = sorted(((n, frozenset(p)) for n, p in lengths.items()), reverse=True)
        self.all = frozenset(folded)

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.all


def phrase_at(items: list[Word], index: int, phrases: Phrases) -> int:
    """The number of words of the longest of ``phrases`` starting at ``index``; 0 for none."""
    if index >= len(items) or items[index].phrase_key not in phrases.firsts:
        return 0
    for length, known in phrases.by_length:
        chunk = items[index : index + length]
        if len(chunk) < length or any(w.gap != " " for w in chunk[1:]):
            continue
        if " ".join(w.phrase_key for w in chunk) in known:
            return length
    return 0

"""People's names in a passage: the names list, titles and roles, and the cues around a name.

A capitalised word is a person's name when

1. a title or role stands before it: "Dr Priya Raman", "PC Gareth Hughes", "Health Visitor
   Chidinma Okafor", "Uncle Tariq", "Baby Ayaan";
2. a relation or role with a determiner does: "my partner Jordan", "the baby, Tyler-James",
   "our health visitor Grace", "the maternal aunt, Yetunde Adeyemi";
3. it is called or named: "a neighbour called Bogdan", "we named her Hope", "known as";
4. it is thanked, told or asked for: "Thank you Folake", "Tell Kayleigh", "Ask for Declan";
5. what follows it says it is a person: "Sandra from the council", "Jodie at the front desk",
   "Ionut, the father,", "Raluca, aged 19", "Sipho and his partner", "Priya's mum",
   "Kwame said";
6. it is a given name followed by a surname or another name: "Sarah Whitfield", "Grace Okafor";
7. or it is in the names list (:mod:`maca.briefing.names_list`) and is not an everyday or field
   word (:mod:`maca.briefing.field_words`), nor a place ("the Durham area", "County Durham"),
   nor part of an organisation's name ("the Lucy Faithfull Foundation").

Field terms ("Mother", "Police", "Early Help", "Health Visitor") are never a name; words that
are also names ("Grace", "Hope", "May", "Will") are a name only with a cue (1-6).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from maca.briefing.field_words import (
    ABBREVIATED_TITLES,
    FIELD_TERMS,
    NAME_LIKE_WORDS,
    ORGANISATION_HEADS,
    PLACE_AFTER,
    PLACE_BEFORE,
    RELATIONS,
    ROLE_INSTEAD,
    ROLES,
    SERVICES,
    WORD_TITLES,
    ordinary_words,
)
from maca.briefing.identifying import Match
from maca.briefing.names_list import names
from maca.briefing.passage_words import Phrases, Word, joined, phrase_at

KIND = "person_name"
_TITLE_PHRASES = Phrases(frozenset(WORD_TITLES) | {"mum", "mam", "dad"})
_RELATION_PHRASES = Phrases(RELATIONS | ROLES | frozenset(WORD_TITLES))
_DETERMINERS = frozenset("my our your his her their the a an".split())
_DESCRIBING = frozenset(
    "older elder younger little big baby eldest youngest new ex maternal paternal own step twin "
    "foster previous current allocated late unborn".split()
)
_CALLED = frozenset("called named nicknamed renamed christened".split())
_CALLED_OBJECT = frozenset("him her them it".split())
_ADDRESSING = Phrases(
    frozenset(
        "thank you|thank you to|thanks|thanks to|thank|say thanks to|say thank you to|tell|ask|"
        "ask for|speak to|spoke to|speaking to|talk to|talked to|talking to|known as|"
        "also known as|referred to as|dear".split("|")
    )
)
_AFTER_PLACE = frozenset("from at".split())
# Endings of English words that are seldom a name's: an unlisted capitalised word ending so
# ("Working", "Consistency", "Engagement") is taken for a word, not a name, after a weak cue.
_ENGLISH_ENDING = re.compile(
    r"(?:ing|ings|tion|tions|sion|sions|ment|ments|ness|ity|ities|ance|ances|ence|ences|ship|"
    r"ships|ful|less|able|ible|ous|ive|ives|ism|ist|ists|ed|ly|ers|ies|als|ure|ures|ery|ory|"
    r"ise|ize|ised|ized|ency|ancy|ward|wards|wise|hood|dom|es|(?<=[bcdfghklmnprtvwy])s)$"
)
_PERSON_VERBS = frozenset(
    "said says told tells asked asks explained rang phoned texted messaged emailed cried shouted "
    "screamed hit pushed smacked kicked worked works lives lived stayed wanted wants felt feels "
    "thought knew loved loves came went left admitted denied disclosed reported".split()
)
_PARTICLES = frozenset(
    "van von der den de del della da di du le la bin binti bint ibn abu al el ap".split()
)
_MOVED = frozenset("moved move moves moving relocated came come coming".split())


def find_names(items: list[Word], allowed: Collection[str] = ()) -> list[Match]:
    """Every person's name in the words of one passage; ``allowed`` words are never names (the
    partnership's own name, say)."""
    finder = _Finder(items, frozenset(w.casefold() for w in allowed))
    return finder.run()


class _Finder:
    def __init__(self, items: list[Word], allowed: frozenset[str]):
        self.items = items
        self.allowed = allowed
        self.listed = names()
        self.ordinary = ordinary_words()
        self.found: list[Match] = []
        self.heading = _title_case(items)

    # -- what a word is ------------------------------------------------------------------------

    def candidate(self, w: Word) -> bool:
        """Could be a name: capitalised, not a field term, not an allowed word."""
        return (
            w.capitalised
            and not w.is_number
            and len(w.base) >= 2
            and w.key not in FIELD_TERMS
            and w.key not in self.allowed
        )

    def plain(self, w: Word) -> bool:
        """An everyday or field word that is not also a name-like word ("Room", "Help")."""
        return w.key in self.ordinary and w.key not in NAME_LIKE_WORDS

    def in_list(self, w: Word) -> bool:
        if w.key in self.listed.first or w.key in self.listed.last:
            return True
        parts = [p for p in w.parts if len(p) >= 3]
        return len(w.parts) > 1 and any(p in self.listed and p not in self.ordinary for p in parts)

    def first_name(self, w: Word) -> bool:
        return w.key in self.listed.first or (len(w.parts) > 1 and w.parts[0] in self.listed.first)

    def name_on_its_own(self, w: Word) -> bool:
        """In the names list, and not a word. Where every word may be capitalised (a sentence's
        first word, a heading in Title Case), only a given name counts: "Cross boundary
        working" starts with a surname, "Jermaine had been stopped" with a given name."""
        if not (self.candidate(w) and len(w.base) >= 3 and w.key not in self.ordinary):
            return False
        if w.starts_sentence or self.heading:
            listed = self.first_name(w)
        else:
            listed = self.in_list(w)
        return listed and not self.place(w)

    def unknown_word(self, w: Word) -> bool:
        """In no names list and no word list, and not shaped like an English word."""
        return w.key not in self.ordinary and not _ENGLISH_ENDING.search(w.key)

    def place(self, w: Word) -> bool:
        """A place, not a person: "County Durham", "the Durham area", "moved from Leeds"."""
        before = self.word(w.index - 1)
        after = self.word(w.index + 1)
        if after is not None and joined(w, after) and after.key in PLACE_AFTER and not w.possessive:
            return True
        if before is None or not joined(before, w):
            return False
        if before.key in PLACE_BEFORE and not w.possessive:
            return True
        earlier = self.word(w.index - 2)
        return (
            before.key in ("from", "to")
            and earlier is not None
            and joined(earlier, before)
            and earlier.key in _MOVED
        )

    def relation_at(self, index: int) -> tuple[int, int]:
        """Where a relation or role starts at ``index`` after any describing words ("older
        brother", "maternal aunt"), and its length in words; length 0 when there is none."""
        at = index
        while (x := self.word(at)) is not None and (at == index or x.gap == " "):
            length = phrase_at(self.items, at, _RELATION_PHRASES)
            if length:
                return at, length
            if x.key not in _DESCRIBING:
                break
            at += 1
        return index, 0

    def word(self, index: int) -> Word | None:
        return self.items[index] if 0 <= index < len(self.items) else None

    # -- the run of name words after a cue -----------------------------------------------------

    def run_from(
        self, index: int, first_gaps: tuple[str, ...] = (" ",), strict: bool = True
    ) -> int:
        """End (exclusive) of the name starting at ``index``; ``index`` itself when none.

        ``strict``: the first word may not be an everyday word ("Baby Room", "Nurse Led").
        """
        first = self.word(index)
        previous = self.word(index - 1)
        if first is None or not self.candidate(first) or first.acronym:
            return index
        if previous is not None and first.gap not in first_gaps:
            return index
        if strict and self.plain(first) and not self.in_list(first):
            return index
        end = index + 1
        while end < len(self.items) and end - index < 4:
            nxt = self.items[end]
            if nxt.gap != " " or self.items[end - 1].possessive:
                break
            if nxt.key in _PARTICLES and nxt.lower:
                after = self.word(end + 1)
                if after is not None and after.gap == " " and self.candidate(after):
                    end += 2
                    continue
                break
            if (
                not self.candidate(nxt)
                or nxt.acronym
                or (self.plain(nxt) and not self.in_list(nxt))
            ):
                break
            end += 1
        return end

    def add(self, start: int, end: int, reason: str, fix: str = "") -> None:
        if end <= start:
            return
        if self.organisation(start, end):
            return
        first, last = self.items[start], self.items[end - 1]
        self.found.append(Match(KIND, first.start, last.start + len(last.base), reason, fix))

    def organisation(self, start: int, end: int) -> bool:
        """The name is part of an organisation's or a document's ("Grace Darling Trust")."""
        if any(w.key in ORGANISATION_HEADS for w in self.items[start + 1 : end]):
            return True
        index = end
        while index < len(self.items):
            nxt = self.items[index]
            if nxt.gap != " " or not nxt.capitalised:
                return False
            if nxt.key in ORGANISATION_HEADS:
                return True
            index += 1
        return False

    # -- the rules -----------------------------------------------------------------------------

    def run(self) -> list[Match]:
        index = 0
        while index < len(self.items):
            index = self.at(index)
        return self.found

    def at(self, index: int) -> int:
        """Try every rule at one word; the index to go on from."""
        w = self.items[index]
        for rule in (self.titled, self.related, self.called, self.addressed):
            end = rule(index)
            if end > index:
                return end
        if self.candidate(w) and not w.acronym:
            end = self.full_name(index)
            if end > index:
                return end
            end = self.run_from(index, (w.gap,), strict=False)
            run = self.items[index:end]
            cue = self.cue_after(run[-1]) if run else ""
            if cue and all(self.in_list(x) or x.key not in self.ordinary for x in run[:-1]):
                self.add(index, end, cue)  # "Harpreet Kaur from the council"
                return end
            if self.name_on_its_own(w):
                self.add(index, index + 1, "it is in the names list")
        return index + 1

    def titled(self, index: int) -> int:
        w = self.items[index]
        gaps: tuple[str, ...]
        if w.text in ABBREVIATED_TITLES:
            title, after, gaps, strict = w.text, index + 1, (" ", ". "), False
        else:
            length = phrase_at(self.items, index, _TITLE_PHRASES)
            if not length:
                return index
            title = " ".join(x.key for x in self.items[index : index + length])
            after, gaps, strict = index + length, (" ",), True
        end = self.run_from(after, gaps, strict=strict)
        if end == after:
            return index
        role = ROLE_INSTEAD.get(title.casefold())
        fix = f"use a role instead, e.g. “{role}”" if role else ""
        self.add(after, end, f"after the title “{title}”", fix)
        return end

    def related(self, index: int) -> int:
        w = self.items[index]
        if w.key not in _DETERMINERS:
            return index
        at, length = self.relation_at(index + 1)
        if not length or self.items[at + length - 1].possessive:
            return index
        relation = " ".join(x.key for x in self.items[index : at + length])
        end = self.run_from(at + length, (" ", ", "))
        if end == at + length:
            return index
        self.add(
            at + length, end, f"after “{relation}”", f"leave the name out: “{relation}” is enough"
        )
        return end

    def called(self, index: int) -> int:
        w = self.items[index]
        if w.text not in _CALLED:
            return index
        at = index + 1
        nxt = self.word(at)
        if nxt is not None and nxt.key in _CALLED_OBJECT and nxt.gap == " ":
            at += 1
        elif nxt is not None and nxt.key == "the":
            length = phrase_at(self.items, at + 1, _RELATION_PHRASES)
            at = at + 1 + length if length else at
        end = self.run_from(at)
        if end == at:
            return index
        self.add(at, end, f"after “{w.text}”", "leave the name out, or use a role")
        return end

    def addressed(self, index: int) -> int:
        length = phrase_at(self.items, index, _ADDRESSING)
        if not length:
            return index
        # "Thank you to Leroy": take the longest cue that a name follows.
        for size in range(length, 0, -1):
            cue = " ".join(x.key for x in self.items[index : index + size])
            if cue not in _ADDRESSING:
                continue
            end = self.run_from(index + size, (" ", ", "))
            if end > index + size:
                self.add(index + size, end, f"after “{cue}”", "leave the name out")
                return end
        return index

    def full_name(self, index: int) -> int:
        """A given name followed by a surname: both in the names list, or the second a word no
        list or dictionary knows ("Sarah Whitfield", "Grace Okafor", "Kemar Campbell")."""
        w = self.items[index]
        if not self.first_name(w) or self.plain(w):
            return index
        end = self.run_from(index, strict=False)
        if end - index < 2:
            return index
        rest = self.items[index + 1 : end]
        if not all(self.in_list(x) or self.unknown_word(x) for x in rest):
            return index
        self.add(index, end, "a given name and a surname")
        return end

    def cue_after(self, w: Word) -> str:
        """What follows ``w`` that says it is a person, or ""."""
        if w.key in self.ordinary or self.place(w):
            return ""
        if not self.in_list(w) and _ENGLISH_ENDING.search(w.key):
            return ""
        nxt = self.word(w.index + 1)
        if w.possessive:
            at, length = self.relation_at(w.index + 1)
            if nxt is not None and nxt.gap == " " and length:
                relation = " ".join(x.key for x in self.items[w.index + 1 : at + length])
                return f"before “’s {relation}”"
            return ""
        if nxt is None:
            return ""
        after = self.word(w.index + 2)
        if nxt.gap == " " and nxt.key in _AFTER_PLACE and after is not None and after.gap == " ":
            if after.key == "the" or after.key in SERVICES | ROLES:
                return f"before “{nxt.key} {after.key} …”"
        if nxt.gap == ", " and nxt.key == "the" and after is not None:
            if phrase_at(self.items, w.index + 2, _RELATION_PHRASES):
                return f"before “, the {after.key}”"
        if nxt.gap == ", " and nxt.key == "aged":
            return "before “, aged …”"
        if (
            nxt.gap == " "
            and nxt.key == "and"
            and after is not None
            and after.key in ("his", "her", "their")
        ):
            return f"before “and {after.key} …”"
        if nxt.gap == " " and nxt.key in _PERSON_VERBS:
            return f"before “{nxt.key}”"
        return ""


def _title_case(items: list[Word]) -> bool:
    """A heading or a title ("Learning from Practice: Fathers, Male Carers"): most of its
    longer words capitalised."""
    longer = [w for w in items if len(w.base) >= 4 and not w.is_number]
    capitalised = [w for w in longer if w.capitalised or w.acronym]
    return len(longer) >= 2 and len(capitalised) >= 0.7 * len(longer)

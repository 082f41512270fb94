"""Signals: what the audit looks for (shared/spec/chronology.md), each raised by a named rule.

A signal marks one entry and says, in plain words, what in it raised the signal and the
question it prompts. Signals help auditors ask questions; they are never a risk score of a
family, and nothing here or anywhere adds them up.

Each rule reads the structured system records where they say what happened (an address move
from another LA, a CIN closure: ``system_events``), and otherwise the words of the entry (its
source, event and action taken) against a documented keyword list. Keywords are matched as
whole words, ignoring case; a keyword just after "no", "not", "nil", "denies", "denied",
"without" or "never" in the same clause ("no bruising seen") does not count. Only entries up to
and including their case's removal date are read (all of them when the removal is not known):
what happened afterwards is not what was known ahead of it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from maca.chronology.system_events import (
    CLOSURES,
    CSC_INVOLVEMENT,
    CSC_SYSTEM_RECORD,
    MOVED_FROM_OTHER_LA,
    PLANS,
)

if TYPE_CHECKING:
    from maca.chronology.timeline import Timeline


@dataclass(frozen=True)
class SignalRule:
    name: str
    title: str
    question: str  # the question the signal prompts


@dataclass(frozen=True)
class Signal:
    rule: SignalRule
    entry: int  # position in the timeline
    found: str  # what in the entry raised it

    @property
    def explanation(self) -> str:
        return f"{self.found}. {self.rule.question}"


MOVED_FROM_ANOTHER_AREA = SignalRule(
    "moved_from_another_area",
    "Move from another area",
    "Did information about the family come with them, and was the other area asked what it knew?",
)
SIBLING_KNOWN_TO_CSC = SignalRule(
    "sibling_known_to_csc",
    "A sibling known to children's social care",
    "What did the sibling's records say about the family, and did the agencies working with "
    "this child know it?",
)
CLOSURE_WITHOUT_PLAN = SignalRule(
    "closure_without_plan",
    "Closure or step-down with no plan recorded",
    "When the case closed or stepped down, did universal services have a clear plan, with a "
    "contingency and bottom lines, so that they could refer back?",
)
LATE_BOOKING_OR_CONCEALED_PREGNANCY = SignalRule(
    "late_booking_or_concealed_pregnancy",
    "Late booking or concealed pregnancy",
    "Who knew of the pregnancy, and what support was offered to the parents before and after "
    "the birth?",
)
INJURY_TO_NON_MOBILE_BABY = SignalRule(
    "injury_to_non_mobile_baby",
    "Injury to a non-mobile baby",
    "Was the non-mobile baby protocol followed (a medical assessment and a referral to "
    "children's social care), and was the explanation checked?",
)
MISSED_HEALTH_APPOINTMENTS = SignalRule(
    "missed_health_appointments",
    "Missed health appointment",
    "Who followed it up, and was the child seen?",
)
DOMESTIC_ABUSE_NOTIFICATION = SignalRule(
    "domestic_abuse_notification",
    "Domestic abuse notification",
    "What did the agencies know of domestic abuse in the household, was the risk to the child "
    "assessed, and was the information shared?",
)
RULES = (
    MOVED_FROM_ANOTHER_AREA,
    SIBLING_KNOWN_TO_CSC,
    CLOSURE_WITHOUT_PLAN,
    LATE_BOOKING_OR_CONCEALED_PREGNANCY,
    INJURY_TO_NON_MOBILE_BABY,
    MISSED_HEALTH_APPOINTMENTS,
    DOMESTIC_ABUSE_NOTIFICATION,
)

# The keyword lists (regular expressions over lower-case text, matched as whole words).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "moved_from_another_area": (
        r"moved (?:in)?to the (?:area|county|borough|city|district)",
        r"moved (?:here|in) from",
        r"moved from (?:another|a different|the other) (?:area|local authority|la|county|"
        r"borough|city|authority)",
        r"new to (?:the )?(?:area|county|borough|city)",
        r"transfer(?:red)? in",
        r"from (?:another|a different|an?other) (?:local authority|la|area|county|borough|"
        r"authority)",
        r"other local authority",
        r"out of area",
        r"cross[- ]border",
        r"relocated (?:here|to the area)",
    ),
    "sibling": (
        r"siblings?",
        r"brothers?",
        r"sisters?",
        r"half[- ](?:siblings?|brothers?|sisters?)",
        r"step[- ]?(?:siblings?|brothers?|sisters?)",
        r"older (?:child|children)",
    ),
    "known_to_csc": (
        r"social care",
        r"social workers?",
        r"csc",
        r"cyps",
        r"child protection",
        r"cp plan",
        r"child in need",
        r"cin plan",
        r"looked after",
        r"in care",
        r"care order",
        r"lac",
        r"section 47",
        r"s47",
    ),
    "closure": (
        r"case closed",
        r"closed to (?:csc|cyps|social care|children's social care|early help|the service|"
        r"services|the team)",
        r"closure",
        r"closing the case",
        r"step(?:ped)?[- ]?down",
        r"stepping down",
        r"no further action",
        r"nfa",
    ),
    "plan": (
        r"step[- ]?down plan",
        r"closure plan",
        r"contingency plan",
        r"safety plan",
        r"early help plan",
        r"support plan",
        r"cin plan",
        r"child in need plan",
        r"child protection plan",
        r"family plan",
        r"plan (?:agreed|in place|made|shared|was agreed)",
        r"team around the (?:family|child)",
        r"taf",
        r"tac",
    ),
    "late_booking_or_concealed_pregnancy": (
        r"concealed (?:the |her |a )?pregnancy",
        r"pregnancy (?:was )?concealed",
        r"concealment",
        r"denied (?:the |her )?pregnancy",
        r"un-?booked",
        r"no antenatal care",
        r"late (?:booking|booker)",
        r"booked late",
        r"late to book",
    ),
    "injury": (
        r"bruis\w*",
        r"fractur\w*",
        r"burns?",
        r"burnt",
        r"scald\w*",
        r"injur\w*",
        r"petechia\w*",
        r"bite marks?",
        r"marks? (?:on|to) (?:the |his |her |baby's |their )?(?:face|head|body|arms?|legs?|"
        r"ears?|cheeks?|chest|back|torso|neck)",
        r"swelling",
        r"bleed(?:ing)?",
        r"torn frenulum",
    ),
    "non_mobile": (
        r"non[- ]?mobile",
        r"not (?:yet )?mobile",
        r"pre[- ]?mobile",
        r"not yet crawling",
        r"nmb",
    ),
    "missed_health_appointments": (
        r"was not brought",
        r"not brought (?:to|in)",
        r"wnb",
        r"dna(?:'d|ed)?(?! (?:test|sample|testing|result|paternity))",
        r"did not attend",
        r"failed to attend",
        r"missed (?:\w+ ){0,2}(?:appointments?|appts?|checks?|reviews?|immunisations?|"
        r"vaccinations?|clinics?|visits?|contacts?)",
        r"no access(?: visit)?",
        r"no answer at the door",
        r"not at home for (?:the |a )?(?:planned )?visit",
        r"cancelled by (?:the )?(?:parents?|mother|father|family)",
    ),
    "domestic_abuse_notification": (
        r"domestic (?:abuse|violence|incident)",
        r"domestic[- ]related",
        r"da (?:notification|incident|referral|report)",
        r"dva",
        r"dash(?: risk)?",
        r"marac",
        r"coercive control",
        r"controlling behaviour",
        r"operation encompass",
        r"dvpn",
        r"dvpo",
        r"non[- ]molestation order",
        r"clare's law",
        r"dvds",
    ),
}
# Written in capitals when they mean a missed appointment ("DNA"), not "a DNA test".
_CAPITALS_ONLY = {"dna", "dna'd", "dnaed", "wnb"}
# "booked at 30 weeks": a booking after 24 weeks is late.
_BOOKING_WEEKS = re.compile(
    r"\b(?:booked|booking(?: appointment)?|first antenatal (?:appointment|contact|visit)|"
    r"first seen by (?:the |a )?midwife)\D{0,25}?\b(\d{1,2}) ?(?:\+ ?\d ?)?(?:weeks|wks|/40)\b"
)
LATE_BOOKING_WEEKS = 24


def _weeks_in(text: str) -> bool:
    """A quick test that spares most entries the booking pattern."""
    return "week" in text or "wks" in text or "/40" in text


_NEGATION = re.compile(r"\b(?:no|not|nil|denies|denied|without|never)\b")
_CLAUSE_END = re.compile(r"[.;:!?\n]")


def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for the keyword lists, the keywords grouped by their first letter: the
    same matches as a plain alternation, found in half the time (the engine tries one branch
    per letter rather than every keyword at every place in the text)."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for pattern in (p for name in names for p in KEYWORDS[name]):
        if not pattern[0].isalnum() or pattern[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"a keyword starts with a letter of its own: {pattern!r}")
        by_letter[pattern[0]].append(pattern[1:])
    branches = [f"{letter}(?:{'|'.join(rest)})" for letter, rest in sorted(by_letter.items())]
    return re.compile(r"\b(?:" + "|".join(branches) + r")\b")


_RULE_WORDS = {name: _pattern((name,)) for name in KEYWORDS}
# Lists read only beside another (a plan after a closure, a sibling known to CSC, a baby's
# mobility beside an injury) are read on demand, not searched for in every entry.
_ON_DEMAND = ("plan", "known_to_csc", "non_mobile")
_ANY_KEYWORD = _pattern(tuple(name for name in KEYWORDS if name not in _ON_DEMAND))


class _Reading:
    """The entries as the rules read them: lower-case text, the removal of each entry's case,
    and which entries are before (or on) it."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.entries = timeline.entries
        removals = {ref: case.removal_date for ref, case in timeline.cases.items()}
        self.removal = [removals.get(e.case_ref) for e in self.entries]
        self.read = [
            i
            for i, (entry, removal) in enumerate(zip(self.entries, self.removal, strict=True))
            if removal is None or entry.date.value <= removal
        ]
        self._lower: dict[int, str] = {}
        self._parts: dict[int, tuple[str, str, str]] = {}  # the searched entries' texts
        self._found: dict[tuple[tuple[str, str, str], str], str | None] = {}
        # Entries often repeat one another's words: each distinct text is lowered and searched
        # once (None when it has no keyword), keyed by its parts so that nothing is joined twice.
        searched: dict[tuple[str, str, str], str | None] = {}
        self.text: dict[int, str] = {}  # the entries with a keyword the rules look for
        entries = self.entries
        for i in self.read:
            entry = entries[i]
            parts = (entry.source, entry.event, entry.action_taken)
            if parts in searched:
                text = searched[parts]
            else:
                lowered = "\n".join(parts).lower()
                hit = _ANY_KEYWORD.search(lowered) or (
                    _weeks_in(lowered) and _BOOKING_WEEKS.search(lowered)
                )
                text = searched[parts] = lowered if hit else None
            if text is not None:
                self.text[i] = text
                self._lower[i] = text
                self._parts[i] = parts

    def lower(self, position: int) -> str:
        text = self._lower.get(position)
        if text is None:
            entry = self.entries[position]
            text = f"{entry.source}\n{entry.event}\n{entry.action_taken}".lower()
            self._lower[position] = text
        return text

    def words(self, position: int, list_name: str) -> str | None:
        """The first keyword of the list in the entry, not negated; None if there is none.
        Worked out once for each text and list, however many entries repeat the text."""
        text = self.text.get(position)
        if text is not None:
            parts = self._parts[position]
        elif list_name in _ON_DEMAND:
            entry = self.entries[position]
            parts = (entry.source, entry.event, entry.action_taken)
        else:
            return None  # the entry has none of the keywords searched for in every entry
        known = (parts, list_name)
        if known in self._found:
            return self._found[known]
        found = self._found[known] = self._first_word(
            position, text if text is not None else self.lower(position), list_name
        )
        return found

    def _first_word(self, position: int, text: str, list_name: str) -> str | None:
        for match in _RULE_WORDS[list_name].finditer(text):
            found = match.group(0)
            if found in _CAPITALS_ONLY:
                original = _original_text(self.entries[position])
                if found.upper() not in original:
                    continue
            clause = _CLAUSE_END.split(text[: match.start()])[-1]
            if _NEGATION.search(" ".join(clause.split()[-3:])):
                continue
            return found
        return None


def _original_text(entry) -> str:  # noqa: ANN001 - an Entry
    return f"{entry.source}\n{entry.event}\n{entry.action_taken}"


def _said(found: str) -> str:
    return f"the entry says “{found}”"


def _moved(reading: _Reading) -> Iterator[Signal]:
    for i in reading.read:
        entry = reading.entries[i]
        if entry.system_event in MOVED_FROM_OTHER_LA:
            yield Signal(MOVED_FROM_ANOTHER_AREA, i, f"system record: {entry.event}")
        elif i in reading.text and (found := reading.words(i, "moved_from_another_area")):
            yield Signal(MOVED_FROM_ANOTHER_AREA, i, _said(found))


@lru_cache(maxsize=256)  # a timeline has a handful of subjects, each on many entries
def _is_sibling(subject: str) -> bool:
    return subject.strip().lower().startswith(("sibling", "brother", "sister", "half"))


def _sibling_known(reading: _Reading) -> Iterator[Signal]:
    first_record: dict[tuple[str, str], int] = {}
    for i in reading.read:
        entry = reading.entries[i]
        removal = reading.removal[i]
        if (
            entry.agency == CSC_SYSTEM_RECORD
            and entry.system_event in CSC_INVOLVEMENT
            and _is_sibling(entry.subject)
            and (removal is None or entry.date.value < removal)
        ):
            first_record.setdefault((entry.case_ref, reading.timeline.person_key(i)), i)
        elif not entry.system_record and (
            _is_sibling(entry.subject) or (i in reading.text and reading.words(i, "sibling"))
        ):
            if csc := reading.words(i, "known_to_csc"):
                yield Signal(SIBLING_KNOWN_TO_CSC, i, _said(csc) + " about a sibling")
    for i in first_record.values():
        entry = reading.entries[i]
        yield Signal(
            SIBLING_KNOWN_TO_CSC,
            i,
            f"system record: {entry.subject} was known to children's social care "
            f"({entry.event.lower()})",
        )


def _closure_without_plan(reading: _Reading) -> Iterator[Signal]:
    window = timedelta(days=reading.timeline.parameters.closure_days)
    for i in reading.read:
        entry, removal = reading.entries[i], reading.removal[i]
        if removal is None or not removal - window <= entry.date.value < removal:
            continue
        structured = entry.system_event in CLOSURES
        found = None if structured else reading.words(i, "closure")
        if not structured and not found:
            continue
        if _plan_after(reading, i, removal):
            continue
        days = (removal - entry.date.value).days
        what = f"system record: {entry.event}" if structured else _said(found or "")
        yield Signal(
            CLOSURE_WITHOUT_PLAN,
            i,
            f"{what}, {days} days before the removal, and no plan is recorded after it",
        )


def _plan_after(reading: _Reading, closure: int, removal) -> bool:  # noqa: ANN001 - a date
    """A plan recorded on the closure's day or after it, before the removal, for the case."""
    case_ref = reading.entries[closure].case_ref
    start = reading.entries[closure].date.value
    for i in range(closure, len(reading.entries)):
        entry = reading.entries[i]
        if entry.date.value >= removal:
            break
        if entry.case_ref != case_ref and case_ref not in reading.timeline.case_refs_of(i):
            continue
        if entry.date.value >= start and (entry.system_event in PLANS or reading.words(i, "plan")):
            return True
    return False


def _late_booking(reading: _Reading) -> Iterator[Signal]:
    for i in reading.text:
        if found := reading.words(i, "late_booking_or_concealed_pregnancy"):
            yield Signal(LATE_BOOKING_OR_CONCEALED_PREGNANCY, i, _said(found))
            continue
        weeks = _BOOKING_WEEKS.search(reading.text[i])
        if weeks and int(weeks[1]) > LATE_BOOKING_WEEKS:
            yield Signal(
                LATE_BOOKING_OR_CONCEALED_PREGNANCY,
                i,
                f"the entry says “{weeks[0]}”: after {LATE_BOOKING_WEEKS} weeks",
            )


def _injury_to_non_mobile_baby(reading: _Reading) -> Iterator[Signal]:
    youngest = reading.timeline.parameters.non_mobile_days
    for i in reading.text:
        injury = reading.words(i, "injury")
        if not injury:
            continue
        entry = reading.entries[i]
        if said := reading.words(i, "non_mobile"):
            yield Signal(INJURY_TO_NON_MOBILE_BABY, i, f"{_said(injury)}; and “{said}”")
            continue
        case = reading.timeline.cases.get(entry.case_ref)
        born = case.date_of_birth if case else None
        about_child = entry.subject.strip().lower() in ("child", "baby")
        if about_child and born and 0 <= (entry.date.value - born).days < youngest:
            weeks = (entry.date.value - born).days // 7
            said = f"{_said(injury)}, about the child at {weeks} weeks old"
            yield Signal(INJURY_TO_NON_MOBILE_BABY, i, said)


def _keyword_rule(rule: SignalRule) -> Callable[[_Reading], Iterator[Signal]]:
    def find(reading: _Reading) -> Iterator[Signal]:
        for i in reading.text:
            if found := reading.words(i, rule.name):
                yield Signal(rule, i, _said(found))

    find.__doc__ = f"{rule.title}: the words of the entry (KEYWORDS[{rule.name!r}])."
    return find


_FINDERS = (
    _moved,
    _sibling_known,
    _closure_without_plan,
    _late_booking,
    _injury_to_non_mobile_baby,
    _keyword_rule(MISSED_HEALTH_APPOINTMENTS),
    _keyword_rule(DOMESTIC_ABUSE_NOTIFICATION),
)


def find_signals(timeline: Timeline) -> list[Signal]:
    """Every signal of the timeline, in timeline order (and rule order within an entry)."""
    reading = _Reading(timeline)
    found = [signal for finder in _FINDERS for signal in finder(reading)]
    rank = {rule.name: n for n, rule in enumerate(RULES)}
    return sorted(found, key=lambda s: (s.entry, rank[s.rule.name]))

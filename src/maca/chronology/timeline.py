"""Merging entries into a timeline: one per case, or one per family (all the family's cases).

Entries are ordered by date, then time, then sequence, then agency; the sort is stable, so
entries that tie keep the order they were given in (file by file, row by row). On a day, an
entry with a time comes before one without, one with a sequence before one without, and a
month-only entry after the month's first day's dated entries.

A store record the extract wrote for several cases of a family (the mother's contact appears in
each child's case) has the same ``record_ref`` in each; a family timeline shows it once and
lists the cases it belongs to. Possible duplicates, gaps and signals are worked out when first
asked for (``Timeline.duplicates``, ``.gaps``, ``.signals``) and never change the entries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from maca.chronology.dates import DAY, MONTH
from maca.chronology.entry import Entry
from maca.chronology.system_events import CSC_SYSTEM_RECORD, POLICE_SYSTEM_RECORD, REMOVAL_EVENTS

if TYPE_CHECKING:
    from maca.chronology.duplicates import PossibleDuplicate
    from maca.chronology.gaps import Gap
    from maca.chronology.signals import Signal

_COHORT_SIBLING = re.compile(r"sibling \((c\d+)\)")


@dataclass(frozen=True)
class CaseFacts:
    """What a timeline needs to know of a case beyond its entries: its family, the removal
    (day 0) and the child's date of birth (for the age at an event)."""

    case_ref: str
    family_ref: str = ""
    removal_date: dt.date | None = None
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class Parameters:
    """The settings of the analysis, each with its default (docs/decisions/0600)."""

    gap_days: int = 90  # more days than this between contacts before the removal is a gap
    gap_window_days: int = 1001  # gaps are looked for this far back from the removal
    duplicate_similarity: float = 0.8  # token-set ratio of two events' text (0 to 1)
    non_mobile_days: int = 183  # a baby under six months old is not yet mobile
    closure_days: int = 180  # a closure this close before the removal prompts a question


DEFAULT_PARAMETERS = Parameters()


def day_words(day: int) -> str:
    """``−12``, ``0``, ``+3``: days from the removal, with a true minus sign."""
    return f"{day:+d}".replace("-", "−") if day else "0"


def order_key(entry: Entry) -> tuple:
    day = entry.date
    return (
        day.value,
        day.precision == MONTH,
        entry.time is None,
        entry.time or dt.time(),
        entry.sequence is None,
        entry.sequence or 0,
        entry.agency,
    )


@dataclass
class EntryFlags:
    """What the analysis found about one entry (by position in the timeline)."""

    duplicates: list[int] = field(default_factory=list)  # the other entries it may repeat
    signals: list[Signal] = field(default_factory=list)


class Timeline:
    """Entries in order, with the cases they belong to. Build it with :func:`merge`."""

    def __init__(
        self,
        entries: tuple[Entry, ...],
        cases: dict[str, CaseFacts],
        title: str,
        parameters: Parameters,
        shared: dict[int, tuple[str, ...]],
    ) -> None:
        self.entries = entries
        self.cases = cases
        self.title = title
        self.parameters = parameters
        self._shared = shared  # position -> every case a collapsed system record is in

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def is_family(self) -> bool:
        return len(self.cases) > 1

    @cached_property
    def day0(self) -> dt.date | None:
        """The removal: the earliest removal date of the timeline's cases."""
        removals = [c.removal_date for c in self.cases.values() if c.removal_date]
        return min(removals) if removals else None

    @cached_property
    def last_day(self) -> dt.date | None:
        """The last day any entry covers (``Entry.last_day``); None with no entries. Only an
        entry with an end date or a month covers more than its own date."""
        if not self.entries:
            return None
        return max(
            max(e.date.value for e in self.entries),
            max(
                (e.last_day for e in self.entries if e.end_date or e.date.precision != DAY),
                default=dt.date.min,
            ),
        )

    def day(self, position: int) -> int | None:
        """Days from the removal (negative before it); None without a removal date."""
        if self.day0 is None:
            return None
        return (self.entries[position].date.value - self.day0).days

    @cached_property
    def agencies(self) -> tuple[str, ...]:
        """The lanes: the council's and police's system records first, then the agencies."""
        present = {e.agency for e in self.entries}
        system = [a for a in (CSC_SYSTEM_RECORD, POLICE_SYSTEM_RECORD) if a in present]
        return (*system, *sorted(present - set(system), key=str.casefold))

    def case_refs_of(self, position: int) -> tuple[str, ...]:
        return self._shared.get(position) or (self.entries[position].case_ref,)

    def subject_of(self, position: int) -> str:
        """The subject as written; in a family timeline ``child`` says whose case."""
        entry = self.entries[position]
        if self.is_family and entry.subject.strip().lower() == "child":
            return f"child ({entry.case_ref})"
        return entry.subject

    def person_key(self, position: int) -> str:
        """Who the entry is about, the same for one person across the family's cases where the
        subject says so (``child`` of C002 and ``sibling (C002)`` of C001)."""
        entry = self.entries[position]
        subject = " ".join(entry.subject.lower().split())
        if subject == "child":
            return f"child {entry.case_ref}"
        match = _COHORT_SIBLING.fullmatch(subject)
        return f"child {match[1].upper()}" if match else subject

    @cached_property
    def duplicates(self) -> tuple[PossibleDuplicate, ...]:
        from maca.chronology.duplicates import find_duplicates

        return tuple(find_duplicates(self))

    @cached_property
    def gaps(self) -> tuple[Gap, ...]:
        from maca.chronology.gaps import find_gaps

        return tuple(find_gaps(self))

    @cached_property
    def signals(self) -> tuple[Signal, ...]:
        from maca.chronology.signals import find_signals

        return tuple(find_signals(self))

    @cached_property
    def flags(self) -> dict[int, EntryFlags]:
        """The flags of each flagged entry by position (entries with none are absent)."""
        flags: dict[int, EntryFlags] = defaultdict(EntryFlags)
        for pair in self.duplicates:
            flags[pair.first].duplicates.append(pair.second)
            flags[pair.second].duplicates.append(pair.first)
        for signal in self.signals:
            flags[signal.entry].signals.append(signal)
        return dict(flags)


def merge(
    entries: Iterable[Entry],
    cases: Iterable[CaseFacts] = (),
    *,
    title: str = "",
    parameters: Parameters = DEFAULT_PARAMETERS,
) -> Timeline:
    """The given entries as one timeline, with what is known of their cases (``cases``, filled
    in from the system records' removal and birth entries where not given)."""
    given = list(entries)
    facts = case_facts(given, cases)
    kept, shared = _collapse_shared_records(given)
    order = sorted(range(len(kept)), key=lambda i: order_key(kept[i]))
    ordered = tuple(kept[i] for i in order)
    new_position = {old: new for new, old in enumerate(order)}
    return Timeline(
        ordered,
        {ref: facts[ref] for ref in sorted(_case_refs(ordered, shared.values()))},
        title or _title(facts, ordered),
        parameters,
        {new_position[old]: refs for old, refs in shared.items()},
    )


def _case_refs(entries: Iterable[Entry], shared: Iterable[tuple[str, ...]]) -> set[str]:
    refs = {e.case_ref for e in entries}
    for more in shared:
        refs.update(more)
    return refs


def _title(facts: Mapping[str, CaseFacts], entries: tuple[Entry, ...]) -> str:
    refs = sorted({e.case_ref for e in entries})
    families = sorted({facts[r].family_ref for r in refs if facts[r].family_ref})
    if len(refs) == 1:
        return f"Case {refs[0]}"
    if len(families) == 1:
        return f"Family {families[0]} (cases {', '.join(refs)})"
    return f"Cases {', '.join(refs)}"


def _collapse_shared_records(
    entries: list[Entry],
) -> tuple[list[Entry], dict[int, tuple[str, ...]]]:
    """One entry per ``record_ref`` (preferring the copy about the case's own child), and for
    each kept entry the cases it belongs to."""
    by_record: dict[str, list[int]] = defaultdict(list)
    for position, entry in enumerate(entries):
        if entry.record_ref:
            by_record[entry.record_ref].append(position)
    drop: set[int] = set()
    shared_at: dict[int, tuple[str, ...]] = {}
    for positions in by_record.values():
        if len(positions) < 2:
            continue
        keep = next((p for p in positions if entries[p].subject == "child"), positions[0])
        drop.update(p for p in positions if p != keep)
        shared_at[keep] = tuple(sorted({entries[p].case_ref for p in positions}))
    if not drop:
        return entries, {}
    kept: list[Entry] = []
    shared: dict[int, tuple[str, ...]] = {}
    for position, entry in enumerate(entries):
        if position in drop:
            continue
        if position in shared_at:
            shared[len(kept)] = shared_at[position]
        kept.append(entry)
    return kept, shared


def case_facts(entries: Iterable[Entry], given: Iterable[CaseFacts] = ()) -> dict[str, CaseFacts]:
    """Each case's facts: as given, with what is missing taken from its system records (the
    family on every row, the removal and the child's birth)."""
    facts = {c.case_ref: c for c in given}
    found: dict[str, dict[str, object]] = defaultdict(dict)
    for entry in entries:
        seen = found[entry.case_ref]  # every case of the entries has facts, if only its ref
        if not entry.system_record:
            continue
        if entry.family_ref:
            seen.setdefault("family_ref", entry.family_ref)
        if entry.subject == "child" and entry.system_event in REMOVAL_EVENTS:
            seen.setdefault("removal_date", entry.date.value)
        if entry.subject == "child" and entry.system_event == "birth":
            seen.setdefault("date_of_birth", entry.date.value)
    for ref, seen in found.items():
        case = facts.get(ref) or CaseFacts(ref)
        missing = {k: v for k, v in seen.items() if not getattr(case, k)}
        facts[ref] = replace(case, **missing) if missing else case  # type: ignore[arg-type]
    return facts


def timelines(
    entries: Iterable[Entry],
    cases: Iterable[CaseFacts] = (),
    *,
    parameters: Parameters = DEFAULT_PARAMETERS,
) -> list[Timeline]:
    """One timeline per family (every case of the family), and per case for a case with no
    known family; families in order of reference, then the cases."""
    entries = list(entries)
    facts = case_facts(entries, cases)
    groups: dict[tuple[int, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        family = facts[entry.case_ref].family_ref
        groups[(0, family) if family else (1, entry.case_ref)].append(entry)
    return [merge(groups[key], facts.values(), parameters=parameters) for key in sorted(groups)]


def case_timeline(
    entries: Iterable[Entry],
    case_ref: str,
    cases: Iterable[CaseFacts] = (),
    *,
    parameters: Parameters = DEFAULT_PARAMETERS,
) -> Timeline:
    """The timeline of one case."""
    return merge((e for e in entries if e.case_ref == case_ref), cases, parameters=parameters)


def family_timeline(
    entries: Iterable[Entry],
    family_ref: str,
    cases: Iterable[CaseFacts] = (),
    *,
    parameters: Parameters = DEFAULT_PARAMETERS,
) -> Timeline:
    """The timeline of every case of one family (families known from ``cases`` or from the
    system records)."""
    entries = list(entries)
    facts = case_facts(entries, cases)
    refs = {ref for ref, case in facts.items() if case.family_ref == family_ref}
    return merge((e for e in entries if e.case_ref in refs), facts.values(), parameters=parameters)

"""The check before anything is published: nothing identifying, and small numbers decided.

It scans every published text (narrative, generated scope, quotes, chart labels, the 7-minute
panels) of the :class:`~maca.briefing.content.Prepared` view, so it checks what would actually be
published, for

- identifiers the caller builds from the store (names, person ids, dates of birth, postcodes,
  police references): :func:`identifiers_from_store` builds them from the canonical DuckDB store;
- people's names: a packaged names list with titles, roles and context cues
  (:mod:`maca.briefing.people`, :mod:`~maca.briefing.names_list`,
  :mod:`~maca.briefing.field_words`);
- places: street addresses, postcodes, schools, GP surgeries and clinics
  (:mod:`maca.briefing.places`);
- dates narrower than a month, babies' ages in days or weeks, phone numbers, NHS numbers, long
  ids and the audit's case references (:mod:`maca.briefing.dates_and_numbers`).

Findings say where (section, item), what (in plain words) and how to fix it, with offsets for
highlighting and the words matched; their excerpt and :meth:`DisclosureFinding.describe` mask
the match, so that a refusal can be printed or logged without repeating the personal data.

One passage at a time: :func:`check_passage` (a quote, a finding, an evidence excerpt) and
:func:`passage_fingerprint`, so that a person's confirmation that a passage was read can be
tied to its exact text. ADR 0701 says what the check catches and what it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from maca.briefing.content import Prepared, TextUnit, prepare
from maca.briefing.dates_and_numbers import find_dates_and_numbers, iso_date
from maca.briefing.identifying import FIXES, KIND_LABELS, Match
from maca.briefing.model import Briefing
from maca.briefing.numbers import SmallNumber
from maca.briefing.passage_words import words
from maca.briefing.passages import passage_fingerprint
from maca.briefing.people import find_names
from maca.briefing.places import UK_POSTCODE, find_places
from maca.problems import Problem

__all__ = [
    "KIND_LABELS",
    "DisclosureError",
    "DisclosureFinding",
    "DisclosureReport",
    "Identifier",
    "KnownIdentifiers",
    "check",
    "check_passage",
    "check_passages",
    "free_text_passages",
    "identifiers_from_store",
    "passage_fingerprint",
    "words_of",
]


@dataclass(frozen=True)
class Identifier:
    kind: str  # name | person_id | date_of_birth | postcode | identifier
    value: str


@dataclass(frozen=True)
class DisclosureFinding:
    kind: str
    section: str
    item: str
    excerpt: str  # the surrounding text, the match replaced by [kind]
    start: int  # offsets of the match in the item's text, for highlighting in the preview
    end: int
    matched: str = ""  # the words matched: for the author's own view only, never logged
    reason: str = ""  # why the check thinks so, in plain words
    fix: str = ""  # what to do instead, in plain words

    @property
    def what(self) -> str:
        """The kind in plain words ("a person's name")."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def suggestion(self) -> str:
        return self.fix or FIXES.get(self.kind, "take it out")

    def describe(self) -> str:
        """One line for a refusal: where, what, the masked excerpt and the fix."""
        return f"{self.section} / {self.item}: {self.what} in “{self.excerpt}”; {self.suggestion}"


@dataclass
class DisclosureReport:
    findings: list[DisclosureFinding] = field(default_factory=list)
    small_numbers: list[SmallNumber] = field(default_factory=list)
    threshold: int = 5

    @property
    def undecided(self) -> list[SmallNumber]:
        return [n for n in self.small_numbers if n.decision is None]

    @property
    def passed(self) -> bool:
        return not self.findings and not self.undecided

    def for_passage(self, section: str, item: str) -> list[DisclosureFinding]:
        return [f for f in self.findings if (f.section, f.item) == (section, item)]

    def problems(self) -> list[str]:
        lines = [finding.describe() for finding in self.findings]
        lines += [
            f"{n.section} / {n.item}: a count under {self.threshold} needs confirming or "
            f"suppressing (small_numbers key {n.key!r})"
            for n in self.undecided
        ]
        return lines


class DisclosureError(Problem):
    """Publishing refused: the message lists every finding, one a line."""

    def __init__(self, report: DisclosureReport):
        self.report = report
        problems = report.problems()
        super().__init__(
            f"publishing refused: {len(problems)} disclosure problem(s) to fix first:\n  - "
            + "\n  - ".join(problems)
        )


class KnownIdentifiers:
    """The store's identifiers, made ready once for many passages: one pattern for all."""

    def __init__(self, identifiers: Iterable[Identifier | str] = ()):
        known = {_as_identifier(i) for i in identifiers}
        self.dates_of_birth = frozenset(
            d for i in known if i.kind == "date_of_birth" for d in [iso_date(i.value)] if d
        )
        # Dates are matched in every format by the date patterns; 1-2 characters match anything.
        kinds: dict[str, str] = {}
        for identifier in sorted(known, key=lambda i: (_RANK.get(i.kind, 9), i.value)):
            value = " ".join(identifier.value.split())
            if identifier.kind != "date_of_birth" and len(value) >= 3:
                kinds.setdefault(value.casefold(), identifier.kind)
        self._kinds = kinds
        alternatives = [
            r"\s+".join(re.escape(w) for w in value.split())
            for value in sorted(kinds, key=len, reverse=True)
        ]
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
            if alternatives
            else None
        )

    def find(self, text: str) -> list[Match]:
        if self._pattern is None:
            return []
        return [
            Match(
                self._kinds[" ".join(m.group(0).split()).casefold()],
                m.start(),
                m.end(),
                _FROM_STORE,
            )
            for m in self._pattern.finditer(text)
        ]


_FROM_STORE = "it is in the case records of a child in this audit"


def check(
    briefing: Briefing | Prepared, identifiers: Iterable[Identifier | str] | KnownIdentifiers = ()
) -> DisclosureReport:
    prepared = briefing if isinstance(briefing, Prepared) else prepare(briefing)
    known = _known(identifiers)
    allowed = own_words(prepared.briefing)
    findings = check_passages(prepared.text_units(), known, allowed)
    for unit in prepared.urls():
        # Addresses of web pages hold long numbers that identify pages, not people: only the
        # store's identifiers are looked for there.
        findings += _findings(unit, _strongest(known.find(unit.text)))
    return DisclosureReport(
        findings=findings,
        small_numbers=prepared.numbers.small,
        threshold=prepared.numbers.threshold,
    )


def check_passages(
    units: Iterable[TextUnit],
    identifiers: Iterable[Identifier | str] | KnownIdentifiers = (),
    allowed: Collection[str] = (),
) -> list[DisclosureFinding]:
    """Findings in every passage, in order; a passage repeated in two places is checked once."""
    known = _known(identifiers)
    seen: dict[str, list[Match]] = {}
    findings: list[DisclosureFinding] = []
    for unit in units:
        if unit.text not in seen:
            seen[unit.text] = find_identifying(unit.text, known, allowed)
        findings += _findings(unit, seen[unit.text])
    return findings


def check_passage(
    text: str,
    identifiers: Iterable[Identifier | str] | KnownIdentifiers = (),
    *,
    section: str = "",
    item: str = "",
    allowed: Collection[str] = (),
) -> list[DisclosureFinding]:
    """The findings in one free-text passage (a quote, a finding, an evidence excerpt).

    Pass a :class:`KnownIdentifiers` when checking many passages against the same store
    identifiers; ``allowed`` words are never taken for names (the partnership's own name).
    """
    return _findings(
        TextUnit(section, item, text), find_identifying(text, _known(identifiers), allowed)
    )


def find_identifying(
    text: str, known: KnownIdentifiers, allowed: Collection[str] = ()
) -> list[Match]:
    """Every identifying stretch of one text, the most specific kept where two overlap."""
    items = words(text)
    found = known.find(text)
    found += find_dates_and_numbers(text, known.dates_of_birth)
    found += find_places(text, items, allowed)
    found += find_names(items, allowed)
    return _strongest(found)


def free_text_passages(briefing: Briefing | Prepared) -> list[TextUnit]:
    """The passages people wrote (narrative, findings, quotes, resource titles, 7-minute texts),
    as published, in reading order: what a person confirms was read before publishing."""
    prepared = briefing if isinstance(briefing, Prepared) else prepare(briefing)
    return prepared.free_text_passages()


def own_words(briefing: Briefing) -> frozenset[str]:
    """The partnership's own names, which the briefing prints and which are nobody's name."""
    return words_of(briefing.partnership, briefing.partnership_short, briefing.social_care_name)


def words_of(*names: str) -> frozenset[str]:
    """The words of names that are nobody's name (pass as ``allowed``), e.g. the partnership's
    name, its short name and what it calls children's social care."""
    return frozenset(w for name in names for w in re.findall(r"[^\W\d_]+", name or ""))


def _known(identifiers: Iterable[Identifier | str] | KnownIdentifiers) -> KnownIdentifiers:
    return (
        identifiers if isinstance(identifiers, KnownIdentifiers) else KnownIdentifiers(identifiers)
    )


def _as_identifier(value: Identifier | str) -> Identifier:
    if isinstance(value, Identifier):
        return value
    text = str(value).strip()
    if iso_date(text):
        return Identifier("date_of_birth", text)
    if UK_POSTCODE.fullmatch(text):
        return Identifier("postcode", text)
    if any(ch.isdigit() for ch in text):
        return Identifier("person_id", text)
    return Identifier("identifier", text)


# When one stretch of text matches several ways, report the most specific: a store identifier
# before a pattern, a date of birth before any date, a school's name before a person's name in it.
_RANK = {
    "date_of_birth": 0,
    "person_id": 1,
    "name": 1,
    "postcode": 1,
    "identifier": 1,
    "phone_number": 2,
    "nhs_number": 2,
    "uk_postcode": 3,
    "exact_date": 3,
    "baby_age": 3,
    "school": 3,
    "surgery_or_clinic": 3,
    "street_address": 4,
    "person_name": 5,
    "postcode_district": 5,
    "long_id": 6,
    "case_ref": 6,
}


def _strongest(found: list[Match]) -> list[Match]:
    kept: list[Match] = []
    ranked = sorted(found, key=lambda m: (_RANK.get(m.kind, 9), m.start, -(m.end - m.start)))
    for match in ranked:
        if not any(match.overlaps(k) for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _findings(unit: TextUnit, matches: list[Match]) -> list[DisclosureFinding]:
    text = unit.text
    return [
        DisclosureFinding(
            kind=m.kind,
            section=unit.section,
            item=unit.item,
            excerpt=_excerpt(text, m.start, m.end, matches),
            start=m.start,
            end=m.end,
            matched=text[m.start : m.end],
            reason=m.reason,
            fix=m.fix,
        )
        for m in matches
    ]


def _excerpt(text: str, start: int, end: int, spans: list[Match], width: int = 40) -> str:
    """Text around one finding, with every finding in it masked by its kind."""
    low, high = max(0, start - width), min(len(text), end + width)
    pieces, cursor = [], low
    for span in spans:
        if span.end <= low or span.start >= high:
            continue
        pieces.append(text[cursor : max(cursor, span.start)])
        pieces.append(f"[{span.kind.replace('_', ' ')}]")
        cursor = max(cursor, span.end)
    pieces.append(text[cursor:high])
    lead = "…" if low > 0 else ""
    tail = "…" if high < len(text) else ""
    return " ".join(f"{lead}{''.join(pieces)}{tail}".split())


def identifiers_from_store(connection, person_ids: Iterable[str]) -> set[Identifier]:  # noqa: ANN001
    """Identifiers of the audited children and their families from the canonical DuckDB store.

    For each person: the person id, date of birth, postcodes of addresses, family ids, the ids of
    mothers and siblings (and their own dates of birth), and police protection references.
    """
    ids = sorted({str(p) for p in person_ids})
    if not ids:
        return set()
    tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
    people = set(ids)
    found: set[Identifier] = set()
    marks = ",".join("?" * len(ids))
    if "ssd_family" in tables:
        rows = connection.execute(
            f"SELECT f2.fami_family_id, f2.fami_person_id FROM ssd_family f1 "
            f"JOIN ssd_family f2 USING (fami_family_id) WHERE f1.fami_person_id IN ({marks})",
            ids,
        ).fetchall()
        for family_id, member in rows:
            found.add(Identifier("identifier", str(family_id)))
            people.add(str(member))
    if "ssd_mother" in tables:
        rows = connection.execute(
            f"SELECT moth_person_id, moth_childs_person_id FROM ssd_mother "
            f"WHERE moth_childs_person_id IN ({marks}) OR moth_person_id IN ({marks})",
            ids + ids,
        ).fetchall()
        people.update(str(v) for row in rows for v in row)
    everyone = sorted(people)
    marks = ",".join("?" * len(everyone))
    found.update(Identifier("person_id", p) for p in everyone)
    queries = {
        "ssd_person": ("date_of_birth", "pers_dob", "pers_person_id"),
        "ssd_address": ("postcode", "addr_address_postcode", "addr_person_id"),
        "police_protection": ("identifier", "pp_ref", "pers_person_id"),
    }
    for table, (kind, column, person_column) in queries.items():
        if table not in tables:
            continue
        rows = connection.execute(
            f"SELECT DISTINCT {column} FROM {table} "
            f"WHERE {person_column} IN ({marks}) AND {column} IS NOT NULL",
            everyone,
        ).fetchall()
        found.update(Identifier(kind, str(value)) for (value,) in rows)
    return found

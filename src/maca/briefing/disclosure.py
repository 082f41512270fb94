"""The check before anything is published: nothing identifying, and small numbers decided.

It scans every published text (narrative, generated scope, quotes, chart labels, the 7-minute
panels) of the :class:`~maca.briefing.content.Prepared` view, so it checks what would actually be
published, against

- identifiers the caller builds from the store (names, person ids, dates of birth, postcodes,
  police references): :func:`identifiers_from_store` builds them from the canonical DuckDB store;
- patterns: dates narrower than a month in any common format, UK postcodes, long numeric or
  alphanumeric ids, NHS-number-like numbers.

Findings say where (section, item) and show an excerpt in which the matched text itself is
masked, so that the message can be printed or logged without repeating the personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from maca.briefing.content import Prepared, TextUnit, prepare
from maca.briefing.model import Briefing
from maca.briefing.numbers import SmallNumber
from maca.problems import Problem

KIND_LABELS = {
    "name": "a name",
    "person_id": "a person id",
    "date_of_birth": "a date of birth",
    "postcode": "a postcode",
    "identifier": "an identifier from the store",
    "exact_date": "a date narrower than a month",
    "uk_postcode": "a UK postcode",
    "nhs_number": "an NHS-number-like number",
    "long_id": "a long reference number or id",
    "case_ref": "a case or family reference of the audit",
}


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

    def describe(self) -> str:
        what = KIND_LABELS.get(self.kind, self.kind)
        return f"{self.section} / {self.item}: {what} in “{self.excerpt}”"


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


def check(
    briefing: Briefing | Prepared, identifiers: Iterable[Identifier | str] = ()
) -> DisclosureReport:
    prepared = briefing if isinstance(briefing, Prepared) else prepare(briefing)
    known = [_as_identifier(i) for i in identifiers]
    findings: list[DisclosureFinding] = []
    for unit in prepared.text_units():
        findings += _scan(unit, known, patterns=True)
    for unit in prepared.urls():
        # Addresses of web pages hold long numbers that identify pages, not people: only the
        # store's identifiers are looked for there.
        findings += _scan(unit, known, patterns=False)
    return DisclosureReport(
        findings=_dedupe(findings),
        small_numbers=prepared.numbers.small,
        threshold=prepared.numbers.threshold,
    )


def check_passage(
    text: str,
    identifiers: Iterable[Identifier | str] = (),
    *,
    section: str = "",
    item: str = "",
) -> list[DisclosureFinding]:
    """The findings in one free-text passage (an action, its evidence of impact, a team's
    notes), by the same patterns and identifiers as the briefing's check."""
    known = [_as_identifier(i) for i in identifiers]
    return _scan(TextUnit(section, item, text), known, patterns=True)


def _as_identifier(value: Identifier | str) -> Identifier:
    if isinstance(value, Identifier):
        return value
    text = str(value).strip()
    if _iso_date(text):
        return Identifier("date_of_birth", text)
    if UK_POSTCODE.fullmatch(text):
        return Identifier("postcode", text)
    if any(ch.isdigit() for ch in text):
        return Identifier("person_id", text)
    return Identifier("identifier", text)


# --- patterns -------------------------------------------------------------------------------

_MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
EXACT_DATE = re.compile(
    r"\b(?:"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2021-03-12
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"  # 12/03/2021, 12.03.21
    rf"|{_DAY}(?:\s+of)?[\s-]+(?:{_MONTH_NAMES})\.?(?:[\s,-]+\d{{2,4}})?"  # 12 March 2021
    rf"|(?:{_MONTH_NAMES})\.?\s+{_DAY}(?:,?\s+\d{{4}})?"  # March 12, 2021
    r")\b",
    re.IGNORECASE,
)
UK_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
NHS_NUMBER = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
# Six or more digits in a row, or a letters-and-digits token of six or more characters with at
# least four digits (person ids, references, UPNs). "2023-2026" and "COVID-19" do not match.
LONG_ID = re.compile(r"\b(?=(?:[A-Z]*\d){4})(?=\d*[A-Z])[A-Z\d]{6,}\b|\b\d{6,}\b", re.IGNORECASE)

# The audit's pseudonymous references ("Child C001", family "F01") link back to a child for
# anyone who holds the key: they belong in the audit, not in a briefing.
CASE_REF = re.compile(r"\b(?:C\d{3,4}|F\d{2,3})\b")


def _scan(unit: TextUnit, known: list[Identifier], patterns: bool) -> list[DisclosureFinding]:
    found: list[tuple[str, int, int]] = []
    text = unit.text
    dates_of_birth = {
        d for i in known if i.kind == "date_of_birth" for d in [_iso_date(i.value)] if d
    }
    for identifier in known:
        if identifier.kind == "date_of_birth" or len(identifier.value.strip()) < 3:
            continue  # dates are matched below in every format; 1-2 characters match anything
        for match in _identifier_pattern(identifier.value).finditer(text):
            found.append((identifier.kind, match.start(), match.end()))
    for match in EXACT_DATE.finditer(text):
        if re.search(r"\bmay\b", match.group(0)):
            continue  # lower-case "may" is the verb ("aged 3 may be"), not the month
        as_date = _parse_date(match.group(0))
        if as_date and as_date in dates_of_birth:
            found.append(("date_of_birth", match.start(), match.end()))
        elif patterns:
            found.append(("exact_date", match.start(), match.end()))
    if patterns:
        for kind, pattern in (
            ("uk_postcode", UK_POSTCODE),
            ("nhs_number", NHS_NUMBER),
            ("long_id", LONG_ID),
            ("case_ref", CASE_REF),
        ):
            for match in pattern.finditer(text):
                found.append((kind, match.start(), match.end()))
    spans = _strongest(found)
    return [
        DisclosureFinding(
            kind, unit.section, unit.item, _excerpt(text, start, end, spans), start, end
        )
        for kind, start, end in spans
    ]


def _identifier_pattern(value: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in value.split()]
    return re.compile(r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])", re.IGNORECASE)


# When one stretch of text matches several ways, report the most specific: a store identifier
# before a pattern, a date of birth before any date.
_RANK = {
    "date_of_birth": 0,
    "person_id": 1,
    "name": 1,
    "postcode": 1,
    "identifier": 1,
    "nhs_number": 2,
    "uk_postcode": 3,
    "exact_date": 3,
    "long_id": 4,
    "case_ref": 4,
}


def _strongest(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (_RANK.get(f[0], 9), f[1])):
        if any(start < k_end and k_start < end for _, k_start, k_end in kept):
            continue
        kept.append((kind, start, end))
    return sorted(kept, key=lambda f: f[1])


def _excerpt(
    text: str, start: int, end: int, spans: list[tuple[str, int, int]], width: int = 40
) -> str:
    """Text around one finding, with every finding in it masked by its kind."""
    low, high = max(0, start - width), min(len(text), end + width)
    pieces, cursor = [], low
    for kind, s_start, s_end in spans:
        if s_end <= low or s_start >= high:
            continue
        pieces.append(text[cursor : max(cursor, s_start)])
        pieces.append(f"[{kind.replace('_', ' ')}]")
        cursor = max(cursor, s_end)
    pieces.append(text[cursor:high])
    lead = "…" if low > 0 else ""
    tail = "…" if high < len(text) else ""
    return " ".join(f"{lead}{''.join(pieces)}{tail}".split())


def _dedupe(findings: list[DisclosureFinding]) -> list[DisclosureFinding]:
    seen: set[tuple[str, str, str, int]] = set()
    unique = []
    for finding in findings:
        key = (finding.section, finding.item, finding.kind, finding.start)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}


def _parse_date(text: str) -> date | None:
    """Best effort, UK day-first; None when the text names no year (no date of birth then)."""
    text = text.lower().replace(",", " ").replace(" of ", " ")
    numeric = re.fullmatch(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})", text.strip())
    try:
        if numeric:
            a, b, c = numeric.groups()
            if len(a) == 4:
                return date(int(a), int(b), int(c))
            year = int(c) + (2000 if len(c) == 2 and int(c) < 50 else 1900 if len(c) == 2 else 0)
            return date(year, int(b), int(a))
        words = re.findall(r"[a-z]+|\d+", text)
        month = next((_MONTH_NUMBER[w] for w in words if w in _MONTH_NUMBER), None)
        digits = [int(w) for w in words if w.isdigit()]
        days = [d for d in digits if d <= 31]
        years = [y for y in digits if y > 31 or len(str(y)) == 4]
        if month and days and years:
            return date(years[0] if years[0] > 99 else 2000 + years[0], month, days[0])
    except ValueError:
        return None
    return None


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

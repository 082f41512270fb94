"""A case's cohort facts in words for people: the code lists of ``maca.cohort.contract``
instead of tokens ("Yes: child in need; child protection plan", not "Yes (cin;cp)"), ages in
years, months and days, dates in the one format of every page."""

from __future__ import annotations

import re
from datetime import date

from maca.cohort.contract import (
    HISTORY_KIND_LABELS,
    MOVED_IN_SIGNAL_LABELS,
    REMOVAL_KIND_LABELS,
    SOURCE_LABELS,
)
from maca.web.common.words import day, plural

from .models import Case

# The cohort's true/false facts of a case, as the case page and the assign page's filter say them.
FLAG_LABELS = {
    "in_first_1001_days": "Within the first 1001 days",
    "known_historically": "Known to children's social care before",
    "sibling_known": "Sibling known to children's social care",
    "recent_closure": "Case closed recently",
    "moved_in": "Moved in from another area",
    "has_sibling_group": "Has a sibling group in the cohort",
    "post_removal_involvement": "Services involved after removal",
}
ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
DAYS_PER_MONTH = 365.25 / 12


def _tokens(joined: str) -> list[str]:
    return [t for t in joined.replace(",", ";").split(";") if t.strip()]


def kinds_in_words(joined: str) -> str:
    """``cin;cp`` → ``child in need; child protection plan`` (an unknown token as it is)."""
    return "; ".join(HISTORY_KIND_LABELS.get(t.strip(), t.strip()) for t in _tokens(joined))


def signals_in_words(joined: str) -> str:
    return "; ".join(MOVED_IN_SIGNAL_LABELS.get(t.strip(), t.strip()) for t in _tokens(joined))


def _dates_in_words(text: str) -> str:
    def spelled(match: re.Match) -> str:
        try:
            return day(date.fromisoformat(match[1]))
        except ValueError:
            return match[1]

    return ISO_DATE.sub(spelled, text)


def detail_in_words(text: str) -> str:
    """cohort.csv's detail texts (``cin: 1 ended, latest 2023-04-08 (150 days before)``, or
    ``C003-S1: cin``) with each kind and date in words."""
    items = []
    for item in text.split(";"):
        item = item.strip()
        if not item:
            continue
        head, sep, rest = item.partition(":")
        head, rest = head.strip(), rest.strip()
        if sep and head in HISTORY_KIND_LABELS:
            item = f"{HISTORY_KIND_LABELS[head].capitalize()}: {rest}"
        elif sep and rest:
            item = f"{head}: {kinds_in_words(rest)}"
        items.append(_dates_in_words(item))
    return "; ".join(items)


def age_in_words(days: int | None) -> str:
    """``62`` → ``2 months (62 days)``; ``1095`` → ``2 years 11 months``; under a month in
    days. Months are of average length: cohort.csv gives the age in days only."""
    if days is None:
        return ""
    if days < 0:
        return "before birth"
    months = int(days // DAYS_PER_MONTH)
    if months < 1:
        return plural(days, "day")
    years, months = divmod(months, 12)
    if not years:
        return f"{plural(months, 'month')} ({plural(days, 'day')})"
    return plural(years, "year") + (f" {plural(months, 'month')}" if months else "")


def _yes_no(flag: bool | None, detail: str = "") -> str:
    if flag is None:
        return "Not known"
    if not flag:
        return "No"
    return f"Yes: {detail}" if detail else "Yes"


def case_facts(case: Case) -> list[tuple[str, str]]:
    """The rows of the case page's summary list: (what, in words)."""
    removal = REMOVAL_KIND_LABELS.get(case.removal_kind, "Not recorded")
    if case.source:
        removal += f" (found in {SOURCE_LABELS.get(case.source, case.source)})"
    first_1001 = _yes_no(case.in_first_1001_days)
    if case.day_of_1001 is not None:
        first_1001 += f" (day {case.day_of_1001:,} of the 1001)"
    history = case.history_detail and detail_in_words(case.history_detail)
    closure = day(case.recent_closure_date) if case.recent_closure_date else ""
    return [
        ("Removal date", day(case.removal_date) or "Not recorded"),
        ("Removal", removal),
        ("Age at removal", age_in_words(case.age_days) or "Not recorded"),
        (FLAG_LABELS["in_first_1001_days"], first_1001),
        (
            FLAG_LABELS["known_historically"],
            _yes_no(case.known_historically, history or kinds_in_words(case.history_kinds)),
        ),
        (
            FLAG_LABELS["sibling_known"],
            _yes_no(case.sibling_known, detail_in_words(case.sibling_detail)),
        ),
        (
            FLAG_LABELS["recent_closure"],
            _yes_no(case.recent_closure, f"closed {closure}" if closure else ""),
        ),
        (
            FLAG_LABELS["moved_in"],
            _yes_no(case.moved_in, signals_in_words(case.moved_in_signals)),
        ),
        (FLAG_LABELS["has_sibling_group"], _yes_no(case.has_sibling_group)),
        (FLAG_LABELS["post_removal_involvement"], _yes_no(case.post_removal_involvement)),
    ]


def case_label(case: Case) -> str:
    """A case in a list of checkboxes: ``C001 (family F01), 2 months, first 1001 days``."""
    parts = [f"{case.case_ref} (family {case.family_ref or 'not set'})"]
    if case.age_days is not None:
        parts.append(f"{age_in_words(case.age_days).split(' (')[0]} at removal")
    if case.in_first_1001_days:
        parts.append("first 1001 days")
    return ", ".join(parts)


MONTH_ONLY = re.compile(r"\??\s*\d{4}-\d{1,2}")


def entry_date_words(entry) -> str:
    """A chronology entry's date as every page writes dates: ``14 May 2023``, ``May 2023 (month
    only)``, ``14 May 2023 (uncertain)``, whichever way it was typed."""
    if MONTH_ONLY.fullmatch(entry.date_text.strip()):
        shown = f"{entry.sort_date:%B %Y} (month only"
        return shown + (", uncertain)" if entry.date_text.strip().startswith("?") else ")")
    return day(entry.sort_date) + (" (uncertain)" if entry.date_uncertain else "")

"""Words the pages build from numbers and names, in one place: "1 case", "2 cases", "an area
for learning", dates as "15 July 2023"."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

# Nouns whose plural is not the singular with an "s".
IRREGULAR = {
    "entry": "entries",
    "family": "families",
    "agency": "agencies",
    "child": "children",
    "person": "people",
    "chronology entry": "chronology entries",
}


def plural_of(noun: str) -> str:
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    for singular, many in IRREGULAR.items():
        if noun.endswith(" " + singular):
            return noun[: -len(singular)] + many
    return noun + "s"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 case``, ``2 cases``, ``0 cases`` (``many`` when the plural is irregular)."""
    return f"{count:,} {noun if count == 1 else (many or plural_of(noun))}"


def with_article(phrase: str) -> str:
    """``a strength``, ``an area for learning``, ``a recommendation``."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def day(value: date | datetime | None) -> str:
    """The one format of a date on every page and in every message: ``15 July 2023``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.day} {value:%B %Y}"

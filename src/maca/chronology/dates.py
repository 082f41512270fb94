"""Reading a chronology date as shared/spec/chronology.md writes it.

``2023-05-14`` or ``14/05/2023`` is a day; ``2023-05`` is a month (the event happened some time in
it); a leading ``?`` marks the date as uncertain (``?2023-05-14``, ``?2023-05``). A date in the
future is refused: a chronology records what has already happened. Dates before 1900 are
impossible, as they are for the data readers (``maca.data.dates``).

The web form and the submission reader both read dates here, so a date means the same whichever
way it came in.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time
from functools import lru_cache
from typing import NamedTuple

from maca.data.dates import EARLIEST

DATE_EXAMPLES = "2023-05-14, 14/05/2023, 2023-05 or ?2023-05-14"
DAY, MONTH = "day", "month"  # the precision of a reading
MONTH_NAMES = tuple(calendar.month_name)  # read once: calendar's looks each name up anew

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}/\d{1,2}/\d{2}")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")
_EARLIEST = date.fromisoformat(EARLIEST)


class DateProblem(ValueError):
    """A value that is not a chronology date; ``reason`` says why in a few words."""

    def __init__(self, reason: str, generic: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.generic = generic  # not a date at all (rather than a wrong one)

    @property
    def message(self) -> str:
        """The sentence a form shows under the field."""
        advice = f"Enter a date like {DATE_EXAMPLES}"
        return advice if self.generic else f"{self.reason[:1].upper()}{self.reason[1:]}. {advice}"


class DateReading(NamedTuple):
    """A chronology date: the day (the 1st for a month), whether it is uncertain, its precision."""

    value: date
    uncertain: bool = False
    precision: str = DAY

    @property
    def month_only(self) -> bool:
        return self.precision == MONTH

    @property
    def last_day(self) -> date:
        """The last day the event can have happened on (the month's end for a month)."""
        if self.precision == DAY:
            return self.value
        days = calendar.monthrange(self.value.year, self.value.month)[1]
        return self.value.replace(day=days)

    @property
    def text(self) -> str:
        """The canonical written form: ``2023-05-14``, ``?2023-05``."""
        written = self.value.isoformat()[: 7 if self.precision == MONTH else 10]
        return f"?{written}" if self.uncertain else written

    def words(self) -> str:
        """For people: ``14 May 2023``, ``May 2023 (month only)``, ``14 May 2023 (uncertain)``."""
        value = self.value
        if self.precision == MONTH:
            shown = f"{MONTH_NAMES[value.month]} {value.year} (month only"
            return shown + (", uncertain)" if self.uncertain else ")")
        shown = f"{value.day} {MONTH_NAMES[value.month]} {value.year}"
        return shown + (" (uncertain)" if self.uncertain else "")


def read_date(text: str, today: date | None = None) -> DateReading:
    """The reading of ``text``; :class:`DateProblem` when it is not a chronology date."""
    written = text.strip()
    uncertain = written.startswith("?")
    if uncertain:
        written = written.lstrip("?").strip()
    if not written:
        raise DateProblem(
            "no date after the ?" if uncertain else "the date is missing", generic=True
        )
    value, precision = _calendar_reading(written)
    latest = today or date.today()
    if value > latest:
        raise DateProblem("the date is in the future: a chronology records what has happened")
    return DateReading(value, uncertain, precision)


@lru_cache(maxsize=8192)
def _calendar_reading(written: str) -> tuple[date, str]:
    """The day and precision of a written date without its ``?``; cached because a timeline's
    entries share few distinct dates."""
    if match := _ISO.fullmatch(written):
        year, month, day = map(int, match.groups())
    elif match := _UK.fullmatch(written):
        day, month, year = map(int, match.groups())
        if month > 12 >= day:
            raise DateProblem(f"not a real date (there is no month {month}; write dd/mm/YYYY)")
    elif match := _YEAR_MONTH.fullmatch(written):
        year, month = map(int, match.groups())
        if not 1 <= month <= 12:
            raise DateProblem(f"not a real month (there is no month {month})")
        return _in_range(date(year, month, 1)), MONTH
    elif _TWO_DIGIT_YEAR.fullmatch(written):
        raise DateProblem("two-digit year is ambiguous: write the year in full (dd/mm/YYYY)")
    else:
        raise DateProblem(f"not a date: write it like {DATE_EXAMPLES}", generic=True)
    if not 1 <= month <= 12:
        raise DateProblem(f"not a real date (there is no month {month})")
    try:
        return _in_range(date(year, month, day)), DAY
    except ValueError:
        raise DateProblem("not a real date (no such day in that month)") from None


def _in_range(value: date) -> date:
    if value < _EARLIEST:
        raise DateProblem("impossible date (before 1900)")
    return value


def read_time(text: str) -> time:
    """``09:30`` (or ``9.30``, ``09:30:00`` as spreadsheets write it) on the 24-hour clock."""
    match = _TIME.fullmatch(text.strip())
    if match:
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise DateProblem("not a time: write it like 09:30 (24-hour clock)")

"""Calendar dates as integer day numbers (days since 1970-01-01), and their rendering.

The generator draws dates as numpy integers so that millions of them cost little; they become
text only when a file is written, through lookup tables built once (one string per calendar day).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import numpy as np

NO_DATE = np.iinfo(np.int64).min  # an empty (open) end date
_EPOCH = dt.date(1970, 1, 1)
_FIRST = dt.date(1950, 1, 1)
_LAST = dt.date(2045, 12, 31)


def day(value: dt.date | str) -> int:
    """Day number of a date (or an ISO string)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return (value - _EPOCH).days


def to_date(day_number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(day_number))


@cache
def _table(fmt: str) -> np.ndarray:
    first, last = day(_FIRST), day(_LAST)
    text = [to_date(d).strftime(fmt) for d in range(first, last + 1)]
    return np.array(text + [""], dtype=object)  # the last slot renders NO_DATE


def render(days: np.ndarray, fmt: str = "%Y-%m-%d") -> np.ndarray:
    """Day numbers to text in ``fmt``; NO_DATE becomes an empty string."""
    table = _table(fmt)
    first = day(_FIRST)
    index = np.asarray(days, dtype=np.int64) - first
    index = np.where(np.asarray(days) == NO_DATE, len(table) - 1, index)
    return table[index]


def add_years(day_number: int, years: int) -> int:
    """The same calendar day ``years`` later; 29 February becomes 1 March in a common year."""
    born = to_date(day_number)
    try:
        return day(born.replace(year=born.year + years))
    except ValueError:
        return day(dt.date(born.year + years, 3, 1))


def collection_year(day_number: int) -> int:
    """DfE collection year (1 April to 31 March) named by the year it ends: 2024 = 2023-24."""
    d = to_date(day_number)
    return d.year + 1 if d.month >= 4 else d.year


def collection_bounds(year: int) -> tuple[int, int]:
    """First and last day of collection year ``year`` (named by the year it ends)."""
    return day(dt.date(year - 1, 4, 1)), day(dt.date(year, 3, 31))

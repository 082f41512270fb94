"""Europe/London summer time as a small reference table, so that "72 hours" is elapsed time.

Police protection starts are recorded in local wall-clock time without a zone. Merging events that
start within 72 hours of each other must measure real elapsed time across the clock changes, and
the same SQL must run on DuckDB, PostgreSQL and Spark, whose time-zone functions differ. So the
runner hands every engine the same table, computed here from the IANA database (``zoneinfo``):
one row per period in which local time is ahead of UTC, with its bounds in local wall time.

A wall time inside a period is ``utc_offset_hours`` ahead of UTC. The hour that does not exist in
spring falls outside the period (read as GMT) and the repeated hour in autumn falls inside it
(read as the first, summer-time occurrence): the same choice as ``zoneinfo`` with ``fold=0``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
FIRST_YEAR, LAST_YEAR = 1970, 2100
COLUMNS = ("local_start", "local_end", "utc_offset_hours")


def _offset_hours(instant: datetime) -> int:
    offset = instant.astimezone(LONDON).utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 3600)


def _next_change(start: datetime, end: datetime) -> datetime | None:
    """The first whole UTC hour in (start, end] whose offset differs from start's.

    Weekly steps find the week of a change (clocks change at most twice a year), then halving
    finds the hour.
    """
    before = _offset_hours(start)
    low = start
    while low < end:
        high = min(low + timedelta(days=7), end)
        if _offset_hours(high) != before:
            while high - low > timedelta(hours=1):
                middle = low + (high - low) / 2
                middle = middle.replace(minute=0, second=0, microsecond=0)
                if middle <= low:
                    middle = low + timedelta(hours=1)
                if _offset_hours(middle) == before:
                    low = middle
                else:
                    high = middle
            return high
        low = high
    return None


@cache
def summer_time_periods() -> tuple[tuple[datetime, datetime, int], ...]:
    """``(local_start, local_end, utc_offset_hours)`` for every period ahead of UTC, 1970–2100."""
    start = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
    end = datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC)
    changes = [start]
    while (change := _next_change(changes[-1], end)) is not None:
        changes.append(change)
    changes.append(end)
    periods = []
    for begin, finish in zip(changes, changes[1:], strict=False):
        offset = _offset_hours(begin)
        if offset != 0:
            shift = timedelta(hours=offset)
            local = (begin.replace(tzinfo=None) + shift, finish.replace(tzinfo=None) + shift)
            periods.append((*local, offset))
    return tuple(periods)

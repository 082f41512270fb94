"""The summer-time table turns local wall time into UTC exactly as zoneinfo does (fold=0)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from maca.cohort.summer_time import summer_time_periods

LONDON = ZoneInfo("Europe/London")


def utc_by_table(local: datetime) -> datetime:
    for start, end, offset in summer_time_periods():
        if start <= local < end:
            return local - timedelta(hours=offset)
    return local


def test_2023_summer_time_in_local_wall_time():
    periods = [p for p in summer_time_periods() if p[0].year == 2023]
    assert periods == [(datetime(2023, 3, 26, 2), datetime(2023, 10, 29, 2), 1)]


@given(
    st.datetimes(min_value=datetime(1972, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0, fold=0)
    )
)
def test_table_agrees_with_zoneinfo(local):
    expected = local.replace(tzinfo=LONDON).astimezone(UTC).replace(tzinfo=None)
    assert utc_by_table(local) == expected


def test_clock_change_hours():
    # spring: 01:30 does not exist and reads as GMT; autumn: 01:30 happens twice, first in BST
    assert utc_by_table(datetime(2023, 3, 26, 1, 30)) == datetime(2023, 3, 26, 1, 30)
    assert utc_by_table(datetime(2023, 3, 26, 2, 30)) == datetime(2023, 3, 26, 1, 30)
    assert utc_by_table(datetime(2023, 10, 29, 1, 30)) == datetime(2023, 10, 29, 0, 30)
    assert utc_by_table(datetime(2023, 10, 29, 2, 0)) == datetime(2023, 10, 29, 2, 0)

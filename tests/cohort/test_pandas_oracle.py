"""The benchmark's pandas baseline agrees with the query: a second, independent oracle."""

from __future__ import annotations

from benchmarks.cohort_pandas import cohort_pandas, tables_from_rows
from hypothesis import HealthCheck, given, settings

from tests.cohort.builders import CLOCK_CHANGE_PERIOD as PERIOD
from tests.cohort.builders import briefing_like_store, datasets, dedupe_links
from tests.cohort.oracle import comparable


def test_pandas_baseline_on_the_briefing_like_store(run):
    store = briefing_like_store()
    expected = comparable(run(store, PERIOD))
    assert cohort_pandas(tables_from_rows(store.rows), *PERIOD, "840") == expected


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(store=datasets())
def test_pandas_baseline_agrees_with_the_query(store, run):
    store = dedupe_links(store)
    expected = comparable(run(store, PERIOD))
    assert cohort_pandas(tables_from_rows(store.rows), *PERIOD, "840") == expected

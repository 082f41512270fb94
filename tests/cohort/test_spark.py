"""The same rules on Spark SQL in local mode (``make test-spark``; skipped elsewhere)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from maca.cohort.finder import find_cohort
from maca.cohort.query import CohortParameters
from tests.cohort.builders import CLOCK_CHANGE_PERIOD as PERIOD
from tests.cohort.builders import briefing_like_store, datasets, dedupe_links

# Each query takes about a minute in local mode on two shared cores: opt in (make test-spark;
# there MACA_REQUIRE_SPARK=1 turns a skip into a failure).
pytestmark = [pytest.mark.slow, pytest.mark.spark]


@pytest.fixture(scope="module")
def spark():
    from tests.spark_session import spark_or_skip

    return spark_or_skip()


def same_cohort_on_spark(spark, store, tmp_path, parameters) -> None:
    from maca.cohort.spark import find_cohort_spark, register_store

    path = store.write(tmp_path / "store.duckdb")
    register_store(spark, path)
    on_spark = find_cohort_spark(spark, parameters)
    on_duckdb = find_cohort(path, parameters, inputs={})
    path.unlink()
    assert on_spark.decisions.cohort == on_duckdb.decisions.cohort
    assert on_spark.decisions.exclusions == on_duckdb.decisions.exclusions


def test_briefing_like_store_same_on_spark(spark, tmp_path):
    parameters = CohortParameters(*PERIOD, home_la="840")
    same_cohort_on_spark(spark, briefing_like_store(), tmp_path, parameters)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(store=datasets())
def test_random_stores_same_on_spark(spark, tmp_path, store):
    parameters = CohortParameters(*PERIOD, home_la="840")
    same_cohort_on_spark(spark, dedupe_links(store), tmp_path, parameters)

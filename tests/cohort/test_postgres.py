"""The same rules on PostgreSQL give the same cohort as on DuckDB (issue 5: tested in CI)."""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import HealthCheck, given, settings

from maca.cohort.finder import find_cohort
from maca.cohort.postgres import copy_store, find_cohort_postgres
from maca.cohort.query import CohortParameters
from tests.cohort.builders import CLOCK_CHANGE_PERIOD as PERIOD
from tests.cohort.builders import briefing_like_store, datasets, dedupe_links
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.postgres
psycopg = pytest.importorskip("psycopg")

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"  # the CI machines' database


@pytest.fixture(scope="module")
def pg():
    url = os.environ.get("MACA_COHORT_DATABASE_URL") or os.environ.get("DATABASE_URL", DEFAULT_URL)
    try:
        conn = psycopg.connect(url, connect_timeout=3)
    except psycopg.OperationalError as error:
        skip_or_fail(
            "postgres",
            f"PostgreSQL not reachable at {url.split('@')[-1]} ({error}): set DATABASE_URL",
        )
    yield conn
    conn.close()


def same_cohort_on_both(pg, store, tmp_path, parameters) -> None:
    path = store.write(tmp_path / f"{uuid.uuid4().hex}.duckdb")
    schema = f"maca_cohort_{uuid.uuid4().hex[:12]}"
    try:
        copy_store(path, pg, schema)
        on_postgres = find_cohort_postgres(pg, schema, parameters, inputs={})
    finally:
        pg.rollback()
        pg.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        pg.commit()
    on_duckdb = find_cohort(path, parameters, inputs={})
    assert on_postgres.decisions.cohort == on_duckdb.decisions.cohort
    assert on_postgres.decisions.exclusions == on_duckdb.decisions.exclusions
    for scope in (on_postgres.scope, on_duckdb.scope):
        scope["parameters"].pop("engine")
    assert on_postgres.scope == on_duckdb.scope


def test_briefing_like_store_same_on_postgres(pg, tmp_path):
    parameters = CohortParameters(*PERIOD, home_la="840")
    same_cohort_on_both(pg, briefing_like_store(), tmp_path, parameters)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(store=datasets())
def test_random_stores_same_on_postgres(pg, tmp_path, store):
    parameters = CohortParameters(*PERIOD, home_la="840")
    same_cohort_on_both(pg, dedupe_links(store), tmp_path, parameters)

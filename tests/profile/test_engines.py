"""DuckDB, PostgreSQL and Spark give the identical profile.json (the same SQL text).

PostgreSQL runs in ``make test-postgres`` (marked ``postgres``; a skip fails in CI). Spark runs
in ``make test-spark`` (``MACA_SPARK_TESTS=1``; with ``MACA_REQUIRE_SPARK=1`` a skip fails):
one local session for the module, the small synthetic store.
"""

from __future__ import annotations

import json
import os
import uuid

import pytest

from maca.profile import profile_store
from tests.cohort.builders import briefing_like_store
from tests.conftest import skip_or_fail
from tests.profile.builders import PARAMETERS

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"  # the CI machines' database


def _text(document) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)


def _facts(facts) -> dict:
    """The facts, each child's family links as a set (the aggregate's order is the engine's)."""
    links = [sorted((text or "").split(";")) for text in facts["family_links"]]
    return {**facts, "family_links": links}


@pytest.fixture(scope="module")
def pg():
    psycopg = pytest.importorskip("psycopg")
    url = os.environ.get("MACA_COHORT_DATABASE_URL") or os.environ.get("DATABASE_URL", DEFAULT_URL)
    try:
        conn = psycopg.connect(url, connect_timeout=3)
    except psycopg.OperationalError as error:
        skip_or_fail("postgres", f"PostgreSQL not reachable at {url.split('@')[-1]}: {error}")
    yield conn
    conn.close()


@pytest.mark.postgres
@pytest.mark.parametrize("data", ["synthetic", "briefing_like"])
def test_postgres_gives_the_same_profile(pg, synthetic_ssd, tmp_path, data):
    from maca.cohort.postgres import copy_store
    from maca.profile import profile_postgres

    store = synthetic_ssd.store
    if data == "briefing_like":
        store = briefing_like_store().write(tmp_path / "store.duckdb")
    schema = f"maca_profile_{uuid.uuid4().hex[:12]}"
    try:
        copy_store(store, pg, schema)
        on_postgres = profile_postgres(pg, schema, PARAMETERS)
    finally:
        pg.rollback()
        pg.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        pg.commit()
    on_duckdb = profile_store(store, PARAMETERS)
    assert _text(on_postgres.document) == _text(on_duckdb.document)
    assert _facts(on_postgres.facts) == _facts(on_duckdb.facts)


@pytest.fixture(scope="module")
def spark():
    from tests.spark_session import spark_or_skip

    return spark_or_skip()


@pytest.mark.slow
@pytest.mark.spark
def test_spark_gives_the_same_profile(spark, synthetic_ssd):
    from maca.cohort.spark import register_store
    from maca.profile import profile_spark

    register_store(spark, synthetic_ssd.store)
    on_spark = profile_spark(spark, PARAMETERS)
    on_duckdb = profile_store(synthetic_ssd.store, PARAMETERS)
    assert _text(on_spark.document) == _text(on_duckdb.document)
    assert _facts(on_spark.facts) == _facts(on_duckdb.facts)

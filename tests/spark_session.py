"""One local Spark session for the whole test run (the cohort's and the profile's Spark tests):
starting the JVM is the slow part, so it is started once and stopped at exit."""

from __future__ import annotations

import atexit
import os
import shutil
from typing import Any

from tests.conftest import skip_or_fail

_session: Any = None


def spark_session(pyspark_sql: Any) -> Any:
    global _session
    if _session is None:
        _session = (
            pyspark_sql.SparkSession.builder.master("local[1]")
            .appName("maca-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.memory", "1g")
            .getOrCreate()
        )
        _session.sparkContext.setLogLevel("ERROR")
        atexit.register(_session.stop)
    return _session


def spark_or_skip() -> Any:
    """The session, or a skip with the reason (a failure under MACA_REQUIRE_SPARK=1, in CI)."""
    if os.environ.get("MACA_SPARK_TESTS") != "1":
        skip_or_fail("spark", "Spark local mode takes minutes: set MACA_SPARK_TESTS=1 to run")
    try:
        import pyspark.sql
    except ImportError:
        skip_or_fail("spark", "pyspark is optional and not installed (pip install maca[spark])")
    if shutil.which("java") is None:
        skip_or_fail("spark", "pyspark needs Java (17) on PATH")
    return spark_session(pyspark.sql)

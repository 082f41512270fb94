"""One local Spark session for the whole test run (the cohort's and the profile's Spark tests):
starting the JVM is the slow part, so it is started once and stopped at exit."""

from __future__ import annotations

import atexit
from typing import Any

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

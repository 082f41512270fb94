"""The benchmark's pandas profile (benchmarks/profile_pandas.py) agrees with maca's: a second,
independently written reading of the same definitions."""

from __future__ import annotations

import duckdb
from benchmarks.profile_pandas import profile_pandas

from maca.data.schema import TABLES
from maca.profile import profile_store

from .conftest import PARAMETERS


def test_pandas_profile_equals_maca_profile(synthetic_returns):
    con = duckdb.connect(str(synthetic_returns.store), read_only=True)
    tables = {name: con.execute(f"SELECT * FROM {name}").df() for name in TABLES}
    con.close()
    theirs = profile_pandas(tables, PARAMETERS.period_from, PARAMETERS.period_to, "840")
    mine = profile_store(synthetic_returns.store, PARAMETERS).counts
    assert theirs["children"] == mine.children
    assert theirs["families"] == mine.families
    assert theirs["cells"] == mine.cells

"""The benchmark's pandas profile (benchmarks/profile_pandas.py) agrees with maca's: a second,
independently written reading of the same definitions."""

from __future__ import annotations

from benchmarks.cohort import load_tables
from benchmarks.profile_pandas import profile_pandas

from maca.profile import profile_store
from tests.profile.builders import PARAMETERS


def test_pandas_profile_equals_maca_profile(synthetic_returns):
    tables = load_tables(synthetic_returns.store)
    theirs = profile_pandas(tables, PARAMETERS.period_from, PARAMETERS.period_to, "840")
    mine = profile_store(synthetic_returns.store, PARAMETERS).counts
    assert theirs["children"] == mine.children
    assert theirs["families"] == mine.families
    assert theirs["cells"] == mine.cells

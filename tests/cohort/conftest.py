from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maca.cohort.finder import CohortOutcome, find_cohort
from maca.cohort.query import CohortParameters
from tests.cohort.store import Store

PERIOD = (date(2023, 9, 1), date(2023, 12, 31))


@pytest.fixture
def run(tmp_path: Path):
    """Write a hand-built store and find its cohort (Sept–Dec 2023, home LA 840 by default)."""
    counter = iter(range(1000))

    def _run(store: Store, period=PERIOD, home_la: str | None = "840") -> CohortOutcome:
        path = store.write(tmp_path / f"store{next(counter)}.duckdb")
        return find_cohort(path, CohortParameters(period[0], period[1], home_la))

    return _run

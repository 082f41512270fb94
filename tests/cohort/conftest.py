from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maca.cohort.finder import CohortOutcome, find_cohort
from maca.cohort.query import CohortParameters
from tests.cohort.store import Store

PERIOD = (date(2023, 9, 1), date(2023, 12, 31))


def comparable(outcome: CohortOutcome) -> dict[str, Any]:
    """The deciding facts of an outcome, in the oracle's shape."""
    keep = (
        "case_ref family_ref pers_person_id removal_date removal_kind pp_refs l1_refs source "
        "age_days day_of_1001 in_first_1001_days has_sibling_group known_historically "
        "history_kinds sibling_known recent_closure moved_in post_removal_involvement"
    ).split()
    cohort = []
    for row in outcome.decisions.cohort:
        cohort.append(
            {k: (row[k] == "true" if row[k] in ("true", "false") else row[k]) for k in keep}
        )
    exclusions = sorted(
        (r["pp_refs"], r["l1_refs"], r["pers_person_id"], r["reason"])
        for r in outcome.decisions.exclusions
    )
    return {"cohort": cohort, "exclusions": exclusions}


@pytest.fixture
def run(tmp_path: Path):
    """Write a hand-built store and find its cohort (Sept–Dec 2023, home LA 840 by default)."""
    counter = iter(range(1000))

    def _run(store: Store, period=PERIOD, home_la: str | None = "840") -> CohortOutcome:
        path = store.write(tmp_path / f"store{next(counter)}.duckdb")
        return find_cohort(path, CohortParameters(period[0], period[1], home_la))

    return _run

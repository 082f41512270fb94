"""On ``maca synth`` data the profile equals the planted truth, for every group and band, in
both input forms; and what is published follows from the truth by the small-number rule."""

from __future__ import annotations

import json

import pytest

from maca.cohort.finder import find_cohort
from maca.profile import profile_store, read_profile
from maca.profile.contract import GROUP_KEYS, MEASURES
from maca.synth.compare import compare_profile_with_truth
from tests.profile.builders import PARAMETERS, read_csv


@pytest.fixture(params=["ssd", "returns"])
def synthetic(request):
    return request.getfixturevalue(f"synthetic_{request.param}")


def test_profile_equals_the_planted_truth(synthetic):
    outcome = profile_store(synthetic.store, PARAMETERS)
    assert compare_profile_with_truth(outcome.facts, outcome.counts, synthetic.truth) == []
    assert all(outcome.counts.children[g] >= 5 for g in GROUP_KEYS)


def test_every_band_the_truth_plants_is_tested(synthetic_ssd):
    """The planted scenarios reach every category: the comparison is not of empty tables."""
    counts = read_csv(synthetic_ssd.truth / "profile_counts.csv")
    present = {(r["measure"], r["category"]) for r in counts if int(r["children"]) > 0}
    every = {(m.key, c) for m in MEASURES for c in m.category_keys}
    # The synthetic police log always records an outcome (tests/synth): not_recorded is tested
    # on a hand-built store (test_rows.py).
    missing = every - present - {("outcome", "not_recorded")}
    assert not missing, sorted(missing)


def test_the_profile_splits_the_cohort_it_is_of(synthetic_ssd):
    """The two unknown groups are the cohort (by age), their sibling groups are the cohort's."""
    outcome = profile_store(synthetic_ssd.store, PARAMETERS)
    cohort = find_cohort(synthetic_ssd.store, PARAMETERS).decisions.cohort
    scope = json.loads((synthetic_ssd.cohort / "scope.json").read_text())
    counts = outcome.counts
    assert counts.children["unknown_first_1001_days"] == scope["in_first_1001_days"]
    assert counts.children["unknown_over_two"] == scope["children"] - scope["in_first_1001_days"]
    grouped = sum(counts.count("family", g, "sibling_group") for g in GROUP_KEYS[:2])
    assert grouped == scope["with_sibling_group"]
    in_1001 = counts.count("family", "unknown_first_1001_days", "sibling_group")
    assert in_1001 == scope["in_first_1001_days_with_sibling_group"]
    moved = sum(counts.count("moves", g, "moved_in") for g in GROUP_KEYS[:2])
    assert moved == sum(r["moved_in"] == "true" for r in cohort)
    open_children = {
        r["pers_person_id"]
        for r in find_cohort(synthetic_ssd.store, PARAMETERS).decisions.exclusions
        if r["reason"] == "open_to_csc"
    } - {r["pers_person_id"] for r in cohort}
    assert counts.children["open_to_csc"] == len(open_children)


def test_published_cells_follow_the_truth(synthetic_ssd):
    """A shown count is the true one; a small one is 1 to 4 in truth; nothing else is hidden
    but what the secondary rule withholds."""
    document = profile_store(synthetic_ssd.store, PARAMETERS).document
    profile = read_profile(json.dumps(document))
    truth = {
        (r["profile_group"], r["measure"], r["category"]): int(r["children"])
        for r in read_csv(synthetic_ssd.truth / "profile_counts.csv")
    }
    statuses = set()
    for measure in profile.measures:
        for row in measure.rows:
            for group, cell in row.cells.items():
                true = truth[(group, measure.key, row.category)]
                statuses.add(cell.status)
                if cell.status == "shown":
                    assert cell.count == true
                elif cell.status == "small":
                    assert 0 < true < 5
    assert statuses == {"shown", "small", "withheld"}

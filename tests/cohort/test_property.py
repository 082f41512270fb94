"""The query against a brute-force reading of the spec, on random small datasets."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings

from tests.cohort.builders import CLOCK_CHANGE_PERIOD as PERIOD
from tests.cohort.builders import datasets, dedupe_links
from tests.cohort.oracle import comparable, oracle


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(store=datasets())
def test_query_agrees_with_the_spec_read_naively(store, run):
    store = dedupe_links(store)
    expected = oracle(store.rows, *PERIOD, "840")
    for reason in {r[3] for r in expected["exclusions"]}:
        event(f"excluded: {reason}")
    event(f"cohort children: {min(len(expected['cohort']), 3)}")
    for flag in ("known_historically", "sibling_known", "recent_closure", "moved_in"):
        if any(row[flag] for row in expected["cohort"]):
            event(f"flag: {flag}")
    outcome = run(store, PERIOD)
    assert comparable(outcome) == expected
    # every police row: the first ref of a cohort row or exactly one exclusions row
    placed = [r["pp_refs"].split(";")[0] for r in outcome.decisions.cohort if r["pp_refs"]]
    placed += [r["pp_refs"].split(";")[0] for r in outcome.decisions.exclusions if r["pp_refs"]]
    assert sorted(placed) == sorted(r["pp_ref"] for r in store.rows["police_protection"])

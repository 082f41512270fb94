"""The profile's facts on hand-built stores, at the edges the synthetic data do not reach."""

from __future__ import annotations

from maca.profile import profile_store
from tests.cohort.store import Store
from tests.profile.builders import PARAMETERS


def _facts(tmp_path, store: Store) -> list[dict]:
    facts = profile_store(store.write(tmp_path / "store.duckdb"), PARAMETERS).facts
    return [dict(zip(facts, row, strict=True)) for row in zip(*facts.values(), strict=True)]


def test_outcome_not_recorded_and_csc_only_events(tmp_path):
    s = Store()
    s.person("A", "2023-01-10")
    s.police("PP1", "A", "2023-10-01 09:30", outcome=None)
    s.person("B", "2022-01-01")
    s.legal_status("B", "2023-11-05")  # an L1 spell with no police row: csc_only
    rows = {r["person_id"]: r for r in _facts(tmp_path, s)}
    assert rows["A"]["outcome"] == "not_recorded"
    assert (rows["A"]["time_of_day"], rows["A"]["day_of_week"]) == ("morning", "sunday")
    assert rows["B"]["outcome"] == rows["B"]["time_of_day"] == "not_in_police_log"
    assert rows["B"]["day_of_week"] == "not_in_police_log"


def test_a_repeat_removal_while_open_counts_once_in_the_cohort(tmp_path):
    s = Store()
    s.person("A", "2020-05-01")
    s.person("B", "2019-05-01")
    s.police("PP1", "A", "2023-09-10 10:00")
    s.cla("A", "2023-09-10")  # looked after from the removal: open at the next one
    s.police("PP2", "A", "2023-10-10 10:00")
    s.cin("B", "2023-06-01")
    s.police("PP3", "B", "2023-09-20 10:00")
    s.police("PP4", "B", "2023-10-20 10:00")  # B's second open removal: counted once
    rows = _facts(tmp_path, s)
    assert sorted((r["person_id"], r["profile_group"], r["lead_ref"]) for r in rows) == [
        ("A", "unknown_over_two", "PP1"),
        ("B", "open_to_csc", "PP3"),
    ]


def test_what_starts_on_the_day_is_not_earlier_involvement(tmp_path):
    s = Store()
    s.person("A", "2023-08-01")
    s.contact("A", "2023-09-15", "6")
    s.cin("A", "2023-09-15")
    s.early_help("A", "2023-07-20", "2023-08-30")  # started before birth, ended 16 days before
    s.police("PP1", "A", "2023-09-15 22:00")
    (row,) = _facts(tmp_path, s)
    assert row["earlier_involvement__contact"] == row["earlier_involvement__cin"] == 0
    assert row["earlier_involvement__early_help"] == 1
    assert row["before_birth__before_birth"] == 1
    assert row["time_since_involvement"] == "under_3_months"
    assert row["age_at_removal"] == "1_to_3_months"

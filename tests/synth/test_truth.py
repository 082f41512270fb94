"""The planted truth agrees with the records written, read by an independent plain reading of
the cohort rules (tests/synth/reference.py), and the background cannot disturb it."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from maca.synth import generate
from maca.synth.planted.builder import PLANTED_BASE

from .reference import Records, d, family_components, load, second_birthday


@pytest.fixture(scope="module")
def data(ssd_dir):
    tables = load(ssd_dir)
    truth = pd.read_csv(ssd_dir / "truth" / "children.csv", dtype=str, keep_default_na=False)
    excl = pd.read_csv(ssd_dir / "truth" / "exclusions.csv", dtype=str, keep_default_na=False)
    scope = json.loads((ssd_dir / "truth" / "scope.json").read_text())
    return tables, truth, excl, scope, Records(tables, "840")


def test_every_cohort_child_is_unknown_and_flags_follow_the_records(data):
    tables, truth, _, _, rec = data
    people = tables["ssd_person"].set_index("pers_person_id")
    police = tables["police_protection"].set_index("pp_ref")
    for row in truth.itertuples():
        pid, r = row.pers_person_id, d(row.removal_date)
        dob = d(people.loc[pid, "pers_dob"])
        refs = [x for x in row.pp_refs.split(";") if x]
        if refs:
            assert police.loc[refs[0], "pp_start"][:10] == row.removal_date, row.scenario
            assert set(police.loc[refs, "pers_person_id"]) == {pid}
        else:
            legal = tables["ssd_legal_status"]
            assert (
                (legal.lega_person_id == pid)
                & (legal.lega_legal_status == "L1")
                & (legal.lega_legal_status_start_date == row.removal_date)
            ).any()
        assert not rec.open_at(pid, r), row.scenario
        assert row.age_days == str((r - dob).days)
        assert row.day_of_1001 == str((r - dob).days + 271)
        assert (row.in_first_1001_days == "true") == (r < second_birthday(dob)), row.scenario
        kinds = ";".join(sorted(rec.history(pid, r)))
        assert row.history_kinds == kinds, row.scenario
        assert (row.known_historically == "true") == bool(kinds)
        assert (row.sibling_known == "true") == rec.sibling_known(pid, r), row.scenario
        assert (row.recent_closure == "true") == rec.recent_closure(pid, r), row.scenario
        assert (row.moved_in == "true") == rec.moved_in(pid, r), row.scenario
        assert (row.post_removal_involvement == "true") == rec.post_removal(pid, r), row.scenario


def test_open_to_csc_exclusions_have_an_open_record(data):
    tables, _, excl, _, rec = data
    police = tables["police_protection"].set_index("pp_ref")
    opened = excl[excl.reason == "open_to_csc"]
    assert len(opened) >= 5
    for row in opened.itertuples():
        r = d(police.loc[row.pp_refs.split(";")[0], "pp_start"][:10])
        assert rec.open_at(row.pers_person_id, r), row.scenario


def test_every_police_row_is_accounted_for_once(data):
    tables, truth, excl, _, _ = data
    refs = set(tables["police_protection"].pp_ref)
    first_refs = [x.split(";")[0] for x in truth.pp_refs if x]
    excluded_first = [
        x.split(";")[0]
        for x, reason in zip(excl.pp_refs, excl.reason, strict=True)
        if x and reason != "merged_duplicate"
    ]
    merged = [
        x
        for x, reason in zip(excl.pp_refs, excl.reason, strict=True)
        if reason == "merged_duplicate"
    ]
    accounted = first_refs + excluded_first + merged
    assert sorted(accounted) == sorted(refs)


def test_background_keeps_clear_of_the_audit_period(data):
    tables, _, _, scope, _ = data
    start = dt.date.fromisoformat(scope["period"]["from"]) - dt.timedelta(days=7)
    end = dt.date.fromisoformat(scope["period"]["to"]) + dt.timedelta(days=7)
    police = tables["police_protection"]
    day = pd.to_datetime(police.pp_start).dt.date
    near = police[(day >= start) & (day <= end)]
    assert len(near) > 20
    assert near.pp_ref.str.startswith("PP9").all()
    legal = tables["ssd_legal_status"]
    l1 = legal[legal.lega_legal_status == "L1"]
    l1_day = pd.to_datetime(l1.lega_legal_status_start_date).dt.date
    planted = l1.lega_person_id.astype(int) > PLANTED_BASE
    assert planted[(l1_day >= start) & (l1_day <= end)].all()


def test_families_are_the_transitive_link_groups(data):
    _, truth, _, scope, rec = data
    component = family_components(rec, set(truth.pers_person_id))
    by_key = truth.groupby("family_key").pers_person_id.apply(lambda s: {component[p] for p in s})
    assert all(len(c) == 1 for c in by_key)  # one key, one link group
    assert truth.pers_person_id.map(component).nunique() == truth.family_key.nunique()
    assert scope["families"] == truth.family_key.nunique()
    chain = truth[truth.scenario.str.startswith("family_chain")]
    assert len(chain) == 3 and chain.has_sibling_group.eq("true").all()


def test_scope_counts_match_the_children_list(data):
    _, truth, excl, scope, _ = data
    assert scope["children"] == len(truth)
    for flag in ("known_historically", "sibling_known", "recent_closure", "moved_in"):
        assert scope[flag] == (truth[flag] == "true").sum()
    first = truth.in_first_1001_days == "true"
    assert scope["in_first_1001_days"] == first.sum()
    grouped = truth.has_sibling_group == "true"
    assert scope["in_first_1001_days_with_sibling_group"] == (first & grouped).sum() >= 1
    assert scope["pp_considered_s20"] == (truth.removal_kind == "pp_considered_s20").sum() >= 2
    assert sum(scope["excluded"].values()) == len(excl)
    assert all(scope["excluded"][reason] >= 1 for reason in scope["excluded"])


def test_boundary_scenarios_are_planted_as_named(data):
    _, truth, excl, _, _ = data
    by = {s.split("#")[0]: row for s, row in zip(truth.scenario, truth.itertuples(), strict=True)}
    assert by["second_birthday_on_day"].in_first_1001_days == "false"
    assert by["second_birthday_on_day"].day_of_1001 in ("1001", "1002")
    assert by["day_before_second_birthday"].in_first_1001_days == "true"
    assert by["recent_closure_180"].recent_closure == "true"
    assert by["recent_closure_181"].recent_closure == "false"
    assert by["moved_in_365"].moved_in == "true" and by["moved_in_366"].moved_in == "false"
    assert by["csc_only_l1"].source == "csc_only" and by["csc_only_l1"].pp_refs == ""
    assert len(by["merged_within_72h"].pp_refs.split(";")) == 2
    reasons = excl.groupby(excl.scenario.str.split("#").str[0]).reason.apply(set)
    assert reasons["cin_closed_on_removal"] == {"open_to_csc"}
    assert reasons["over_72h_repeat"] == {"repeat_removal"}
    assert reasons["merge_anchored_on_earliest"] == {"merged_duplicate", "repeat_removal"}
    assert reasons["removal_before_birth"] == {"data_error"}


def test_leap_day_second_birthday_is_planted_when_the_period_holds_it(tmp_path):
    generate(
        tmp_path / "leap",
        seed=4,
        families=50,
        period_from=dt.date(2022, 1, 1),
        period_to=dt.date(2022, 4, 30),
    )
    truth = pd.read_csv(tmp_path / "leap" / "truth" / "children.csv", dtype=str)
    leap = truth[truth.scenario.str.startswith("leap_second_birthday")]
    assert set(zip(leap.removal_date, leap.in_first_1001_days, strict=True)) == {
        ("2022-03-01", "false"),
        ("2022-02-28", "true"),
    }


def test_truth_holds_for_another_home_la(tmp_path):
    out = tmp_path / "841"
    generate(out, seed=9, families=100, home_la="841")
    truth = pd.read_csv(out / "truth" / "children.csv", dtype=str, keep_default_na=False)
    rec = Records(load(out), "841")
    for row in truth.itertuples():
        r = d(row.removal_date)
        assert (row.moved_in == "true") == rec.moved_in(row.pers_person_id, r), row.scenario
    assert (truth.moved_in == "true").sum() == 5

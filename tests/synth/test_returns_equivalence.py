"""``--format returns`` carries the same facts as ``--format ssd`` for the same seed, so that both
give the same cohort. Read here with a plain mini-reader: later returns win."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from lxml import etree

from .reference import load

SAME_FILES = (
    "ssd_family.csv",
    "ssd_mother.csv",
    "ssd_address.csv",
    "ssd_contacts.csv",
    "ssd_early_help_episodes.csv",
    "police_protection.csv",
    "truth/children.csv",
    "truth/exclusions.csv",
)


def iso(uk: str) -> str:
    return dt.datetime.strptime(uk, "%d/%m/%Y").date().isoformat() if uk else ""


def census(folder):
    """Latest census wins per person, per CIN episode and per CP plan."""
    people, episodes, plans = {}, {}, {}
    for path in sorted(folder.glob("cin_census_*.xml")):
        for child in etree.parse(str(path)).getroot().iter("Child"):
            ids = child.find("ChildIdentifiers")
            pid = ids.findtext("LAchildID")
            people[pid] = (
                ids.findtext("PersonBirthDate") or "",
                ids.findtext("ExpectedPersonBirthDate") or "",
            )
            for det in child.iter("CINdetails"):
                referral = det.findtext("CINreferralDate")
                episodes[(pid, referral)] = (
                    det.findtext("ReferralSource"),
                    det.findtext("CINclosureDate") or "",
                    det.findtext("ReasonForClosure") or "",
                    "true" if det.findtext("ReferralNFA") == "1" else "false",
                )
                for plan in det.iter("ChildProtectionPlans"):
                    plans[(pid, plan.findtext("CPPstartDate"))] = plan.findtext("CPPendDate") or ""
    return people, episodes, plans


def ssda903(folder):
    people, episodes = {}, {}
    for year in range(2019, 2026):
        for r in load_one(folder / f"ssda903_header_{year}.csv").itertuples():
            people[r.CHILD] = (iso(r.DOB), "")
        for r in load_one(folder / f"ssda903_episodes_{year}.csv").itertuples():
            episodes[(r.CHILD, iso(r.DECOM))] = (r.RNE, r.LS, iso(r.DEC), r.REC)
    return people, episodes


def load_one(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_tables_without_a_return_and_the_truth_are_identical(ssd_dir, returns_dir):
    for name in SAME_FILES:
        assert (ssd_dir / name).read_bytes() == (returns_dir / name).read_bytes(), name


def test_cin_episodes_and_plans_are_the_same_facts(ssd_dir, returns_dir):
    ssd = load(ssd_dir)
    _, episodes, plans = census(returns_dir)
    expected = {
        (r.cine_person_id, r.cine_referral_date): (
            r.cine_referral_source_code,
            r.cine_close_date,
            r.cine_close_reason,
            r.cine_referral_nfa,
        )
        for r in ssd["ssd_cin_episodes"].itertuples()
    }
    assert episodes == expected
    cp = ssd["ssd_cp_plans"]
    own = cp[cp.cppl_cp_plan_ola == "N"]
    assert plans == {
        (r.cppl_person_id, r.cppl_cp_plan_start_date): r.cppl_cp_plan_end_date
        for r in own.itertuples()
    }
    other_la = load_one(returns_dir / "ssd_cp_plans.csv")
    pd.testing.assert_frame_equal(
        other_la.reset_index(drop=True), cp[cp.cppl_cp_plan_ola == "Y"].reset_index(drop=True)
    )


def test_care_episodes_are_the_same_facts(ssd_dir, returns_dir):
    ssd = load(ssd_dir)
    _, episodes = ssda903(returns_dir)
    cla = ssd["ssd_cla_episodes"].merge(
        ssd["ssd_legal_status"], left_on="clae_cla_episode_id", right_on="lega_legal_status_id"
    )
    expected = {
        (r.clae_person_id, r.clae_cla_episode_start_date): (
            r.clae_cla_episode_start_reason,
            r.lega_legal_status,
            r.clae_cla_episode_ceased_date,
            r.clae_cla_episode_ceased_reason,
        )
        for r in cla.itertuples()
    }
    assert episodes == expected


def test_people_are_the_same_facts(ssd_dir, returns_dir):
    cin_people, _, _ = census(returns_dir)
    care_people, _ = ssda903(returns_dir)
    found = dict(cin_people)
    found.update(care_people)  # a 903 header always has the date of birth
    extra = load_one(returns_dir / "ssd_person.csv")
    found.update({r.pers_person_id: (r.pers_dob, r.pers_expected_dob) for r in extra.itertuples()})
    people = load_one(ssd_dir / "ssd_person.csv")
    expected = {r.pers_person_id: (r.pers_dob, r.pers_expected_dob) for r in people.itertuples()}
    assert found == expected

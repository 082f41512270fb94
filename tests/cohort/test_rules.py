"""Each rule of shared/spec/cohort.md and each of its boundaries, on minimal hand-built data."""

from __future__ import annotations

from datetime import date

import pytest

from tests.cohort.store import Store


def child(s: Store, pid: str = "A", dob: str = "2023-01-15") -> str:
    return s.person(pid, dob)


def cohort_row(outcome, pid: str = "A") -> dict:
    rows = [r for r in outcome.decisions.cohort if r["pers_person_id"] == pid]
    assert len(rows) == 1, outcome.decisions.exclusions
    return rows[0]


def exclusion(outcome, ref: str) -> dict:
    rows = [r for r in outcome.decisions.exclusions if r["pp_refs"].split(";")[0] == ref]
    assert len(rows) == 1, outcome.decisions.exclusions
    return rows[0]


def in_cohort(outcome, pid: str = "A") -> bool:
    return any(r["pers_person_id"] == pid for r in outcome.decisions.cohort)


# Rule 1: removal events -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "outcome_", "kind"),
    [
        ("invoked", "returned_home", "pp_invoked"),
        ("invoked", "s20_agreed", "pp_invoked"),
        ("considered", "s20_agreed", "pp_considered_s20"),
    ],
)
def test_removal_events_are_invoked_or_considered_with_s20(run, status, outcome_, kind):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00", status, outcome_)
    assert cohort_row(run(s))["removal_kind"] == kind


def test_considered_without_s20_is_not_a_removal_event(run):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00", "considered", "returned_home")
    out = run(s)
    assert out.decisions.cohort == []
    assert exclusion(out, "PP1")["reason"] == "not_a_removal_event"


@pytest.mark.parametrize("person", [None, "", "  "])
def test_unlinked_police_rows_are_reported_never_dropped(run, person):
    s = Store()
    s.police("PP1", person, "2023-10-01 10:00", "considered", "returned_home")
    out = run(s)
    assert exclusion(out, "PP1")["reason"] == "unlinked"  # unlinked comes first in precedence
    assert out.scope["excluded"]["unlinked"] == 1


def test_unmatched_l1_spell_is_a_csc_only_event(run):
    s = Store()
    child(s)
    spell = s.legal_status("A", "2023-10-05")
    row = cohort_row(run(s))
    assert (row["source"], row["removal_kind"], row["pp_refs"]) == ("csc_only", "pp_invoked", "")
    assert (row["removal_date"], row["l1_refs"]) == ("2023-10-05", spell)


@pytest.mark.parametrize(
    ("l1_start", "source", "removal"),
    [
        # the day before: no match, but its midnight start is within 72 hours: one event
        ("2023-09-30", "both", "2023-09-30"),
        ("2023-10-01", "both", "2023-10-01"),
        ("2023-10-04", "both", "2023-10-01"),  # up to 3 days after
        ("2023-10-05", "police", "2023-10-01"),  # 4 days after: its own (repeat) event
    ],
)
def test_l1_spell_matches_a_police_row_on_its_date_or_up_to_3_days_after(
    run, l1_start, source, removal
):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00")
    s.legal_status("A", l1_start)
    out = run(s)
    assert (cohort_row(out)["source"], cohort_row(out)["removal_date"]) == (source, removal)
    repeats = [r for r in out.decisions.exclusions if r["reason"] == "repeat_removal"]
    assert len(repeats) == (1 if l1_start == "2023-10-05" else 0)


def test_l1_spell_never_matches_a_row_that_is_not_a_removal_event(run):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00", "considered", "returned_home")
    s.legal_status("A", "2023-10-01")
    out = run(s)
    assert cohort_row(out)["source"] == "csc_only"
    assert exclusion(out, "PP1")["reason"] == "not_a_removal_event"


def test_non_l1_legal_status_is_no_event(run):
    s = Store()
    child(s)
    s.legal_status("A", "2023-10-01", code="V2")
    assert run(s).decisions.cohort == []


def test_csc_only_events_outside_the_period_are_listed_nowhere(run):
    s = Store()
    child(s)
    s.legal_status("A", "2023-08-31")
    out = run(s)
    assert out.decisions.cohort == [] and out.decisions.exclusions == []


# Merging within 72 hours --------------------------------------------------------------------


def test_rows_within_72_hours_are_one_event_on_the_earliest(run):
    s = Store()
    child(s)
    s.police("PP2", "A", "2023-10-03 09:00", "considered", "s20_agreed")
    s.police("PP1", "A", "2023-10-01 10:00", "considered", "s20_agreed")
    out = run(s)
    row = cohort_row(out)
    assert (row["removal_date"], row["pp_refs"]) == ("2023-10-01", "PP1;PP2")
    assert row["removal_kind"] == "pp_considered_s20"
    merged = exclusion(out, "PP2")
    assert merged["reason"] == "merged_duplicate" and "PP1" in merged["detail"]


def test_a_merged_event_is_invoked_if_any_row_is(run):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00", "considered", "s20_agreed")
    s.police("PP2", "A", "2023-10-02 10:00", "invoked", "epo")
    assert cohort_row(run(s))["removal_kind"] == "pp_invoked"


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        ("2023-10-04 10:00", True),  # exactly 72 hours
        ("2023-10-04 10:01", False),
    ],
)
def test_72_hours_boundary(run, second, merged):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00")
    s.police("PP2", "A", second)
    out = run(s)
    assert exclusion(out, "PP2")["reason"] == ("merged_duplicate" if merged else "repeat_removal")


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        # clocks go back on 29 October 2023: 71 wall-clock hours are 72 elapsed
        ("2023-10-28 12:00", "2023-10-31 11:00", True),
        ("2023-10-28 12:00", "2023-10-31 11:30", False),
        # clocks go forward on 26 March 2023: 73 wall-clock hours are 72 elapsed
        ("2023-03-25 12:00", "2023-03-28 13:00", True),
        ("2023-03-25 12:00", "2023-03-28 13:30", False),
    ],
)
def test_72_hours_are_elapsed_time_across_clock_changes(run, first, second, merged):
    s = Store()
    child(s)
    s.police("PP1", "A", first)
    s.police("PP2", "A", second)
    out = run(s, period=(date(2023, 1, 1), date(2023, 12, 31)))
    assert exclusion(out, "PP2")["reason"] == ("merged_duplicate" if merged else "repeat_removal")


def test_merging_is_anchored_on_the_earliest_event_not_chained(run):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00")
    s.police("PP2", "A", "2023-10-03 10:00")  # 48 h after PP1: joins it
    s.police("PP3", "A", "2023-10-05 10:00")  # 96 h after PP1 (48 after PP2): a new event
    s.police("PP4", "A", "2023-10-07 09:00")  # 47 h after PP3: joins PP3
    out = run(s)
    assert cohort_row(out)["pp_refs"] == "PP1;PP2"
    assert exclusion(out, "PP2")["reason"] == "merged_duplicate"
    assert exclusion(out, "PP3")["reason"] == "repeat_removal"
    assert exclusion(out, "PP3")["pp_refs"] == "PP3;PP4"
    assert exclusion(out, "PP4")["reason"] == "merged_duplicate"


def test_a_csc_only_spell_can_anchor_an_event_police_rows_join(run):
    s = Store()
    child(s)
    s.legal_status("A", "2023-10-01")  # midnight; the police row is 4 days after: no match
    s.police("PP1", "A", "2023-10-03 23:00")  # but it starts 71 hours after the spell
    out = run(s)
    row = cohort_row(out)
    assert (row["removal_date"], row["source"], row["pp_refs"]) == ("2023-10-01", "both", "PP1")
    assert out.decisions.exclusions == []  # PP1 is the cohort row's first ref


def test_merged_rows_are_merged_duplicates_even_outside_the_period(run):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-08-31 20:00")
    s.police("PP2", "A", "2023-09-01 08:00")
    out = run(s)
    assert exclusion(out, "PP1")["reason"] == "outside_period"
    assert exclusion(out, "PP2")["reason"] == "merged_duplicate"


# Rules 2 and 3: removal date and audit period ---------------------------------------------


@pytest.mark.parametrize(
    ("start", "inside"),
    [
        ("2023-08-31 23:59", False),
        ("2023-09-01 00:00", True),
        ("2023-12-31 23:59", True),
        ("2024-01-01 00:00", False),
    ],
)
def test_period_is_inclusive_on_the_local_date(run, start, inside):
    s = Store()
    child(s)
    s.police("PP1", "A", start)
    out = run(s)
    assert in_cohort(out) is inside
    if not inside:
        assert exclusion(out, "PP1")["reason"] == "outside_period"


# Rule 4: age, the first 1001 days, data errors ---------------------------------------------


@pytest.mark.parametrize(
    ("dob", "removal", "within", "age", "day"),
    [
        ("2021-10-01", "2023-09-30", True, 729, 1000),
        ("2021-10-01", "2023-10-01", False, 730, 1001),  # the 2nd birthday itself is not within
        ("2021-02-28", "2023-02-27", True, 729, 1000),
        ("2020-02-29", "2022-02-28", True, 730, 1001),  # born 29 Feb: 2nd birthday is 1 March
        ("2020-02-29", "2022-03-01", False, 731, 1002),
        ("2023-09-10", "2023-09-10", True, 0, 271),  # removal on the day of birth
    ],
)
def test_first_1001_days_by_the_birthday_rule(run, dob, removal, within, age, day):
    s = Store()
    child(s, dob=dob)
    s.police("PP1", "A", f"{removal} 10:00")
    out = run(s, period=(date(2022, 1, 1), date(2023, 12, 31)))
    row = cohort_row(out)
    assert row["in_first_1001_days"] == ("true" if within else "false")
    assert (row["age_days"], row["day_of_1001"]) == (age, day)


@pytest.mark.parametrize(
    ("setup", "text"),
    [
        (lambda s: s.person("A", "2023-10-02"), "before the date of birth"),
        (lambda s: s.person("A", None, expected="2023-09-01"), "no date of birth"),
        (lambda s: None, "no person record"),
    ],
)
def test_data_errors_are_excluded_never_guessed(run, setup, text):
    s = Store()
    setup(s)
    s.police("PP1", "A", "2023-10-01 10:00")
    out = run(s)
    row = exclusion(out, "PP1")
    assert row["reason"] == "data_error" and text in row["detail"]


def test_data_error_of_a_csc_only_event_has_empty_pp_refs(run):
    s = Store()
    s.legal_status("A", "2023-10-01")
    out = run(s)
    assert [(r["pp_refs"], r["reason"]) for r in out.decisions.exclusions] == [("", "data_error")]


# Rules 5 and 6: open to CSC at removal -----------------------------------------------------


def _removal_on_1_october(s: Store) -> None:
    child(s)
    s.police("PP1", "A", "2023-10-01 10:00")


@pytest.mark.parametrize("kind", ["cin", "cp", "cla"])
@pytest.mark.parametrize(
    ("start", "end", "open_"),
    [
        ("2023-09-30", None, True),
        ("2023-09-01", "2023-10-01", True),  # closed on the day: still open at removal
        ("2023-09-01", "2023-09-30", False),  # closed the day before
        ("2023-10-01", None, False),  # same-day referral: a consequence, not knowledge
    ],
)
def test_open_to_csc_at_removal(run, kind, start, end, open_):
    s = Store()
    _removal_on_1_october(s)
    record = getattr(s, kind)("A", start, end)
    out = run(s)
    if open_:
        row = exclusion(out, "PP1")
        assert row["reason"] == "open_to_csc"
        assert record in row["detail"] and start in row["detail"]
    else:
        assert in_cohort(out)


def test_same_day_referral_is_post_removal_involvement(run):
    s = Store()
    _removal_on_1_october(s)
    s.cin("A", "2023-10-01")
    s.cla("A", "2023-10-02")
    assert cohort_row(run(s))["post_removal_involvement"] == "true"


def test_early_help_and_contacts_never_make_a_child_open(run):
    s = Store()
    _removal_on_1_october(s)
    s.early_help("A", "2023-06-01")
    s.contact("A", "2023-09-30")
    row = cohort_row(run(s))
    assert row["known_historically"] == "true" and row["history_kinds"] == "contact"


def test_another_las_cp_plan_never_makes_a_child_open(run):
    s = Store()
    _removal_on_1_october(s)
    s.cp("A", "2023-08-01", ola=True)
    row = cohort_row(run(s))
    assert row["history_kinds"] == "cp" and row["moved_in"] == "true"


# Rule 7: known historically ----------------------------------------------------------------


def test_history_kinds_with_latest_end_and_days_before(run):
    s = Store()
    child(s, dob="2021-01-01")
    s.police("PP1", "A", "2023-10-01 10:00")
    s.contact("A", "2022-01-01")
    s.early_help("A", "2022-02-01", "2022-03-01")
    s.cin("A", "2021-05-01", "2021-06-01")
    s.cin("A", "2022-05-01", "2022-09-30")
    s.cp("A", "2022-05-01", "2022-08-01")
    s.cla("A", "2022-05-01", "2022-06-01")
    row = cohort_row(run(s))
    assert row["history_kinds"] == "cin;cla;contact;cp;early_help"
    assert "cin: 2 ended, latest 2022-09-30 (366 days before)" in row["history_detail"]


def test_pre_birth_records_under_the_childs_id_count(run):
    s = Store()
    child(s, dob="2023-05-01")
    s.police("PP1", "A", "2023-10-01 10:00")
    s.cin("A", "2023-02-01", "2023-04-20")  # pre-birth assessment
    assert cohort_row(run(s))["history_kinds"] == "cin"


def test_open_early_help_is_neither_open_nor_history(run):
    s = Store()
    _removal_on_1_october(s)
    s.early_help("A", "2023-06-01")
    assert cohort_row(run(s))["known_historically"] == "false"


# Rule 8: siblings known --------------------------------------------------------------------


def test_sibling_known_through_family_and_mother(run):
    s = Store()
    _removal_on_1_october(s)
    s.person("B", "2015-01-01")
    s.person("C", "2016-01-01")
    s.family("F1", "A", "B")
    s.mother("M1", "A", "C")
    s.contact("B", "2020-01-01")
    s.cla("C", "2019-01-01")
    s.cin("C", "2023-10-01")  # starts on the removal date: not before
    row = cohort_row(run(s))
    assert row["sibling_known"] == "true"
    assert row["sibling_detail"] == "C001-S1 (B): contact; C001-S2 (C): cla"


def test_sibling_records_must_start_before_the_removal_date(run):
    s = Store()
    _removal_on_1_october(s)
    s.family("F1", "A", "B")
    s.cin("B", "2023-10-01")
    assert cohort_row(run(s))["sibling_known"] == "false"


def test_siblings_are_direct_links_only(run):
    s = Store()
    _removal_on_1_october(s)
    s.family("F1", "A", "B")
    s.family("F2", "B", "C")  # C is B's family, not A's
    s.contact("C", "2020-01-01")
    assert cohort_row(run(s))["sibling_known"] == "false"


def test_the_mother_herself_is_not_a_sibling(run):
    s = Store()
    _removal_on_1_october(s)
    s.mother("M1", "A")
    s.cin("M1", "2010-01-01", "2011-01-01")
    assert cohort_row(run(s))["sibling_known"] == "false"


# Rule 9: recent closure --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closed", "recent"),
    [
        ("2023-09-30", True),  # 1 day before
        ("2023-04-04", True),  # 180 days before
        ("2023-04-03", False),  # 181 days before
    ],
)
@pytest.mark.parametrize("whose", ["A", "B"])
def test_recent_closure_of_the_child_or_a_sibling(run, closed, recent, whose):
    s = Store()
    _removal_on_1_october(s)
    s.mother("M1", "A", "B")
    s.cin(whose, "2023-01-01", closed)
    row = cohort_row(run(s))
    assert row["recent_closure"] == ("true" if recent else "false")


def test_a_cin_closing_on_the_removal_date_is_open_not_recent(run):
    s = Store()
    _removal_on_1_october(s)
    s.mother("M1", "A", "B")
    s.cin("B", "2023-01-01", "2023-10-01")
    assert cohort_row(run(s))["recent_closure"] == "false"


# Rule 10: moved in -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moved_on", "moved"),
    [
        ("2023-09-30", True),
        ("2022-10-01", True),  # 365 days before
        ("2022-09-30", False),  # 366 days before
        ("2023-10-01", False),  # on the removal date: not before
    ],
)
def test_move_from_another_la_into_home_la(run, moved_on, moved):
    s = Store()
    _removal_on_1_october(s)
    s.address("A", "2021-01-01", "841")
    s.address("A", moved_on, "840")
    row = cohort_row(run(s))
    assert row["moved_in"] == ("true" if moved else "false")
    assert row["moved_in_signals"] == ("address" if moved else "")


def test_moves_within_home_la_or_out_of_it_are_not_moving_in(run):
    s = Store()
    _removal_on_1_october(s)
    s.address("A", "2021-01-01", "840")
    s.address("A", "2023-05-01", "840")
    s.address("A", "2023-06-01", "841")
    assert cohort_row(run(s))["moved_in"] == "false"


def test_without_home_la_addresses_cannot_show_a_move(run):
    s = Store()
    _removal_on_1_october(s)
    s.address("A", "2021-01-01", "841")
    s.address("A", "2023-05-01", "840")
    assert cohort_row(run(s, home_la=None))["moved_in"] == "false"


@pytest.mark.parametrize(("whose", "kind"), [("A", "contact"), ("B", "contact"), ("B", "cin")])
def test_source_5c_contact_or_referral_of_child_or_sibling(run, whose, kind):
    s = Store()
    _removal_on_1_october(s)
    s.family("F1", "A", "B")
    if kind == "contact":
        s.contact(whose, "2023-03-01", source="5C")
    else:
        s.cin(whose, "2023-03-01", "2023-03-20", source="5C")
    row = cohort_row(run(s))
    assert (row["moved_in"], row["moved_in_signals"]) == ("true", "source_5C")


@pytest.mark.parametrize(
    ("start", "end", "moved"),
    [
        ("2020-01-01", None, True),
        ("2020-01-01", "2022-10-01", True),  # still open 365 days before
        ("2020-01-01", "2022-09-30", False),  # ended 366 days before
    ],
)
def test_other_la_cp_plan_open_within_the_year_before(run, start, end, moved):
    s = Store()
    _removal_on_1_october(s)
    s.cp("A", start, end, ola=True)
    row = cohort_row(run(s))
    assert row["moved_in"] == ("true" if moved else "false")
    assert row["history_kinds"] == "cp"  # history either way


# Reason precedence and repeat removals -----------------------------------------------------


def test_reason_precedence_outside_period_before_data_error(run):
    s = Store()
    s.police("PP1", "A", "2023-08-01 10:00")  # no person record, and outside the period
    assert exclusion(run(s), "PP1")["reason"] == "outside_period"


def test_reason_precedence_data_error_before_open_to_csc(run):
    s = Store()
    s.person("A", "2023-11-01")
    s.police("PP1", "A", "2023-10-01 10:00")
    s.cin("A", "2023-06-01")
    assert exclusion(run(s), "PP1")["reason"] == "data_error"


def test_repeat_removal_only_among_qualifying_events(run):
    s = Store()
    child(s)
    s.police("PP1", "A", "2023-09-10 10:00")
    s.police("PP2", "A", "2023-11-10 10:00")
    s.cin("A", "2023-10-01")
    s.police("PP3", "A", "2023-12-10 10:00")
    out = run(s)
    assert cohort_row(out)["pp_refs"] == "PP1"
    assert exclusion(out, "PP2")["reason"] == "open_to_csc"
    assert exclusion(out, "PP3")["reason"] == "open_to_csc"


def test_first_qualifying_event_defines_the_cohort_row(run):
    s = Store()
    child(s)
    s.cin("A", "2023-08-01", "2023-09-15")
    s.police("PP1", "A", "2023-09-10 10:00")  # open then
    s.police("PP2", "A", "2023-10-10 10:00")
    s.police("PP3", "A", "2023-11-10 10:00")
    out = run(s)
    assert cohort_row(out)["pp_refs"] == "PP2"
    assert exclusion(out, "PP3")["reason"] == "repeat_removal"
    assert "C001" in exclusion(out, "PP3")["detail"]


# Rules 11 and 12: families and sibling groups ----------------------------------------------


def test_families_chain_through_shared_mothers_and_family_ids(run):
    s = Store()
    for n, pid in enumerate(["A", "B", "C", "D", "E"]):
        s.person(pid, "2022-01-01")
        s.police(f"PP{n}", pid, f"2023-10-0{n + 1} 10:00")
    s.mother("M1", "A", "B")
    s.family("F9", "B", "C")  # A-B by mother, B-C by family: A, B, C are one family
    s.mother("M2", "D")
    s.family("F8", "E", "X")  # X is not in the cohort: E stays alone
    s.family("F7", "D", "X")  # through a non-cohort child: not a chain of cohort children
    out = run(s)
    families = {r["pers_person_id"]: r["family_ref"] for r in out.decisions.cohort}
    groups = {r["pers_person_id"]: r["has_sibling_group"] for r in out.decisions.cohort}
    assert families == {"A": "F01", "B": "F01", "C": "F01", "D": "F02", "E": "F03"}
    assert groups == {"A": "true", "B": "true", "C": "true", "D": "false", "E": "false"}
    assert out.scope["families"] == 3


def test_another_cohort_child_is_a_sibling_like_any_other(run):
    s = Store()
    s.person("A", "2022-01-01")
    s.person("B", "2022-01-01")
    s.police("PP1", "A", "2023-10-01 10:00")
    s.police("PP2", "B", "2023-10-20 10:00")
    s.mother("M1", "A", "B")
    s.cin("A", "2023-10-02")  # A's referral after its removal, before B's
    out = run(s)
    assert cohort_row(out, "B")["sibling_known"] == "true"
    assert cohort_row(out, "A")["sibling_known"] == "false"
    assert cohort_row(out, "B")["sibling_detail"] == "C001 (A): cin"


def test_case_refs_follow_removal_date(run):
    s = Store()
    s.person("A", "2022-01-01")
    s.person("B", "2022-01-01")
    s.police("PP1", "B", "2023-09-02 10:00")
    s.police("PP2", "A", "2023-09-03 10:00")
    out = run(s)
    assert [(r["case_ref"], r["pers_person_id"]) for r in out.decisions.cohort] == [
        ("C001", "B"),
        ("C002", "A"),
    ]

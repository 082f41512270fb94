"""The planted scenarios. Each takes a plan, a removal date ``r`` in the audit period and a seeded
generator, writes the records and states the outcome the cohort rules must give.

Reading guide: ``r - 1`` is the day before the removal; ``at(r, 14)`` is 14:00 on the removal date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from maca.synth.days import add_years, day, to_date
from maca.synth.planted.builder import Plan

Y = 365


def at(when: int, hour: int, minute: int = 0) -> int:
    return when * 1440 + hour * 60 + minute


def into_care(plan: Plan, pid: int, r: int, then: str = "C1") -> None:
    """What follows police protection into accommodation: an L1 spell, then care; a referral."""
    plan.care(pid, r, [("L1", 2), (then, None)])
    plan.cin(pid, r, None, source="6")


def removed(plan: Plan, pid: int, r: int, dob: int, hour: int = 14, **flags) -> str:
    """An ordinary unknown child removed into care on ``r``: a cohort row (source both)."""
    ref = plan.police(pid, at(r, hour), "invoked", "la_accommodation", hours=30)
    into_care(plan, pid, r)
    flags.setdefault("post_removal", True)
    plan.expect_child(pid, r, [ref], dob, **flags)
    return ref


def one_child(plan: Plan, r: int, dob: int) -> int:
    return plan.household(r, dob)[0]


# --- ordinary unknown children -------------------------------------------------------------------
def unknown_infant(plan: Plan, r: int, rng: np.random.Generator) -> None:
    dob = r - int(rng.integers(3, 360))
    removed(plan, one_child(plan, r, dob), r, dob)


def unknown_toddler(plan: Plan, r: int, rng) -> None:
    dob = r - int(rng.integers(Y + 10, 2 * Y - 10))
    removed(plan, one_child(plan, r, dob), r, dob)


def unknown_older(plan: Plan, r: int, rng) -> None:
    dob = r - int(rng.integers(3 * Y, 15 * Y))
    removed(plan, one_child(plan, r, dob), r, dob)


def returned_home(plan: Plan, r: int, rng) -> None:
    dob = r - 5 * Y
    pid = one_child(plan, r, dob)
    ref = plan.police(pid, at(r, 21), "invoked", "returned_home", hours=6)
    plan.expect_child(pid, r, [ref], dob, source="police")


def considered_s20(plan: Plan, r: int, rng) -> None:
    dob = r - 4 * Y
    pid = one_child(plan, r, dob)
    ref = plan.police(pid, at(r, 19), "considered", "s20_agreed", hours=None)
    plan.care(pid, r, [("V2", None)])
    plan.expect_child(
        pid, r, [ref], dob, kind="pp_considered_s20", source="police", post_removal=True
    )


def considered_not_s20(plan: Plan, r: int, rng) -> None:
    pid = one_child(plan, r, r - 6 * Y)
    ref = plan.police(pid, at(r, 11), "considered", "returned_home", hours=None)
    plan.expect_exclusion(pid, [ref], "not_a_removal_event")


# --- open to CSC at removal: the day before / on the day ----------------------------------------
def same_day_referral(plan: Plan, r: int, rng) -> None:
    dob = r - 3 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r, r + 40, source="3B")  # referred that morning: a consequence, not knowledge
    ref = plan.police(pid, at(r, 15), "invoked", "la_accommodation", hours=20)
    plan.care(pid, r, [("L1", 1), ("V2", 60)])
    plan.expect_child(pid, r, [ref], dob, post_removal=True)


def cin_closed_day_before(plan: Plan, r: int, rng) -> None:
    dob = r - 6 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 60, r - 1, source="2A")
    removed(plan, pid, r, dob, history=("cin",), recent_closure=True)


def cin_closed_on_removal(plan: Plan, r: int, rng) -> None:
    dob = r - 7 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 60, r, source="2A")
    ref = plan.police(pid, at(r, 10), "invoked", "la_accommodation", hours=24)
    plan.care(pid, r, [("L1", 1), ("V2", None)])
    plan.expect_open(pid, r, [ref], dob)


def cin_open_referred_day_before(plan: Plan, r: int, rng) -> None:
    dob = r - 2 * Y - 100
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 1, None, source="6")
    ref = plan.police(pid, at(r, 2), "invoked", "returned_home", hours=5)
    plan.expect_open(pid, r, [ref], dob)


def open_cp_plan(plan: Plan, r: int, rng) -> None:
    dob = r - 9 * Y
    pid = one_child(plan, r, dob)
    cin = plan.cin(pid, r - 200, None, source="2A")
    plan.cp(pid, cin, r - 150, None)
    ref = plan.police(pid, at(r, 13), "invoked", "la_accommodation", hours=40)
    plan.care(pid, r, [("L1", 2), ("C1", None)])
    plan.expect_open(pid, r, [ref], dob)


def looked_after_open(plan: Plan, r: int, rng) -> None:
    dob = r - 12 * Y
    pid = one_child(plan, r, dob)
    plan.care(pid, r - 100, [("V2", None)])
    ref = plan.police(pid, at(r, 23), "invoked", "returned_home", hours=3)
    plan.expect_open(pid, r, [ref], dob)


def repeat_while_in_care(plan: Plan, r: int, rng) -> None:
    """Removed (cohort), then removed again 10 days later while looked after: open_to_csc."""
    dob = r - 8 * Y
    pid = one_child(plan, r, dob)
    removed(plan, pid, r, dob)
    second = plan.police(pid, at(r + 10, 16), "invoked", "la_accommodation", hours=10)
    plan.expect_exclusion(pid, [second], "open_to_csc")


# --- history that ended before -------------------------------------------------------------------
def cp_ended_before(plan: Plan, r: int, rng) -> None:
    dob = r - 4 * Y - 40
    pid = one_child(plan, r, dob)
    cin = plan.cin(pid, r - 400, r - 20, source="6")
    plan.cp(pid, cin, r - 380, r - 30)
    removed(plan, pid, r, dob, history=("cin", "cp"), recent_closure=True)


def care_ended_long_ago(plan: Plan, r: int, rng) -> None:
    dob = r - 10 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 910, r - 690, source="6")
    plan.care(pid, r - 900, [("V2", 200)])
    removed(plan, pid, r, dob, history=("cin", "cla"))


def early_help_open(plan: Plan, r: int, rng) -> None:
    dob = r - 600
    pid = one_child(plan, r, dob)
    plan.early_help(pid, r - 50, None)  # early help never makes a child open to CSC
    removed(plan, pid, r, dob)


def early_help_ended(plan: Plan, r: int, rng) -> None:
    dob = r - 5 * Y
    pid = one_child(plan, r, dob)
    plan.early_help(pid, r - 300, r - 200)
    removed(plan, pid, r, dob, history=("early_help",))


def contact_before(plan: Plan, r: int, rng) -> None:
    dob = r - 500
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 30, "3A")
    plan.contact(pid, r, "6")  # the contact on the day is not history
    removed(plan, pid, r, dob, history=("contact",))


def contact_on_day_only(plan: Plan, r: int, rng) -> None:
    dob = r - 3 * Y
    pid = one_child(plan, r, dob)
    plan.contact(pid, r, "6")
    removed(plan, pid, r, dob)


def prebirth_cin(plan: Plan, r: int, rng) -> None:
    """Pre-birth assessment under the child's own id, closed before birth."""
    dob = r - 120
    pid = one_child(plan, r, dob)
    plan.cin(pid, dob - 90, dob - 10, source="3D")
    removed(plan, pid, r, dob, history=("cin",), recent_closure=True)


def prebirth_cp(plan: Plan, r: int, rng) -> None:
    dob = r - 200
    pid = one_child(plan, r, dob)
    cin = plan.cin(pid, dob - 100, dob + 30, source="3B")
    plan.cp(pid, cin, dob - 60, dob + 20)
    removed(plan, pid, r, dob, history=("cin", "cp"), recent_closure=True)


def recent_closure_180(plan: Plan, r: int, rng) -> None:
    dob = r - 7 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 300, r - 180, source="2A")
    removed(plan, pid, r, dob, history=("cin",), recent_closure=True)


def recent_closure_181(plan: Plan, r: int, rng) -> None:
    dob = r - 7 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 300, r - 181, source="2A")
    removed(plan, pid, r, dob, history=("cin",))


# --- siblings ------------------------------------------------------------------------------------
def sibling_known_by_mother(plan: Plan, r: int, rng) -> None:
    """An older half-sibling (same mother, not in the child's family group) known years ago."""
    dob = r - 300
    pid = one_child(plan, r, dob)
    mother = plan.rows["mother"][-1]["mother"]
    older = plan.person(r - 12 * Y, "M", home_since=r - 3000)
    plan.mother_of(mother, older)
    plan.cin(older, r - 800, r - 700, source="2A")
    removed(plan, pid, r, dob, sibling_known=True)


def sibling_known_by_family(plan: Plan, r: int, rng) -> None:
    dob = r - 2 * Y + 30
    pid = one_child(plan, r, dob)
    half = plan.person(r - 9 * Y, "F", home_since=r - 3000)
    plan.family(pid, half)  # the father's household: no shared mother
    plan.contact(half, r - 100, "2A")
    removed(plan, pid, r, dob, sibling_known=True)


def sibling_record_on_day(plan: Plan, r: int, rng) -> None:
    dob = r - 4 * Y
    pid, brother = plan.household(r, dob, r - 11 * Y)
    plan.cin(brother, r, None, source="6")  # starts on the removal date: not known before
    removed(plan, pid, r, dob)


def sibling_recent_closure(plan: Plan, r: int, rng) -> None:
    dob = r - 6 * Y
    pid, sister = plan.household(r, dob, r - 13 * Y, sexes="MF")
    plan.cin(sister, r - 250, r - 100, source="2A")
    removed(plan, pid, r, dob, sibling_known=True, recent_closure=True)


def family_chain(plan: Plan, r: int, rng) -> None:
    """A and B share a mother; B and C share a family group (the father's); one family of 3."""
    dob_a, dob_b, dob_c = r - 400, r - 3 * Y, r - 5 * Y
    a, b = plan.household(r, dob_a, dob_b)
    mother_c = plan.person(r - 30 * Y, "F", home_since=r - 3000)
    c = plan.person(dob_c, "M", home_since=r - 3000)
    father = plan.person(r - 33 * Y, "M", home_since=r - 3000)
    plan.mother_of(mother_c, c)
    plan.family(b, c, father)
    key = f"{plan.scenario}:{a}"
    for i, (pid, dob) in enumerate(((a, dob_a), (b, dob_b), (c, dob_c))):
        removed(plan, pid, r, dob, hour=20, family_key=key)
        plan.rows["police"][-1]["start"] = at(r, 20, i)  # one incident, a ref per child


def sibling_pair(plan: Plan, r: int, rng) -> None:
    dob_baby, dob_big = r - int(rng.integers(30, 600)), r - int(rng.integers(3 * Y, 8 * Y))
    baby, big = plan.household(r, dob_baby, dob_big)
    key = f"{plan.scenario}:{baby}"
    removed(plan, baby, r, dob_baby, hour=9, family_key=key)
    removed(plan, big, r, dob_big, hour=9, family_key=key)


# --- moved in ------------------------------------------------------------------------------------
def _moved(plan: Plan, r: int, days_before: int) -> tuple[int, int]:
    dob = r - 6 * Y
    pid = plan.person(dob, "F")
    mother = plan.person(r - 28 * Y, "F")
    plan.family(mother, pid)
    plan.mother_of(mother, pid)
    move = r - days_before
    for who in (pid, mother):
        plan.address(who, r - 1500, move - 1, plan.other_la)
        plan.address(who, move, None, plan.window.home_la)
    return pid, dob


def moved_in_365(plan: Plan, r: int, rng) -> None:
    pid, dob = _moved(plan, r, 365)
    removed(plan, pid, r, dob, moved_in=True)


def moved_in_366(plan: Plan, r: int, rng) -> None:
    pid, dob = _moved(plan, r, 366)
    removed(plan, pid, r, dob)


def referral_from_other_la(plan: Plan, r: int, rng) -> None:
    dob = r - 8 * Y
    pid = one_child(plan, r, dob)
    plan.cin(pid, r - 250, r - 150, source="5C")
    removed(plan, pid, r, dob, history=("cin",), recent_closure=True, moved_in=True)


def contact_from_other_la(plan: Plan, r: int, rng) -> None:
    dob = r - 9 * Y
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 200, "5C")
    removed(plan, pid, r, dob, history=("contact",), moved_in=True)


def contact_from_other_la_old(plan: Plan, r: int, rng) -> None:
    dob = r - 9 * Y
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 400, "5C")
    removed(plan, pid, r, dob, history=("contact",))


def sibling_contact_from_other_la(plan: Plan, r: int, rng) -> None:
    dob = r - 700
    pid, brother = plan.household(r, dob, r - 10 * Y)
    plan.contact(brother, r - 100, "5C")
    removed(plan, pid, r, dob, sibling_known=True, moved_in=True)


def other_la_cp_recent(plan: Plan, r: int, rng) -> None:
    dob = r - 3 * Y
    pid = one_child(plan, r, dob)
    plan.cp(pid, None, r - 300, r - 100, ola=True)
    removed(plan, pid, r, dob, history=("cp",), moved_in=True)


def other_la_cp_old(plan: Plan, r: int, rng) -> None:
    dob = r - 5 * Y
    pid = one_child(plan, r, dob)
    plan.cp(pid, None, r - 900, r - 400, ola=True)
    removed(plan, pid, r, dob, history=("cp",))


# --- age boundaries ------------------------------------------------------------------------------
def second_birthday_on_day(plan: Plan, r: int, rng) -> None:
    dob = add_years(r, -2)
    removed(plan, one_child(plan, r, dob), r, dob)


def day_before_second_birthday(plan: Plan, r: int, rng) -> None:
    dob = add_years(r, -2) + 1
    removed(plan, one_child(plan, r, dob), r, dob)


def born_29_february(plan: Plan, r: int, rng) -> None:
    """Born on 29 February: age arithmetic across leap days (not at the birthday boundary)."""
    dob = day(dt.date(2020, 2, 29))
    removed(plan, one_child(plan, r, dob), r, dob)


def leap_second_birthday(plan: Plan, r: int, rng) -> None:
    """Born 29 February: the 2nd birthday is 1 March. ``r`` is that 1 March (not within) and a
    twin event the day before (28 February, within) when it too is in the period."""
    born = day(dt.date(to_date(r).year - 2, 2, 29))
    removed(plan, one_child(plan, r, born), r, born)
    if r - 1 >= plan.window.period_from:
        removed(plan, one_child(plan, r - 1, born), r - 1, born)


# --- removal events: merging, matching, unlinked, data errors -----------------------------------
def merged_within_72h(plan: Plan, r: int, rng) -> None:
    dob = r - 4 * Y
    pid = one_child(plan, r, dob)
    first = plan.police(pid, at(r, 10), "invoked", "la_accommodation", hours=30)
    second = plan.police(pid, at(r, 10) + 72 * 60 - 1, "invoked", "la_accommodation", hours=2)
    into_care(plan, pid, r)
    plan.expect_child(pid, r, [first, second], dob, post_removal=True)
    plan.expect_exclusion(pid, [second], "merged_duplicate")


def over_72h_repeat(plan: Plan, r: int, rng) -> None:
    dob = r - 7 * Y
    pid = one_child(plan, r, dob)
    first = plan.police(pid, at(r, 10), "invoked", "returned_home", hours=4)
    second = plan.police(pid, at(r, 10) + 72 * 60 + 1, "invoked", "returned_home", hours=4)
    plan.expect_child(pid, r, [first], dob, source="police")
    plan.expect_exclusion(pid, [second], "repeat_removal")


def merge_anchored_on_earliest(plan: Plan, r: int, rng) -> None:
    dob = r - 9 * Y
    pid = one_child(plan, r, dob)
    a = plan.police(pid, at(r, 8), "invoked", "returned_home", hours=3)
    b = plan.police(pid, at(r, 8) + 60 * 60, "invoked", "returned_home", hours=3)
    c = plan.police(pid, at(r, 8) + 100 * 60, "invoked", "returned_home", hours=3)
    plan.expect_child(pid, r, [a, b], dob, source="police")
    plan.expect_exclusion(pid, [b], "merged_duplicate")
    plan.expect_exclusion(pid, [c], "repeat_removal")


def considered_then_invoked(plan: Plan, r: int, rng) -> None:
    dob = r - 250
    pid = one_child(plan, r, dob)
    a = plan.police(pid, at(r, 8), "considered", "s20_agreed", hours=None)
    b = plan.police(pid, at(r, 18), "invoked", "la_accommodation", hours=20)
    into_care(plan, pid, r)
    plan.expect_child(pid, r, [a, b], dob, post_removal=True)
    plan.expect_exclusion(pid, [b], "merged_duplicate")


def not_a_removal_nearby(plan: Plan, r: int, rng) -> None:
    dob = r - 11 * Y
    pid = one_child(plan, r, dob)
    ref = removed(plan, pid, r, dob, hour=9)
    other = plan.police(pid, at(r, 9) + 5 * 60, "considered", "other", hours=None)
    assert ref
    plan.expect_exclusion(pid, [other], "not_a_removal_event")


def unlinked(plan: Plan, r: int, rng) -> None:
    ref = plan.police(None, at(r, 3), "invoked", "placed_with_family", hours=8)
    plan.expect_exclusion(None, [ref], "unlinked")
    ref = plan.police(None, at(r - 200, 3), "considered", "s20_agreed", hours=None)
    plan.expect_exclusion(None, [ref], "unlinked")


def l1_three_days_after(plan: Plan, r: int, rng) -> None:
    dob = r - 6 * Y
    pid = one_child(plan, r, dob)
    ref = plan.police(pid, at(r, 23), "invoked", "la_accommodation", hours=70)
    plan.care(pid, r + 3, [("L1", 1), ("V2", None)])
    plan.expect_child(pid, r, [ref], dob, post_removal=True)


def l1_four_days_after(plan: Plan, r: int, rng) -> None:
    """The L1 spell starts 4 days after the police row: it matches nothing (a csc_only event of
    its own, a repeat removal); the police row's event has only police as source."""
    dob = r - 8 * Y
    pid = one_child(plan, r, dob)
    ref = plan.police(pid, at(r, 10), "invoked", "placed_with_family", hours=10)
    plan.care(pid, r + 4, [("L1", 2), ("V2", None)])
    plan.expect_child(pid, r, [ref], dob, source="police", post_removal=True)
    plan.expect_exclusion(pid, [], "repeat_removal")


def csc_only_l1(plan: Plan, r: int, rng) -> None:
    dob = r - int(rng.integers(100, 5 * Y))
    pid = one_child(plan, r, dob)
    plan.care(pid, r, [("L1", 3), ("L2", 8), ("C1", None)])
    plan.cin(pid, r, None, source="5A")
    plan.expect_child(pid, r, [], dob, source="csc_only", post_removal=True)


def csc_only_outside_period(plan: Plan, r: int, rng) -> None:
    pid = one_child(plan, r, r - 4 * Y)
    plan.care(pid, plan.window.period_to + 30, [("L1", 2), ("V2", None)])  # not listed anywhere


def removal_before_birth(plan: Plan, r: int, rng) -> None:
    pid = one_child(plan, r, r + 20)  # a date of birth keyed after the removal
    ref = plan.police(pid, at(r, 12), "invoked", "returned_home", hours=2)
    plan.expect_exclusion(pid, [ref], "data_error")


def no_date_of_birth(plan: Plan, r: int, rng) -> None:
    pid = plan.person(None, expected=r - 100)  # an expected date is never used as a birth date
    ref = plan.police(pid, at(r, 12), "invoked", "returned_home", hours=2)
    plan.expect_exclusion(pid, [ref], "data_error")


def no_person_record(plan: Plan, r: int, rng) -> None:
    pid = plan.person(None, record=False)
    ref = plan.police(pid, at(r, 12), "invoked", "returned_home", hours=2)
    plan.expect_exclusion(pid, [ref], "data_error")


# --- the period's edges --------------------------------------------------------------------------
def on_first_day(plan: Plan, r: int, rng) -> None:
    r = plan.window.period_from
    dob = r - 3 * Y
    removed(plan, one_child(plan, r, dob), r, dob, hour=0)


def on_last_day(plan: Plan, r: int, rng) -> None:
    r = plan.window.period_to
    dob = r - 300
    removed(plan, one_child(plan, r, dob), r, dob, hour=23)
    plan.rows["police"][-1]["start"] = at(r, 23, 59)


def outside_period(plan: Plan, r: int, rng) -> None:
    for when in (plan.window.period_from - 1, plan.window.period_to + 1):
        pid = one_child(plan, when, when - 2 * Y)
        ref = plan.police(pid, at(when, 12), "invoked", "la_accommodation", hours=20)
        into_care(plan, pid, when)
        plan.expect_exclusion(pid, [ref], "outside_period")


def merged_across_start(plan: Plan, r: int, rng) -> None:
    """Removed the evening before the period and again next morning: one event, outside."""
    when = plan.window.period_from - 1
    pid = one_child(plan, when, when - 5 * Y)
    a = plan.police(pid, at(when, 20), "invoked", "returned_home", hours=2)
    b = plan.police(pid, at(when + 1, 8), "invoked", "returned_home", hours=2)
    plan.expect_exclusion(pid, [a, b], "outside_period")
    plan.expect_exclusion(pid, [b], "merged_duplicate")


# --- the cohort profile's bands (issue 16) -------------------------------------------------------
def removed_at_birth(plan: Plan, r: int, rng) -> None:
    """Removed on the day of birth after a pre-birth contact from health services; an EPO."""
    dob = r
    pid = one_child(plan, r, dob)
    plan.contact(pid, dob - 60, "3D")
    ref = plan.police(pid, at(r, 4), "invoked", "epo", hours=30)
    plan.care(pid, r, [("L1", 2), ("L2", None)])
    plan.cin(pid, r, None, source="6")
    plan.expect_child(pid, r, [ref], dob, history=("contact",), post_removal=True)


def newborn_police_contact(plan: Plan, r: int, rng) -> None:
    """Under a month old; the police made a contact five days before; an interim care order."""
    dob = r - 12
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 5, "6")
    ref = plan.police(pid, at(r, 7), "invoked", "interim_care_order", hours=40)
    into_care(plan, pid, r)
    plan.expect_child(pid, r, [ref], dob, history=("contact",), post_removal=True)


def referral_ended_nfa(plan: Plan, r: int, rng) -> None:
    """A family member's contact, then a CIN referral closed with no further action."""
    dob = r - 70
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 45, "1A")
    plan.cin(pid, r - 40, r - 35, source="1A", nfa=True)
    removed(plan, pid, r, dob, history=("cin", "contact"), recent_closure=True)


def early_help_from_the_la(plan: Plan, r: int, rng) -> None:
    dob = r - 3 * Y
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 150, "5A")
    plan.early_help(pid, r - 140, r - 60)
    removed(plan, pid, r, dob, history=("contact", "early_help"))


def _mother_and_child(plan: Plan, dob: int, mother_dob: int) -> int:
    """A child and its mother in one family, with no address yet (the scenario writes them)."""
    pid = plan.person(dob, "F")
    mother = plan.person(mother_dob, "F")
    plan.family(mother, pid)
    plan.mother_of(mother, pid)
    return pid


def moved_twice_in_the_year(plan: Plan, r: int, rng) -> None:
    """Two moves within the home LA in the year before: address moves, but not moved in."""
    dob = r - 4 * Y
    pid = _mother_and_child(plan, dob, r - 27 * Y)
    home = plan.window.home_la
    plan.address(pid, r - 2000, r - 201, home)
    plan.address(pid, r - 200, r - 51, home)
    plan.address(pid, r - 50, None, home)
    removed(plan, pid, r, dob, hour=16)


def open_referral_infant(plan: Plan, r: int, rng) -> None:
    """A baby with an open referral from the health visitor: the comparison group, under two."""
    dob = r - 150
    pid = one_child(plan, r, dob)
    plan.contact(pid, r - 31, "3B")
    plan.cin(pid, r - 30, None, source="3B")
    ref = plan.police(pid, at(r, 17), "invoked", "la_accommodation", hours=30)
    plan.care(pid, r, [("L1", 2), ("C1", None)])
    plan.expect_open(pid, r, [ref], dob)


def open_sibling_pair(plan: Plan, r: int, rng) -> None:
    """Two siblings on child protection plans removed together: a comparison sibling group."""
    dob_young, dob_old = r - 3 * Y, r - 6 * Y
    young, old = plan.household(r, dob_young, dob_old)
    key = f"{plan.scenario}:{young}"
    for i, (pid, dob) in enumerate(((young, dob_young), (old, dob_old))):
        cin = plan.cin(pid, r - 300, None, source="2A")
        plan.cp(pid, cin, r - 280, None)
        ref = plan.police(pid, at(r, 11, i), "invoked", "placed_with_family", hours=12)
        plan.expect_open(pid, r, [ref], dob, sibling_known=True, family_key=key)


def known_long_ago_and_moving(plan: Plan, r: int, rng) -> None:
    """Contacts from school and from "other" over two years before; three moves in the year
    (all within the home LA); the police recorded the outcome as "other"."""
    dob = r - 9 * Y
    pid = _mother_and_child(plan, dob, r - 35 * Y)
    home = plan.window.home_la
    for start, end in (
        (r - 3000, r - 301),
        (r - 300, r - 201),
        (r - 200, r - 101),
        (r - 100, None),
    ):
        plan.address(pid, start, end, home)
    plan.contact(pid, r - 1000, "2A")
    plan.contact(pid, r - 900, "8")
    ref = plan.police(pid, at(r, 12), "invoked", "other", hours=10)
    plan.expect_child(pid, r, [ref], dob, source="police", history=("contact",))


Scenario = Callable[[Plan, int, np.random.Generator], None]

# (scenario, how many per repeat)
SCENARIOS: tuple[tuple[Scenario, int], ...] = (
    (unknown_infant, 3),
    (unknown_toddler, 2),
    (unknown_older, 4),
    (returned_home, 1),
    (considered_s20, 2),
    (considered_not_s20, 1),
    (same_day_referral, 1),
    (cin_closed_day_before, 1),
    (cin_closed_on_removal, 1),
    (cin_open_referred_day_before, 1),
    (open_cp_plan, 2),
    (looked_after_open, 2),
    (repeat_while_in_care, 1),
    (cp_ended_before, 1),
    (care_ended_long_ago, 1),
    (early_help_open, 1),
    (early_help_ended, 1),
    (contact_before, 1),
    (contact_on_day_only, 1),
    (prebirth_cin, 1),
    (prebirth_cp, 1),
    (recent_closure_180, 1),
    (recent_closure_181, 1),
    (sibling_known_by_mother, 1),
    (sibling_known_by_family, 1),
    (sibling_record_on_day, 1),
    (sibling_recent_closure, 1),
    (family_chain, 1),
    (sibling_pair, 1),
    (moved_in_365, 1),
    (moved_in_366, 1),
    (referral_from_other_la, 1),
    (contact_from_other_la, 1),
    (contact_from_other_la_old, 1),
    (sibling_contact_from_other_la, 1),
    (other_la_cp_recent, 1),
    (other_la_cp_old, 1),
    (second_birthday_on_day, 1),
    (day_before_second_birthday, 1),
    (born_29_february, 1),
    (merged_within_72h, 1),
    (over_72h_repeat, 1),
    (merge_anchored_on_earliest, 1),
    (considered_then_invoked, 1),
    (not_a_removal_nearby, 1),
    (unlinked, 1),
    (l1_three_days_after, 1),
    (l1_four_days_after, 1),
    (csc_only_l1, 2),
    (csc_only_outside_period, 1),
    (removal_before_birth, 1),
    (no_date_of_birth, 1),
    (no_person_record, 1),
    (on_first_day, 1),
    (on_last_day, 1),
    (outside_period, 1),
    (merged_across_start, 1),
    (removed_at_birth, 1),
    (newborn_police_contact, 1),
    (referral_ended_nfa, 1),
    (early_help_from_the_la, 1),
    (moved_twice_in_the_year, 1),
    (open_referral_infant, 1),
    (open_sibling_pair, 1),
    (known_long_ago_and_moving, 1),
)


def leap_removal_day(plan: Plan) -> int | None:
    """A 1 March in the period whose year - 2 was a leap year, if any."""
    first, last = to_date(plan.window.period_from), to_date(plan.window.period_to)
    for year in range(first.year, last.year + 1):
        candidate = dt.date(year, 3, 1)
        leap = (year - 2) % 4 == 0 and ((year - 2) % 100 != 0 or (year - 2) % 400 == 0)
        if leap and first <= candidate <= last:
            return day(candidate)
    return None


def plant_all(plan: Plan, rng: np.random.Generator, repeats: int) -> None:
    """Plant every scenario ``repeats`` times with removal dates drawn inside the period (kept
    12 days clear of its ends, so that follow-up events stay inside)."""
    lo, hi = plan.window.period_from + 1, plan.window.period_to - 12
    for rep in range(repeats):
        for scenario, count in SCENARIOS:
            for _ in range(count):
                plan.scenario = f"{scenario.__name__}#{rep + 1}"
                scenario(plan, int(rng.integers(lo, hi + 1)), rng)
        leap = leap_removal_day(plan)
        if leap is not None:
            plan.scenario = f"leap_second_birthday#{rep + 1}"
            leap_second_birthday(plan, leap, rng)

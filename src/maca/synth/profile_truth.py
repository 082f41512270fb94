"""The planted truth of the cohort profile (``DIR/truth/profile_children.csv`` and
``profile_counts.csv``): each planted child's group and category per measure, and the counts.

Read from what the generator planted for each child (its records as day numbers, its police
rows, its addresses) and from what the scenarios declared (sibling known, recent closure, moved
in, family), in plain Python: a reading independent of the profile's SQL. The categories are the
keys of ``maca.profile.contract``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from maca.profile.contract import GROUP_KEYS, MEASURES, ONE_OF, REFERRAL_SOURCE_GROUPS
from maca.synth.days import NO_DATE, to_date
from maca.synth.planted import Expected, Plan

SOURCE_GROUP = {code: group for group, codes in REFERRAL_SOURCE_GROUPS.items() for code in codes}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RECORD_DATES = {  # kind -> (start column, end column) in the plan's rows
    "contact": ("date", "date"),
    "early_help": ("start", "end"),
    "cin": ("referral", "close"),
    "cp": ("start", "end"),
    "cla": ("start", "end"),
}


def _months(start: int, end: int) -> int:
    a, b = to_date(start), to_date(end)
    return (b.year - a.year) * 12 + b.month - a.month - (1 if b.day < a.day else 0)


def _band(months: int, bands: tuple[tuple[int, str], ...], last: str) -> str:
    return next((name for limit, name in bands if months < limit), last)


class PlantedRecords:
    """The plan's rows by person id."""

    def __init__(self, plan: Plan):
        self.by_person: dict[int, list[tuple[str, int, int | None, dict]]] = defaultdict(list)
        for kind, (start, end) in RECORD_DATES.items():
            for row in plan.rows[kind]:
                finish = None if row[end] == NO_DATE else row[end]
                self.by_person[row["pid"]].append((kind, row[start], finish, row))
        self.addresses: dict[int, list[int]] = defaultdict(list)
        for row in plan.rows["address"]:  # in the order written: the source row order
            self.addresses[row["pid"]].append(row["start"])
        self.police = {row["ref"]: row for row in plan.rows["police"]}


def child_categories(child: Expected, records: PlantedRecords, sibling_group: bool) -> dict:
    """measure -> category (one_of) or set of categories (any_of)."""
    r, dob = child.removal_day, child.dob
    before = [rec for rec in records.by_person[child.pid] if rec[1] < r]
    kinds = {kind for kind, *_ in before}
    ended = [end for _, _, end, _ in before if end is not None and end < r]
    still_open = any(end is None or end >= r for _, _, end, _ in before)
    months = _months(dob, r)
    if not child.in_first_1001_days:
        age = "over_2"
    elif child.age_days == 0:
        age = "at_birth"
    else:
        age = _band(
            months,
            ((1, "under_1_month"), (3, "1_to_3_months"), (6, "3_to_6_months"),
             (12, "6_to_12_months")),
            "12_to_24_months",
        )  # fmt: skip
    if ended:
        since = _band(
            _months(max(ended), r),
            ((3, "under_3_months"), (6, "3_to_6_months"), (12, "6_to_12_months"),
             (24, "1_to_2_years")),
            "over_2_years",
        )  # fmt: skip
    else:
        since = "open_only" if still_open else "none"
    involvement = set(kinds)
    if any(kind == "cin" and row["nfa"] for kind, _, _, row in before):
        involvement.add("cin_nfa")
    sources = {
        SOURCE_GROUP.get(row["source"], "other") for kind, _, _, row in before if kind == "contact"
    }
    addresses = records.addresses[child.pid]
    ordered = sorted(range(len(addresses)), key=lambda i: (addresses[i], i))
    moves = sum(1 for i in ordered[1:] if 1 <= r - addresses[i] <= 365)
    family = {
        name
        for name, flag in (
            ("sibling_known", child.sibling_known),
            ("sibling_group", sibling_group),
            ("recent_closure", child.recent_closure),
        )
        if flag
    }
    police = [records.police[ref] for ref in child.refs if ref in records.police]
    if police:
        start = police[0]["start"]
        hour = (start % 1440) // 60
        time_of_day = ("night", "morning", "afternoon", "evening")[hour // 6]
        day_of_week = WEEKDAYS[to_date(start // 1440).weekday()]
        outcome = police[-1]["outcome"] or "not_recorded"
    else:
        time_of_day = day_of_week = outcome = "not_in_police_log"
    return {
        "age_at_removal": age,
        "earlier_involvement": involvement or {"none"},
        "contact_source": sources,
        "time_since_involvement": since,
        "before_birth": {"before_birth"} if any(rec[1] < dob for rec in before) else set(),
        "moves": {"moved_in"} if child.moved_in else set(),
        "address_moves": ("none", "one", "two")[moves] if moves < 3 else "three_or_more",
        "family": family,
        "removal_kind": child.kind,
        "time_of_day": time_of_day,
        "day_of_week": day_of_week,
        "outcome": outcome,
    }


def profiled_children(plan: Plan) -> list[tuple[str, Expected]]:
    """(group, child) for every planted child the profile counts."""
    cohort = [
        ("unknown_first_1001_days" if c.in_first_1001_days else "unknown_over_two", c)
        for c in plan.children
    ]
    in_cohort = {c.pid for c in plan.children}
    first_open: dict[int, Expected] = {}
    for child in plan.open_children:
        if child.pid not in in_cohort:
            first_open.setdefault(child.pid, child)
    return cohort + [("open_to_csc", c) for c in first_open.values()]


def profile_children_frame(plan: Plan) -> pd.DataFrame:
    records = PlantedRecords(plan)
    children = profiled_children(plan)
    sizes = Counter((group == "open_to_csc", child.family_key) for group, child in children)
    rows = []
    for group, child in children:
        sibling_group = sizes[(group == "open_to_csc", child.family_key)] > 1
        categories = child_categories(child, records, sibling_group)
        row = {"pers_person_id": str(child.pid), "profile_group": group}
        for measure in MEASURES:
            value = categories[measure.key]
            row[measure.key] = value if measure.kind == ONE_OF else ";".join(sorted(value))
        row["family_key"] = child.family_key
        row["scenario"] = child.scenario
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.sort_values(["profile_group", "pers_person_id"], kind="stable", ignore_index=True)


def profile_counts_frame(children: pd.DataFrame) -> pd.DataFrame:
    """group, measure, category, children: every cell of the profile, zeros included."""
    rows = []
    for measure in MEASURES:
        for group in GROUP_KEYS:
            values = children.loc[children.profile_group == group, measure.key]
            for category in measure.category_keys:
                if measure.kind == ONE_OF:
                    n = int((values == category).sum())
                else:
                    n = int(values.map(lambda v, c=category: c in v.split(";")).sum())
                rows.append((group, measure.key, category, n))
    for group in GROUP_KEYS:
        rows.append((group, "group", "children", int((children.profile_group == group).sum())))
        grouped = children[children.profile_group == group]
        rows.append((group, "group", "families", int(grouped.family_key.nunique())))
    return pd.DataFrame(rows, columns=["profile_group", "measure", "category", "children"])


def write_profile_truth(folder: Path, plan: Plan) -> None:
    children = profile_children_frame(plan)
    children.to_csv(folder / "profile_children.csv", index=False, lineterminator="\n")
    counts = profile_counts_frame(children)
    counts.to_csv(folder / "profile_counts.csv", index=False, lineterminator="\n")

"""A straightforward pandas version of the cohort profile: the benchmark's baseline.

Written as an analyst would, on the DataFrames of every canonical table: the cohort's events and
decisions from ``benchmarks.cohort_pandas``, then merges and group-bys for each measure. Returns
the true counts in the shape of ``maca.profile.counts.ProfileCounts`` (``children``,
``families``, ``cells[measure][group][category]``), so that the benchmark can check that both
sides found the same profile.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from benchmarks.cohort_pandas import DAY, _families, _records, _second_birthday, decide_events

from maca.profile.contract import GROUP_KEYS, MEASURES, ONE_OF, REFERRAL_SOURCE_GROUPS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _months(start: pd.Series, end: pd.Series) -> pd.Series:
    return (
        (end.dt.year - start.dt.year) * 12
        + end.dt.month
        - start.dt.month
        - (end.dt.day < start.dt.day).astype(int)
    )


def _band(months: pd.Series, bands: list[tuple[int, str]], last: str) -> pd.Series:
    out = pd.Series(last, index=months.index, dtype=object)
    for limit, name in reversed(bands):
        out[months < limit] = name
    return out


def profile_pandas(
    t: dict[str, pd.DataFrame], period_from: date, period_to: date, home_la: str | None
) -> dict[str, Any]:
    events, candidates, _ = decide_events(t, period_from, period_to, home_la)
    cohort = events[events["reason"].isna()].copy()
    cohort["group"] = np.where(
        cohort["removal_date"] < _second_birthday(cohort["dob"]),
        "unknown_first_1001_days",
        "unknown_over_two",
    )
    opened = events[
        (events["reason"] == "open_to_csc") & ~events["person"].isin(cohort["person"])
    ].drop_duplicates("person")
    opened = opened.assign(group="open_to_csc")
    prof = pd.concat([cohort, opened], ignore_index=True)

    # age
    within = prof["group"] == "unknown_first_1001_days"
    within |= (prof["group"] == "open_to_csc") & (
        prof["removal_date"] < _second_birthday(prof["dob"])
    )
    months = _months(prof["dob"], prof["removal_date"])
    age = _band(
        months,
        [(1, "under_1_month"), (3, "1_to_3_months"), (6, "3_to_6_months"), (12, "6_to_12_months")],
        "12_to_24_months",
    )
    age[(prof["removal_date"] - prof["dob"]).dt.days == 0] = "at_birth"
    age[~within] = "over_2"
    prof["age_at_removal"] = age

    # earlier involvement
    records = _records(t)
    cin = t["ssd_cin_episodes"][["cine_referral_id", "cine_referral_nfa"]]
    records = records.merge(cin, how="left", left_on="rid", right_on="cine_referral_id")
    records["nfa"] = (records["kind"] == "cin") & records["cine_referral_nfa"].fillna(False).astype(
        bool
    )
    mine = prof[["anchor", "person", "removal_date", "dob"]].merge(records, on="person")
    mine = mine[mine["start"] < mine["removal_date"]]
    for kind in ("contact", "early_help", "cin", "cp", "cla"):
        prof[f"earlier_involvement__{kind}"] = prof["anchor"].isin(
            mine.loc[mine["kind"] == kind, "anchor"]
        )
    prof["earlier_involvement__cin_nfa"] = prof["anchor"].isin(mine.loc[mine["nfa"], "anchor"])
    prof["earlier_involvement__none"] = ~prof["anchor"].isin(mine["anchor"])
    contacts = mine[mine["kind"] == "contact"]
    named = set()
    for group, codes in REFERRAL_SOURCE_GROUPS.items():
        named |= set(codes)
        prof[f"contact_source__{group}"] = prof["anchor"].isin(
            contacts.loc[contacts["source"].isin(codes), "anchor"]
        )
    prof["contact_source__other"] = prof["anchor"].isin(
        contacts.loc[~contacts["source"].isin(named), "anchor"]
    )
    ended = mine[mine["end"] < mine["removal_date"]].groupby("anchor")["end"].max()
    still_open = mine[mine["end"].isna() | (mine["end"] >= mine["removal_date"])]["anchor"]
    latest = prof["anchor"].map(ended)
    since = _band(
        _months(latest, prof["removal_date"]),
        [(3, "under_3_months"), (6, "3_to_6_months"), (12, "6_to_12_months"), (24, "1_to_2_years")],
        "over_2_years",
    )
    since[latest.isna()] = np.where(prof["anchor"].isin(still_open), "open_only", "none")[
        latest.isna()
    ]
    prof["time_since_involvement"] = since
    prof["before_birth__before_birth"] = prof["anchor"].isin(
        mine.loc[mine["start"] < mine["dob"], "anchor"]
    )

    # moves
    prof["moves__moved_in"] = prof["moved_in"].astype(bool)
    addr = t["ssd_address"]
    addr = addr[addr["addr_person_id"].isin(prof["person"])].sort_values(
        ["addr_person_id", "addr_address_start_date", "source_file", "source_row"]
    )
    addr = addr.assign(nth=addr.groupby("addr_person_id").cumcount())
    addr = addr[addr["nth"] > 0].merge(
        prof[["anchor", "person", "removal_date"]], left_on="addr_person_id", right_on="person"
    )
    moved_on = pd.to_datetime(addr["addr_address_start_date"])
    addr = addr[(moved_on < addr["removal_date"]) & (moved_on >= addr["removal_date"] - 365 * DAY)]
    moves = prof["anchor"].map(addr.groupby("anchor").size()).fillna(0).astype(int)
    prof["address_moves"] = np.select(
        [moves == 0, moves == 1, moves == 2], ["none", "one", "two"], "three_or_more"
    )

    # siblings and closures
    prof["family__sibling_known"] = prof["sibling_known"].astype(bool)
    prof["family__recent_closure"] = prof["recent_closure"].astype(bool)
    family = {}
    for together in (("unknown_first_1001_days", "unknown_over_two"), ("open_to_csc",)):
        people = list(prof.loc[prof["group"].isin(together), "person"])
        family.update({p: f"{together[0]}:{f}" for p, f in _families(t, people).items()})
    prof["family"] = prof["person"].map(family)
    prof["family__sibling_group"] = prof["family"].map(prof["family"].value_counts()) > 1

    # the police side
    prof["removal_kind"] = np.where(prof["invoked"], "pp_invoked", "pp_considered_s20")
    police = candidates[candidates["origin"] == "police"].merge(
        t["police_protection"][["pp_ref", "outcome"]], left_on="ref", right_on="pp_ref"
    )
    first = police.drop_duplicates("anchor", keep="first").set_index("anchor")
    last = police.drop_duplicates("anchor", keep="last").set_index("anchor")
    start = prof["anchor"].map(first["local"])
    hour = start.dt.hour
    prof["time_of_day"] = np.select(
        [start.isna(), hour < 6, hour < 12, hour < 18],
        ["not_in_police_log", "night", "morning", "afternoon"],
        "evening",
    )
    weekday = start.dt.day_of_week
    prof["day_of_week"] = ["not_in_police_log" if pd.isna(w) else WEEKDAYS[int(w)] for w in weekday]
    outcome = prof["anchor"].map(last["outcome"])
    prof["outcome"] = np.where(
        start.isna(),
        "not_in_police_log",
        np.where(outcome.isna() | (outcome.astype(str).str.strip() == ""), "not_recorded", outcome),
    )

    cells: dict[str, dict[str, dict[str, int]]] = {}
    for measure in MEASURES:
        cells[measure.key] = {}
        for group in GROUP_KEYS:
            rows = prof[prof["group"] == group]
            if measure.kind == ONE_OF:
                counts = rows[measure.key].value_counts()
                table = {c: int(counts.get(c, 0)) for c in measure.category_keys}
            else:
                table = {c: int(rows[f"{measure.key}__{c}"].sum()) for c in measure.category_keys}
            cells[measure.key][group] = table
    return {
        "children": {g: int((prof["group"] == g).sum()) for g in GROUP_KEYS},
        "families": {g: int(prof.loc[prof["group"] == g, "family"].nunique()) for g in GROUP_KEYS},
        "cells": cells,
    }

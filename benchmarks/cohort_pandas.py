"""A straightforward pandas implementation of shared/spec/cohort.md: the benchmark's baseline.

Written the way an analyst would: DataFrames, merges, boolean masks, a per-child loop where the
rule is sequential (72-hour merging). It is also a second oracle in tests/cohort on small data,
so it returns the oracle's shape: cohort rows with the deciding facts, and exclusion tuples
``(pp_refs, l1_refs, pers_person_id, reason)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)


def _to_utc(local: pd.Series) -> pd.Series:
    """Local Europe/London wall time to UTC; the repeated autumn hour is read as summer time and
    the missing spring hour as GMT (zoneinfo's fold=0)."""
    aware = local.dt.tz_localize(
        "Europe/London", ambiguous=np.ones(len(local), dtype=bool), nonexistent="NaT"
    )
    utc = aware.dt.tz_convert("UTC").dt.tz_localize(None)
    return utc.fillna(local)


def _records(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    def frame(df, person, kind, rid, start, end, source=None, ola=None):
        return pd.DataFrame(
            {
                "person": df[person].to_numpy(),
                "kind": kind,
                "rid": df[rid].to_numpy(),
                "start": df[start].to_numpy(),
                "end": df[end].to_numpy(),
                "source": df[source].to_numpy() if source else None,
                "ola": df[ola].fillna(False).astype(bool).to_numpy() if ola else False,
            }
        )

    parts = [
        frame(
            t["ssd_contacts"],
            "cont_person_id",
            "contact",
            "cont_contact_id",
            "cont_contact_date",
            "cont_contact_date",
            "cont_contact_source_code",
        ),
        frame(
            t["ssd_early_help_episodes"],
            "earl_person_id",
            "early_help",
            "earl_episode_id",
            "earl_episode_start_date",
            "earl_episode_end_date",
        ),
        frame(
            t["ssd_cin_episodes"],
            "cine_person_id",
            "cin",
            "cine_referral_id",
            "cine_referral_date",
            "cine_close_date",
            "cine_referral_source_code",
        ),
        frame(
            t["ssd_cp_plans"],
            "cppl_person_id",
            "cp",
            "cppl_cp_plan_id",
            "cppl_cp_plan_start_date",
            "cppl_cp_plan_end_date",
            ola="cppl_cp_plan_ola",
        ),
        frame(
            t["ssd_cla_episodes"],
            "clae_person_id",
            "cla",
            "clae_cla_episode_id",
            "clae_cla_episode_start_date",
            "clae_cla_episode_ceased_date",
        ),
    ]
    records = pd.concat(parts, ignore_index=True)
    for column in ("start", "end"):
        records[column] = pd.to_datetime(records[column])
    return records


def _police(t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    police = t["police_protection"].copy()
    person = police["pers_person_id"].astype("string").str.strip()
    police["person"] = person.where(person != "", None)
    police["kind"] = None
    police.loc[police["status"] == "invoked", "kind"] = "pp_invoked"
    s20 = (police["status"] == "considered") & (police["outcome"] == "s20_agreed")
    police.loc[s20, "kind"] = "pp_considered_s20"
    police["pp_start"] = pd.to_datetime(police["pp_start"])
    police["removal_date"] = police["pp_start"].dt.normalize()
    return police


def _candidates(police: pd.DataFrame, legal: pd.DataFrame) -> pd.DataFrame:
    rows = police[police["person"].notna() & police["kind"].notna()]
    l1 = legal[legal["lega_legal_status"] == "L1"].copy()
    l1["start"] = pd.to_datetime(l1["lega_legal_status_start_date"])
    pairs = l1.merge(rows, left_on="lega_person_id", right_on="person")
    pairs = pairs[
        (pairs["start"] >= pairs["removal_date"])
        & (pairs["start"] <= pairs["removal_date"] + 3 * DAY)
    ]
    unmatched = l1[~l1["lega_legal_status_id"].isin(pairs["lega_legal_status_id"])]
    from_police = pd.DataFrame(
        {
            "person": rows["person"],
            "origin": "police",
            "rank": 1,
            "ref": rows["pp_ref"],
            "local": rows["pp_start"],
            "kind": rows["kind"],
            "l1": rows["pp_ref"].isin(pairs["pp_ref"]),
        }
    )
    from_l1 = pd.DataFrame(
        {
            "person": unmatched["lega_person_id"],
            "origin": "csc_only",
            "rank": 2,
            "ref": unmatched["lega_legal_status_id"],
            "local": unmatched["start"],
            "kind": "pp_invoked",
            "l1": True,
        }
    )
    candidates = pd.concat([from_police, from_l1], ignore_index=True)
    candidates["utc"] = _to_utc(candidates["local"])
    candidates["removal_date"] = candidates["local"].dt.normalize()
    return candidates.sort_values(["person", "utc", "rank", "ref"], ignore_index=True)


def _merge_72_hours(candidates: pd.DataFrame, hours: int = 72) -> pd.DataFrame:
    """Anchored on the earliest event of each child: a sequential pass, row by row."""
    anchor_ids = np.empty(len(candidates), dtype=np.int64)
    persons = candidates["person"].to_numpy()
    utc = candidates["utc"].to_numpy()
    limit = np.timedelta64(hours, "h")
    anchor = 0
    for i in range(len(candidates)):
        if i == 0 or persons[i] != persons[anchor] or utc[i] - utc[anchor] > limit:
            anchor = i
        anchor_ids[i] = anchor
    candidates["anchor"] = anchor_ids
    return candidates


def _events(candidates: pd.DataFrame) -> pd.DataFrame:
    grouped = candidates.groupby("anchor", sort=False)
    events = candidates[candidates.index == candidates["anchor"]][
        ["anchor", "person", "removal_date", "utc"]
    ].set_index("anchor")
    events["invoked"] = grouped["kind"].agg(lambda k: (k == "pp_invoked").any())
    police = candidates[candidates["origin"] == "police"]
    events["pp_refs"] = police.groupby("anchor")["ref"].agg(";".join)
    events["l1_refs"] = (
        candidates[candidates["origin"] == "csc_only"].groupby("anchor")["ref"].agg(";".join)
    )
    events["any_l1"] = grouped["l1"].any()
    events[["pp_refs", "l1_refs"]] = events[["pp_refs", "l1_refs"]].fillna("")
    events["source"] = np.where(
        events["pp_refs"] == "", "csc_only", np.where(events["any_l1"], "both", "police")
    )
    return events.reset_index()


def _siblings(t: dict[str, pd.DataFrame], persons: pd.Series) -> pd.DataFrame:
    fam = t["ssd_family"]
    fam = fam[fam["fami_person_id"].isin(persons)].merge(fam, on="fami_family_id")
    fam = fam[fam["fami_person_id_x"] != fam["fami_person_id_y"]]
    moth = t["ssd_mother"]
    moth = moth[moth["moth_childs_person_id"].isin(persons)].merge(moth, on="moth_person_id")
    moth = moth[moth["moth_childs_person_id_x"] != moth["moth_childs_person_id_y"]]
    return pd.concat(
        [
            pd.DataFrame({"person": fam["fami_person_id_x"], "sibling": fam["fami_person_id_y"]}),
            pd.DataFrame(
                {
                    "person": moth["moth_childs_person_id_x"],
                    "sibling": moth["moth_childs_person_id_y"],
                }
            ),
        ]
    ).drop_duplicates()


def _flags(t, events: pd.DataFrame, records: pd.DataFrame, home_la: str | None) -> pd.DataFrame:
    ev = events[["anchor", "person", "removal_date"]]
    mine = ev.merge(records, on="person")
    before = mine["start"] < mine["removal_date"]
    open_ = mine[
        mine["kind"].isin(["cin", "cp", "cla"])
        & ~mine["ola"]
        & before
        & (mine["end"].isna() | (mine["end"] >= mine["removal_date"]))
    ]
    history = mine[
        (mine["end"] < mine["removal_date"]) | ((mine["kind"] == "cp") & mine["ola"] & before)
    ]
    sibs = _siblings(t, ev["person"]).merge(ev, on="person")
    theirs = sibs.merge(records, left_on="sibling", right_on="person", suffixes=("", "_r"))
    theirs = theirs[theirs["start"] < theirs["removal_date"]]
    both = pd.concat(
        [
            mine[["anchor", "removal_date", "kind", "start", "end", "source"]],
            theirs[["anchor", "removal_date", "kind", "start", "end", "source"]],
        ]
    )
    closure = both[
        (both["kind"] == "cin")
        & (both["end"] < both["removal_date"])
        & (both["end"] >= both["removal_date"] - 180 * DAY)
    ]
    year_before = both["removal_date"] - 365 * DAY
    moved_5c = both[
        both["kind"].isin(["contact", "cin"])
        & (both["source"] == "5C")
        & (both["start"] < both["removal_date"])
        & (both["start"] >= year_before)
    ]
    ola = mine[
        (mine["kind"] == "cp")
        & mine["ola"]
        & before
        & (mine["end"].isna() | (mine["end"] >= mine["removal_date"] - 365 * DAY))
    ]
    moved = set(moved_5c["anchor"]) | set(ola["anchor"]) | _moved_address(t, ev, home_la)
    post = mine[mine["kind"].isin(["cin", "cp", "cla"]) & (mine["start"] >= mine["removal_date"])]
    flags = pd.DataFrame({"anchor": ev["anchor"]})
    flags["open"] = flags["anchor"].isin(open_["anchor"])
    kinds = history.groupby("anchor")["kind"].agg(lambda k: ";".join(sorted(set(k))))
    flags["history_kinds"] = flags["anchor"].map(kinds).astype(object).fillna("")
    flags["known_historically"] = flags["history_kinds"] != ""
    flags["sibling_known"] = flags["anchor"].isin(theirs["anchor"])
    flags["recent_closure"] = flags["anchor"].isin(closure["anchor"])
    flags["moved_in"] = flags["anchor"].isin(moved)
    flags["post_removal_involvement"] = flags["anchor"].isin(post["anchor"])
    return flags


def _moved_address(t, ev: pd.DataFrame, home_la: str | None) -> set:
    if home_la is None:
        return set()
    addr = t["ssd_address"]
    addr = addr[addr["addr_person_id"].isin(ev["person"])].sort_values(
        ["addr_person_id", "addr_address_start_date"]
    )
    addr = addr.assign(
        from_la=addr.groupby("addr_person_id")["addr_la_code"].shift(),
        moved_on=pd.to_datetime(addr["addr_address_start_date"]),
    )
    moves = addr[
        (addr["addr_la_code"] == home_la) & addr["from_la"].notna() & (addr["from_la"] != home_la)
    ]
    moves = moves.merge(ev, left_on="addr_person_id", right_on="person")
    moves = moves[
        (moves["moved_on"] < moves["removal_date"])
        & (moves["moved_on"] >= moves["removal_date"] - 365 * DAY)
    ]
    return set(moves["anchor"])


def _families(t, children: list[str]) -> dict[str, str]:
    links = pd.concat(
        [
            t["ssd_family"]
            .rename(columns={"fami_person_id": "c", "fami_family_id": "k"})[["c", "k"]]
            .assign(k=lambda d: "f" + d["k"]),
            t["ssd_mother"]
            .rename(columns={"moth_childs_person_id": "c", "moth_person_id": "k"})[["c", "k"]]
            .assign(k=lambda d: "m" + d["k"]),
        ]
    )
    links = links[links["c"].isin(children)]
    parent = {c: c for c in children}

    def find(c):
        while parent[c] != c:
            c = parent[c]
        return c

    for _, group in links.groupby("k"):
        members = sorted(group["c"])
        for other in members[1:]:
            a, b = find(members[0]), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {c: find(c) for c in children}


def _second_birthday(dob: pd.Series) -> pd.Series:
    shifted = dob + pd.DateOffset(years=2)  # 29 Feb + 2 years lands on 28 Feb: move to 1 Mar
    leap_day = (dob.dt.month == 2) & (dob.dt.day == 29)
    return shifted.where(~leap_day, shifted + DAY)


def decide_events(
    t: dict[str, pd.DataFrame], period_from: date, period_to: date, home_la: str | None
) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple]]:
    """Every removal event with its facts and ``reason`` (None: in the cohort), the merged
    candidates, and the exclusions of police rows that are no event or were merged away."""
    police = _police(t)
    exclusions = [(r, "", "", "unlinked") for r in police.loc[police["person"].isna(), "pp_ref"]]
    not_removal = police[police["person"].notna() & police["kind"].isna()]
    exclusions += [
        (r, "", p, "not_a_removal_event")
        for r, p in zip(not_removal["pp_ref"], not_removal["person"], strict=True)
    ]
    candidates = _merge_72_hours(_candidates(police, t["ssd_legal_status"]))
    if candidates.empty:
        return pd.DataFrame(), candidates, exclusions
    events = _events(candidates)
    lead = events.set_index("anchor")["pp_refs"].str.split(";").str[0]
    pol = candidates[candidates["origin"] == "police"]
    dupes = pol[pol["ref"] != pol["anchor"].map(lead)]
    exclusions += [
        (r, "", p, "merged_duplicate") for r, p in zip(dupes["ref"], dupes["person"], strict=True)
    ]
    start, end = pd.Timestamp(period_from), pd.Timestamp(period_to)
    events["in_period"] = (events["removal_date"] >= start) & (events["removal_date"] <= end)
    persons = t["ssd_person"].assign(dob=lambda d: pd.to_datetime(d["pers_dob"]))
    events = events.merge(
        persons[["pers_person_id", "dob"]], how="left", left_on="person", right_on="pers_person_id"
    )
    events["data_error"] = (
        events["pers_person_id"].isna()
        | events["dob"].isna()
        | (events["removal_date"] < events["dob"])
    )
    flags = _flags(t, events[events["in_period"]], _records(t), home_la)
    events = events.merge(flags, on="anchor", how="left")
    events["reason"] = None
    events.loc[events["open"].fillna(False).astype(bool), "reason"] = "open_to_csc"
    events.loc[events["data_error"], "reason"] = "data_error"
    events.loc[~events["in_period"], "reason"] = "outside_period"
    events = events.sort_values(["removal_date", "utc", "person"], ignore_index=True)
    qualifying = events["reason"].isna()
    repeat = qualifying & events[qualifying].groupby("person").cumcount().reindex(events.index).gt(
        0
    )
    events.loc[repeat, "reason"] = "repeat_removal"
    return events, candidates, exclusions


def cohort_pandas(
    t: dict[str, pd.DataFrame], period_from: date, period_to: date, home_la: str | None
) -> dict[str, Any]:
    events, _, exclusions = decide_events(t, period_from, period_to, home_la)
    if events.empty:
        return {"cohort": [], "exclusions": sorted(exclusions)}
    listed = events[
        events["reason"].notna()
        & ~((events["reason"] == "outside_period") & (events["pp_refs"] == ""))
    ]
    exclusions += list(
        zip(listed["pp_refs"], listed["l1_refs"], listed["person"], listed["reason"], strict=True)
    )
    cohort = events[events["reason"].isna()].reset_index(drop=True)
    return {"cohort": _cohort_rows(t, cohort), "exclusions": sorted(exclusions)}


def _cohort_rows(t, cohort: pd.DataFrame) -> list[dict[str, Any]]:
    family_of = _families(t, list(cohort["person"]))
    sizes = pd.Series(family_of).value_counts()
    numbers: dict[str, int] = {}
    age = (cohort["removal_date"] - cohort["dob"]).dt.days
    within = cohort["removal_date"] < _second_birthday(cohort["dob"])
    rows = []
    for i, ev in cohort.iterrows():
        family = family_of[ev["person"]]
        numbers.setdefault(family, len(numbers) + 1)
        rows.append(
            {
                "case_ref": f"C{i + 1:03d}",
                "family_ref": f"F{numbers[family]:02d}",
                "pers_person_id": ev["person"],
                "removal_date": ev["removal_date"].date().isoformat(),
                "removal_kind": "pp_invoked" if ev["invoked"] else "pp_considered_s20",
                "pp_refs": ev["pp_refs"],
                "l1_refs": ev["l1_refs"],
                "source": ev["source"],
                "age_days": int(age[i]),
                "day_of_1001": int(age[i]) + 271,
                "in_first_1001_days": bool(within[i]),
                "has_sibling_group": bool(sizes[family] > 1),
                **{
                    k: bool(ev[k])
                    for k in (
                        "known_historically",
                        "sibling_known",
                        "recent_closure",
                        "moved_in",
                        "post_removal_involvement",
                    )
                },
                "history_kinds": ev["history_kinds"],
            }
        )
    return rows


def tables_from_rows(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    """DataFrames from a test store's rows (the columns of maca.data.schema)."""
    from maca.data.schema import TABLES

    tables = {}
    for name, table in TABLES.items():
        frame = pd.DataFrame(rows.get(name) or [], columns=table.column_names)
        for column in table.columns:
            if column.type in ("DATE", "TIMESTAMP"):
                frame[column.name] = pd.to_datetime(frame[column.name])
            elif column.type == "VARCHAR":
                frame[column.name] = frame[column.name].astype(object)
        tables[name] = frame
    return tables


__all__ = ["cohort_pandas", "decide_events", "tables_from_rows"]

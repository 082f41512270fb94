"""A brute-force reading of shared/spec/cohort.md in plain Python, written from the spec's text.

Deliberately naive (loops over every record for every event) and independent of the SQL: it is
the second opinion the property test compares the query against. It returns the facts that
decide the outputs, not the readable texts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from maca.cohort.finder import CohortOutcome

LONDON = ZoneInfo("Europe/London")
PRECEDENCE = [
    "unlinked",
    "not_a_removal_event",
    "merged_duplicate",
    "outside_period",
    "data_error",
    "open_to_csc",
    "repeat_removal",
]


def _elapsed_instant(local: datetime) -> datetime:
    return local.replace(tzinfo=LONDON).astimezone(UTC)


def _person_id(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _records(tables: dict[str, list[dict]]) -> list[dict[str, Any]]:
    """Every CSC record as (person, kind, id, start, end, source, other_la)."""
    out = []
    for r in tables["ssd_contacts"]:
        out.append(
            dict(
                person=r["cont_person_id"],
                kind="contact",
                id=r["cont_contact_id"],
                start=r["cont_contact_date"],
                end=r["cont_contact_date"],
                source=r["cont_contact_source_code"],
                ola=False,
            )
        )
    for r in tables["ssd_early_help_episodes"]:
        out.append(
            dict(
                person=r["earl_person_id"],
                kind="early_help",
                id=r["earl_episode_id"],
                start=r["earl_episode_start_date"],
                end=r["earl_episode_end_date"],
                source=None,
                ola=False,
            )
        )
    for r in tables["ssd_cin_episodes"]:
        out.append(
            dict(
                person=r["cine_person_id"],
                kind="cin",
                id=r["cine_referral_id"],
                start=r["cine_referral_date"],
                end=r["cine_close_date"],
                source=r["cine_referral_source_code"],
                ola=False,
            )
        )
    for r in tables["ssd_cp_plans"]:
        out.append(
            dict(
                person=r["cppl_person_id"],
                kind="cp",
                id=r["cppl_cp_plan_id"],
                start=r["cppl_cp_plan_start_date"],
                end=r["cppl_cp_plan_end_date"],
                source=None,
                ola=bool(r["cppl_cp_plan_ola"]),
            )
        )
    for r in tables["ssd_cla_episodes"]:
        out.append(
            dict(
                person=r["clae_person_id"],
                kind="cla",
                id=r["clae_cla_episode_id"],
                start=r["clae_cla_episode_start_date"],
                end=r["clae_cla_episode_ceased_date"],
                source=None,
                ola=False,
            )
        )
    return out


def _second_birthday_reached(dob: date, on: date) -> bool:
    try:
        birthday = dob.replace(year=dob.year + 2)
    except ValueError:  # 29 February: the birthday is 1 March in a common year
        birthday = date(dob.year + 2, 3, 1)
    return on >= birthday


def _candidates(tables: dict, police: list[dict]) -> list[dict]:
    removal_rows = [p for p in police if p["kind"] and p["person"]]
    candidates = []
    for p in removal_rows:
        p["l1"] = False
        candidates.append(
            dict(
                origin="police",
                rank=1,
                ref=p["pp_ref"],
                person=p["person"],
                local=p["pp_start"],
                date=p["pp_start"].date(),
                kind=p["kind"],
            )
        )
    for spell in tables["ssd_legal_status"]:
        if spell["lega_legal_status"] != "L1":
            continue
        start = spell["lega_legal_status_start_date"]
        matched = [
            p
            for p in removal_rows
            if p["person"] == spell["lega_person_id"]
            and p["pp_start"].date() <= start <= p["pp_start"].date() + timedelta(days=3)
        ]
        for p in matched:
            p["l1"] = True
        if not matched:
            candidates.append(
                dict(
                    origin="csc_only",
                    rank=2,
                    ref=spell["lega_legal_status_id"],
                    person=spell["lega_person_id"],
                    local=datetime.combine(start, datetime.min.time()),
                    date=start,
                    kind="pp_invoked",
                )
            )
    by_ref = {p["pp_ref"]: p for p in removal_rows}
    for c in candidates:
        c["utc"] = _elapsed_instant(c["local"])
        c["l1"] = c["origin"] == "csc_only" or by_ref[c["ref"]]["l1"]
    return candidates


def _merge(candidates: list[dict], merge_hours: int) -> list[list[dict]]:
    """Anchored on the earliest: later events within 72 hours of the anchor join it."""
    events = []
    people = sorted({c["person"] for c in candidates})
    for person in people:
        mine = sorted(
            (c for c in candidates if c["person"] == person),
            key=lambda c: (c["utc"], c["rank"], c["ref"]),
        )
        current: list[dict] = []
        for c in mine:
            if current and c["utc"] - current[0]["utc"] <= timedelta(hours=merge_hours):
                current.append(c)
            else:
                if current:
                    events.append(current)
                current = [c]
        events.append(current)
    return events


def _siblings(tables: dict, person: str) -> set[str]:
    out = set()
    for f in tables["ssd_family"]:
        if f["fami_person_id"] == person:
            for g in tables["ssd_family"]:
                if g["fami_family_id"] == f["fami_family_id"] and g["fami_person_id"] != person:
                    out.add(g["fami_person_id"])
    for m in tables["ssd_mother"]:
        if m["moth_childs_person_id"] == person:
            for n in tables["ssd_mother"]:
                if (
                    n["moth_person_id"] == m["moth_person_id"]
                    and n["moth_childs_person_id"] != person
                ):
                    out.add(n["moth_childs_person_id"])
    return out


def _flags(tables: dict, records: list[dict], person: str, on: date, home_la: str | None) -> dict:
    mine = [r for r in records if r["person"] == person]
    siblings = _siblings(tables, person)
    theirs = [r for r in records if r["person"] in siblings and r["start"] < on]
    history = sorted(
        {
            r["kind"]
            for r in mine
            if (r["end"] is not None and r["end"] < on)
            or (r["kind"] == "cp" and r["ola"] and r["start"] < on)
        }
    )
    year_before = on - timedelta(days=365)
    closures = [
        r
        for r in mine + theirs
        if r["kind"] == "cin" and r["end"] is not None and on - timedelta(days=180) <= r["end"] < on
    ]
    moved = any(
        r["kind"] in ("contact", "cin") and r["source"] == "5C" and year_before <= r["start"] < on
        for r in mine + theirs
    ) or any(
        r["kind"] == "cp"
        and r["ola"]
        and r["start"] < on
        and (r["end"] is None or r["end"] >= year_before)
        for r in mine
    )
    addresses = sorted(
        (a for a in tables["ssd_address"] if a["addr_person_id"] == person),
        key=lambda a: a["addr_address_start_date"],
    )
    for before, after in zip(addresses, addresses[1:], strict=False):
        if (
            home_la is not None
            and after["addr_la_code"] == home_la
            and before["addr_la_code"] is not None
            and before["addr_la_code"] != home_la
            and year_before <= after["addr_address_start_date"] < on
        ):
            moved = True
    return {
        "known_historically": bool(history),
        "history_kinds": ";".join(history),
        "sibling_known": bool(theirs),
        "recent_closure": bool(closures),
        "moved_in": moved,
        "post_removal_involvement": any(
            r["kind"] in ("cin", "cp", "cla") and r["start"] >= on for r in mine
        ),
    }


def _open_record(records: list[dict], person: str, on: date) -> dict | None:
    open_ = [
        r
        for r in records
        if r["person"] == person
        and r["kind"] in ("cin", "cp", "cla")
        and not r["ola"]
        and r["start"] < on
        and (r["end"] is None or r["end"] >= on)
    ]
    return min(open_, key=lambda r: (r["start"], r["kind"], r["id"])) if open_ else None


def _families(tables: dict, children: list[str]) -> dict[str, str]:
    """Children sharing a family id or a mother, directly or through a chain, are one family."""
    keys = {}
    for c in children:
        keys[c] = {
            ("f", f["fami_family_id"]) for f in tables["ssd_family"] if f["fami_person_id"] == c
        }
        keys[c] |= {
            ("m", m["moth_person_id"])
            for m in tables["ssd_mother"]
            if m["moth_childs_person_id"] == c
        }
    group = {c: c for c in children}
    changed = True
    while changed:
        changed = False
        for a in children:
            for b in children:
                if keys[a] & keys[b] and group[a] != group[b]:
                    low = min(group[a], group[b])
                    for c in children:
                        if group[c] in (group[a], group[b]):
                            group[c] = low
                    changed = True
    return group


def oracle(tables: dict, period_from: date, period_to: date, home_la: str | None) -> dict:
    records = _records(tables)
    persons = {p["pers_person_id"]: p for p in tables["ssd_person"]}
    police = []
    for row in tables["police_protection"]:
        kind = None
        if row["status"] == "invoked":
            kind = "pp_invoked"
        elif row["status"] == "considered" and row["outcome"] == "s20_agreed":
            kind = "pp_considered_s20"
        police.append(dict(row, person=_person_id(row["pers_person_id"]), kind=kind))
    exclusions = []
    for p in police:
        if p["person"] is None:
            exclusions.append((p["pp_ref"], "", "", "unlinked"))
        elif p["kind"] is None:
            exclusions.append((p["pp_ref"], "", p["person"], "not_a_removal_event"))
    events = _merge(_candidates(tables, police), 72)
    events.sort(key=lambda e: (e[0]["date"], e[0]["utc"], e[0]["person"]))
    cohort_events, seen_children = [], set()
    for event in events:
        person, on = event[0]["person"], event[0]["date"]
        refs = [c["ref"] for c in event if c["origin"] == "police"]
        l1s = ";".join(c["ref"] for c in event if c["origin"] == "csc_only")
        for ref in refs[1:]:
            exclusions.append((ref, "", person, "merged_duplicate"))
        record = persons.get(person)
        if not period_from <= on <= period_to:
            reason = "outside_period"
        elif record is None or record["pers_dob"] is None or on < record["pers_dob"]:
            reason = "data_error"
        elif _open_record(records, person, on) is not None:
            reason = "open_to_csc"
        elif person in seen_children:
            reason = "repeat_removal"
        else:
            reason = None
            seen_children.add(person)
            cohort_events.append(event)
        if reason and (refs or reason != "outside_period"):
            exclusions.append((";".join(refs), l1s, person, reason))
    family_of = _families(tables, [e[0]["person"] for e in cohort_events])
    family_numbers: dict[str, int] = {}
    cohort = []
    for n, event in enumerate(cohort_events, 1):
        person, on = event[0]["person"], event[0]["date"]
        dob = persons[person]["pers_dob"]
        family_numbers.setdefault(family_of[person], len(family_numbers) + 1)
        police_rows = [c for c in event if c["origin"] == "police"]
        source = (
            "csc_only" if not police_rows else ("both" if any(c["l1"] for c in event) else "police")
        )
        cohort.append(
            {
                "case_ref": f"C{n:03d}",
                "family_ref": f"F{family_numbers[family_of[person]]:02d}",
                "pers_person_id": person,
                "removal_date": on.isoformat(),
                "removal_kind": "pp_invoked"
                if any(c["kind"] == "pp_invoked" for c in event)
                else "pp_considered_s20",
                "pp_refs": ";".join(c["ref"] for c in police_rows),
                "l1_refs": ";".join(c["ref"] for c in event if c["origin"] == "csc_only"),
                "source": source,
                "age_days": (on - dob).days,
                "day_of_1001": (on - (dob - timedelta(days=270))).days + 1,
                "in_first_1001_days": not _second_birthday_reached(dob, on),
                "has_sibling_group": sum(1 for v in family_of.values() if v == family_of[person])
                > 1,
                **_flags(tables, records, person, on, home_la),
            }
        )
    return {"cohort": cohort, "exclusions": sorted(exclusions)}


def comparable(outcome: CohortOutcome) -> dict[str, Any]:
    """The deciding facts of an outcome, in the oracle's shape."""
    keep = (
        "case_ref family_ref pers_person_id removal_date removal_kind pp_refs l1_refs source "
        "age_days day_of_1001 in_first_1001_days has_sibling_group known_historically "
        "history_kinds sibling_known recent_closure moved_in post_removal_involvement"
    ).split()
    cohort = []
    for row in outcome.decisions.cohort:
        cohort.append(
            {k: (row[k] == "true" if row[k] in ("true", "false") else row[k]) for k in keep}
        )
    exclusions = sorted(
        (r["pp_refs"], r["l1_refs"], r["pers_person_id"], r["reason"])
        for r in outcome.decisions.exclusions
    )
    return {"cohort": cohort, "exclusions": exclusions}

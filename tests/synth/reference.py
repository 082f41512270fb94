"""An independent, deliberately plain reading of the cohort rules, used only to check that the
planted expectations the generator declares are consistent with the records it wrote."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pandas as pd


def load(folder: Path) -> dict[str, pd.DataFrame]:
    tables = {}
    for path in folder.glob("*.csv"):
        tables[path.stem] = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tables


def d(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class Records:
    """Per-person records from the SSD files, as (kind, start, end) with dates."""

    def __init__(self, t: dict[str, pd.DataFrame], home_la: str):
        self.home_la = home_la
        self.by_person: dict[str, list[tuple]] = defaultdict(list)
        for r in t["ssd_contacts"].itertuples():
            self.by_person[r.cont_person_id].append(
                (
                    "contact",
                    d(r.cont_contact_date),
                    d(r.cont_contact_date),
                    r.cont_contact_source_code,
                    False,
                )
            )
        for r in t["ssd_early_help_episodes"].itertuples():
            self.by_person[r.earl_person_id].append(
                ("early_help", d(r.earl_episode_start_date), d(r.earl_episode_end_date), "", False)
            )
        for r in t["ssd_cin_episodes"].itertuples():
            self.by_person[r.cine_person_id].append(
                (
                    "cin",
                    d(r.cine_referral_date),
                    d(r.cine_close_date),
                    r.cine_referral_source_code,
                    False,
                )
            )
        for r in t["ssd_cp_plans"].itertuples():
            self.by_person[r.cppl_person_id].append(
                (
                    "cp",
                    d(r.cppl_cp_plan_start_date),
                    d(r.cppl_cp_plan_end_date),
                    "",
                    r.cppl_cp_plan_ola == "Y",
                )
            )
        for r in t["ssd_cla_episodes"].itertuples():
            self.by_person[r.clae_person_id].append(
                (
                    "cla",
                    d(r.clae_cla_episode_start_date),
                    d(r.clae_cla_episode_ceased_date),
                    "",
                    False,
                )
            )
        self.addresses: dict[str, list[tuple]] = defaultdict(list)
        for r in t["ssd_address"].itertuples():
            self.addresses[r.addr_person_id].append((d(r.addr_address_start_date), r.addr_la_code))
        self.siblings: dict[str, set[str]] = defaultdict(set)
        groups: dict[str, set[str]] = defaultdict(set)
        for r in t["ssd_family"].itertuples():
            groups["f" + r.fami_family_id].add(r.fami_person_id)
        for r in t["ssd_mother"].itertuples():
            groups["m" + r.moth_person_id].add(r.moth_childs_person_id)
        self.groups = groups
        for members in groups.values():
            for p in members:
                self.siblings[p] |= members - {p}

    def open_at(self, pid: str, r: dt.date) -> bool:
        return any(
            k in ("cin", "cp", "cla") and not ola and s < r and (e is None or e >= r)
            for k, s, e, _, ola in self.by_person[pid]
        )

    def history(self, pid: str, r: dt.date) -> set[str]:
        return {k for k, s, e, _, _ in self.by_person[pid] if e is not None and e < r}

    def sibling_known(self, pid: str, r: dt.date) -> bool:
        return any(s < r for sib in self.siblings[pid] for _, s, _, _, _ in self.by_person[sib])

    def recent_closure(self, pid: str, r: dt.date) -> bool:
        return any(
            k == "cin" and e is not None and 1 <= (r - e).days <= 180
            for p in {pid} | self.siblings[pid]
            for k, _, e, _, _ in self.by_person[p]
        )

    def moved_in(self, pid: str, r: dt.date) -> bool:
        rows = sorted(self.addresses[pid])
        for (_, before), (start, la) in zip(rows, rows[1:], strict=False):
            if la == self.home_la and before != self.home_la and 1 <= (r - start).days <= 365:
                return True
        for p in {pid} | self.siblings[pid]:
            for k, s, _, source, _ in self.by_person[p]:
                if k in ("contact", "cin") and source == "5C" and 1 <= (r - s).days <= 365:
                    return True
        return any(
            k == "cp" and ola and s < r and (e is None or (r - e).days <= 365)
            for k, s, e, _, ola in self.by_person[pid]
        )

    def post_removal(self, pid: str, r: dt.date) -> bool:
        return any(k in ("cin", "cp", "cla") and s >= r for k, s, _, _, _ in self.by_person[pid])


def second_birthday(dob: dt.date) -> dt.date:
    if (dob.month, dob.day) == (2, 29):
        return dt.date(dob.year + 2, 3, 1)
    return dob.replace(year=dob.year + 2)


def family_components(records: Records, people: set[str]) -> dict[str, str]:
    """Transitive families over all family and mother links: person -> representative."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for name, members in records.groups.items():
        for m in members | ({name[1:]} if name.startswith("m") else set()):
            parent[find(m)] = find(name)
    return {p: find(p) for p in people}

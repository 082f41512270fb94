"""Hand-built canonical stores for the cohort tests: a few rows, named in the field's words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from maca.data.schema import TABLES, create_all_sql


def d(text: str) -> date:
    return date.fromisoformat(text)


def ts(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass
class Store:
    """Rows per canonical table; ``write`` makes a DuckDB store of them."""

    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in TABLES}
    )
    _ids: int = 0

    def _add(self, table: str, **values: Any) -> str:
        columns = TABLES[table].column_names
        row = {c: values.get(c) for c in columns}
        row["source_file"] = f"{table}.csv"
        row["source_row"] = len(self.rows[table]) + 2
        self.rows[table].append(row)
        return row[columns[0]]

    def _next_id(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}{self._ids}"

    def person(self, pid: str, dob: str | None = None, expected: str | None = None) -> str:
        return self._add(
            "ssd_person",
            pers_person_id=pid,
            pers_dob=d(dob) if dob else None,
            pers_expected_dob=d(expected) if expected else None,
        )

    def police(
        self,
        ref: str,
        pid: str | None,
        start: str,
        status: str = "invoked",
        outcome: str = "la_accommodation",
        home_la: str | None = None,
    ) -> str:
        return self._add(
            "police_protection",
            pp_ref=ref,
            pers_person_id=pid,
            pp_start=ts(start),
            status=status,
            outcome=outcome,
            home_la=home_la,
        )

    def family(self, family_id: str, *pids: str) -> None:
        for pid in pids:
            self._add("ssd_family", fami_family_id=family_id, fami_person_id=pid)

    def mother(self, mother_id: str, *children: str) -> None:
        for child in children:
            self._add("ssd_mother", moth_person_id=mother_id, moth_childs_person_id=child)

    def address(self, pid: str, start: str, la: str | None, end: str | None = None) -> None:
        self._add(
            "ssd_address",
            addr_person_id=pid,
            addr_address_start_date=d(start),
            addr_address_end_date=d(end) if end else None,
            addr_la_code=la,
            addr_address_postcode="ZZ99 9ZZ",
        )

    def contact(self, pid: str, on: str, source: str | None = "1A") -> str:
        return self._add(
            "ssd_contacts",
            cont_contact_id=self._next_id("CONT"),
            cont_person_id=pid,
            cont_contact_date=d(on),
            cont_contact_source_code=source,
        )

    def early_help(self, pid: str, start: str, end: str | None = None) -> str:
        return self._add(
            "ssd_early_help_episodes",
            earl_episode_id=self._next_id("EH"),
            earl_person_id=pid,
            earl_episode_start_date=d(start),
            earl_episode_end_date=d(end) if end else None,
        )

    def cin(self, pid: str, start: str, end: str | None = None, source: str = "6") -> str:
        return self._add(
            "ssd_cin_episodes",
            cine_referral_id=self._next_id("CIN"),
            cine_person_id=pid,
            cine_referral_date=d(start),
            cine_referral_source_code=source,
            cine_close_date=d(end) if end else None,
            cine_referral_nfa=False,
        )

    def cp(self, pid: str, start: str, end: str | None = None, ola: bool = False) -> str:
        return self._add(
            "ssd_cp_plans",
            cppl_cp_plan_id=self._next_id("CP"),
            cppl_person_id=pid,
            cppl_cp_plan_start_date=d(start),
            cppl_cp_plan_end_date=d(end) if end else None,
            cppl_cp_plan_ola=ola,
        )

    def cla(self, pid: str, start: str, end: str | None = None) -> str:
        return self._add(
            "ssd_cla_episodes",
            clae_cla_episode_id=self._next_id("CLA"),
            clae_person_id=pid,
            clae_cla_episode_start_date=d(start),
            clae_cla_episode_start_reason="S",
            clae_cla_episode_ceased_date=d(end) if end else None,
        )

    def legal_status(self, pid: str, start: str, code: str = "L1", end: str | None = None) -> str:
        return self._add(
            "ssd_legal_status",
            lega_legal_status_id=self._next_id("LS"),
            lega_person_id=pid,
            lega_legal_status=code,
            lega_legal_status_start_date=d(start),
            lega_legal_status_end_date=d(end) if end else None,
        )

    def write(self, path: Path) -> Path:
        con = duckdb.connect(str(path))
        try:
            for statement in create_all_sql():
                con.execute(statement)
            for name, rows in self.rows.items():
                if not rows:
                    continue
                columns = list(rows[0])
                marks = ", ".join(["(" + ", ".join("?" for _ in columns) + ")"] * len(rows))
                con.execute(
                    f"INSERT INTO {name} ({', '.join(columns)}) VALUES {marks}",
                    [value for row in rows for value in row.values()],
                )
        finally:
            con.close()
        return path

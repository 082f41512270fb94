"""The canonical store: SSD tables of shared/spec/data-contract.md plus ``police_protection``.

One definition serves the readers (which fill the tables), the cohort (which queries them) and the
synthetic data generator (whose ``ssd`` output uses the same column names). Every table also has
``source_file`` and ``source_row`` for provenance.

Types are portable SQL types, understood by DuckDB, PostgreSQL and Spark SQL alike.
Dates are calendar dates; ``pp_start``/``pp_end`` are local Europe/London timestamps without
zone (the form the police log records them in).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # VARCHAR | DATE | TIMESTAMP | BOOLEAN | INTEGER
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _t(name: str, key: tuple[str, ...], *cols: tuple[str, str, bool]) -> Table:
    return Table(name, tuple(Column(n, t, r) for n, t, r in cols), key)


V, D, TS, B = "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN"
REQ, OPT = True, False

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        _t(
            "ssd_person",
            ("pers_person_id",),
            ("pers_person_id", V, REQ),
            ("pers_dob", D, OPT),
            ("pers_expected_dob", D, OPT),
            ("pers_sex", V, OPT),
        ),
        _t(
            "ssd_family",
            ("fami_family_id", "fami_person_id"),
            ("fami_family_id", V, REQ),
            ("fami_person_id", V, REQ),
        ),
        _t(
            "ssd_mother",
            ("moth_person_id", "moth_childs_person_id"),
            ("moth_person_id", V, REQ),
            ("moth_childs_person_id", V, REQ),
        ),
        _t(
            "ssd_address",
            ("addr_person_id", "addr_address_start_date"),
            ("addr_person_id", V, REQ),
            ("addr_address_postcode", V, OPT),
            ("addr_address_start_date", D, REQ),
            ("addr_address_end_date", D, OPT),
            ("addr_la_code", V, OPT),
        ),
        _t(
            "ssd_contacts",
            ("cont_contact_id",),
            ("cont_contact_id", V, REQ),
            ("cont_person_id", V, REQ),
            ("cont_contact_date", D, REQ),
            ("cont_contact_source_code", V, OPT),
        ),
        _t(
            "ssd_early_help_episodes",
            ("earl_episode_id",),
            ("earl_episode_id", V, REQ),
            ("earl_person_id", V, REQ),
            ("earl_episode_start_date", D, REQ),
            ("earl_episode_end_date", D, OPT),
        ),
        _t(
            "ssd_cin_episodes",
            ("cine_referral_id",),
            ("cine_referral_id", V, REQ),
            ("cine_person_id", V, REQ),
            ("cine_referral_date", D, REQ),
            ("cine_referral_source_code", V, OPT),
            ("cine_close_date", D, OPT),
            ("cine_close_reason", V, OPT),
            ("cine_referral_nfa", B, OPT),
        ),
        _t(
            "ssd_cp_plans",
            ("cppl_cp_plan_id",),
            ("cppl_cp_plan_id", V, REQ),
            ("cppl_person_id", V, REQ),
            ("cppl_cp_plan_start_date", D, REQ),
            ("cppl_cp_plan_end_date", D, OPT),
            ("cppl_cp_plan_ola", B, OPT),
        ),
        _t(
            "ssd_cla_episodes",
            ("clae_cla_episode_id",),
            ("clae_cla_episode_id", V, REQ),
            ("clae_person_id", V, REQ),
            ("clae_cla_episode_start_date", D, REQ),
            ("clae_cla_episode_start_reason", V, OPT),
            ("clae_cla_episode_ceased_date", D, OPT),
            ("clae_cla_episode_ceased_reason", V, OPT),
        ),
        _t(
            "ssd_legal_status",
            ("lega_legal_status_id",),
            ("lega_legal_status_id", V, REQ),
            ("lega_person_id", V, REQ),
            ("lega_legal_status", V, REQ),
            ("lega_legal_status_start_date", D, REQ),
            ("lega_legal_status_end_date", D, OPT),
        ),
        _t(
            "police_protection",
            ("pp_ref",),
            ("pp_ref", V, REQ),
            ("pers_person_id", V, OPT),
            ("pp_start", TS, REQ),
            ("pp_end", TS, OPT),
            ("status", V, REQ),
            ("outcome", V, OPT),
            ("home_la", V, OPT),
        ),
    )
}

PROVENANCE = (Column("source_file", V, True), Column("source_row", "INTEGER", True))


def create_table_sql(table: Table) -> str:
    """CREATE TABLE for one canonical table, provenance columns included."""
    cols = [f"{c.name} {c.type}" for c in (*table.columns, *PROVENANCE)]
    return f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(cols)})"


def create_all_sql() -> list[str]:
    return [create_table_sql(t) for t in TABLES.values()]

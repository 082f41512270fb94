"""What a record of each canonical table must look like: its fields, key and row rules.

Columns, types, required columns and keys come from ``maca.data.schema``; this module adds what
a reader must know beyond that (code lists, LA codes) and the rules a row is judged by.

A reader turns its format into rows of text named after the canonical columns (a *staging*
table); ``maca.data.checks`` then applies the record spec in SQL. Rules are SQL over the typed
columns, so that a national file is judged in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from maca.data import codes
from maca.data.schema import TABLES


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | code | date | timestamp | bool | la_code
    required: bool = False
    codes: tuple[str, ...] = ()
    builtin_map: dict[str, str] = field(default_factory=dict)  # e.g. old numeric sex codes
    lower: bool = False  # codes written in lower case (police log)


@dataclass(frozen=True)
class Rule:
    """A row-level judgement: ``when`` true means the problem applies. It is SQL over the typed
    columns (and the trimmed text, ``<column>__r``)."""

    column: str
    when: str
    reason: str  # SQL expression giving the reason text


@dataclass(frozen=True)
class RecordSpec:
    table: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    # id synthesised where the source has none: (id column, the typed columns it joins)
    synthetic_id: tuple[str, tuple[str, ...]] | None = None
    rejects: tuple[Rule, ...] = ()
    warnings: tuple[Rule, ...] = ()
    extra: tuple[str, ...] = ()  # working columns kept beside the canonical ones

    @property
    def output_columns(self) -> list[str]:
        return [*TABLES[self.table].column_names, *self.extra]


def _code(name: str, values: dict[str, str], **kw) -> Field:
    return Field(name, "code", codes=tuple(values), **kw)


_KIND = {"VARCHAR": "text", "DATE": "date", "TIMESTAMP": "timestamp", "BOOLEAN": "bool"}


def _spec(table: str, *special: Field, **rules) -> RecordSpec:
    """The table's record as ``maca.data.schema`` defines it (columns, types, required, key);
    ``special`` says more of a column than its type (a code list, an LA code)."""
    by_name = {f.name: f for f in special}
    columns = TABLES[table].columns
    unknown = set(by_name) - {c.name for c in columns}
    if unknown:
        raise ValueError(f"{table} has no column {sorted(unknown)}")
    fields = tuple(
        replace(by_name[c.name], required=c.required)
        if c.name in by_name
        else Field(c.name, _KIND[c.type], c.required)
        for c in columns
    )
    return RecordSpec(table, fields, TABLES[table].key, **rules)


def _ended_before_started(end: str, start: str, what: str) -> Rule:
    return Rule(end, f"{end} < {start}", f"'{what} ends before it starts (' || {start} || ')'")


def _days_over(start: str, end: str, days: int, reason: str, column: str) -> Rule:
    return Rule(column, f"date_diff('day', {start}, {end}) > {days}", reason)


_SEX = _code("pers_sex", codes.SEX, builtin_map=codes.SEX_FROM_NUMBER)

SPECS: dict[str, RecordSpec] = {
    s.table: s
    for s in (
        _spec(
            "ssd_person",
            _SEX,
            rejects=(
                Rule(
                    "pers_dob",
                    "pers_dob__r IS NULL AND pers_expected_dob__r IS NULL",
                    "'neither a date of birth nor an expected date of birth'",
                ),
            ),
            warnings=(
                Rule(
                    "pers_expected_dob",
                    "pers_dob IS NOT NULL AND pers_expected_dob IS NOT NULL",
                    "'has both a date of birth and an expected date of birth; "
                    "the date of birth is used'",
                ),
            ),
        ),
        _spec(
            "ssd_family",
        ),
        _spec(
            "ssd_mother",
            rejects=(
                Rule(
                    "moth_childs_person_id",
                    "moth_person_id = moth_childs_person_id",
                    "'a person cannot be their own mother'",
                ),
            ),
        ),
        _spec(
            "ssd_address",
            Field("addr_la_code", "la_code"),
            rejects=(
                _ended_before_started(
                    "addr_address_end_date", "addr_address_start_date", "address"
                ),
            ),
        ),
        _spec(
            "ssd_contacts",
            _code("cont_contact_source_code", codes.REFERRAL_SOURCE),
        ),
        _spec(
            "ssd_early_help_episodes",
            rejects=(
                _ended_before_started(
                    "earl_episode_end_date", "earl_episode_start_date", "early help episode"
                ),
            ),
        ),
        _spec(
            "ssd_cin_episodes",
            _code("cine_referral_source_code", codes.REFERRAL_SOURCE),
            _code("cine_close_reason", codes.REASON_FOR_CLOSURE),
            rejects=(
                _ended_before_started("cine_close_date", "cine_referral_date", "CIN episode"),
            ),
        ),
        _spec(
            "ssd_cp_plans",
            rejects=(
                _ended_before_started(
                    "cppl_cp_plan_end_date", "cppl_cp_plan_start_date", "child protection plan"
                ),
            ),
        ),
        _spec(
            "ssd_cla_episodes",
            _code("clae_cla_episode_start_reason", codes.REASON_NEW_EPISODE),
            rejects=(
                _ended_before_started(
                    "clae_cla_episode_ceased_date",
                    "clae_cla_episode_start_date",
                    "episode",
                ),
            ),
            warnings=(
                Rule(
                    "clae_cla_episode_ceased_reason",
                    "clae_cla_episode_ceased_reason IS NOT NULL "
                    "AND clae_cla_episode_ceased_date IS NULL",
                    "'a reason the episode ended is given but no end date: read as still open'",
                ),
            ),
        ),
        _spec(
            "ssd_legal_status",
            _code("lega_legal_status", codes.LEGAL_STATUS),
            rejects=(
                _ended_before_started(
                    "lega_legal_status_end_date", "lega_legal_status_start_date", "legal status"
                ),
            ),
        ),
        _spec(
            "police_protection",
            _code("status", codes.PP_STATUS, lower=True),
            _code("outcome", codes.PP_OUTCOME, lower=True),
            Field("home_la", "la_code"),
            rejects=(_ended_before_started("pp_end", "pp_start", "police protection"),),
            warnings=(
                Rule(
                    "pp_end",
                    "pp_end > pp_start + INTERVAL 72 HOUR",
                    "'police protection lasted ' || date_diff('hour', pp_start, pp_end)"
                    " || ' hours; the law allows at most 72'",
                ),
                Rule(
                    "pers_person_id",
                    "pers_person_id IS NULL",
                    "'not linked to a CSC person (pers_person_id is empty): counted as unlinked'",
                ),
            ),
        ),
    )
}


def episode_spec() -> RecordSpec:
    """SSDA903 episodes: CLA episodes carrying their legal status, the id made of CHILD+DECOM."""
    base = SPECS["ssd_cla_episodes"]
    return RecordSpec(
        base.table,
        (
            *base.fields[1:],
            _code("lega_legal_status", codes.LEGAL_STATUS, required=True),
        ),
        base.key,
        synthetic_id=("clae_cla_episode_id", ("clae_person_id", "clae_cla_episode_start_date")),
        rejects=base.rejects,
        warnings=base.warnings,
        extra=("lega_legal_status",),
    )


def synthetic_id_spec(table: str, id_column: str, parts: tuple[str, ...]) -> RecordSpec:
    """A table whose source has no id of its own (CIN census): the id joins ``parts``."""
    base = SPECS[table]
    return RecordSpec(
        base.table,
        tuple(f for f in base.fields if f.name != id_column),
        base.key,
        synthetic_id=(id_column, parts),
        rejects=base.rejects,
        warnings=base.warnings,
    )

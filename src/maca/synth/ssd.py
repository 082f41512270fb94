"""The generator's records rendered as SSD tables (column names of ``maca.data.schema``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from maca.data.schema import TABLES
from maca.synth.days import NO_DATE, render
from maca.synth.frames import NO_PERSON, Frames, length

_HHMM = np.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)], dtype=object)


def ids(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.int64).astype(str).astype(object)


def person_ids(values: np.ndarray) -> np.ndarray:
    """Person ids as text; an unmatched police row has an empty id."""
    values = np.asarray(values, dtype=np.int64)
    return np.where(values == NO_PERSON, "", values.astype(str)).astype(object)


def timestamps(minutes: np.ndarray) -> np.ndarray:
    """Minutes since 1970 as ``YYYY-MM-DD HH:MM``; NO_DATE as empty."""
    minutes = np.asarray(minutes, dtype=np.int64)
    empty = minutes == NO_DATE
    safe = np.where(empty, 0, minutes)
    text = render(safe // 1440) + " " + _HHMM[safe % 1440]
    return np.where(empty, "", text).astype(object)


def flags(values: np.ndarray, yes: str, no: str) -> np.ndarray:
    return np.where(np.asarray(values, dtype=bool), yes, no).astype(object)


def _frame(table: str, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    expected = TABLES[table].column_names
    assert list(columns) == expected, f"{table}: {list(columns)} != {expected}"
    return pd.DataFrame(columns)


def ssd_tables(frames: Frames) -> dict[str, pd.DataFrame]:
    """Every SSD table this chunk has rows for (police_protection included)."""
    out: dict[str, pd.DataFrame] = {}
    for table, render_table in RENDERERS.items():
        source = frames.get(SOURCE[table])
        if source and length(source):
            out[table] = render_table(source)
    return out


def person(t) -> pd.DataFrame:
    return _frame(
        "ssd_person",
        {
            "pers_person_id": ids(t["pid"]),
            "pers_dob": render(t["dob"]),
            "pers_expected_dob": render(t["expected_dob"]),
            "pers_sex": t["sex"],
        },
    )


def family(t) -> pd.DataFrame:
    return _frame("ssd_family", {"fami_family_id": ids(t["fid"]), "fami_person_id": ids(t["pid"])})


def mother(t) -> pd.DataFrame:
    return _frame(
        "ssd_mother", {"moth_person_id": ids(t["mother"]), "moth_childs_person_id": ids(t["child"])}
    )


def address(t) -> pd.DataFrame:
    return _frame(
        "ssd_address",
        {
            "addr_person_id": ids(t["pid"]),
            "addr_address_postcode": t["postcode"],
            "addr_address_start_date": render(t["start"]),
            "addr_address_end_date": render(t["end"]),
            "addr_la_code": t["la"],
        },
    )


def contact(t) -> pd.DataFrame:
    return _frame(
        "ssd_contacts",
        {
            "cont_contact_id": ids(t["id"]),
            "cont_person_id": ids(t["pid"]),
            "cont_contact_date": render(t["date"]),
            "cont_contact_source_code": t["source"],
        },
    )


def early_help(t) -> pd.DataFrame:
    return _frame(
        "ssd_early_help_episodes",
        {
            "earl_episode_id": ids(t["id"]),
            "earl_person_id": ids(t["pid"]),
            "earl_episode_start_date": render(t["start"]),
            "earl_episode_end_date": render(t["end"]),
        },
    )


def cin(t) -> pd.DataFrame:
    return _frame(
        "ssd_cin_episodes",
        {
            "cine_referral_id": ids(t["id"]),
            "cine_person_id": ids(t["pid"]),
            "cine_referral_date": render(t["referral"]),
            "cine_referral_source_code": t["source"],
            "cine_close_date": render(t["close"]),
            "cine_close_reason": t["reason"],
            "cine_referral_nfa": flags(t["nfa"], "true", "false"),
        },
    )


def cp(t) -> pd.DataFrame:
    return _frame(
        "ssd_cp_plans",
        {
            "cppl_cp_plan_id": ids(t["id"]),
            "cppl_person_id": ids(t["pid"]),
            "cppl_cp_plan_start_date": render(t["start"]),
            "cppl_cp_plan_end_date": render(t["end"]),
            "cppl_cp_plan_ola": flags(t["ola"], "Y", "N"),
        },
    )


def cla(t) -> pd.DataFrame:
    return _frame(
        "ssd_cla_episodes",
        {
            "clae_cla_episode_id": ids(t["id"]),
            "clae_person_id": ids(t["pid"]),
            "clae_cla_episode_start_date": render(t["start"]),
            "clae_cla_episode_start_reason": t["rne"],
            "clae_cla_episode_ceased_date": render(t["end"]),
            "clae_cla_episode_ceased_reason": t["rec"],
        },
    )


def legal_status(t) -> pd.DataFrame:
    """One legal status per 903 episode, from its start to its end (as the readers derive it)."""
    return _frame(
        "ssd_legal_status",
        {
            "lega_legal_status_id": ids(t["id"]),
            "lega_person_id": ids(t["pid"]),
            "lega_legal_status": t["ls"],
            "lega_legal_status_start_date": render(t["start"]),
            "lega_legal_status_end_date": render(t["end"]),
        },
    )


def police(t) -> pd.DataFrame:
    return _frame(
        "police_protection",
        {
            "pp_ref": t["ref"],
            "pers_person_id": person_ids(t["pid"]),
            "pp_start": timestamps(t["start"]),
            "pp_end": timestamps(t["end"]),
            "status": t["status"],
            "outcome": t["outcome"],
            "home_la": t["home_la"],
        },
    )


RENDERERS = {
    "ssd_person": person,
    "ssd_family": family,
    "ssd_mother": mother,
    "ssd_address": address,
    "ssd_contacts": contact,
    "ssd_early_help_episodes": early_help,
    "ssd_cin_episodes": cin,
    "ssd_cp_plans": cp,
    "ssd_cla_episodes": cla,
    "ssd_legal_status": legal_status,
    "police_protection": police,
}
SOURCE = {
    "ssd_person": "person",
    "ssd_family": "family",
    "ssd_mother": "mother",
    "ssd_address": "address",
    "ssd_contacts": "contact",
    "ssd_early_help_episodes": "early_help",
    "ssd_cin_episodes": "cin",
    "ssd_cp_plans": "cp",
    "ssd_cla_episodes": "cla",
    "ssd_legal_status": "cla",
    "police_protection": "police",
}

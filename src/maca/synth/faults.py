"""Deliberate faults (``--faults``): extra rows that reproduce what real files contain.

Every fault is an *added* row (or XML element) with its own fresh id, so a reader that rejects
exactly these leaves the store, and so the planted truth, as it would be without them. Each is
listed in ``truth/faults.csv`` as file, row (header = row 1; for XML the element's line), column,
value and fault.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

FRESH_ID = 800_000_000


@dataclass(frozen=True)
class Fault:
    column: str
    fault: str  # bad_date | unknown_code | duplicate_key | missing_id | end_before_start
    value: str | None = None  # None: derived (end before start, duplicate of the first row)
    end_of: str | None = None  # for end_before_start: the start column


SSD_FAULTS: dict[str, tuple[Fault, ...]] = {
    "ssd_person": (
        Fault("pers_dob", "bad_date", "2019-02-29"),
        Fault("pers_person_id", "missing_id", ""),
    ),
    "ssd_contacts": (
        Fault("cont_contact_date", "bad_date", "2023-13-01"),
        Fault("cont_contact_source_code", "unknown_code", "Z9"),
        Fault("cont_contact_id", "duplicate_key"),
        Fault("cont_person_id", "missing_id", ""),
    ),
    "ssd_cin_episodes": (
        Fault("cine_close_date", "end_before_start", end_of="cine_referral_date"),
        Fault("cine_close_reason", "unknown_code", "RC0"),
    ),
    "ssd_cp_plans": (
        Fault("cppl_cp_plan_end_date", "end_before_start", end_of="cppl_cp_plan_start_date"),
    ),
    "ssd_cla_episodes": (Fault("clae_cla_episode_start_reason", "unknown_code", "Q"),),
    "ssd_legal_status": (Fault("lega_legal_status", "unknown_code", "Z1"),),
    "ssd_early_help_episodes": (Fault("earl_episode_start_date", "bad_date", "2022-02-30"),),
    "ssd_address": (
        Fault("addr_address_end_date", "end_before_start", end_of="addr_address_start_date"),
    ),
    "police_protection": (
        Fault("pp_start", "bad_date", "2022-09-31 10:00"),
        Fault("status", "unknown_code", "maybe"),
    ),
}

SSDA903_FAULTS: dict[str, tuple[Fault, ...]] = {
    "ssda903_header": (
        Fault("DOB", "bad_date", "30/02/2015"),
        Fault("SEX", "unknown_code", "X"),
        Fault("CHILD", "missing_id", ""),
    ),
    "ssda903_episodes": (
        Fault("DECOM", "bad_date", "31/02/2021"),
        Fault("LS", "unknown_code", "Z1"),
        Fault("DEC", "end_before_start", end_of="DECOM"),
        Fault("CHILD", "missing_id", ""),
    ),
}

KEYS = {
    "ssd_person": "pers_person_id",
    "ssd_contacts": "cont_contact_id",
    "ssd_cin_episodes": "cine_referral_id",
    "ssd_cp_plans": "cppl_cp_plan_id",
    "ssd_cla_episodes": "clae_cla_episode_id",
    "ssd_legal_status": "lega_legal_status_id",
    "ssd_early_help_episodes": "earl_episode_id",
    "ssd_address": "addr_person_id",
    "police_protection": "pp_ref",
    "ssda903_header": "CHILD",
    "ssda903_episodes": "CHILD",
}


class FaultLog:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self._next = FRESH_ID

    def fresh(self) -> str:
        self._next += 1
        return str(self._next)

    def append_faults(
        self,
        frame: pd.DataFrame,
        stem: str,
        file: str,
        first_row: int,
        catalogue: dict[str, tuple[Fault, ...]],
    ) -> pd.DataFrame:
        """``frame`` with its fault rows added at the end; ``first_row`` is the row number its
        first data row will have in ``file``."""
        faults = catalogue.get(stem, ())
        if not faults or not len(frame):
            return frame
        base = frame.iloc[0].to_dict()
        extra = []
        for fault in faults:
            row = dict(base)
            if fault.fault != "duplicate_key":
                row[KEYS[stem]] = (
                    self.fresh() if stem != "police_protection" else f"PPF{self.fresh()}"
                )
            value = _value(fault, row)
            row[fault.column] = value
            if fault.fault == "duplicate_key":
                row[_other_date(row)] = _shift(row[_other_date(row)], -1)
            extra.append(row)
            self.rows.append(
                {
                    "file": file,
                    "row": first_row + len(frame) + len(extra) - 1,
                    "column": fault.column,
                    "value": value,
                    "fault": fault.fault,
                }
            )
        return pd.concat(
            [frame.astype(object), pd.DataFrame(extra, dtype=object)], ignore_index=True
        )

    def add_xml(self, file: str, line: int, column: str, value: str, fault: str) -> None:
        self.rows.append(
            {"file": file, "row": line, "column": column, "value": value, "fault": fault}
        )

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=["file", "row", "column", "value", "fault"])


def _value(fault: Fault, row: dict) -> str:
    if fault.value is not None:
        return fault.value
    if fault.fault == "end_before_start":
        return _shift(row[fault.end_of], -10)
    return row[fault.column]  # duplicate_key: the first row's own key


def _other_date(row: dict) -> str:
    return next(c for c, v in row.items() if c.endswith("_date") and v)


def _shift(text: str, days: int) -> str:
    if "/" in text:
        d = dt.datetime.strptime(text, "%d/%m/%Y").date() + dt.timedelta(days=days)
        return d.strftime("%d/%m/%Y")
    return (dt.date.fromisoformat(text) + dt.timedelta(days=days)).isoformat()


def xml_fault_child(child_id: str, year: int) -> tuple[str, list[tuple[int, str, str, str]]]:
    """A ``<Child>`` block with three faults; returns the text and, per fault, (line offset in the
    block, column, value, fault)."""
    block = (
        "    <Child>\n      <ChildIdentifiers>\n"
        f"        <LAchildID>{child_id}</LAchildID>\n"
        f"        <PersonBirthDate>{year - 8}-06-01</PersonBirthDate>\n"
        f"        {'<GenderCurrent>1</GenderCurrent>' if year < 2025 else '<Sex>M</Sex>'}\n"
        "      </ChildIdentifiers>\n      <ChildCharacteristics>\n"
        "        <Ethnicity>WBRI</Ethnicity>\n      </ChildCharacteristics>\n"
        "      <CINdetails>\n"
        f"        <CINreferralDate>{year - 1}-02-30</CINreferralDate>\n"
        "        <ReferralSource>2A</ReferralSource>\n        <ReferralNFA>0</ReferralNFA>\n"
        "      </CINdetails>\n      <CINdetails>\n"
        f"        <CINreferralDate>{year - 1}-06-01</CINreferralDate>\n"
        "        <ReferralSource>99</ReferralSource>\n        <ReferralNFA>0</ReferralNFA>\n"
        "      </CINdetails>\n    </Child>\n    <Child>\n      <ChildIdentifiers>\n"
        "        <LAchildID></LAchildID>\n"
        f"        <PersonBirthDate>{year - 5}-06-01</PersonBirthDate>\n"
        f"        {'<GenderCurrent>2</GenderCurrent>' if year < 2025 else '<Sex>F</Sex>'}\n"
        "      </ChildIdentifiers>\n      <ChildCharacteristics>\n"
        "        <Ethnicity>WBRI</Ethnicity>\n      </ChildCharacteristics>\n"
        "      <CINdetails>\n"
        f"        <CINreferralDate>{year - 1}-07-01</CINreferralDate>\n"
        "        <ReferralSource>2A</ReferralSource>\n        <ReferralNFA>0</ReferralNFA>\n"
        "      </CINdetails>\n    </Child>\n"
    )
    lines = block.split("\n")
    found = []
    for offset, line in enumerate(lines):
        if f"{year - 1}-02-30" in line:
            found.append((offset, "CINreferralDate", f"{year - 1}-02-30", "bad_date"))
        elif "<ReferralSource>99<" in line:
            found.append((offset, "ReferralSource", "99", "unknown_code"))
        elif "<LAchildID></LAchildID>" in line:
            found.append((offset, "LAchildID", "", "missing_id"))
    return block, found

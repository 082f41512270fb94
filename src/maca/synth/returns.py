"""The same records as national returns: SSDA903 CSVs and CIN census XML, one per collection year.

A collection year runs 1 April to 31 March and is named by the year it ends (2024 = 2023-24, as
the DfE names the CIN census XSDs). Each year's return holds every episode open at any time in
that year, as it stood at 31 March: an episode still open then has no end date, and is repeated
with its end in the next year's return.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from maca.synth.days import NO_DATE, collection_bounds, render
from maca.synth.frames import Frames, length
from maca.synth.ssd import ids

HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODE_COLUMNS = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
]
# The 903 guidance records a placement that has no Ofsted URN with seven X characters.
NO_URN = "X" * 7
PROVIDERS = {"U1": "PR1", "U4": "PR1", "U6": "PR1", "R1": "PR4", "K2": "PR3", "H5": "PR4"}
NEW_SEX_CODES_FROM = 2025  # SSDA903 and CIN census use M/F/U from 2024-25


def overlapping(start: np.ndarray, end: np.ndarray, year: int) -> np.ndarray:
    first, last = collection_bounds(year)
    return (start <= last) & ((end == NO_DATE) | (end >= first))


def as_at(end: np.ndarray, year: int) -> np.ndarray:
    """An end date as the return for ``year`` knew it: empty if after 31 March."""
    return np.where(end > collection_bounds(year)[1], NO_DATE, end)


def _person_lookup(frames: Frames, pids: np.ndarray) -> dict[str, np.ndarray]:
    people = frames["person"]
    order = np.argsort(people["pid"], kind="stable")
    where = order[np.searchsorted(people["pid"], pids, sorter=order)]
    return {c: v[where] for c, v in people.items()}


# --- SSDA903 -------------------------------------------------------------------------------------
def ssda903(frames: Frames, year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    cla = frames.get("cla")
    if not cla or not length(cla):
        return pd.DataFrame(columns=HEADER_COLUMNS), pd.DataFrame(columns=EPISODE_COLUMNS)
    keep = overlapping(cla["start"], cla["end"], year)
    ep = {c: v[keep] for c, v in cla.items()}
    order = np.lexsort((ep["start"], ep["pid"]))
    ep = {c: v[order] for c, v in ep.items()}
    end = as_at(ep["end"], year)
    place = ep["place"]
    episodes = pd.DataFrame(
        {
            "CHILD": ids(ep["pid"]),
            "DECOM": render(ep["start"], "%d/%m/%Y"),
            "RNE": ep["rne"],
            "LS": ep["ls"],
            "CIN": ep["need"],
            "PLACE": place,
            "PLACE_PROVIDER": np.array([PROVIDERS.get(p, "PR1") for p in place], dtype=object),
            "DEC": render(end, "%d/%m/%Y"),
            "REC": np.where(end == NO_DATE, "", ep["rec"]),
            "REASON_PLACE_CHANGE": np.where(end == NO_DATE, "", ep["reason_change"]),
            "HOME_POST": ep["postcode"],
            "PL_POST": ep["postcode"],
            "URN": np.where(
                place == "K2", "SC" + (ep["id"] % 900_000 + 100_000).astype(str), NO_URN
            ),
        }
    )
    children = np.unique(ep["pid"])
    who = _person_lookup(frames, children)
    sex = who["sex"] if year >= NEW_SEX_CODES_FROM else np.where(who["sex"] == "F", "2", "1")
    age = collection_bounds(year)[1] - who["dob"]
    header = pd.DataFrame(
        {
            "CHILD": ids(children),
            "SEX": sex,
            "DOB": render(who["dob"], "%d/%m/%Y"),
            "ETHNIC": who["ethnicity"],
            "UPN": np.where(age < 6 * 365, "UN1", "UN4"),
            "MOTHER": np.where((who["sex"] == "F") & (age >= 12 * 365), "0", ""),
            "MC_DOB": "",
        }
    )
    return header, episodes


# --- CIN census XML ------------------------------------------------------------------------------
class CinCensusFile:
    """One year's CIN census, written child by child; counts lines for fault row numbers."""

    def __init__(self, path: Path, year: int, home_la: str):
        self.year = year
        self.old_schema = year < NEW_SEX_CODES_FROM
        self.reference = collection_bounds(year)[1]
        self.path = path
        self._file = path.open("w", encoding="utf-8", newline="\n")
        ref = render(np.array([self.reference]))[0]
        self.line = 0
        self._write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n  <Header>\n'
            "    <CollectionDetails>\n      <Collection>CIN</Collection>\n"
            f"      <Year>{year}</Year>\n      <ReferenceDate>{ref}</ReferenceDate>\n"
            "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n"
            f"      <LEA>{home_la}</LEA>\n      <SoftwareCode>maca synth</SoftwareCode>\n"
            f"      <Release>1</Release>\n      <SerialNo>001</SerialNo>\n"
            f"      <DateTime>{year}-05-01T09:00:00</DateTime>\n    </Source>\n  </Header>\n"
            "  <Children>\n"
        )
        self.children = 0

    def _write(self, text: str) -> None:
        self._file.write(text)
        self.line += text.count("\n")

    def write_children(self, blocks: list[str]) -> None:
        for block in blocks:
            self._write(block)
        self.children += len(blocks)

    def close(self) -> None:
        self._write("  </Children>\n</Message>\n")
        self._file.close()
        if not self.children:  # the XSD needs a child; a year with none has no census file
            self.path.unlink()


def cin_children(frames: Frames, year: int, old_schema: bool) -> list[str]:
    """The ``<Child>`` blocks of this chunk for one census year."""
    cin = frames.get("cin")
    if not cin or not length(cin):
        return []
    keep = overlapping(cin["referral"], cin["close"], year)
    ep = {c: v[keep] for c, v in cin.items()}
    order = np.lexsort((ep["referral"], ep["pid"]))
    ep = {c: v[order] for c, v in ep.items()}
    reference = collection_bounds(year)[1]
    plans = _plans_by_episode(frames, reference)
    close = as_at(ep["close"], year)
    referral_text, close_text = render(ep["referral"]), render(close)
    children, starts = np.unique(ep["pid"], return_index=True)
    who = _person_lookup(frames, children)
    bounds = list(starts) + [len(ep["pid"])]
    blocks = []
    for i, pid in enumerate(children):
        details = []
        for j in range(bounds[i], bounds[i + 1]):
            details.append(_details(ep, j, referral_text[j], close_text[j], close[j], plans))
        blocks.append(
            _child(int(pid), who, i, reference, old_schema) + "".join(details) + "    </Child>\n"
        )
    return blocks


def _child(pid: int, who: dict, i: int, reference: int, old_schema: bool) -> str:
    dob = who["dob"][i]
    born = dob != NO_DATE and dob <= reference
    expected = dob if dob != NO_DATE else who["expected_dob"][i]
    sex = who["sex"][i] if born else "U"
    if old_schema:
        sex_line = f"<GenderCurrent>{ {'M': '1', 'F': '2'}.get(sex, '0') }</GenderCurrent>"
    else:
        sex_line = f"<Sex>{sex}</Sex>"
    birth = (
        f"<PersonBirthDate>{render(np.array([dob]))[0]}</PersonBirthDate>"
        if born
        else f"<ExpectedPersonBirthDate>{render(np.array([expected]))[0]}</ExpectedPersonBirthDate>"
    )
    return (
        "    <Child>\n      <ChildIdentifiers>\n"
        f"        <LAchildID>{pid}</LAchildID>\n        {birth}\n        {sex_line}\n"
        "      </ChildIdentifiers>\n      <ChildCharacteristics>\n"
        f"        <Ethnicity>{who['ethnicity'][i]}</Ethnicity>\n      </ChildCharacteristics>\n"
    )


def _details(ep: dict, j: int, referral: str, close_text: str, close: int, plans: dict) -> str:
    lines = [
        "      <CINdetails>\n",
        f"        <CINreferralDate>{referral}</CINreferralDate>\n",
        f"        <ReferralSource>{ep['source'][j]}</ReferralSource>\n",
    ]
    if ep["need"][j]:
        lines.append(f"        <PrimaryNeedCode>{ep['need'][j]}</PrimaryNeedCode>\n")
    if close != NO_DATE:
        lines.append(f"        <CINclosureDate>{close_text}</CINclosureDate>\n")
        lines.append(f"        <ReasonForClosure>{ep['reason'][j]}</ReasonForClosure>\n")
    lines.append(f"        <ReferralNFA>{1 if ep['nfa'][j] else 0}</ReferralNFA>\n")
    lines.extend(plans.get(int(ep["id"][j]), ()))
    lines.append("      </CINdetails>\n")
    return "".join(lines)


def _plans_by_episode(frames: Frames, reference: int) -> dict[int, list[str]]:
    cp = frames.get("cp")
    out: dict[int, list[str]] = {}
    if not cp or not length(cp):
        return out
    keep = (cp["start"] <= reference) & (cp["cin_id"] >= 0)
    ends = np.where(cp["end"] > reference, NO_DATE, cp["end"])
    starts_text, ends_text = render(cp["start"]), render(ends)
    for k in np.flatnonzero(keep):
        end = f"          <CPPendDate>{ends_text[k]}</CPPendDate>\n" if ends[k] != NO_DATE else ""
        out.setdefault(int(cp["cin_id"][k]), []).append(
            "        <ChildProtectionPlans>\n"
            f"          <CPPstartDate>{starts_text[k]}</CPPstartDate>\n{end}"
            f"          <InitialCategoryOfAbuse>{cp['category'][k]}</InitialCategoryOfAbuse>\n"
            f"          <LatestCategoryOfAbuse>{cp['category'][k]}</LatestCategoryOfAbuse>\n"
            "          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>\n"
            "        </ChildProtectionPlans>\n"
        )
    return out


# --- what no national return carries -------------------------------------------------------------
def people_without_return(frames: Frames, last_year_end: int) -> np.ndarray:
    """Mask of persons whose date of birth (or existence) no return carries: in no return, or
    only in census years before their birth."""
    people = frames["person"]
    pid = people["pid"]
    cla, cin = frames.get("cla") or {}, frames.get("cin") or {}
    in_903 = np.isin(pid, cla["pid"]) if cla and length(cla) else np.zeros(len(pid), bool)
    if not cin or not length(cin):
        return ~in_903
    in_cin = np.isin(pid, cin["pid"])
    # the last census holding an episode is the one of its closure (or the last one if open)
    closed = cin["close"] != NO_DATE
    last_seen = np.where(closed, _year_end(np.where(closed, cin["close"], 0)), last_year_end)
    order = np.argsort(pid, kind="stable")
    slot = order[np.searchsorted(pid, cin["pid"], sorter=order)]
    latest = np.full(len(pid), np.iinfo(np.int64).min)
    np.maximum.at(latest, slot, last_seen)
    born_shown = (people["dob"] != NO_DATE) & (people["dob"] <= latest)
    return ~in_903 & (~in_cin | (~born_shown & (people["dob"] != NO_DATE)))


def _year_end(days: np.ndarray) -> np.ndarray:
    """31 March ending the collection year of each day."""
    dates = np.asarray(days).astype("datetime64[D]")
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    months = dates.astype("datetime64[M]").astype(int) % 12 + 1
    ending = np.where(months >= 4, years + 1, years)
    return np.array([f"{y}-03-31" for y in range(1950, 2050)], dtype="datetime64[D]").astype(
        np.int64
    )[ending - 1950]

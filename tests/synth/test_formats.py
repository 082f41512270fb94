"""Output files follow shared/spec/data-contract.md to the letter."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml
from lxml import etree

from maca.data.schema import TABLES

SCHEMAS = Path(__file__).resolve().parents[3] / "shared" / "samples" / "dfe-schemas"
if not SCHEMAS.exists():
    SCHEMAS = Path("/work/shared/samples/dfe-schemas")

ISO = r"\d{4}-\d{2}-\d{2}"
UK = r"\d{2}/\d{2}/\d{4}"
LS_CODES = {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3"}
RNE_CODES = {"S", "L", "P", "T", "B", "U"}
SOURCES = {
    "1A",
    "1B",
    "1C",
    "1D",
    "2A",
    "2B",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "4",
    "5A",
    "5B",
    "5C",
    "5D",
    "6",
    "7",
    "8",
    "9",
    "10",
}
CLOSURES = {f"RC{i}" for i in range(1, 10)}


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def dates_ok(series: pd.Series, pattern: str, fmt: str, optional: bool = True) -> bool:
    text = series[series != ""] if optional else series
    if not text.str.fullmatch(pattern).all():
        return False
    return pd.to_datetime(text, format=fmt, errors="coerce").notna().all()


def test_ssd_files_have_the_schema_columns_and_valid_values(ssd_dir):
    for name, table in TABLES.items():
        path = ssd_dir / f"{name}.csv"
        frame = read(path)
        assert list(frame.columns) == table.column_names, name
        assert len(frame) > 0, name
        for column in table.columns:
            if column.required:
                assert (frame[column.name] != "").all(), (name, column.name)
            if column.type == "DATE":
                assert dates_ok(frame[column.name], ISO, "%Y-%m-%d"), (name, column.name)
        key = frame[list(table.key)]
        assert not key.duplicated().any(), name
    people = read(ssd_dir / "ssd_person.csv")
    assert ((people.pers_dob != "") | (people.pers_expected_dob != "")).all()
    assert set(people.pers_sex) <= {"M", "F", "U"}
    cin = read(ssd_dir / "ssd_cin_episodes.csv")
    assert set(cin.cine_referral_nfa) == {"true", "false"}
    assert set(cin.cine_referral_source_code) <= SOURCES
    assert set(cin.cine_close_reason) - {""} <= CLOSURES
    closed = cin[cin.cine_close_date != ""]
    assert (closed.cine_close_date >= closed.cine_referral_date).all()
    assert set(read(ssd_dir / "ssd_cp_plans.csv").cppl_cp_plan_ola) == {"Y", "N"}
    assert set(read(ssd_dir / "ssd_legal_status.csv").lega_legal_status) <= LS_CODES
    assert set(read(ssd_dir / "ssd_cla_episodes.csv").clae_cla_episode_start_reason) <= RNE_CODES


def test_police_log_follows_the_contract(ssd_dir):
    police = read(ssd_dir / "police_protection.csv")
    assert police.pp_ref.is_unique
    assert police.pp_start.str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}").all()
    assert set(police.status) == {"invoked", "considered"}
    assert set(police.outcome) <= {
        "s20_agreed",
        "epo",
        "interim_care_order",
        "returned_home",
        "placed_with_family",
        "la_accommodation",
        "other",
    }
    ended = police[police.pp_end != ""]
    hours = (
        pd.to_datetime(ended.pp_end) - pd.to_datetime(ended.pp_start)
    ).dt.total_seconds() / 3600
    assert ((hours > 0) & (hours <= 72)).all()
    assert (police.pers_person_id == "").sum() >= 2  # unmatched rows exist
    assert (police.status[police.pp_end != ""] == "invoked").all()


def test_l1_spells_last_at_most_72_hours_and_are_followed(ssd_dir):
    legal = read(ssd_dir / "ssd_legal_status.csv").sort_values(
        ["lega_person_id", "lega_legal_status_start_date"]
    )
    l1 = legal[legal.lega_legal_status == "L1"]
    days = (
        pd.to_datetime(l1.lega_legal_status_end_date)
        - pd.to_datetime(l1.lega_legal_status_start_date)
    ).dt.days
    assert (days <= 3).all() and len(l1) > 5
    following = legal.groupby("lega_person_id").lega_legal_status.shift(-1)[l1.index]
    assert set(following.dropna()) <= {"V2", "L2", "C1"}


def test_sources_yaml_names_the_home_la(ssd_dir, returns_dir):
    for folder in (ssd_dir, returns_dir):
        assert yaml.safe_load((folder / "sources.yaml").read_text())["home_la"] == "840"


def test_ssda903_returns_per_year(returns_dir):
    headers = sorted(returns_dir.glob("ssda903_header_*.csv"))
    episodes = sorted(returns_dir.glob("ssda903_episodes_*.csv"))
    assert [p.stem[-4:] for p in headers] == [str(y) for y in range(2019, 2026)]
    assert len(episodes) == len(headers)
    for path in headers:
        frame = read(path)
        assert list(frame.columns) == ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
        year = int(path.stem[-4:])
        assert set(frame.SEX) <= ({"1", "2"} if year <= 2024 else {"M", "F", "U"})
        assert dates_ok(frame.DOB, UK, "%d/%m/%Y", optional=False)
        assert frame.CHILD.is_unique
    for path in episodes:
        frame = read(path)
        assert list(frame.columns) == [
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
        assert dates_ok(frame.DECOM, UK, "%d/%m/%Y", optional=False)
        assert dates_ok(frame.DEC, UK, "%d/%m/%Y")
        assert set(frame.LS) <= LS_CODES and set(frame.RNE) <= RNE_CODES
        assert not frame.duplicated(["CHILD", "DECOM"]).any()


def test_open_episodes_are_repeated_in_the_next_years_return(returns_dir):
    y23 = read(returns_dir / "ssda903_episodes_2023.csv")
    y24 = read(returns_dir / "ssda903_episodes_2024.csv")
    open_at_year_end = y23[y23.DEC == ""]
    assert len(open_at_year_end) > 0
    repeated = open_at_year_end.merge(y24, on=["CHILD", "DECOM", "LS"])
    assert len(repeated) == len(open_at_year_end)
    assert (repeated.DEC_y != "").any()  # some closed during the next year


def schema_for(year: int):
    import xmlschema

    name = "CIN_schema_2024.xsd" if year <= 2024 else f"CIN_schema_{year}.xsd"
    return xmlschema.XMLSchema(str(SCHEMAS / name))


@pytest.mark.skipif(not SCHEMAS.exists(), reason="shared/samples/dfe-schemas is not available")
@pytest.mark.parametrize("year", [2019, 2023, 2024, 2025])
def test_cin_census_is_valid_against_the_dfe_schema(returns_dir, year):
    path = returns_dir / f"cin_census_{year}.xml"
    schema = schema_for(year)
    errors = list(schema.iter_errors(str(path)))
    assert errors == []
    root = etree.parse(str(path)).getroot()
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == f"{year}-03-31"
    assert len(root.findall("Children/Child")) > 50


def test_unborn_children_have_an_expected_date_and_sex_u(returns_dir):
    root = etree.parse(str(returns_dir / "cin_census_2025.xml")).getroot()
    unborn = [
        c for c in root.iter("ChildIdentifiers") if c.find("ExpectedPersonBirthDate") is not None
    ]
    assert unborn, "the 2025 census should hold unborn children"
    assert all(c.findtext("Sex") == "U" and c.find("PersonBirthDate") is None for c in unborn)
    old = etree.parse(str(returns_dir / "cin_census_2023.xml")).getroot()
    old_unborn = [
        c for c in old.iter("ChildIdentifiers") if c.find("ExpectedPersonBirthDate") is not None
    ]
    assert all(c.findtext("GenderCurrent") == "0" for c in old_unborn)


def test_returns_folder_has_no_ssd_tables_that_returns_carry(returns_dir):
    names = {p.name for p in returns_dir.glob("*.csv")}
    assert not names & {"ssd_cin_episodes.csv", "ssd_cla_episodes.csv", "ssd_legal_status.csv"}
    assert {
        "ssd_family.csv",
        "ssd_mother.csv",
        "ssd_address.csv",
        "ssd_contacts.csv",
        "ssd_early_help_episodes.csv",
        "police_protection.csv",
    } <= names
    plans = read(returns_dir / "ssd_cp_plans.csv")
    assert set(plans.cppl_cp_plan_ola) == {"Y"}  # only other LAs' plans, which no return holds

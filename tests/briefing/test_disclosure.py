"""The disclosure check: planted identifiers and patterns are found and named; clean text passes."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maca.briefing import DisclosureError, Identifier, check, identifiers_from_store, publish
from maca.data.schema import create_all_sql

CHILD_ID = "PER0004711"
DATE_OF_BIRTH = "2022-03-12"


def test_child_id_and_date_of_birth_in_family_quote_refuse_publishing(example, tmp_path):
    example.family_voice[1].text += f" They wrote {CHILD_ID} and 12/03/2022 on the letter."
    with pytest.raises(DisclosureError) as refused:
        publish(example, tmp_path / "out", identifiers={CHILD_ID, DATE_OF_BIRTH})
    message = str(refused.value)
    assert "publishing refused" in message
    assert "family_voice / quote 2: a person id in" in message
    assert "family_voice / quote 2: a date of birth in" in message
    # The message names where, but never repeats the personal data itself.
    assert CHILD_ID not in message and "12/03/2022" not in message
    assert not (tmp_path / "out").exists(), "nothing is written when publishing is refused"
    kinds = {(f.section, f.kind) for f in refused.value.report.findings}
    assert kinds == {("family_voice", "person_id"), ("family_voice", "date_of_birth")}


def test_clean_example_passes(example):
    report = check(example, {CHILD_ID, DATE_OF_BIRTH, "Jayden Okafor", "DL14 7QT"})
    assert report.findings == []
    assert report.passed


@pytest.mark.parametrize(
    "planted, kind",
    [
        ("seen on 3rd March 2023", "exact_date"),
        ("seen on 03/03/2023", "exact_date"),
        ("seen on 3.3.23", "exact_date"),
        ("seen on 2023-03-03", "exact_date"),
        ("seen on March 3, 2023", "exact_date"),
        ("seen on 3 Mar", "exact_date"),
        ("living at DL14 7QT", "uk_postcode"),
        ("living at dl147qt", "uk_postcode"),
        ("NHS number 943 476 5919", "nhs_number"),
        ("NHS number 9434765919", "nhs_number"),
        ("police log PP000123456", "long_id"),
        ("reference 88812345", "long_id"),
        ("Child C012 in the audit", "case_ref"),
        ("family F03 in the audit", "case_ref"),
    ],
)
def test_patterns_found_in_narrative(example, planted, kind):
    example.learning[0].text += f" A family was {planted}."
    report = check(example)
    assert [(f.section, f.item, f.kind) for f in report.findings] == [
        ("learning", "learning 1", kind)
    ]


@pytest.mark.parametrize(
    "harmless",
    [
        "between September and December 2023",
        "the Priority Plan 2023-2026",
        "in May 2024",
        "children aged 3 may be seen",
        "after COVID-19",
        "within 72 hours",
        "Sep 2023",
    ],
)
def test_no_false_alarm_on_months_plans_and_short_numbers(example, harmless):
    example.overview += f" This was {harmless}."
    assert check(example).findings == []


def test_names_matched_whatever_the_case_and_spacing(example):
    example.strengths[0].sentence += " Practitioners knew jayden   OKAFOR well."
    report = check(example, {Identifier("name", "Jayden Okafor")})
    assert [(f.section, f.kind) for f in report.findings] == [("strengths", "name")]
    assert "[name]" in report.findings[0].excerpt


def test_date_of_birth_recognised_in_any_format(example):
    example.seven_minute.background += " Born 12th March 2022."
    report = check(example, {DATE_OF_BIRTH})
    assert [(f.section, f.kind) for f in report.findings] == [("seven_minute", "date_of_birth")]
    assert report.findings[0].item == "panel 1 (Background)"


def test_identifier_in_a_link_is_found_but_page_numbers_are_not(example):
    example.resources[0].url = "https://example.org/course/12345678"
    assert check(example).findings == []
    example.resources[0].url = f"https://example.org/case/{CHILD_ID}"
    assert [f.kind for f in check(example, {CHILD_ID}).findings] == ["person_id"]


def test_identifiers_from_store_cover_child_family_and_siblings():
    connection = duckdb.connect()
    for statement in create_all_sql():
        connection.execute(statement)
    connection.execute(
        "INSERT INTO ssd_person (pers_person_id, pers_dob, source_file, source_row) VALUES "
        "('C1', DATE '2022-03-12', 'p.csv', 2), ('S1', DATE '2019-01-05', 'p.csv', 3), "
        "('X9', DATE '2001-01-01', 'p.csv', 4)"
    )
    connection.execute(
        "INSERT INTO ssd_family (fami_family_id, fami_person_id, source_file, source_row) VALUES "
        "('FAM77', 'C1', 'f.csv', 2), ('FAM77', 'S1', 'f.csv', 3)"
    )
    connection.execute(
        "INSERT INTO ssd_address (addr_person_id, addr_address_postcode, addr_address_start_date, "
        "source_file, source_row) VALUES ('C1', 'DL14 7QT', DATE '2022-03-12', 'a.csv', 2)"
    )
    found = identifiers_from_store(connection, ["C1"])
    assert Identifier("person_id", "S1") in found
    assert Identifier("date_of_birth", "2019-01-05") in found
    assert Identifier("postcode", "DL14 7QT") in found
    assert Identifier("identifier", "FAM77") in found
    assert Identifier("person_id", "X9") not in found


def test_attribution_and_panel_headings_are_checked_too(example):
    example.family_voice[0].role = "Mother of Jayden"
    example.seven_minute.key_findings[0].title = "What happened on 4 June"
    report = check(example, {Identifier("name", "Jayden")})
    assert [(f.section, f.item, f.kind) for f in report.findings] == [
        ("family_voice", "quote 1, attribution", "name"),
        ("seven_minute", "panel 3 (Key finding 1)", "exact_date"),
    ]


MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    born=st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 31)),
    style=st.sampled_from(["iso", "slash", "dots", "words", "ordinal", "us_words"]),
)
def test_a_date_of_birth_is_found_in_any_common_format(example, born, style):
    written = {
        "iso": born.isoformat(),
        "slash": born.strftime("%d/%m/%Y"),
        "dots": born.strftime("%d.%m.%y"),
        "words": f"{born.day} {MONTH_NAMES[born.month - 1]} {born.year}",
        "ordinal": f"{born.day}th of {MONTH_NAMES[born.month - 1][:3]} {born.year}",
        "us_words": f"{MONTH_NAMES[born.month - 1]} {born.day}, {born.year}",
    }[style]
    example.family_voice[2].text = f"She was born on {written} at home."
    report = check(example, {born.isoformat()})
    assert [(f.item, f.kind) for f in report.findings] == [("quote 3", "date_of_birth")]

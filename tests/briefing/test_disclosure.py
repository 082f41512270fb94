"""The disclosure check: planted identifiers and patterns are found and named; clean text passes."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maca.briefing import DisclosureError, Identifier, check, identifiers_from_store, publish
from maca.briefing.disclosure import (
    KnownIdentifiers,
    check_passage,
    free_text_passages,
    passage_fingerprint,
)
from maca.briefing.names_list import names
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


# --- people, places and the per-passage API (issue 13) -----------------------------------------

# The sentences of issue 13 that were published before the check knew names and places.
ISSUE_13_PLANTED = [
    ("Tell Kayleigh Dobson from the health visiting team thank you.", {"person_name"}),
    ("Sandra from the council never came back.", {"person_name"}),
    ("My partner Jordan was at work.", {"person_name"}),
    ("Dr Priya Raman at Castle Street Surgery saw us.", {"person_name", "surgery_or_clinic"}),
    ("PC Gareth Hughes was kind.", {"person_name"}),
    ("We brought the baby, Tyler-James, home.", {"person_name"}),
    ("We lived at 14 Elm Grove then.", {"street_address"}),
]


@pytest.mark.parametrize("planted, kinds", ISSUE_13_PLANTED)
def test_the_planted_sentences_of_issue_13_refuse_publishing(example, tmp_path, planted, kinds):
    example.family_voice[1].text = planted
    with pytest.raises(DisclosureError) as refused:
        publish(example, tmp_path / "out")
    assert {f.kind for f in refused.value.report.findings} == kinds
    assert {(f.section, f.item) for f in refused.value.report.findings} == {
        ("family_voice", "quote 2")
    }
    assert not (tmp_path / "out").exists()


def test_a_finding_carries_where_what_words_offsets_reason_and_fix():
    text = "Dr Priya Raman at Castle Street Surgery saw the baby twice."
    name, surgery = check_passage(text, section="family_voice", item="quote 1")
    assert (name.section, name.item, name.kind) == ("family_voice", "quote 1", "person_name")
    assert name.matched == "Priya Raman" == text[name.start : name.end]
    assert name.what == "a person's name"
    assert name.reason == "after the title “Dr”"
    assert name.suggestion == "use a role instead, e.g. “the doctor”"
    assert surgery.matched == "Castle Street Surgery" == text[surgery.start : surgery.end]
    assert surgery.what == "the name of a GP surgery, health centre or clinic"
    assert surgery.suggestion == "say “the GP practice” or “the clinic”"
    line = name.describe()
    assert line.startswith("family_voice / quote 1: a person's name in “Dr [person name] at")
    assert "Priya" not in line and "Castle" not in line, "a refusal never repeats the details"


@pytest.mark.parametrize(
    "text, kind, words",
    [
        ("Mrs Agnieszka Kowalczyk offered to help.", "person_name", "Agnieszka Kowalczyk"),
        ("Health Visitor Chidinma Okafor visited.", "person_name", "Chidinma Okafor"),
        ("The midwife, Zofia Wiśniewska, came.", "person_name", "Zofia Wiśniewska"),
        ("Nurse Siobhan O'Connell raised it.", "person_name", "Siobhan O'Connell"),
        ("Mr Al-Sayed came to the GP.", "person_name", "Al-Sayed"),
        ("Thank you Folake for listening.", "person_name", "Folake"),
        ("Ngozi's older boy was in year 6.", "person_name", "Ngozi"),
        ("Flat 3, 22 Church Lane was cold.", "street_address", "Flat 3, 22 Church Lane"),
        ("The house on Meadow View Crescent.", "street_address", "Meadow View Crescent"),
        ("They lived in the DL15 area.", "postcode_district", "DL15"),
        ("She goes to St Mary's Primary.", "school", "St Mary's Primary"),
        ("Seen at Riverside Medical Centre.", "surgery_or_clinic", "Riverside Medical Centre"),
        ("Police came last Tuesday the 4th.", "exact_date", "Tuesday the 4th"),
        ("Seen on Monday 6 November.", "exact_date", "Monday 6 November"),
        ("He was seen on May 3.", "exact_date", "May 3"),
        ("A 6-week-old baby was seen.", "baby_age", "6-week-old"),
        ("The baby, aged 10 days, went home.", "baby_age", "aged 10 days"),
        ("Call me on 07700 900123.", "phone_number", "07700 900123"),
        ("His mobile was +44 7700 900 987.", "phone_number", "+44 7700 900 987"),
    ],
)
def test_each_kind_is_found_with_the_words_it_matched(text, kind, words):
    assert [(f.kind, f.matched) for f in check_passage(text)] == [(kind, words)]


@pytest.mark.parametrize(
    "clean",
    [
        "Mother said she felt listened to.",
        "Health visitor referred me to the children's centre.",
        "Early Help and Police Protection were both used.",
        "Priority Three asks about Section 20 and the non-mobile baby protocol.",
        "Hope is what kept me going.",
        "Will anyone check on us?",
        "In May the panel met; June was busier.",
        "My Health Visitor was really good.",
        "A late booking at 28 weeks; a 12-week review; within 72 hours.",
        "Families moving into the Durham area; County Durham's Early Help Strategy.",
        "The Named GP for Safeguarding gave advice.",
        "Nursery staff noticed; the GP surgery was not told.",
        "Learning from Practice (Fathers, Male Carers)",
    ],
)
def test_field_words_that_look_like_names_pass_in_context(clean):
    assert check_passage(clean) == []


@pytest.mark.parametrize(
    "named, name",
    [
        ("We named her Hope.", "Hope"),
        ("Our health visitor Grace was brilliant.", "Grace"),
        ("Sister Grace saw us.", "Grace"),
        ("Grace Okafor was the nurse.", "Grace Okafor"),
        ("My son Will was two weeks early.", "Will"),
    ],
)
def test_a_name_like_word_is_a_name_with_a_cue(named, name):
    assert [(f.kind, f.matched) for f in check_passage(named)] == [("person_name", name)]


def test_the_partnerships_own_name_is_not_a_persons(example):
    example.partnership = "Durham Safeguarding Children Partnership"
    example.overview += " The Durham partners shared what they knew."
    assert check(example).findings == []
    assert [f.matched for f in check_passage("The Durham partners shared it.")] == ["Durham"]
    assert check_passage("The Durham partners shared it.", allowed={"Durham"}) == []
    assert check_passage("Families moving to Durham; the Durham area.") == [], "a place"


def test_store_identifiers_made_ready_once_for_many_passages():
    known = KnownIdentifiers([Identifier("name", "Jayden Okafor"), "PER0004711", "2022-03-12"])
    found = check_passage("JAYDEN  okafor, PER0004711, born 12 March 2022", known)
    assert [f.kind for f in found] == ["name", "person_id", "date_of_birth"]
    assert found[0].matched == "JAYDEN  okafor"
    assert check_passage("Nothing to see.", known) == []


def test_a_passage_fingerprint_changes_with_the_passage_and_only_then():
    quote = "The health visitor referred me on."
    same = passage_fingerprint(quote)
    assert passage_fingerprint("  The health visitor\nreferred me   on. ") == same
    assert passage_fingerprint("The health visitor referred me on!") != same
    assert passage_fingerprint("the health visitor referred me on.") != same
    assert len(same) == 64 and int(same, 16) >= 0


def test_free_text_passages_are_what_people_wrote_each_once(example):
    passages = free_text_passages(example)
    where = {(p.section, p.item) for p in passages}
    assert ("family_voice", "quote 1") in where and ("strengths", "strength 1") in where
    assert ("scope", "definition 1") in where, "the author's definition of unknown"
    generated = {(s, i) for s, i in where if s == "charts" or i.startswith("line ")}
    assert not generated, "text maca made from counts needs no reading"
    assert len({p.fingerprint for p in passages}) == len(passages)
    assert passages[0].fingerprint == passage_fingerprint(passages[0].text)
    assert all(p.text not in example.family_voice[3].text for p in passages), "no consent"


def test_the_names_list_is_loaded_once_from_the_package():
    listed = names()
    assert names() is listed
    assert listed.source.startswith("Faker ")
    assert len(listed) > 30_000
    varied = "kayleigh aoife agnieszka mihai fatima kwame zofia wei desmond yetunde".split()
    assert all(name in listed for name in varied)
    assert all(name == name.casefold() for name in list(listed.first)[:1000])


PEOPLE = [
    "Kayleigh",
    "Oluwaseun",
    "Agnieszka Kowalczyk",
    "Mihai",
    "Siobhan",
    "Harpreet Kaur",
    "Yusuf",
    "Chidinma Okafor",
    "Xiaoming Li",
    "Delroy",
    "Tyler-James",
    "Zofia",
]
CUES = [
    "Tell {} thank you.",
    "My partner {} was at work.",
    "The baby, {}, was seen at home.",
    "PC {} attended.",
    "A neighbour called {} rang the police.",
    "{} from the council rang.",
    "Our keyworker {} always rang back.",
]


@settings(max_examples=60, deadline=None)
@given(person=st.sampled_from(PEOPLE), cue=st.sampled_from(CUES))
def test_a_name_with_a_cue_is_found_whatever_its_origin(person, cue):
    text = cue.format(person)
    found = [f for f in check_passage(text) if f.kind == "person_name"]
    assert [f.matched for f in found] == [person]
    assert person not in found[0].excerpt

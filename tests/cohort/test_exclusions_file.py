"""exclusions.csv read back (the web's upload): what maca cohort writes reads back whole; a file
with person ids is refused; every bad row is told by file, row, column and reason; bounded."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from maca.cohort.contract import EXCLUSION_REASON_LABELS, EXCLUSION_REASONS
from maca.cohort.exclusions_file import MAX_DETAIL, MAX_PROBLEMS, read_exclusions
from maca.cohort.finder import run_cohort
from maca.cohort.query import CohortParameters
from maca.safe_input import CSV_FIELD_MAX_CHARS
from tests.cohort.builders import briefing_like_store

PARAMETERS = CohortParameters(date(2023, 9, 1), date(2023, 12, 31), home_la="840")
HEADER = "exclusion_ref,pp_refs,l1_refs,removal_date,reason,detail\n"


def _cohort(tmp_path, pseudonymise: bool):
    store = briefing_like_store()
    store.person("N", None)  # no date of birth: a data error that names the person in words
    store.police("PP7", "N", "2023-10-09 10:00")
    path = store.write(tmp_path / "store.duckdb")
    out = tmp_path / ("pseudonymised" if pseudonymise else "identified")
    run_cohort(path, out, PARAMETERS, pseudonymise=pseudonymise)
    return out


def test_what_maca_cohort_writes_reads_back_whole(tmp_path):
    out = _cohort(tmp_path, pseudonymise=True)
    parsed = read_exclusions((out / "exclusions.csv").read_bytes())
    assert parsed.problems == []
    with (out / "exclusions.csv").open(newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [r.exclusion_ref for r in parsed.rows] == [r["exclusion_ref"] for r in written]
    assert [r.detail for r in parsed.rows] == [r["detail"] for r in written]
    assert [r.row for r in parsed.rows] == list(range(2, len(written) + 2))
    counts = parsed.counts()
    assert tuple(counts) == EXCLUSION_REASONS
    assert counts["open_to_csc"] == 1 and counts["data_error"] == 1
    assert counts["merged_duplicate"] == 1 and counts["unlinked"] == 1


def test_a_pseudonymised_file_names_no_person_anywhere(tmp_path):
    out = _cohort(tmp_path, pseudonymise=True)
    text = (out / "exclusions.csv").read_text()
    people = {r["pers_person_id"] for r in csv.DictReader((out / "key.csv").open(newline=""))}
    details = [r.detail for r in read_exclusions(text.encode()).rows]
    assert "the person has no date of birth (an expected date is never used)" in details
    for person in people:
        assert all(person not in d.split() for d in details), person


def test_the_file_with_person_ids_is_refused(tmp_path):
    out = _cohort(tmp_path, pseudonymise=False)
    parsed = read_exclusions((out / "exclusions.csv").read_bytes())
    assert parsed.rows == []
    assert parsed.problems == [
        "exclusions.csv row 1, column pers_person_id: this exclusions file holds person ids; "
        "upload the one written by maca cohort --pseudonymise (the ids are only in key.csv)"
    ]


def test_every_bad_row_is_told_by_row_column_and_reason():
    data = (
        HEADER + "X0001,PP1,,2023-09-12,open_to_csc,open cin CIN1 from 2023-07-01\n"
        "X0002,,,2023-02-30,moved,\n"
        "X0001,PP 2,,,unlinked,no pers_person_id on the police row\n"
        "X0004,PP4,,,unlinked,no id,extra\n"
    ).encode()
    parsed = read_exclusions(data, "uploaded.csv")
    assert parsed.rows == []  # nothing is kept from a file with problems
    assert parsed.problems == [
        "uploaded.csv row 3, column pp_refs: is empty, and so is l1_refs (one is needed)",
        "uploaded.csv row 3, column removal_date: '2023-02-30' is not a date (YYYY-MM-DD)",
        "uploaded.csv row 3, column reason: 'moved' is not one of " + ", ".join(EXCLUSION_REASONS),
        "uploaded.csv row 3, column detail: is empty (every exclusion says why)",
        "uploaded.csv row 4, column exclusion_ref: X0001 is also on row 2",
        "uploaded.csv row 4, column pp_refs: is not a list of references joined by ';' "
        "(letters, digits, - _ / .)",
        "uploaded.csv row 5: more values than columns",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "exclusions.csv: is empty (no header row)"),
        (b"\xff\xfe", "exclusions.csv: is not UTF-8 text (save it as CSV UTF-8)"),
        (HEADER.encode() + b"X0001,PP1\x00,,,unlinked,x\n", "contains a NUL character"),
        (b"exclusion_ref,reason\n", "exclusions.csv row 1: missing column(s) pp_refs, l1_refs"),
        (HEADER.encode() + b'X0001,"PP1,,,unlinked,x\n', "a quotation mark is opened and never"),
        (
            HEADER.encode() + b"X0001,PP1,,,unlinked," + b"a" * (CSV_FIELD_MAX_CHARS + 1) + b"\n",
            "row 2: a value is longer than 128 KiB; is a quotation mark left open?",
        ),
        (
            HEADER.encode() + b"X0001,PP1,,,unlinked," + b"a" * (MAX_DETAIL + 1) + b"\n",
            f"row 2, column detail: is longer than {MAX_DETAIL} characters",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_told_in_one_line(data, problem):
    parsed = read_exclusions(data)
    assert parsed.rows == [] and len(parsed.problems) == 1
    assert problem in parsed.problems[0]


def test_problems_are_bounded_and_an_empty_file_is_no_exclusions():
    bad = HEADER + "".join(f"Y{n},PP{n},,,unlinked,x\n" for n in range(MAX_PROBLEMS + 50))
    parsed = read_exclusions(bad.encode())
    assert len(parsed.problems) == MAX_PROBLEMS + 1
    assert parsed.problems[-1] == "exclusions.csv: … and 50 more problems"
    empty = read_exclusions(HEADER.encode())
    assert empty.problems == [] and empty.rows == []


def test_every_reason_has_words():
    assert tuple(EXCLUSION_REASON_LABELS) == EXCLUSION_REASONS
    assert all(label and label[0].isupper() for label in EXCLUSION_REASON_LABELS.values())

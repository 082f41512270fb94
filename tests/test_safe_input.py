"""The bounded readers of uploaded CSV and JSON (maca.safe_input): each hostile file is one
readable problem, never a RecursionError, a csv.Error or a ValueError."""

from __future__ import annotations

import pytest

from maca.safe_input import (
    CSV_FIELD_MAX_CHARS,
    JSON_MAX_BYTES,
    JSON_MAX_DEPTH,
    InputRejected,
    read_csv,
    read_json,
)


def test_a_csv_reads_into_numbered_records_like_dictreader():
    table = read_csv(b"\xef\xbb\xbfa, b\n1,2\n\n3\n4,5,6\n", "f.csv")
    assert table.header == ["a", "b"]
    assert table.records == [
        (2, {"a": "1", "b": "2"}),
        (4, {"a": "3", "b": None}),
        (5, {"a": "4", "b": "5", None: ["6"]}),
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            b"a\n" + b"x" * (CSV_FIELD_MAX_CHARS + 1) + b"\n",
            "f.csv row 2: a value is longer than 128 KiB",
        ),
        (
            b'a,b\n1,"open\n' + b"2,3\n" * 10,
            "f.csv row 2: a quotation mark is opened and never closed",
        ),
        (b'a,b\n1,"x"y\n', "f.csv row 2: a quoted value is followed by more text"),
        (b"a,b\n\xff\xfe\n", "f.csv: is not UTF-8 text"),
        (b"a,b\n1,\x002\n", "f.csv: contains a NUL character"),
    ],
)
def test_hostile_csv_is_one_problem_with_its_row(data, problem):
    with pytest.raises(InputRejected) as caught:
        read_csv(data, "f.csv")
    assert str(caught.value).startswith(problem)


def test_a_csv_stops_one_record_past_its_bound():
    assert len(read_csv(b"a\n" + b"1\n" * 50, "f.csv", max_records=10).records) == 11


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"[" * 200_000 + b"]" * 200_000, f"is nested more than {JSON_MAX_DEPTH} levels deep"),
        (b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}", "is nested more than"),
        (b'{"n": ' + b"9" * 5000 + b"}", "holds a number JSON files for maca never hold"),
        (b'{"n": NaN}', "holds a number"),
        (b'{"a": 1,}', "not valid JSON at line 1, column 9"),
        (b" " * (JSON_MAX_BYTES + 1), "is larger than 1 MB"),
    ],
)
def test_hostile_json_is_one_problem(data, problem):
    with pytest.raises(InputRejected) as caught:
        read_json(data, "scope.json")
    assert problem in str(caught.value) and str(caught.value).startswith("scope.json: ")


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert read_json(b'{"a": "' + b"[" * 100 + b'\\"]"}', "s.json") == {"a": "[" * 100 + '"]'}
    assert read_json(b"[" * JSON_MAX_DEPTH + b"]" * JSON_MAX_DEPTH, "s.json") is not None

"""``read_profile``: a profile.json from ``maca profile`` reads back; anything else is refused in
one line naming where, never with a traceback."""

from __future__ import annotations

import copy
import json

import pytest

from maca.profile import ProfileFileError, profile_store, read_profile
from maca.profile.reader import MAX_BYTES
from tests.profile.builders import PARAMETERS


@pytest.fixture(scope="module")
def document(synthetic_ssd):
    return profile_store(synthetic_ssd.store, PARAMETERS).document


def test_a_written_profile_reads_back(document):
    profile = read_profile(json.dumps(document).encode())
    assert [g.key for g in profile.groups] == [
        "unknown_first_1001_days",
        "unknown_over_two",
        "open_to_csc",
    ]
    assert profile.measure("age_at_removal").rows[0].label == "Unborn or at birth"
    assert profile.period_words == "September – December 2023"
    assert profile.threshold == 5


def _broken(document, change):
    broken = copy.deepcopy(document)
    change(broken)
    return json.dumps(broken).encode()


def _first_shown(document):
    for i, measure in enumerate(document["measures"]):
        for j, row in enumerate(measure["rows"]):
            for group, cell in row["cells"].items():
                if cell["status"] == "shown" and cell["count"] >= 5:
                    return i, j, group
    raise AssertionError("no shown cell")


def test_an_unsuppressed_small_count_is_refused(document):
    i, j, group = _first_shown(document)

    def small(d):
        d["measures"][i]["rows"][j]["cells"][group].update(count=3, shown="3")

    with pytest.raises(ProfileFileError, match="must be suppressed") as error:
        read_profile(_broken(document, small))
    assert f"measures[{i}].rows[{j}].cells.{group}.count" in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="something-else"), "format: must be 'maca-profile'"),
        (lambda d: d.update(version=99), "version: must be 1"),
        (lambda d: d["groups"].pop(), "groups: must have 3 entries"),
        (lambda d: d["groups"][0].update(key="x"), "groups[0].key"),
        (lambda d: d["measures"][0].update(key="x"), "measures[0].key"),
        (lambda d: d["measures"][1]["rows"].reverse(), "measures[1].rows[0].category"),
        (lambda d: d["period"].update(to="2023-13-01"), "period.to: must be a date"),
        (lambda d: d["measures"][0].update(title=7), "measures[0].title: must be text"),
        (lambda d: d.pop("groups"), "missing groups"),
        (
            lambda d: d["groups"][0]["children"].update(status="small"),
            "a suppressed cell must carry no count",
        ),
        (lambda d: d.update(small_number_threshold=-1), "small_number_threshold"),
    ],
)
def test_broken_profiles_are_refused_with_where(document, change, message):
    with pytest.raises(ProfileFileError) as error:
        read_profile(_broken(document, change))
    assert message in str(error.value)
    assert str(error.value).startswith("profile.json: ")


def test_size_depth_and_encoding_are_bounded():
    with pytest.raises(ProfileFileError, match="larger than"):
        read_profile(b" " * (MAX_BYTES + 1))
    with pytest.raises(ProfileFileError, match="nested deeper"):
        read_profile(b"[" * 100_000)
    with pytest.raises(ProfileFileError, match="not UTF-8"):
        read_profile(b"\xff\xfe{}")
    with pytest.raises(ProfileFileError, match="not valid JSON"):
        read_profile(b'{"format": ')
    with pytest.raises(ProfileFileError, match="must be an object"):
        read_profile(b"[1, 2]")
    for number in (b"1" * 5000, b"NaN", b"-Infinity"):
        with pytest.raises(ProfileFileError, match="holds a number a profile never holds"):
            read_profile(b'{"version": ' + number + b"}")

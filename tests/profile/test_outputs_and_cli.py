"""``maca profile``: the four outputs, read back as a user would; nothing that identifies a child;
expected problems are one line and exit code 2."""

from __future__ import annotations

import json
import re

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from maca.cli import app
from maca.profile.contract import MEASURES
from tests.cohort.builders import briefing_like_store
from tests.profile.builders import read_csv


def invoke(*args: str):
    return CliRunner().invoke(app, ["profile", *args])


@pytest.fixture(scope="module")
def written(synthetic_ssd, tmp_path_factory):
    out = tmp_path_factory.mktemp("profile-out") / "profile"
    result = invoke("--store", str(synthetic_ssd.store), "--cohort", str(synthetic_ssd.cohort),
                    "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Written to" in result.output
    return out


def test_the_outputs_are_written(written):
    names = sorted(p.relative_to(written).as_posix() for p in written.rglob("*") if p.is_file())
    assert names == sorted(
        ["profile.json", "profile.md", "profile.xlsx"] + [f"charts/{m.key}.svg" for m in MEASURES]
    )
    document = json.loads((written / "profile.json").read_text())
    assert document["format"] == "maca-profile" and document["version"] == 1
    assert document["cohort"]["inputs"]  # the cohort's own inputs, from its scope.json


def test_the_workbook_has_a_sheet_per_measure_and_reads_back(written):
    book = load_workbook(written / "profile.xlsx", read_only=True)
    assert book.sheetnames[0] == "About" and len(book.sheetnames) == 1 + len(MEASURES)
    document = json.loads((written / "profile.json").read_text())
    age = document["measures"][0]
    sheet = book[book.sheetnames[1]]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == age["title"]
    assert rows[3][0] == age["title"] and "number" in rows[3][1]
    for values, row in zip(rows[4:], age["rows"], strict=False):
        cell = row["cells"]["unknown_first_1001_days"]
        assert values[0] == row["label"]
        assert values[1] == (cell["count"] if cell["count"] is not None else cell["shown"])
    book.close()


def test_the_charts_are_accessible_svg(written):
    for measure in MEASURES:
        svg = (written / "charts" / f"{measure.key}.svg").read_text()
        assert svg.startswith("<svg") and 'role="img"' in svg
        title = re.search(r"<title id=\"[^\"]+\">([^<]+)</title>", svg)
        assert title and measure.title in title.group(1)
        assert "<desc id=" in svg and "Bar chart" in svg


def test_the_findings_are_in_plain_words(written):
    text = (written / "profile.md").read_text()
    assert text.startswith("# Cohort profile")
    assert "September – December 2023" in text
    assert "Unknown to CSC, within the first 1001 days" in text
    assert "fewer than 5" in text
    for measure in MEASURES:
        assert f"### {measure.title}" in text


def test_nothing_identifies_a_child(written, synthetic_ssd):
    people = {r["pers_person_id"] for r in read_csv(synthetic_ssd.truth / "children.csv")}
    refs = {
        ref
        for r in read_csv(synthetic_ssd.truth / "children.csv")
        for ref in r["pp_refs"].split(";")
        if ref
    }
    cases = {r["case_ref"] for r in read_csv(synthetic_ssd.cohort / "cohort.csv")}
    text = (written / "profile.json").read_text() + (written / "profile.md").read_text()
    text += "".join(p.read_text() for p in (written / "charts").iterdir())
    book = load_workbook(written / "profile.xlsx", read_only=True)
    text += " ".join(
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
    )
    book.close()
    words = set(re.findall(r"[A-Za-z0-9]+", text))
    assert not (people | refs | cases) & words
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", text))
    assert dates <= {"2023-09-01", "2023-12-31"}  # the period's ends, nothing narrower


def test_from_a_data_folder_and_the_same_without_a_cohort_folder(synthetic_ssd, tmp_path, written):
    out = tmp_path / "p"
    result = invoke(str(synthetic_ssd.data), "--from", "2023-09-01", "--to", "2023-12-31",
                    "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    mine = json.loads((out / "profile.json").read_text())
    theirs = json.loads((written / "profile.json").read_text())
    assert mine["cohort"]["parameters"]["home_la"] == "840"  # from the folder's sources.yaml
    for document in (mine, theirs):
        document["cohort"].pop("inputs")
    assert mine == theirs


def test_a_store_that_does_not_give_the_cohort_is_refused(synthetic_ssd, tmp_path):
    other = briefing_like_store().write(tmp_path / "other.duckdb")
    result = invoke("--store", str(other), "--cohort", str(synthetic_ssd.cohort),
                    "--out", str(tmp_path / "p"))  # fmt: skip
    assert result.exit_code == 2
    assert "does not give the cohort" in result.output
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --store STORE"),
        (["--store", "{tmp}/none.duckdb", "--from", "2023-09-01", "--to", "2023-12-31"],
         "no such store"),
        (["--store", "{store}"], "give --cohort COHORT_DIR, or the audit period"),
        (["--store", "{store}", "--cohort", "{tmp}"], "scope.json: not found"),
        (["--store", "{store}", "--cohort", "{cohort}", "--from", "2023-09-01"], "either --cohort"),
        (["--store", "{store}", "--from", "2023-09-01", "--to", "2023-08-01"], "is before"),
        (["--store", "{store}", "--from", "1 Sept", "--to", "2023-08-01"], "not a date"),
        (["--store", "{store}", "--cohort", "{cohort}", "--small-number", "0"], "at least 1"),
        (["{tmp}/nowhere", "--from", "2023-09-01", "--to", "2023-12-31"], "no such folder"),
    ],
)  # fmt: skip
def test_expected_problems_are_one_line(synthetic_ssd, tmp_path, args, message):
    names = {"tmp": tmp_path, "store": synthetic_ssd.store, "cohort": synthetic_ssd.cohort}
    args = [a.format(**names) for a in args] + ["--out", str(tmp_path / "p")]
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_cohort_of_other_rules_is_refused(synthetic_ssd, tmp_path):
    import shutil

    cohort = tmp_path / "cohort"
    shutil.copytree(synthetic_ssd.cohort, cohort)
    scope = json.loads((cohort / "scope.json").read_text())
    scope["parameters"]["rules_sha256"] = "0" * 64
    (cohort / "scope.json").write_text(json.dumps(scope))
    result = invoke("--store", str(synthetic_ssd.store), "--cohort", str(cohort), "--out",
                    str(tmp_path / "p"))  # fmt: skip
    assert result.exit_code == 2 and "another version of the rules" in result.output

"""`maca briefing --input BRIEFING.json --out DIR`: writes four files, or refuses in one message."""

from __future__ import annotations

import copy
import json

from typer.testing import CliRunner

from maca.cli import app
from tests.briefing.documents import EXAMPLE

FILES = {"briefing.html", "briefing.pdf", "briefing.docx", "seven-minute-briefing.pdf"}


def run(*args: str):
    return CliRunner().invoke(app, ["briefing", *args])


def test_writes_the_four_files_and_the_publication_record(tmp_path):
    result = run("--input", str(EXAMPLE), "--out", str(tmp_path), "--by", "audit lead")
    assert result.exit_code == 0, result.output
    assert FILES | {"publication.json"} == {p.name for p in tmp_path.iterdir()}
    record = json.loads((tmp_path / "publication.json").read_text())
    assert record["published_by"] == "audit lead" and set(record["files"]) == FILES


def test_refuses_and_names_where(tmp_path, example_dict):
    data = copy.deepcopy(example_dict)
    data["family_voice"][0]["text"] += " Her son PER0004711 was born 2022-03-12."
    source = tmp_path / "briefing.json"
    source.write_text(json.dumps(data))
    known = tmp_path / "identifiers.txt"
    known.write_text("# from the store\nPER0004711\n2022-03-12\n")
    out = tmp_path / "out"
    result = run("--input", str(source), "--out", str(out), "--identifiers", str(known))
    assert result.exit_code == 2
    assert "publishing refused" in result.output
    assert "family_voice / quote 1: a person id" in result.output
    assert "family_voice / quote 1: a date of birth" in result.output
    assert "PER0004711" not in result.output
    assert "Traceback" not in result.output
    assert not out.exists()

    draft = run("--input", str(source), "--out", str(out), "--identifiers", str(known), "--draft")
    assert draft.exit_code == 0
    assert "draft only, fix before publishing" in draft.output
    assert FILES == {p.name for p in out.iterdir()}
    assert "Draft preview" in (out / "briefing.html").read_text()


def test_bad_input_is_one_readable_line(tmp_path):
    source = tmp_path / "briefing.json"
    source.write_text('{"partnership": "x",\n "scope": }')
    result = run("--input", str(source), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert f"maca: {source}: not valid JSON at line 2, column 11" in result.output
    missing = run("--input", str(tmp_path / "nope.json"), "--out", str(tmp_path / "out"))
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_unwritable_out_is_one_readable_line(tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    result = run("--input", str(EXAMPLE), "--out", str(blocker))
    assert result.exit_code == 2
    assert f"maca: cannot write the briefing to {blocker}" in result.output


def test_the_names_and_places_of_issue_13_are_refused_where_they_are(tmp_path, example_dict):
    data = copy.deepcopy(example_dict)
    planted = {
        "family_voice / quote 1": "Tell Kayleigh Dobson from the health visiting team thank you.",
        "family_voice / quote 2": "Sandra from the council never rang me back.",
        "family_voice / quote 3": "My partner Jordan was at work when they came.",
        "learning / learning 1": "Dr Priya Raman at Castle Street Surgery saw the baby twice.",
        "learning / learning 2": "PC Gareth Hughes used police protection.",
        "learning / learning 3": "The baby, Tyler-James, was seen at home.",
        "learning / learning 4": "The family lived at 14 Elm Grove.",
    }
    for i, sentence in enumerate(list(planted.values())[:3]):
        data["family_voice"][i]["text"] = sentence
    for i, sentence in enumerate(list(planted.values())[3:]):
        data["learning"][i]["text"] = sentence
    source = tmp_path / "briefing.json"
    source.write_text(json.dumps(data))
    out = tmp_path / "out"
    result = run("--input", str(source), "--out", str(out))
    assert result.exit_code == 2
    assert "Traceback" not in result.output and not out.exists()
    lines = [line for line in result.output.splitlines() if line.lstrip().startswith("- ")]
    for where in planted:
        assert any(where in line for line in lines), f"{where} not named in {result.output}"
    assert "a person's name" in result.output and "a street address" in result.output
    assert "use a role instead, e.g. “the doctor”" in result.output
    assert "the name of a GP surgery, health centre or clinic" in result.output
    for words in ("Kayleigh", "Dobson", "Sandra", "Jordan", "Priya", "Castle", "Gareth", "Tyler"):
        assert words not in result.output, "a refusal never repeats the details"
    assert "Elm Grove" not in result.output

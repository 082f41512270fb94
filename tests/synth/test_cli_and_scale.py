import json

from typer.testing import CliRunner

from maca.cli import app
from maca.synth import generate
from maca.synth.scale import SCALES

runner = CliRunner()


def test_synth_command_writes_data_and_truth(tmp_path, monkeypatch):
    monkeypatch.setitem(SCALES, "la", SCALES["la"].__class__("la", 300, 1, 1))
    out = tmp_path / "demo"
    result = runner.invoke(app, ["synth", "--out", str(out), "--seed", "7", "--faults"])
    assert result.exit_code == 0, result.output
    assert "planted" in result.output and "faults" in result.output
    scope = json.loads((out / "truth" / "scope.json").read_text())
    assert scope["period"] == {"from": "2023-09-01", "to": "2023-12-31"}
    assert scope["parameters"]["seed"] == 7


def test_expected_problems_are_one_line_and_exit_2(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.csv").write_text("a\n")
    (tmp_path / "a-file").write_text("x")
    cases = [
        ["--out", str(tmp_path / "a-file")],
        ["--out", str(tmp_path / "a-file" / "below")],
        ["--out", str(tmp_path / "full")],
        ["--out", str(tmp_path / "a"), "--scale", "planet"],
        ["--out", str(tmp_path / "b"), "--format", "xlsx"],
        ["--out", str(tmp_path / "f"), "--home-la", "Durham"],
        ["--out", str(tmp_path / "c"), "--from", "1st September"],
        ["--out", str(tmp_path / "d"), "--from", "2023-12-01", "--to", "2023-11-01"],
        ["--out", str(tmp_path / "e"), "--from", "2010-01-01", "--to", "2010-02-01"],
    ]
    for args in cases:
        result = runner.invoke(app, ["synth", *args])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_national_scale_smoke_with_a_fraction_of_the_families(tmp_path):
    result = generate(tmp_path / "n", scale="national", seed=1, families=3000)
    one_council = generate(tmp_path / "la", scale="la", seed=1, families=50).scope
    # national repeats the planted scenario set ten times and spreads families over many councils
    assert result.scope["children"] == 10 * one_council["children"] >= 500
    assert result.scope["families"] == 10 * one_council["families"]
    addresses = (tmp_path / "n" / "ssd_address.csv").read_text().splitlines()[1:]
    councils = {line.rsplit(",", 1)[1] for line in addresses}
    assert len(councils) > 50
    assert result.people > 3000 * 2 and result.csc_records > 3000 * 5

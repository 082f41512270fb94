"""``maca ingest`` on the command line: exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maca.cli import app

FIXTURES = Path(__file__).parent / "fixtures"


def test_ingest_reads_the_folder_and_writes_the_reports(tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(FIXTURES / "la_folder"),
            "--store",
            str(tmp_path / "store.duckdb"),
            "--report",
            str(tmp_path / "report"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "rows read" in result.output
    saved = json.loads((tmp_path / "report" / "load_report.json").read_text())
    assert saved["files"]["ssd_contacts.csv"]["rows_rejected"] == 6
    assert saved["home_la"] == "840"
    assert (
        (tmp_path / "report" / "rejects.csv").read_text().startswith("file,row,column,value,reason")
    )


def test_an_unreadable_folder_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(tmp_path / "missing"),
            "--store",
            str(tmp_path / "s"),
            "--report",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"maca: {tmp_path / 'missing'}: no such folder"]
    assert "Traceback" not in result.output


def test_a_store_that_cannot_be_written_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    store = tmp_path / "not-a-folder" / "store.duckdb"
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            str(FIXTURES / "returns_2022"),
            "--store",
            str(store),
            "--report",
            str(tmp_path / "r"),
        ],
    )
    assert result.exit_code == 2
    assert result.output.startswith("maca: cannot write the store or the report")
    assert len(result.output.strip().splitlines()) == 1


def test_ctrl_c_during_an_ingest_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    """DuckDB turns Ctrl-C during a statement into RuntimeError('Query interrupted'); Python
    into KeyboardInterrupt. Either way: one line, exit code 130, and no store half-written."""
    from maca import cli

    for interruption in (RuntimeError("Query interrupted"), KeyboardInterrupt()):

        def interrupted(*args, interruption=interruption, **kwargs):
            raise interruption

        monkeypatch.setattr(cli, "app", interrupted)
        with pytest.raises(SystemExit) as stopped:
            cli.main()
        assert stopped.value.code == 130
        assert capsys.readouterr().err == "maca: stopped (Ctrl-C); nothing was changed.\n"


def test_a_store_write_that_fails_behind_the_reading_leaves_the_old_store(tmp_path, monkeypatch):
    """Files that alone fill a table are written into the store on a second connection while
    the next file is read (ADR 0102). A write that fails there is one line, exit 2, and the
    store from the last complete ingest is still there, unchanged."""
    import duckdb

    from maca.data import loading

    store = tmp_path / "store.duckdb"
    report = str(tmp_path / "r")
    command = ["ingest", str(FIXTURES / "la_folder"), "--store", str(store), "--report", report]
    assert CliRunner().invoke(app, command).exit_code == 0
    before = store.read_bytes()

    def full_disk(con, judged, table):
        raise duckdb.IOException("could not write: no space left on device")

    monkeypatch.setattr(loading, "insert_single_source", full_disk)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "maca: cannot write the store or the report (could not write: no space left on device)"
    ]
    assert store.read_bytes() == before
    assert not store.with_name(store.name + ".building").exists()

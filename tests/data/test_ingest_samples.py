"""The real-format samples of Data to Insight (with their deliberate errors) all load."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from lxml import etree

from maca.data.ingest import ingest_folder


def data_rows(path: Path) -> int:
    """Data rows as a spreadsheet user counts them: CSV records after the header, or the
    top-level records of an XML return."""
    if path.suffix == ".csv":
        with path.open(newline="") as handle:
            return sum(1 for _ in csv.reader(handle)) - 1
    tag = "Child" if path.name.startswith("cin") else "CHILD"
    return sum(1 for _ in etree.iterparse(str(path), tag=tag))


def test_every_sample_file_is_read_and_accounted_for(d2i, tmp_path):
    report = ingest_folder(d2i, tmp_path / "store.duckdb", tmp_path / "report")
    read = {f.file: f for f in report.files}
    assert set(read) == {p.name for p in d2i.iterdir() if p.suffix in (".csv", ".xml")}
    for name, file_report in read.items():
        assert file_report.rows_read == data_rows(d2i / name), name
        assert file_report.rows_loaded + file_report.rows_rejected == file_report.rows_read
        for counts in file_report.records.values():
            assert counts.rows_loaded + counts.rows_rejected == counts.rows_read
    saved = json.loads((tmp_path / "report" / "load_report.json").read_text())
    assert saved["files"]["ssda903_episodes.csv"]["rows_read"] == 5050
    assert report.ignored_files == ["LICENSE-csc-validator-be-903"]


def test_deliberate_errors_are_reported_with_reasons(d2i, tmp_path):
    report = ingest_folder(d2i, tmp_path / "store.duckdb", tmp_path / "report")
    rejects = {(p.file, p.column): p.reason for p in report.rejects}
    assert "impossible date" in rejects[("cin_census_2021.xml", "ExpectedPersonBirthDate")]
    reasons = [w.reason for w in report.warnings]
    assert any("DfE rule 361" in r for r in reasons)
    assert any("overlapping episodes" in r for r in reasons)
    assert any("'Sex'" in r and "CIN_schema" in r for r in reasons)
    with (tmp_path / "report" / "rejects.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["file", "row", "column", "value", "reason"]
    assert len(rows) == len(report.rejects)


def test_loading_the_samples_twice_gives_the_same_store(d2i, tmp_path, store_contents):
    ingest_folder(d2i, tmp_path / "a.duckdb")
    ingest_folder(d2i, tmp_path / "b.duckdb")
    ingest_folder(d2i, tmp_path / "b.duckdb")
    assert store_contents(tmp_path / "a.duckdb") == store_contents(tmp_path / "b.duckdb")

"""Behaviour on small synthetic folders in the real formats (tests/data/fixtures)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from maca.data.errors import DataFolderError
from maca.data.ingest import ingest_folder

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("load")
    report = ingest_folder(FIXTURES / "la_folder", folder / "store.duckdb", folder / "report")
    return report, folder / "store.duckdb"


def query(store, sql):
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_each_episode_is_held_once_and_the_later_return_wins(loaded):
    _, store = loaded
    rows = query(
        store,
        "SELECT clae_cla_episode_id, clae_cla_episode_ceased_date, source_file "
        "FROM ssd_cla_episodes "
        "WHERE clae_person_id = 'C100' ORDER BY 1",
    )
    assert rows == [
        ("C100/2021-03-03", date(2021, 3, 4), "ssda903_episodes_2022.csv"),
        ("C100/2021-03-04", date(2021, 10, 10), "ssda903_episodes_2022.csv"),
        ("C100/2021-10-10", date(2023, 2, 1), "ssda903_episodes_2023.csv"),
    ]


def test_legal_status_spells_join_consecutive_episodes(loaded):
    _, store = loaded
    rows = query(
        store,
        "SELECT lega_legal_status, lega_legal_status_start_date, lega_legal_status_end_date "
        "FROM ssd_legal_status WHERE lega_person_id = 'C100' ORDER BY 2",
    )
    assert rows == [
        ("L1", date(2021, 3, 3), date(2021, 3, 4)),
        ("C1", date(2021, 3, 4), date(2023, 2, 1)),
    ]


def test_unborn_child_in_one_census_born_in_the_next(loaded):
    _, store = loaded
    rows = query(
        store,
        "SELECT pers_dob, pers_expected_dob, pers_sex, source_file FROM ssd_person "
        "WHERE pers_person_id = 'U900'",
    )
    assert rows == [(date(2023, 5, 18), None, "F", "cin_census_2024.xml")]


def test_rejects_name_file_row_column_and_reason(loaded):
    report, _ = loaded
    by_row = {(p.file, p.row): p for p in report.rejects}
    assert "mm/dd/YYYY" in by_row[("ssd_contacts.csv", 5)].reason
    assert by_row[("ssd_contacts.csv", 9)].reason == "duplicate: same cont_contact_id as row 2"
    assert "two-digit year" in by_row[("ssd_contacts.csv", 10)].reason
    assert by_row[("Police PP log 2023.csv", 5)].column == "pp_end"
    assert "ends before it starts" in by_row[("Police PP log 2023.csv", 5)].reason


def test_sources_yaml_renames_and_code_maps(loaded):
    report, store = loaded
    assert query(
        store, "SELECT cont_contact_source_code FROM ssd_contacts WHERE cont_contact_id = 'K2'"
    ) == [("3B",)]
    assert report.unlinked_police_protection == ["PP-002"]
    statuses = query(store, "SELECT pp_ref, status FROM police_protection ORDER BY 1")
    assert statuses == [("PP-001", "invoked"), ("PP-002", "considered"), ("PP-003", "invoked")]


def test_warnings_are_kept_apart_from_rejects(loaded):
    report, _ = loaded
    warnings = {(w.file, w.row): w.reason for w in report.warnings}
    assert "96 hours" in warnings[("Police PP log 2023.csv", 4)]
    assert "Excel day number" in warnings[("ssd_contacts.csv", 4)]
    assert "DfE rule 362" in warnings[("ssda903_episodes_2023.csv", 5)]
    # A row is loaded (maybe with warnings) or rejected, never both. (XML schema warnings
    # name an element's line, which a reject of the same element shares.)
    rejected = {(r.file, r.row) for r in report.rejects if r.file.endswith(".csv")}
    assert not rejected & {key for key in warnings if key[0].endswith(".csv")}


def test_every_file_balances(loaded):
    report, _ = loaded
    for f in report.files:
        assert f.rows_loaded + f.rows_rejected == f.rows_read


def test_loading_2022_then_2023_holds_each_episode_once(tmp_path):
    folder = tmp_path / "returns"
    shutil.copytree(FIXTURES / "returns_2022", folder)
    store = tmp_path / "store.duckdb"
    ingest_folder(folder, store)
    first = query(store, "SELECT count(*) FROM ssd_cla_episodes")[0][0]
    for path in (FIXTURES / "returns_2023").iterdir():
        shutil.copy(path, folder)
    ingest_folder(folder, store)
    ids = [r[0] for r in query(store, "SELECT clae_cla_episode_id FROM ssd_cla_episodes")]
    assert first == 4
    assert len(ids) == len(set(ids)) == 7


def test_loading_twice_gives_an_identical_store(tmp_path, store_contents):
    ingest_folder(FIXTURES / "la_folder", tmp_path / "a.duckdb")
    ingest_folder(FIXTURES / "la_folder", tmp_path / "a.duckdb")
    ingest_folder(FIXTURES / "la_folder", tmp_path / "b.duckdb")
    assert store_contents(tmp_path / "a.duckdb") == store_contents(tmp_path / "b.duckdb")


def test_a_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(DataFolderError, match="no such folder"):
        ingest_folder(tmp_path / "nowhere", tmp_path / "store.duckdb")


def test_broken_sources_yaml_is_one_clear_error(tmp_path):
    (tmp_path / "sources.yaml").write_text("files: [unclosed\n")
    with pytest.raises(DataFolderError, match="sources.yaml: not valid YAML"):
        ingest_folder(tmp_path, tmp_path / "store.duckdb")


def test_row_numbers_stay_right_after_rows_that_cannot_be_split(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ssd_contacts.csv").write_text(
        "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code\n"
        "K1,P1,2023-01-01,6\n"
        "K2,P1,2023-01-02,6,extra\n"
        "K3,P1\n"
        "K4,P1,2023-02-30,6\n"
        "K5,P1,2023-01-05,6\n"
    )
    report = ingest_folder(folder, tmp_path / "store.duckdb")
    rows = {p.row: p.reason for p in report.rejects}
    assert rows[3] == "the row has more values than the header has columns"
    assert rows[4] == "the row has fewer values than the header has columns"
    assert "no such day" in rows[5]
    assert query(
        tmp_path / "store.duckdb", "SELECT cont_contact_id, source_row FROM ssd_contacts"
    ) == [
        ("K1", 2),
        ("K5", 6),
    ]

"""SSDA903 XML: streamed child by child, local codes mapped, a cut-off file still read."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from maca.data.ingest import ingest_folder

FOLDER = Path(__file__).parent / "fixtures" / "xml_903"


def test_903_xml_children_episodes_and_a_truncated_end(tmp_path):
    report = ingest_folder(FOLDER, tmp_path / "store.duckdb", tmp_path / "report")
    (xml,) = report.files
    # Two complete children; the third is cut off mid-episode and becomes one reject.
    assert (xml.rows_read, xml.rows_loaded, xml.rows_rejected) == (3, 1, 2)
    episodes = xml.records["ssd_cla_episodes"]
    assert (episodes.rows_read, episodes.rows_loaded, episodes.rows_rejected) == (3, 2, 1)
    reasons = {(r.row, r.column): r.reason for r in report.rejects}
    assert "no such day" in reasons[(9, "DOB")]
    assert reasons[(10, "LS")].startswith("unknown code")
    assert any("the rest of the file could not be read" in r for r in reasons.values())
    con = duckdb.connect(str(tmp_path / "store.duckdb"), read_only=True)
    spells = con.execute(
        "SELECT lega_legal_status, lega_legal_status_start_date, lega_legal_status_end_date "
        "FROM ssd_legal_status ORDER BY 2"
    ).fetchall()
    assert spells == [("L1", date(2023, 3, 10), date(2023, 3, 13)), ("C1", date(2023, 3, 13), None)]
    assert con.execute("SELECT pers_sex FROM ssd_person").fetchall() == [("F",)]

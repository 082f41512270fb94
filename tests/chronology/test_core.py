"""The chronology core (issue 15): dates, submissions with rejects, merge and order, possible
duplicates, gaps, the named signal rules, the picture and the table, and the CLI."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from maca.chronology.dates import DateProblem, read_date
from maca.chronology.duplicates import token_set_ratio
from maca.chronology.entry import Entry
from maca.chronology.picture import render_svg
from maca.chronology.submission import read_submission
from maca.chronology.table import render_table_html
from maca.chronology.timeline import CaseFacts, merge

TODAY = date(2025, 6, 1)
REMOVAL = date(2024, 9, 1)


@pytest.mark.parametrize(
    ("text", "value", "uncertain", "month_only"),
    [
        ("2023-05-14", date(2023, 5, 14), False, False),
        ("14/05/2023", date(2023, 5, 14), False, False),
        ("?2023-05-14", date(2023, 5, 14), True, False),
        ("2023-05", date(2023, 5, 1), False, True),
        ("?2023-05", date(2023, 5, 1), True, True),
    ],
)
def test_the_dates_of_the_spec(text, value, uncertain, month_only):
    reading = read_date(text, today=TODAY)
    assert (reading.value, reading.uncertain, reading.month_only) == (value, uncertain, month_only)


@pytest.mark.parametrize("text", ["31/02/2023", "2023-13", "yesterday", "?", "2026-01-01"])
def test_dates_that_are_not_chronology_dates(text):
    with pytest.raises(DateProblem):
        read_date(text, today=TODAY)


def _csv(rows, header="case_ref,date,time,sequence,subject,source,event") -> bytes:
    return (header + "\n" + "\n".join(rows) + "\n").encode()


def test_every_bad_row_is_a_reject_with_row_column_and_reason_and_good_rows_are_kept():
    data = _csv([
        "C001,2024-01-02,,,child,HV record,Seen at home",
        "C001,31/02/2024,,,child,HV record,No such day",
        "C001,2024-01-03,25:00,x,,HV record,Three problems",
        "C999,2024-01-04,,,child,HV record,Not a case",
    ])  # fmt: skip
    read = read_submission(data, "hv.csv", "Health visiting", case_refs={"C001"}, today=TODAY)
    assert [e.event for e in read.entries] == ["Seen at home"]
    got = {(p.row, p.column) for p in read.rejects}
    assert got == {(3, "date"), (4, "time"), (4, "sequence"), (4, "subject"), (5, "case_ref")}
    assert read.rows_rejected == 3 and all(p.reason for p in read.rejects)


def test_the_agency_is_the_callers_never_the_files():
    data = _csv(["C001,2024-01-02,,,child,Log,Seen,Police"], "case_ref,date,time,sequence,"
                "subject,source,event,agency")  # fmt: skip
    read = read_submission(data, "f.csv", "Health visiting", today=TODAY)
    assert {e.agency for e in read.entries} <= {"Health visiting"}


def test_a_nul_character_is_a_reject_not_an_entry():
    read = read_submission(
        _csv(["C001,2024-01-02,,,child,HV,Se\x00en"]), "f.csv", "HV", today=TODAY
    )
    assert read.entries == [] and read.rejects[0].column == "event"


def _entry(agency, day, event, subject="child", case_ref="C001", **more) -> Entry:
    return Entry(case_ref, agency, read_date(day, today=TODAY), subject, "record", event, **more)


def _timeline(entries):
    return merge(entries, [CaseFacts("C001", "F01", REMOVAL, REMOVAL - timedelta(days=100))])


def test_merge_orders_by_date_time_and_sequence():
    from datetime import time

    timeline = _timeline([
        _entry("A", "2024-08-02", "third", sequence=2),
        _entry("B", "2024-08-02", "second", sequence=1),
        _entry("A", "2024-08-01", "first", time=time(9, 0)),
    ])  # fmt: skip
    assert [e.event for e in timeline.entries] == ["first", "second", "third"]


def test_possible_duplicates_are_flagged_never_deleted():
    timeline = _timeline([
        _entry("Health", "2024-08-20", "Bruise seen on baby's arm at home visit"),
        _entry("Police", "2024-08-20", "At home visit a bruise seen on the baby's arm"),
        _entry("Health", "2024-08-20", "Bruise seen on baby's arm at home visit"),  # same agency
    ])  # fmt: skip
    assert len(timeline) == 3
    pairs = {(d.first, d.second) for d in timeline.duplicates}
    assert pairs and all(timeline.entries[a].agency != timeline.entries[b].agency for a, b in pairs)
    assert token_set_ratio("a b c", "x y z") < 0.8 <= token_set_ratio("a b c", "c b a")


def test_the_table_marks_up_each_cell_as_the_stylesheets_draw_it():
    """Body cells carry no class of their own (ADR 0600): both stylesheets draw
    ``.chronology-table td`` as GOV.UK draws a table cell, so the page looks the same."""
    from importlib import resources

    timeline = _timeline([
        _entry("Health", "2024-08-20", "Home visit <weighed> & well"),
        _entry("Police", "2024-08-21", "Call to the address"),
    ])  # fmt: skip
    html = render_table_html(timeline)
    body = html.split("<tbody", 1)[1]
    assert (
        "govuk-table__cell" not in body and "<td>Home visit &lt;weighed&gt; &amp; well</td>" in body
    )
    assert html.count("<tr id=") == 2
    core_css = (resources.files("maca.chronology") / "templates" / "timeline.css").read_text()
    web_css = (resources.files("maca") / "web" / "static" / "maca" / "maca.css").read_text()
    for sheet in (core_css, web_css):
        assert ".chronology-table td" in sheet and ".chronology-gap td" in sheet


def test_a_long_period_with_no_contact_before_the_removal_is_a_gap():
    timeline = _timeline([_entry("A", "2024-01-10", "seen"), _entry("A", "2024-08-25", "seen")])
    assert [(g.start, g.end) for g in timeline.gaps] == [(date(2024, 1, 10), date(2024, 8, 25))]
    assert "Gap:" in render_table_html(timeline)


@pytest.mark.parametrize(
    ("event", "rule"),
    [
        ("Domestic abuse notification: verbal argument", "domestic_abuse_notification"),
        ("Was not brought to the 8-week immunisation appointment", "missed_health_appointments"),
        ("Bruising seen on baby's upper arm", "injury_to_non_mobile_baby"),
        ("Family moved into the area from another local authority", "moved_from_another_area"),
        ("Booked at 30 weeks; first antenatal contact", "late_booking_or_concealed_pregnancy"),
    ],
)
def test_each_signal_is_raised_by_a_named_rule_and_shown_beside_its_entry(event, rule):
    timeline = _timeline([_entry("Health", "2024-07-01", event)])
    assert [s.rule.name for s in timeline.signals] == [rule]
    assert f"(rule {rule})" in render_table_html(timeline)
    assert "Signal:" in render_svg(timeline)


def test_a_negated_keyword_raises_no_signal_and_signals_are_never_added_up():
    timeline = _timeline([_entry("Health", "2024-07-01", "No bruising seen; no injuries")])
    assert timeline.signals == ()
    assert not hasattr(timeline, "score")


def test_the_picture_draws_uncertain_dates_as_such_and_one_lane_per_agency():
    timeline = _timeline([_entry("A", "?2024-07-01", "seen"), _entry("B", "2024-07", "seen")])
    svg = render_svg(timeline)
    assert svg.startswith("<svg") and "uncertain" in svg and "month" in svg
    assert timeline.agencies == ("A", "B")


def test_the_cli_merge_writes_the_timeline_and_the_rejects(tmp_path):
    from typer.testing import CliRunner

    from maca.cli import app

    hv = tmp_path / "health-visiting.csv"
    hv.write_bytes(_csv(["C001,2024-01-02,,,child,HV,Seen", "C001,bad,,,child,HV,Bad"]))
    police = tmp_path / "police.csv"
    police.write_bytes(_csv(["C001,2024-01-03,,,mother,Log,Domestic abuse notification"]))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["chronology", "merge", str(hv), str(police), "--agency", "HV", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "timeline.csv").read_text("utf-8-sig"))))
    entries = [r for r in rows if r["kind"] == "entry"]
    assert [(r["agency"], r["event"]) for r in entries] == [
        ("HV", "Seen"),  # from --agency
        ("Police", "Domestic abuse notification"),  # from the file name
    ]
    rejects = list(csv.DictReader(io.StringIO((out / "rejects.csv").read_text("utf-8-sig"))))
    assert [(r["row"], r["column"]) for r in rejects] == [("3", "date")]
    assert "<svg" in (out / "timeline.html").read_text("utf-8")


def test_the_cli_merge_usage_error_is_one_line_and_exit_code_2(tmp_path):
    from typer.testing import CliRunner

    from maca.cli import app

    result = CliRunner().invoke(app, ["chronology", "merge", str(tmp_path / "none.csv")])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_the_extract_writes_system_records_keyed_by_case_with_no_person_id(tmp_path):
    from maca.chronology.extract import write_extract
    from maca.demo import demo_cohort

    made = demo_cohort(tmp_path / "demo")
    out = tmp_path / "system-records.csv"
    result = write_extract(made.store, made.cohort_dir, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows and len(rows) == len(result.entries)
    refs = {r["case_ref"] for r in rows}
    cohort = {r["case_ref"] for r in csv.DictReader(made.cohort_csv.open(encoding="utf-8"))}
    assert refs <= cohort and "removal" in {r["system_event"] for r in rows}
    person_ids = {row[1] for row in list(csv.reader(made.key_csv.open(encoding="utf-8")))[1:]}
    assert person_ids and not any("person" in column for column in rows[0])
    assert not any(value in person_ids for row in rows for value in row.values())
    read = read_submission(out.read_bytes(), out.name, "system records")
    assert read.rejects == [] and all(e.system_record for e in read.entries)

"""Issue 15 in the browser: two agencies upload their chronologies (one CSV with bad rows, one
XLSX), see the errors, fix them, the business team loads the system records `maca chronology
extract` wrote, and the family timeline shows a signal, a gap and a duplicate in the table and in
the picture; axe-core finds nothing on the pages; the CLI merge of the same files agrees."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]

HV = "0-19 health visiting service"
POLICE = "Northmoor Police"
HEADER = ["case_ref", "date", "subject", "source", "event", "significance"]
HV_ROWS = [
    ["C026", "2023-02-10", "child", "HV contact record", "Home visit; baby weighed", "low"],
    ["C026", "31/02/2023", "child", "HV contact record", "A day that is not there", "low"],
    ["C027", "2023-03-01", "", "HV contact record", "Clinic; no subject given", "maybe"],
    ["C026", "2023-08-24", "mother", "HV contact record",
     "Mother disclosed an argument; police attended the address", "medium"],
]  # fmt: skip
POLICE_ROWS = [
    ["C026", "2023-08-24", "mother", "Police log",
     "Police attended the address after an argument; mother disclosed", "medium"],
    ["C027", "2023-09-20", "mother", "Police log",
     "Domestic abuse notification: verbal argument, children present", "high"],
]  # fmt: skip


def _csv(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _xlsx(path: Path, rows) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Chronology"
    for row in [HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def _extract(tmp_path: Path) -> tuple[Path, Path]:
    from django.conf import settings
    from typer.testing import CliRunner

    from maca.cli import app

    demo = Path(settings.MACA_HOME) / "demo"
    out = tmp_path / "system-records.csv"
    result = CliRunner().invoke(
        app,
        ["chronology", "extract", "--store", str(demo / "store.duckdb"),
         "--cohort", str(demo / "cohort"), "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out, demo / "cohort"


def test_upload_fix_load_system_records_and_see_the_family_timeline(page, sign_in, demo, tmp_path):
    from maca.web.audits.demo import load_demo_audit

    audit = load_demo_audit()
    c026 = audit.cases.get(case_ref="C026")
    system_records, cohort_dir = _extract(tmp_path)
    checked = []

    def accessible():
        problems = axe_violations(page)
        assert problems == [], f"{page.url}: {problems}"
        checked.append(page.url)

    def switch(username):
        if page.get_by_role("button", name="Sign out").count():
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url("**/sign-in/")
        sign_in(username)
        page.goto(f"/audits/{audit.pk}/chronology/")

    def upload(path: Path, button: str):
        page.get_by_label("Chronology file (CSV or Excel)").set_input_files(str(path))
        page.get_by_role("button", name=button).click()
        page.locator("h1").first.wait_for()

    # Health visiting: a CSV with two bad rows; the good rows are kept, the bad ones shown.
    switch("hv.practitioner")
    accessible()
    upload(_csv(tmp_path / "health-visiting.csv", HV_ROWS), "Upload the chronology")
    rejects = page.get_by_test_id("rejects")
    expect(rejects).to_contain_text("not a real date")
    expect(rejects.locator("tr", has_text="31/02/2023")).to_contain_text("3")
    expect(rejects).to_contain_text("missing: who the event is about")
    expect(rejects).to_contain_text("not one of low, medium, high")
    expect(page.get_by_test_id("latest-upload")).to_contain_text("2 entries kept")
    accessible()
    fixed = [HV_ROWS[0], [*HV_ROWS[1][:1], "2023-02-28", *HV_ROWS[1][2:]],
             ["C027", "2023-03-01", "child", "HV contact record", "Clinic attendance", "low"],
             HV_ROWS[3]]  # fmt: skip
    hv_file = _csv(tmp_path / "health-visiting.csv", fixed)
    upload(hv_file, "Upload the chronology")
    expect(page.get_by_test_id("rejects")).to_have_count(0)
    expect(page.get_by_test_id("latest-upload")).to_contain_text("4 entries kept")
    expect(page.get_by_test_id("latest-upload")).to_contain_text("replacing 2 earlier entries")

    # Police: an Excel workbook.
    switch("police.practitioner")
    police_file = _xlsx(tmp_path / "police.xlsx", POLICE_ROWS)
    upload(police_file, "Upload the chronology")
    expect(page.get_by_test_id("latest-upload")).to_contain_text("2 entries kept")

    # The business team loads the system records from `maca chronology extract`.
    switch("audit.lead")
    accessible()
    upload(system_records, "Load the system records")
    expect(page.get_by_test_id("latest-upload")).to_contain_text("entries kept")
    expect(page.get_by_test_id("rejects")).to_have_count(0)

    page.get_by_role("link", name="family F25 of case C026").click()
    page.wait_for_url(f"**/cases/{c026.pk}/chronology/family/")
    table = page.get_by_test_id("timeline-table")
    expect(page.locator("h1")).to_contain_text("Family F25 (cases C026, C027, C028)")
    expect(table).to_contain_text("Possible duplicate")
    expect(table).to_contain_text("Signal: Domestic abuse notification")
    expect(table).to_contain_text("(rule domestic_abuse_notification)")
    expect(table.locator("tr.chronology-gap").first).to_contain_text("Gap:")
    expect(table).to_contain_text("Removed from parents' care")  # a system record
    picture = page.get_by_test_id("timeline-picture").locator("svg")
    titles = " ".join(picture.locator("title").all_text_contents())
    assert "Possible duplicate" in titles
    assert "Signal: Domestic abuse notification" in titles
    assert "No agency contact for" in titles
    accessible()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    web_csv = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    page.get_by_role("link", name="Case C026 alone").click()
    accessible()

    # The CLI merge of the same files gives the same family timeline.
    from maca.chronology.command import merge_files, write_merge

    result = merge_files(
        [hv_file, police_file, system_records], [HV, POLICE, "system records"],
        cohort_dir=cohort_dir,
    )  # fmt: skip
    write_merge(result, tmp_path / "merged")
    cli_csv = (tmp_path / "merged" / "timeline.csv").read_bytes().decode("utf-8-sig")

    def family_rows(text: str) -> list[tuple]:
        rows = list(csv.DictReader(io.StringIO(text)))
        keep = ("kind", "case_ref", "date", "agency", "subject", "event", "possible_duplicate_of",
                "signals")  # fmt: skip
        return [tuple(r[k] for k in keep) for r in rows if "F25" in r["timeline"]]

    web = family_rows(web_csv)
    assert web and web == family_rows(cli_csv)
    assert len(checked) == 5

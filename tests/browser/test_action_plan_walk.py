"""From learning to changed practice in Chromium: the audit lead turns an area for learning into
an action, the agency lead records its evidence of impact and closes it, a team records its
discussion of the briefing, and the board reader reads it all read-only and in the board
report, downloaded as Word and Excel and read back. axe-core checks every page, at 1200 and 390
pixels wide."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.widths import accessible_at_widths

pytestmark = pytest.mark.django_db(transaction=True)

ACTION = "Health visitors ask who else lives in or visits the home at every contact."
IMPACT = "Records now name everyone in the household: 18 of 20 sampled, against 6 before."
WILL_DO = "Ask who else lives in or visits the home, and record how we checked."


@pytest.fixture(autouse=True)
def shipped_tool(transactional_db):
    """A transactional test before this one flushed the database, and with it the tool and
    themes the data migration shipped: put them back."""
    from django.apps import apps

    from maca.web.audits.shipped import load_tool_and_themes

    load_tool_and_themes(apps)


@pytest.fixture
def walk(page, sign_in):
    checked: list[str] = []

    def accessible(shot: str = ""):
        accessible_at_widths(page, f"actions-{shot}" if shot else "")
        checked.append(page.url)

    def switch(username):
        if page.get_by_role("button", name="Sign out").count():
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url("**/sign-in/")
        sign_in(username)

    return page, accessible, switch, checked


def _add_action(page, accessible, audit):
    page.goto(f"/audits/{audit.pk}/")
    page.get_by_role("link", name="Action plan").click()
    expect(page.get_by_role("heading", name="Action plan")).to_be_visible()
    accessible("plan")
    page.get_by_role("link", name="Add an action for professional curiosity").click()
    page.get_by_role("button", name="Add the action").click()  # empty: errors first
    expect(page.get_by_role("alert").get_by_text("Enter what will be done")).to_be_visible()
    accessible("add-errors")
    page.get_by_label("What will be done").fill(ACTION)
    page.get_by_label("How you will know it is done").fill("A dip sample of 20 records.")
    page.get_by_label("Owner agency", exact=True).select_option(
        label="0-19 health visiting service"
    )
    page.get_by_label("Lead (a person of the owner agency)").select_option(
        label="Priya Shah (Named nurse for safeguarding), 0-19 health visiting service"
    )
    due = (audit.created_at.date() + timedelta(days=60)).isoformat()
    page.get_by_label("Due date").fill(due)
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_test_id("status")).to_have_text("Not started")
    accessible("action")
    return page.url


def _impact_and_close(page, accessible, action_url):
    page.goto(action_url)
    page.get_by_role("button", name="Update the status").click()
    page.get_by_role("radio", name="Complete").check()
    page.get_by_label("Why", exact=True).fill("Everyone trained.")
    page.get_by_role("button", name="Save the status").click()
    expect(
        page.get_by_role("alert").get_by_text("Record the evidence of impact first")
    ).to_be_visible()
    accessible("status-errors")
    page.get_by_role("link", name="Record it first").click()
    page.get_by_label("What changed in practice").fill(IMPACT)
    page.get_by_label("How it was measured").fill("Dip sample of 20 records, before and after.")
    page.get_by_role("button", name="Record the evidence").click()
    expect(page.get_by_test_id("impact")).to_contain_text("18 of 20 sampled")
    page.get_by_role("button", name="Update the status").click()
    accessible("status")
    page.get_by_role("radio", name="Complete").check()
    page.get_by_label("Why", exact=True).fill("Everyone trained; the sample shows the change.")
    page.get_by_role("button", name="Save the status").click()
    expect(page.get_by_test_id("status")).to_have_text("Complete")
    expect(page.get_by_test_id("history")).to_contain_text("Not started → Complete")


def _discuss(page, accessible, published):
    page.goto(f"/briefings/{published.pk}/")
    page.get_by_role("link", name="Record your team's discussion of this briefing").click()
    expect(
        page.get_by_label("When did you last check something a parent told you?")
    ).to_be_visible()
    accessible("discussion")
    page.get_by_label("Team", exact=True).fill("North locality health visiting team")
    page.get_by_label("Date of the discussion").fill(published.published_at.date().isoformat())
    page.get_by_label("People at the discussion").fill("14")
    page.get_by_label("When did you last check something a parent told you?").fill(
        "Most of us could not remember."
    )
    page.get_by_label("What the team will do").fill(WILL_DO)
    page.get_by_role("button", name="Record the discussion").click()
    expect(page.get_by_role("heading", name="Reach of the briefing")).to_be_visible()
    expect(page.get_by_test_id("reach-agencies")).to_contain_text("0-19 health visiting service")
    expect(page.get_by_test_id("chart").locator("svg")).to_be_visible()
    accessible("reach")


def _download(page, name):
    with page.expect_download() as download:
        page.get_by_role("link", name=name).click()
    return Path(download.value.path()).read_bytes()


def test_an_area_for_learning_to_changed_practice_and_the_board_report(walk, planned):
    from docx import Document
    from openpyxl import load_workbook

    page, accessible, switch, checked = walk
    audit = planned.audit
    switch("audit.lead")
    action_url = _add_action(page, accessible, audit)
    switch("hv.lead")
    _impact_and_close(page, accessible, action_url)
    _discuss(page, accessible, planned.published)

    switch("board.reader")
    page.goto(f"/audits/{audit.pk}/actions/")
    expect(page.get_by_text(ACTION)).to_be_visible()
    expect(page.get_by_role("link", name="Add an action")).to_have_count(0)
    page.goto(action_url)
    expect(page.get_by_role("button", name="Update the status")).to_have_count(0)
    accessible("board-action")
    page.get_by_role("link", name="Actions", exact=True).click()
    expect(page.get_by_test_id("overdue").first).to_be_visible()  # the police action
    accessible("tracker")
    page.goto(f"/audits/{audit.pk}/actions/")
    word = Document(io.BytesIO(_download(page, "Download the board report (Word)")))
    text = "\n".join(
        [p.text for p in word.paragraphs]
        + [c.text for t in word.tables for row in t.rows for c in row.cells]
    )
    book = load_workbook(io.BytesIO(_download(page, "Download the board report (Excel)")))
    cells = "\n".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
        if v is not None
    )
    for report in (text, cells):
        assert ACTION in report and IMPACT in report and WILL_DO in report
        assert "Complete" in report and "North locality health visiting team" in report
        assert "Everyone trained; the sample shows the change." in report
        assert "SYN-900001" not in report and "C001" not in report
    assert len(checked) == 9  # plan, add (errors), action, status (errors), status, discussion,
    # reach, the board reader's action and tracker

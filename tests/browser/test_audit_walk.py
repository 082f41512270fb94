"""The whole audit in Chromium: commission, load the cohort, assign three agencies, two
practitioners submit, an agency lead signs off, moderation opens, the panel records findings and
a family voice, and the findings summary shows them once the audit lead has read them for
identifying details. axe-core checks every page on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]


COHORT = Path(__file__).resolve().parent.parent / "web" / "audits" / "data" / "cohort.csv"
AGENCIES = ["0-19 health visiting service", "Northmoor Police", "Children's social care"]


def _commission(page, accessible):
    page.get_by_role("link", name="Audits").click()
    accessible()
    page.get_by_role("button", name="Commission an audit").click()
    page.get_by_role("button", name="Commission the audit").click()  # empty: errors first
    expect(page.get_by_role("alert").get_by_text("Enter a title")).to_be_visible()
    accessible()
    page.get_by_label("Title").fill("First 1001 Days walk")
    page.get_by_label("Partnership priority").fill("Priority Three: First 1001 Days")
    page.get_by_label("Question").fill(
        "What do we know about children removed in their first 1001 days?"
    )
    page.get_by_label("Terms of reference").fill("Removals Sept to Dec 2023, unknown to CSC.")
    page.get_by_label("Lawful basis").fill("Children Act 2004 s.16E")
    page.get_by_label("Information-sharing agreement reference").fill("ISA-7")
    page.get_by_label("Returns due").fill("2031-01-31")
    page.get_by_role("button", name="Commission the audit").click()
    expect(page.get_by_role("heading", name="First 1001 Days walk")).to_be_visible()
    accessible()


def _load_and_assign(page, accessible):
    page.get_by_role("link", name="Load the cohort").click()
    accessible()
    page.get_by_label("Cohort file (cohort.csv)").set_input_files(str(COHORT))
    page.get_by_role("button", name="Load the files").click()
    expect(page.get_by_text("4 cases loaded")).to_be_visible()
    accessible()
    page.get_by_role("link", name="Assign agencies").click()
    accessible()
    for agency in AGENCIES:
        page.get_by_label(agency, exact=True).check()
    page.get_by_label("C001 (family F01)").check()
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("3 assignments added")).to_be_visible()
    page.get_by_role("button", name="Open returns").click()
    expect(page.get_by_test_id("not-ready")).to_contain_text("has no agency lead")
    accessible()
    page.get_by_role("button", name="Open returns anyway").click()
    assert page.get_by_test_id("stage").inner_text() == "Returns open"
    accessible()


def _complete_return(page, accessible, narrative):
    page.get_by_role("link", name="My returns").click()
    accessible()
    page.get_by_role("link", name="Child C001").click()
    accessible()
    page.get_by_role("link", name="A. Involvement before removal").click()
    page.get_by_role("button", name="Save and continue").click()
    expect(
        page.get_by_role("alert").get_by_text("Describe what your records show for section A")
    ).to_be_visible()
    accessible()
    for key in "ABCDEFGHI":
        page.locator(f"#id_{key}_evidenced_0").check()
        page.locator(f"#id_{key}_narrative").fill(f"{narrative} (section {key})")
        if key == "B":
            page.get_by_label("Professional curiosity").check()
            accessible()
        page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("All sections saved")).to_be_visible()
    page.get_by_role("button", name="Add a chronology entry").click()
    accessible()
    page.get_by_label("Date").fill("2023-08-20")
    page.get_by_label("Subject").fill("mother")
    page.get_by_label("Source").fill("Agency record")
    page.get_by_label("Event").fill(narrative)
    page.get_by_role("button", name="Add the entry").click()
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_role("heading", name="Submit the return?")).to_be_visible()
    accessible()
    page.get_by_role("button", name="Submit the return").click()
    assert page.get_by_test_id("return-status").inner_text() == "Submitted"
    accessible()


def test_the_whole_audit_in_the_browser(walk):
    page, accessible, switch, checked = walk
    switch("audit.lead")
    _commission(page, accessible)
    overview = page.url
    _load_and_assign(page, accessible)

    switch("hv.practitioner")
    _complete_return(page, accessible, "HV saw the baby at day 12")
    switch("police.practitioner")
    _complete_return(page, accessible, "Two domestic abuse notifications")

    switch("hv.lead")
    page.get_by_role("link", name="My returns").click()
    page.get_by_role("link", name="Child C001").click()
    page.get_by_role("button", name="Sign off and lock").click()
    page.get_by_role("button", name="Sign off and lock").click()
    assert page.get_by_test_id("return-status").inner_text() == "Signed off"
    accessible()

    switch("audit.lead")
    page.goto(overview)
    assert page.get_by_test_id("returns-signed-off").inner_text() == "1"
    assert page.get_by_test_id("returns-submitted").inner_text() == "1"
    page.get_by_role("button", name="Open moderation (audit day)").click()
    expect(page.get_by_test_id("not-ready")).to_contain_text("1 submitted return not signed off")
    page.get_by_role("button", name="Open moderation (audit day) anyway").click()
    assert page.get_by_test_id("stage").inner_text() == "Moderation open"

    switch("panel.member")
    page.goto(overview)
    accessible()
    page.get_by_role("link", name="C001").click()
    accessible()
    page.get_by_role("link", name="Moderation: returns side by side").click()
    expect(page.get_by_text("HV saw the baby at day 12 (section A)")).to_be_visible()
    expect(page.get_by_text("Two domestic abuse notifications (section A)")).to_be_visible()
    accessible()
    page.get_by_role("button", name="Record a finding").click()
    accessible()
    page.get_by_label("Area for learning").check()
    page.get_by_label("Professional curiosity").check()
    page.get_by_label("Finding", exact=True).fill("Information was taken at face value")
    page.get_by_label("Dissent (optional)").fill("Police felt checks were made")
    page.get_by_role("button", name="Record the finding").click()
    page.get_by_role("button", name="Record a finding").click()
    page.get_by_label("Strength").check()
    page.get_by_label("Consistency of practitioner").check()
    page.get_by_label("Finding", exact=True).fill("The same health visitor throughout")
    page.get_by_role("button", name="Record the finding").click()
    accessible()
    page.get_by_role("button", name="Record the voice of the family").click()
    accessible()
    page.get_by_label("Mother").check()
    page.get_by_label("What they said").fill("I felt I needed to chase people to visit me")
    page.get_by_label("The person consented").check()
    page.get_by_role("button", name="Record their view").click()
    expect(page.get_by_text("The mother's view is recorded")).to_be_visible()

    # What people wrote is withheld from the summary until the business team has read it.
    page.goto(overview)
    page.get_by_role("link", name="Findings summary").click()
    expect(page.get_by_test_id("withheld-count")).to_contain_text("withheld")
    expect(page.get_by_text("Information was taken at face value")).to_have_count(0)
    switch("audit.lead")
    page.goto(overview)
    page.get_by_role("link", name="Findings summary").click()
    page.get_by_role("link", name="Read and confirm the passages").click()
    accessible()
    page.get_by_role("button", name="Confirm all").click()
    expect(page.get_by_text("confirmed as read by you")).to_be_visible()
    switch("panel.member")
    page.goto(overview)
    page.get_by_role("link", name="Findings summary").click()
    assert page.get_by_test_id("summary-counts").inner_text() == "2 findings across 1 case."
    expect(page.get_by_test_id("withheld-count")).to_have_count(0)
    themes = page.get_by_test_id("themes")
    assert "Professional curiosity" in themes.inner_text()
    expect(page.get_by_text("Information was taken at face value")).to_be_visible()
    assert page.get_by_test_id("voice").inner_text().startswith("“I felt I needed to chase")
    accessible()
    assert len(checked) >= 25

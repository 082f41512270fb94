"""Everyone can correct a mistake, in Chromium (issue 12): a wrong cohort is uploaded and undone,
a stage change that cannot work is refused and one with things not ready needs confirming, a
case is withdrawn, a chronology entry is edited and deleted, a lead sends a return back and it
is resubmitted, a finding is edited and deleted, and every correction is in the audit trail.
axe-core checks every page on the way, error states included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]

COHORT = Path(__file__).resolve().parent.parent / "web" / "audits" / "data" / "cohort.csv"
WRONG = (
    "case_ref,family_ref,removal_date,removal_kind,age_days,in_first_1001_days\n"
    "C001,F01,2024-01-04,pp_invoked,100,true\n"
    "C002,F02,2024-01-09,pp_invoked,900,true\n"
    "C003,F03,2024-02-19,pp_considered_s20,2000,false\n"
)
AGENCIES = ["0-19 health visiting service", "Northmoor Police", "Children's social care"]


@pytest.fixture
def commissioned(demo):
    from maca.web.audits.models import Audit, ToolVersion

    partnership, users = demo
    return Audit.objects.create(
        partnership=partnership,
        title="Corrections walk",
        priority="Priority Three: First 1001 Days",
        question="What do we know?",
        terms_of_reference="Removals Sept to Dec 2023",
        lawful_basis="Children Act 2004 s.16E",
        isa_reference="ISA-7",
        tool_version=ToolVersion.objects.get(tool__partnership=partnership, version=1),
        returns_due=date(2031, 1, 31),
        created_by=users["audit.lead"],
    )


def _load(page, path):
    page.get_by_role("link", name="Load the cohort").click()
    page.get_by_label("Cohort file (cohort.csv)").set_input_files(str(path))
    page.get_by_role("button", name="Load the files").click()


def _upload_and_undo(page, accessible, overview, tmp_path):
    page.goto(overview)
    page.get_by_role("button", name="Open returns").click()
    expect(page.get_by_test_id("refused")).to_contain_text("There are no cases")
    accessible()
    page.goto(overview)
    wrong = tmp_path / "cohort-january.csv"
    wrong.write_text(WRONG)
    _load(page, wrong)
    expect(page.get_by_text("3 cases loaded")).to_be_visible()
    _load(page, COHORT)  # the right one cannot load over it
    expect(page.get_by_test_id("file-problems")).to_contain_text(
        "C001 is already a case of this audit"
    )
    assert page.title().startswith("Error: ")
    accessible()
    page.goto(overview)
    page.get_by_role("link", name="Undo the upload of cohort-january.csv").click()
    expect(page.get_by_test_id("undo-effects")).to_contain_text("3 cases removed")
    accessible()
    page.get_by_role("button", name="Undo the upload").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter why")
    accessible()
    page.get_by_label("Why are you undoing this upload?").fill("January's cohort, not autumn's")
    page.get_by_role("button", name="Undo the upload").click()
    expect(page.get_by_text("Upload undone: 3 cases removed")).to_be_visible()
    accessible()
    _load(page, COHORT)
    expect(page.get_by_text("4 cases loaded")).to_be_visible()


def _assign_and_open(page, accessible):
    page.get_by_role("link", name="Assign agencies").click()
    expect(page.get_by_test_id("agency-gaps")).to_contain_text(
        "no agency lead, so the audit lead signs off"
    )
    expect(page.get_by_test_id("agency-gaps")).to_contain_text("Children's social care")
    accessible()
    page.get_by_role("button", name="Assign", exact=True).click()  # nothing chosen: errors
    expect(page.get_by_role("alert")).to_contain_text("Select at least one agency")
    accessible()
    for agency in AGENCIES:
        page.get_by_label(agency, exact=True).check()
    page.get_by_label("Select all 4 cases shown").check()
    assert page.locator('input[name="cases"]:checked').count() == 4  # the script ticks them
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("12 assignments added")).to_be_visible()
    page.get_by_role("button", name="Open returns").click()
    expect(page.get_by_test_id("not-ready")).to_contain_text(
        "Children's social care has no agency lead"
    )
    accessible()
    page.get_by_role("button", name="Open returns anyway").click()
    expect(page.get_by_test_id("stage")).to_have_text("Returns open")


def _withdraw(page, accessible):
    page.get_by_role("link", name="C004", exact=True).click()
    accessible()  # the case page, its cohort facts in words
    page.get_by_role("link", name="Withdraw this case").click()
    accessible()
    page.get_by_label("Why are you withdrawing C004?").fill("Removal was to a relative by consent")
    page.get_by_role("button", name="Withdraw the case").click()
    expect(page.get_by_text("Case C004 withdrawn")).to_be_visible()
    expect(page.get_by_test_id("withdrawn")).to_contain_text("C004")
    accessible()


def _chronology(page, accessible):
    for when, event in (("14/08/2023", "New birth visit"), ("2023-08-24", "Mother seen alone")):
        page.get_by_role("button", name="Add a chronology entry").click()
        page.get_by_label("Date").fill(when)
        page.get_by_label("Subject").fill("mother")
        page.get_by_label("Source").fill("HV record")
        page.get_by_label("Event").fill(event)
        page.get_by_role("button", name="Add the entry").click()
    chronology = page.get_by_test_id("chronology")
    expect(chronology).to_contain_text("14 August 2023")
    page.get_by_role("link", name="Change the entry of 14 August 2023").click()
    page.get_by_label("Date").fill("2030-01-01")  # a future date: refused
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("alert")).to_contain_text("The date is in the future")
    expect(page.get_by_role("alert")).to_contain_text("Enter why you are changing the entry")
    accessible()
    page.get_by_label("Date").fill("12/08/2023")
    page.get_by_label("Why are you changing the entry?").fill("The record says the 12th")
    page.get_by_role("button", name="Save the change").click()
    expect(chronology).to_contain_text("12 August 2023")
    page.get_by_role("link", name="Delete the entry of 24 August 2023").click()
    expect(page.get_by_test_id("quoted")).to_contain_text("Mother seen alone")
    accessible()
    page.get_by_label("Why are you deleting the entry?").fill("Not our agency's contact")
    page.get_by_role("button", name="Delete it").click()
    expect(page.get_by_text("Chronology entry deleted")).to_be_visible()
    expect(chronology).not_to_contain_text("Mother seen alone")


def _submit(page, accessible):
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_role("heading", name="Submit the return?")).to_be_visible()
    accessible()
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_test_id("return-status")).to_have_text("Submitted")


def test_corrections_in_the_browser(walk, commissioned, tmp_path):
    from maca.web.audits.models import SingleAgencyReturn
    from tests.web.builders import complete_answers

    page, accessible, switch, checked = walk
    overview = f"/audits/{commissioned.pk}/"
    switch("audit.lead")
    _upload_and_undo(page, accessible, overview, tmp_path)
    _assign_and_open(page, accessible)
    _withdraw(page, accessible)

    hv = SingleAgencyReturn.objects.get(
        assignment__case__audit=commissioned,
        assignment__case__case_ref="C001",
        assignment__agency__name=AGENCIES[0],
    )
    SingleAgencyReturn.objects.filter(pk=hv.pk).update(answers=complete_answers(hv.tool_version))
    switch("hv.practitioner")
    accessible()  # the home page, with the returns to complete
    page.get_by_role("link", name="My returns").click()
    accessible()
    page.get_by_role("link", name="Child C001").click()
    _chronology(page, accessible)
    _submit(page, accessible)

    switch("hv.lead")
    accessible()  # the home page: returns to sign off
    page.get_by_role("link", name="Child C001: 0-19 health visiting service return").click()
    accessible()
    page.get_by_role("button", name="Send it back").click()
    page.get_by_role("button", name="Send it back").click()  # no reason: an error
    expect(page.get_by_role("alert")).to_contain_text("Enter what needs changing")
    accessible()
    page.get_by_label("What needs changing?").fill("Section D: say whether the GP was asked")
    page.get_by_role("button", name="Send it back").click()
    expect(page.get_by_test_id("return-status")).to_have_text("Sent back")

    switch("hv.practitioner")
    page.get_by_role("link", name="Child C001: 0-19 health visiting service return").click()
    expect(page.get_by_test_id("sent-back-reason")).to_have_text(
        "Section D: say whether the GP was asked"
    )
    accessible()
    _submit(page, accessible)

    switch("hv.lead")
    page.get_by_role("link", name="Child C001: 0-19 health visiting service return").click()
    page.get_by_role("button", name="Sign off and lock").click()
    accessible()
    page.get_by_role("button", name="Sign off and lock").click()
    expect(page.get_by_test_id("return-status")).to_have_text("Signed off")
    accessible()

    switch("audit.lead")
    page.goto(overview)
    page.get_by_role("button", name="Open moderation (audit day)").click()
    expect(page.get_by_test_id("not-ready")).to_contain_text("returns not submitted")
    accessible()
    page.get_by_role("button", name="Open moderation (audit day) anyway").click()
    expect(page.get_by_test_id("stage")).to_have_text("Moderation open")

    switch("panel.member")
    page.goto(overview)
    page.get_by_role("link", name="C001", exact=True).click()
    page.get_by_role("link", name="Moderation: returns side by side").click()
    accessible()
    page.get_by_role("button", name="Record a finding").click()
    page.get_by_label("Strength").check()
    page.get_by_label("Consistency of practitioner").check()
    page.get_by_label("Finding", exact=True).fill("The same health visitor througout")
    page.get_by_role("button", name="Record the finding").click()
    page.get_by_role("link", name="Change the strength").click()
    accessible()
    page.get_by_label("Finding", exact=True).fill("The same health visitor throughout")
    page.get_by_label("Why are you changing the finding?").fill("Spelling")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("The same health visitor throughout", exact=True)).to_be_visible()
    accessible()
    page.get_by_role("link", name="Delete the strength").click()
    page.get_by_label("Why are you deleting the finding?").fill("Recorded against the wrong case")
    page.get_by_role("button", name="Delete it").click()
    expect(page.get_by_text("No findings recorded yet.")).to_be_visible()

    switch("admin")
    page.get_by_role("link", name="Audit trail").click()
    trail = page.locator("main").inner_text()
    while page.get_by_role("link", name="Older").count():  # sign-ins fill the first page too
        page.get_by_role("link", name="Older").first.click()
        trail += page.locator("main").inner_text()
    for change in (
        "Undid the upload of cohort-january.csv",
        "Removed case C001",
        "Withdrew case C004",
        "Changed a chronology entry",
        "Deleted a chronology entry",
        "Sent the return back to the practitioner",
        "Changed a finding for C001",
        "Deleted a finding for C001",
    ):
        assert change in trail, change
    accessible()
    page.goto(f"{overview}corrections/")
    expect(page.get_by_test_id("correction").first).to_be_visible()
    assert "Recorded against the wrong case" in page.locator("main").inner_text()
    accessible()
    assert len(checked) >= 28

"""The learning briefing in Chromium (issue 13): the author writes the narrative and previews it;
publishing is refused for a father's quote naming a health visitor, which the author changes in
place on the publish page, reads and confirms with the other passages, and publishes; the
version is then withdrawn. A board reader is offered no withdrawn version, and the findings
summary and its CSV and Excel downloads never show a quote left out of the briefing or a passage
nobody has read. axe-core checks every page on the way."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]

NAMED = "Tell Kayleigh Dobson from the health visiting team thank you"
FIXED = "Tell the health visitor thank you"
LEFT_OUT = "We moved to 14 Elm Grove, DL14 7QT, after the baby was born"
UNREAD = "The health visitor saw the baby at home the next day."


def _accessible(page, shot: str = ""):
    problems = axe_violations(page)
    assert problems == [], f"{page.url}: {problems}"
    # MACA_SCREENSHOTS=DIR keeps a full-page picture of each page, for the user guide.
    folder = os.environ.get("MACA_SCREENSHOTS")
    if folder and shot:
        page.screenshot(path=str(Path(folder) / f"briefing-{shot}.png"), full_page=True)


def _downloaded(page, link: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    return Path(download.value.path()).read_bytes()


def test_a_named_quote_is_refused_fixed_in_place_confirmed_published_and_withdrawn(
    page, sign_in, briefed
):
    from maca.web.audits.models import FamilyVoice, Finding
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.guard import WITHHELD

    audit = briefed.audit
    father = FamilyVoice.objects.create(
        audit=audit, role="Father", quote=NAMED, consent_given=True,
        consent_recorded_by=audit.created_by,
    )  # fmt: skip
    left_out = FamilyVoice.objects.create(
        audit=audit, role="Mother", quote=LEFT_OUT, consent_given=True,
        consent_recorded_by=audit.created_by,
    )  # fmt: skip
    draft = draft_for(audit)
    draft.left_out_voices = [left_out.pk]
    draft.save()

    sign_in("audit.lead")
    page.goto(f"/audits/{audit.pk}/")
    page.get_by_role("link", name="Learning briefing").click()
    expect(page.get_by_role("heading", name="Learning briefing", exact=True)).to_be_visible()
    _accessible(page, "edit")
    page.get_by_label("Overview", exact=True).fill(
        "Written under Priority Three of the Priority Plan."
    )
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name="Preview the briefing")).to_be_visible()
    to_do = page.get_by_test_id("to-do")
    expect(to_do).to_contain_text("Voice of the family, view 2: the words: a person's name")
    expect(page.frame_locator("iframe").get_by_role("heading", name="Overview")).to_be_visible()
    _accessible(page, "preview")

    # Refused at publishing: the refusal says where, in words, and the passage is shown marked.
    page.get_by_role("link", name="Check small numbers and publish").click()
    for radio in page.locator("input[value=suppress]").all():
        radio.check()
    page.get_by_role("button", name="Publish a new version").click()
    refused = page.get_by_test_id("refused")
    expect(refused).to_contain_text("Voice of the family, view 2: the words: a person's name")
    expect(refused).not_to_contain_text("Kayleigh")
    quote = page.locator(f"#passage-voice-{father.pk}-quote")
    expect(quote.locator("mark")).to_have_text("Kayleigh Dobson")
    _accessible(page, "refused")

    # Changed in place, on the publish page.
    quote.get_by_role("textbox").fill(FIXED)
    quote.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("Voice of the family, view 2: the words: changed")).to_be_visible()
    page.get_by_role("button", name="Publish a new version").click()
    expect(page.get_by_test_id("refused")).to_contain_text("not been confirmed as read")

    # Read and confirmed, item by item: the changed quote and everything else.
    page.get_by_role("link", name="Read and confirm every passage").first.click()
    expect(page.get_by_role("heading", name="Read every passage")).to_be_visible()
    expect(page.get_by_test_id("passage").filter(has_text=FIXED)).to_contain_text(
        "Not yet confirmed as read"
    )
    expect(page.get_by_text(LEFT_OUT)).to_have_count(0)  # left out: not shown to anyone
    _accessible(page, "passages")
    page.get_by_label("I have read this for identifying details: Overview").check()
    page.get_by_role("button", name="Confirm the passages ticked").click()
    expect(page.get_by_text("1 passage confirmed as read by you")).to_be_visible()
    overview = page.get_by_test_id("passage").filter(has_text="Written under Priority")
    expect(overview).to_contain_text("Read by audit.lead")
    page.get_by_role("button", name="Confirm all").click()
    expect(page.get_by_text("confirmed as read by you")).to_be_visible()
    expect(page.get_by_test_id("passage").filter(has_text=FIXED)).to_contain_text("Read by")

    page.goto(f"/audits/{audit.pk}/briefing/publish/")
    expect(page.get_by_test_id("disclosure-passed")).to_be_visible()
    _accessible(page, "publish")
    page.get_by_role("button", name="Publish a new version").click()
    heading = page.get_by_role("heading", name="Publish a new version of the briefing?")
    expect(heading).to_be_visible()
    _accessible(page, "confirm publishing")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 is published")).to_be_visible()
    expect(page.get_by_test_id("published-by")).to_contain_text("audit.lead")
    _accessible(page, "published")

    # Withdrawn, with a reason; kept in the history.
    page.get_by_role("link", name="Withdraw version 1").click()
    page.get_by_role("button", name="Withdraw this version").click()
    expect(page.get_by_text("Enter why this version is withdrawn").first).to_be_visible()
    _accessible(page, "withdraw")
    page.get_by_label("Why is this version withdrawn?").fill("Published before the panel saw it.")
    page.get_by_role("button", name="Withdraw this version").click()
    expect(page.get_by_text("Version 1 is withdrawn")).to_be_visible()
    expect(page.get_by_test_id("withdrawal-reason")).to_contain_text("before the panel saw it")
    _accessible(page, "withdrawn")

    # A finding written after the reading: nobody has read it.
    Finding.objects.create(
        case=briefed.c002, kind="strength", text=UNREAD, recorded_by=audit.created_by
    ).themes.add(briefed.themes["Multi-agency response"])

    page.get_by_role("button", name="Sign out").click()
    sign_in("board.reader")
    page.get_by_role("link", name="Briefings").click()
    expect(page.get_by_text("Nothing published yet.")).to_be_visible()
    page.goto(f"/audits/{audit.pk}/summary/")
    expect(page.get_by_role("heading", name="Findings summary")).to_be_visible()
    expect(page.get_by_test_id("withheld-count")).to_contain_text("1 passage of free text")
    _accessible(page, "summary")
    body = page.content()
    csv_text = _downloaded(page, "Download as CSV (pseudonymised)").decode("utf-8-sig")
    book = load_workbook(io.BytesIO(_downloaded(page, "Download as Excel (pseudonymised)")))
    cells = "\n".join(
        str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
    )
    for shown in (body, csv_text, cells):
        assert "Elm Grove" not in shown and "DL14" not in shown  # left out of the briefing
        assert UNREAD not in shown and WITHHELD in shown  # not yet read
        assert "Kayleigh" not in shown
    assert FIXED in body and FIXED in cells  # changed and read (the CSV has the findings only)
    assert WITHHELD in {row["finding"] for row in csv.DictReader(io.StringIO(csv_text))}

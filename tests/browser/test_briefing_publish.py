"""The learning briefing in Chromium: the author writes the narrative, previews it, is refused
publication for a child's id and date of birth planted in a family quote (named by place), fixes
it, decides the small numbers and publishes; a board reader then reads the published version.
axe-core checks the briefing, preview and publish pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]


def _accessible(page, shot: str = ""):
    problems = axe_violations(page)
    assert problems == [], f"{page.url}: {problems}"
    # MACA_SCREENSHOTS=DIR keeps a full-page picture of each page, for the user guide.
    folder = os.environ.get("MACA_SCREENSHOTS")
    if folder and shot:
        page.screenshot(path=str(Path(folder) / f"briefing-{shot}.png"), full_page=True)


def test_publish_is_refused_for_a_planted_id_then_published(page, sign_in, briefed):  # noqa: F811
    from maca.web.audits.models import FamilyVoice

    audit = briefed.audit
    FamilyVoice.objects.create(
        audit=audit,
        role="Mother",
        quote="SYN-900001 was born on 12/03/2023 and nobody asked me anything",
        consent_given=True,
        consent_recorded_by=audit.created_by,
    )
    sign_in("audit.lead")
    page.goto(f"/audits/{audit.pk}/")
    page.get_by_role("link", name="Learning briefing").click()
    expect(page.get_by_role("heading", name="Learning briefing", exact=True)).to_be_visible()
    expect(page.get_by_text("derived from the cases' cohort flags").first).to_be_visible()
    _accessible(page, "edit")
    page.get_by_label("Overview", exact=True).fill(
        "Written under Priority Three of the Priority Plan."
    )
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name="Preview the briefing")).to_be_visible()
    findings = page.get_by_test_id("disclosure-findings")
    expect(findings).to_contain_text("Family voice / quote 2")
    expect(findings).to_contain_text("a person id")
    expect(findings).to_contain_text("a date narrower than a month")
    expect(page.frame_locator("iframe").get_by_role("heading", name="Overview")).to_be_visible()
    _accessible(page, "preview")

    page.get_by_role("link", name="Check small numbers and publish").click()
    for radio in page.locator("input[value=suppress]").all():
        radio.check()
    page.get_by_role("button", name="Publish a new version").click()
    refused = page.get_by_test_id("refused")
    expect(refused).to_contain_text("family_voice / quote 2: a person id")
    expect(page.get_by_text("SYN-900001")).to_have_count(0)
    _accessible(page, "refused")

    # The author leaves the quote out of the briefing.
    page.goto(f"/audits/{audit.pk}/briefing/")
    page.get_by_label("Mother: “SYN-900001").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The briefing's narrative is saved")).to_be_visible()
    page.goto(f"/audits/{audit.pk}/briefing/publish/")
    expect(page.get_by_test_id("disclosure-passed")).to_be_visible()
    expect(page.get_by_test_id("decision-history")).to_contain_text("audit.lead")
    _accessible(page, "publish")
    page.get_by_role("button", name="Publish a new version").click()
    heading = page.get_by_role("heading", name="Publish a new version of the briefing?")
    expect(heading).to_be_visible()
    _accessible(page, "confirm publishing")
    page.get_by_role("button", name="Publish version 1").click()
    expect(page.get_by_text("Version 1 is published")).to_be_visible()
    expect(page.get_by_test_id("published-by")).to_contain_text("audit.lead")
    _accessible(page, "published")

    page.get_by_role("button", name="Sign out").click()
    sign_in("board.reader")
    page.get_by_role("link", name="Briefings").click()
    page.get_by_role("link", name="Version 1").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="The briefing (PDF)").click()
    assert download.value.suggested_filename.endswith("briefing.pdf")
    page.goto(f"/audits/{audit.pk}/briefing/")
    expect(page.get_by_role("heading", name="Learning briefing", exact=True)).to_have_count(0)

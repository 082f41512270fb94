"""Done when for issue 16's web part: the business team uploads a cohort with its profile and
exclusions (after a refused file: the upload page's error state), then reads the "Cohort
profile" page; axe-core finds no violations on either, at 1200 and 390 px, and the charts are
drawn under the site's strict Content-Security-Policy (no inline style refused)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from maca.profile.contract import MEASURES
from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]
WIDTHS = (1200, 390)


def _check(page, shot: str) -> None:
    """axe-core at both widths; MACA_SCREENSHOTS=DIR keeps a full-page picture of each."""
    folder = os.environ.get("MACA_SCREENSHOTS")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems = axe_violations(page)
        assert problems == [], f"{page.url} at {width} px: {problems}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways at {width} px"
        if folder:
            page.screenshot(path=str(Path(folder) / f"profile-{shot}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1200, "height": 900})


def test_upload_a_cohort_with_its_profile_then_read_the_profile(
    page, sign_in, empty_audit, cohort_run, tmp_path
):
    refused_styles: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused_styles.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    audit = empty_audit()
    identified = tmp_path / "exclusions.csv"
    lines = cohort_run.exclusions_csv.read_text().splitlines()
    identified.write_text(
        "\n".join([lines[0].replace("l1_refs,", "l1_refs,pers_person_id,")] + lines[1:]) + "\n"
    )
    sign_in("audit.lead")
    page.goto(f"/audits/{audit.pk}/")
    page.get_by_role("link", name="Load the cohort").click()

    def upload(exclusions: Path) -> None:
        page.get_by_label("Cohort file (cohort.csv)").set_input_files(str(cohort_run.cohort_csv))
        page.get_by_label("Key file (key.csv)").set_input_files(str(cohort_run.key_csv))
        page.get_by_label("Cohort profile (profile.json)").set_input_files(
            str(cohort_run.profile_json)
        )
        page.get_by_label("Exclusions (exclusions.csv)").set_input_files(str(exclusions))
        page.get_by_role("button", name="Load the files").click()

    upload(identified)
    summary = page.get_by_test_id("file-problems")
    summary.wait_for()
    assert "column pers_person_id: this exclusions file holds person ids" in summary.inner_text()
    assert audit.cases.count() == 0
    _check(page, "upload-error")

    upload(cohort_run.exclusions_csv)
    page.wait_for_url(f"**/audits/{audit.pk}/")
    assert "The cohort profile is stored; 973 exclusions stored" in page.content()
    page.get_by_role("link", name="Cohort profile").click()
    page.get_by_role("heading", name="Cohort profile", level=1).wait_for()

    groups = page.get_by_test_id("groups").inner_text()
    assert "Unknown to CSC, within the first 1001 days" in groups
    assert "Open to CSC at removal (comparison)" in groups
    charts = page.locator("figure.maca-chart svg[role='img']")
    assert charts.count() == len(MEASURES)
    assert page.get_by_role("img", name="Age at removal, by group").count() == 1
    # The bars keep their colours under the policy: presentation attributes, not style.
    assert page.locator("figure.maca-chart svg path[fill='#1d5d90']").count() > 0
    box = charts.first.bounding_box()
    assert box is not None and box["height"] > 100
    assert page.get_by_test_id("measure-table").count() == len(MEASURES)
    first_table = page.get_by_test_id("measure-table").first.inner_text()
    assert "12 to 24 months" in first_table and "fewer than 5" in first_table
    reasons = page.get_by_test_id("exclusion-reasons").inner_text()
    assert "Removed outside the audit period" in reasons and "973" in reasons
    _check(page, "page")
    assert refused_styles == []

    page.get_by_role("link", name="The list of exclusions").click()
    page.get_by_test_id("exclusions").wait_for()
    assert "973 exclusions, 1 to 100 shown" in page.get_by_test_id("exclusions").inner_text()
    _check(page, "exclusions")
    page.goto(f"/audits/{audit.pk}/profile/upload/")
    _check(page, "upload-page")

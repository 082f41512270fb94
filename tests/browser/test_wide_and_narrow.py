"""Tables that work at both ends (issue 12): the moderation page shows every agency's return side
by side (five agencies) and its scrollable regions take keyboard focus; a 64,000-character word
does not widen any page; on a 390 px phone My returns shows Due and Status. axe-core checks
each page at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]

LONG_WORD = "x" * 64_000
FIVE = [
    "0-19 health visiting service",
    "Northmoor Police",
    "Midwifery",
    "General practice",
    "Early help",
]


@pytest.fixture
def five_agencies(make_audit, demo):
    from maca.web.audits import services
    from maca.web.audits.models import ChronologyEntry, Finding, SingleAgencyReturn
    from tests.web.builders import complete_answers

    partnership, users = demo
    built = make_audit("returns_open")
    lead = users["audit.lead"]
    extra = list(partnership.agencies.filter(name__in=FIVE[2:]))
    services.assign_agencies(built.c001, extra, built.audit.returns_due, lead)
    returns = SingleAgencyReturn.objects.filter(assignment__case=built.c001)
    assert returns.count() == 5
    for ret in returns:
        answers = complete_answers(ret.tool_version)
        answers["A_narrative"] = f"{ret.assignment.agency.name} saw the family"
        ret.answers, ret.status = answers, "signed_off"
        ret.save()
    police = returns.get(assignment__agency__name="Northmoor Police")
    police.answers["B_narrative"] = LONG_WORD
    police.save()
    ChronologyEntry.objects.create(
        single_agency_return=police, agency=police.assignment.agency, date_text="2023-08-20",
        sort_date="2023-08-20", subject="mother", source="Police log", event=LONG_WORD,
        added_by=users["police.practitioner"],
    )  # fmt: skip
    built.audit.stage = "moderation_open"
    built.audit.save()
    Finding.objects.create(case=built.c001, kind="strength", text=LONG_WORD, recorded_by=lead)
    return built


def _page_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url}: the page is {width} px wide at {viewport} px"


@pytest.mark.parametrize("width", [1200, 390])
def test_moderation_shows_five_agencies_and_scrolls_by_keyboard(
    width, page, sign_in, five_agencies
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("panel.member")
    page.goto(f"/cases/{five_agencies.c001.pk}/moderation/")
    regions = page.get_by_test_id("side-by-side")
    expect(regions.first).to_be_visible()
    first = regions.first
    for agency in FIVE:
        expect(first.get_by_role("columnheader", name=agency)).to_have_count(1)
    _page_fits(page)
    assert axe_violations(page) == []  # scrollable-region-focusable among them
    # Each region takes focus and scrolls sideways with the arrow keys when it is too narrow.
    first.focus()
    expect(first).to_be_focused()
    overflow = first.evaluate("el => el.scrollWidth > el.clientWidth")
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    scrolled = first.evaluate("el => el.scrollLeft")
    assert (scrolled > 0) == overflow
    last = first.get_by_role("columnheader", name=FIVE[-1])
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()


@pytest.mark.parametrize("width", [1200, 390])
def test_a_very_long_word_does_not_widen_the_page(width, page, sign_in, five_agencies):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("audit.lead")
    police = five_agencies.police_return
    for url in (
        f"/returns/{police.pk}/",
        f"/cases/{five_agencies.c001.pk}/moderation/",
        f"/audits/{five_agencies.audit.pk}/summary/",
    ):
        page.goto(url)
        _page_fits(page)
        assert axe_violations(page) == [], url


def test_my_returns_shows_due_and_status_on_a_phone(page, sign_in, make_audit):
    make_audit("returns_open")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("police.lead")
    page.goto("/returns/")
    table = page.get_by_test_id("returns-of-audit").first
    for header in ("Return", "Due", "Status"):
        cell = table.get_by_role("columnheader", name=header)
        expect(cell).to_be_in_viewport()
        box = cell.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390, header
    expect(table.get_by_text("31 January 2031")).to_be_in_viewport()
    _page_fits(page)
    assert axe_violations(page) == []

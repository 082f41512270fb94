"""The business team's administration in Chromium: an admin adds a practitioner with an agency,
who sets their password by the link and signs in; an admin unlocks a locked-out user; axe-core
finds nothing on every administration page and each error state, at 1200 and 390 px (where
nothing may be wider than the screen)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from maca.web.accounts.two_factor import totp_code
from tests.browser.axe import axe_violations
from tests.web.sign_in import demo_code

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "lantern-orchard-kettle-47"  # noqa: S105 - a test value
NARROW = {"width": 390, "height": 844}
WIDE = {"width": 1200, "height": 900}


def _checked(page, shot: str = "") -> None:
    """axe finds nothing, and at 390 px nothing is wider than the screen. MACA_SCREENSHOTS=DIR
    keeps a full-page picture of the page at each width."""
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        problems = axe_violations(page)
        assert problems == [], f"{page.url} at {size['width']} px: {problems}"
        if size is NARROW:
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= NARROW["width"], f"{page.url} is {wide} px wide at 390 px"
        folder = os.environ.get("MACA_SCREENSHOTS")
        if folder and shot:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{folder}/{shot}-{size['width']}.png", full_page=True)
    page.set_viewport_size(WIDE)


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")


def test_an_admin_adds_a_practitioner_who_sets_a_password_and_signs_in(page, sign_in, demo):
    sign_in("admin")
    page.get_by_role("link", name="Administration", exact=True).click()
    expect(page.get_by_role("heading", name="Administration", exact=True)).to_be_visible()
    _checked(page, "administration")
    page.get_by_role("link", name="Users", exact=True).click()
    _checked(page, "users")
    page.get_by_role("button", name="Add a user").click()
    _checked(page, "user-add")
    page.get_by_role("button", name="Add the user").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert page.title().startswith("Error:")
    _checked(page, "user-add-errors")

    page.get_by_label("Username").fill("ash.penrose")
    page.get_by_label("First name").fill("Ash")
    page.get_by_label("Last name").fill("Penrose")
    page.get_by_label("Email address").fill("ash.penrose@northmoor.example")
    page.get_by_label("Job title (optional)").fill("Police constable")
    page.get_by_label("Agency", exact=True).select_option(label="Northmoor Police")
    page.get_by_label("Practitioner: complete").check()
    page.get_by_role("button", name="Add the user").click()
    expect(page.get_by_role("heading", name="Set-password link")).to_be_visible()
    link = page.get_by_test_id("set-password-link").inner_text().strip()
    _checked(page, "user-link")
    page.reload()
    expect(page.get_by_text("The link was shown once")).to_be_visible()
    _sign_out(page)

    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    _checked(page, "set-password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill("something else entirely")
    page.get_by_role("button", name="Set my password").click()
    expect(page.get_by_text("The two passwords do not match").first).to_be_visible()
    _checked(page, "set-password-errors")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    page.wait_for_url("**/sign-in/")
    expect(page.get_by_text("Your password is set")).to_be_visible()
    page.get_by_label("Username").fill("ash.penrose")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # A new user sets up two-factor sign-in at their first sign-in (ADR 0501).
    page.wait_for_url("**/sign-in/two-factor/set-up/**")
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(totp_code(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page.get_by_role("heading", name="Welcome, Ash")).to_be_visible()
    assert page.get_by_test_id("role").inner_text() == "Practitioner"
    assert "Northmoor Police" in page.content()
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    _checked(page, "set-password-used")


def test_an_admin_unlocks_a_locked_out_user(
    browser, live_server, page, sign_in, demo, demo_password
):
    them = browser.new_context(base_url=live_server.url).new_page()
    for _ in range(5):
        them.goto("/sign-in/")
        them.get_by_label("Username").fill("hv.lead")
        them.get_by_label("Password").fill("not-the-password")
        them.get_by_role("button", name="Sign in").click()
    # Now locked: the right password is refused too.
    them.goto("/sign-in/")
    them.get_by_label("Username").fill("hv.lead")
    them.get_by_label("Password").fill(demo_password)
    them.get_by_role("button", name="Sign in").click()
    expect(them.get_by_role("heading", name="Your account is locked")).to_be_visible()
    assert axe_violations(them) == []

    sign_in("admin")
    page.get_by_role("link", name="Administration", exact=True).click()
    page.get_by_role("link", name="Sign-in lockouts").click()
    expect(page.get_by_role("cell", name="Locked until", exact=False)).to_be_visible()
    _checked(page, "lockouts")
    page.get_by_role("link", name="Unlock hv.lead").click()
    expect(page.get_by_role("heading", name="Unlock sign-in?")).to_be_visible()
    _checked(page, "user-unlock")
    page.get_by_label("Note (for the audit trail) (optional)").fill("Phoned; it was them")
    page.get_by_role("button", name="Unlock sign-in").click()
    expect(page.get_by_text("Priya Shah can sign in again")).to_be_visible()
    _checked(page, "user-detail")

    them.goto("/sign-in/")
    them.get_by_label("Username").fill("hv.lead")
    them.get_by_label("Password").fill(demo_password)
    them.get_by_role("button", name="Sign in").click()
    them.wait_for_url("**/sign-in/two-factor/**")
    them.get_by_label("Code from your authenticator app").fill(demo_code("hv.lead"))
    them.get_by_role("button", name="Continue").click()
    expect(them.get_by_role("heading", name="Welcome, Priya")).to_be_visible()
    them.context.close()


@pytest.fixture
def pages(demo):
    """Every administration page (and the objects they are about), and what to empty on a
    form to show its error state."""
    from django.urls import reverse

    from maca.web.accounts.models import Agency
    from maca.web.administration import services
    from maca.web.audits.models import Theme, ToolVersion

    partnership, users = demo
    admin = users["admin"]
    v1 = ToolVersion.objects.get(tool__partnership=partnership, version=1)
    v2 = services.copy_tool_version(v1, admin)
    user = users["police.practitioner"]
    left = users["board.reader"]
    services.deactivate_user(left, admin, reason="Left the partnership")
    housing = Agency.objects.get(partnership=partnership, name="Housing")
    police = Agency.objects.get(partnership=partnership, name="Northmoor Police")
    theme = Theme.objects.filter(partnership=partnership).first()

    def url(name, *args):
        return reverse(f"administration:{name}", args=args)

    return [
        # (url, field to empty before submitting for the error state, or None)
        (url("index"), None),
        (url("user-list") + f"?agency={police.pk}&role=practitioner", None),
        (url("user-detail", user.pk), None),
        (url("user-detail", left.pk), None),
        (url("user-change", user.pk), "First name"),
        (url("user-deactivate", user.pk), "Why are you deactivating it?"),
        (url("user-reactivate", left.pk), None),
        (url("user-reset-password", user.pk), "Why are you resetting it?"),
        (url("user-reset-two-factor", user.pk), None),
        (url("user-unlock", user.pk), None),
        (url("lockout-list"), None),
        (url("agency-list"), None),
        (url("agency-add"), "Name"),
        (url("agency-change", housing.pk), "Name"),
        (url("agency-deactivate", housing.pk), "Why are you deactivating it?"),
        (url("agency-deactivate", police.pk), None),
        (url("partnership"), "Name"),
        (url("theme-list"), None),
        (url("theme-add"), "Theme"),
        (url("theme-change", theme.pk), "Theme"),
        (url("theme-retire", theme.pk), None),
        (url("tool-list"), None),
        (url("tool-version", v1.pk), None),
        (url("tool-version", v2.pk), None),
        (url("tool-version-copy", v1.pk), None),
        (url("tool-version-offer", v2.pk), None),
        (url("tool-section-add", v2.pk), "Section title"),
        (url("tool-section-change", v2.pk, "A"), "Section title"),
        (url("tool-section-remove", v2.pk, "I"), None),
        (url("tool-question-add", v2.pk, "A"), "Question"),
        (url("tool-question-change", v2.pk, "A_narrative"), "Question"),
        (url("tool-question-remove", v2.pk, "A_strengths"), None),
    ]


def test_every_administration_page_and_error_state_is_accessible_at_both_widths(
    page, sign_in, pages
):
    sign_in("admin")
    for url, emptied in pages:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        shot = url.strip("/").split("?")[0].replace("/", "-")
        _checked(page, shot)
        if emptied is None:
            continue
        page.get_by_label(emptied, exact=True).fill("")
        page.locator("main form button[type=submit]").last.click()
        expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
        assert page.title().startswith("Error:"), url
        _checked(page, shot + "-errors")

"""Two-factor sign-in and single sign-on in Chromium: a password and a real TOTP code; without
the code no page with identifying details, no export and no admin page; set-up with the QR code;
sign-in through the local OpenID Connect provider. axe-core checks each page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.web.builders import bare_audit
from tests.web.sign_in import demo_code

pytestmark = pytest.mark.django_db(transaction=True)
SCREENSHOTS = os.environ.get("MACA_SCREENSHOTS", "")


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def a_case(demo):
    partnership, users = demo
    audit = bare_audit(partnership, users["audit.lead"], "Browser two-factor audit")
    return audit.cases.create(case_ref="C001", family_ref="F01", person_id="SYN-BROWSER-1")


def _password_only(page, username: str, password: str) -> None:
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/sign-in/two-factor/**")


def test_without_the_code_nothing_identifying_no_export_and_no_admin_opens(
    page, a_case, demo_password
):
    _password_only(page, "admin", demo_password)
    expect(
        page.get_by_role("heading", name="Enter the code from your authenticator app")
    ).to_be_visible()
    assert axe_violations(page) == []
    _shot(page, "two-factor-verify")
    for path in (
        f"/cases/{a_case.pk}/identifying/",
        f"/audits/{a_case.audit_id}/summary.csv",
        "/admin/",
        "/admin/accounts/user/",
        "/trail/",
        "/",
    ):
        page.goto(path)
        assert "/sign-in/two-factor/" in page.url, path
        assert "SYN-BROWSER-1" not in page.content()
    assert page.get_by_role("link", name="Audits").count() == 0  # no menu before the code


def test_sign_in_with_a_password_and_a_totp_code_then_the_identifying_page(
    page, a_case, demo_password
):
    _password_only(page, "audit.lead", demo_password)
    page.get_by_label("Code from your authenticator app").fill("123456")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert").get_by_text("That code is not right")).to_be_visible()
    assert axe_violations(page) == []
    from maca.web.accounts.models import AuthenticatorApp

    AuthenticatorApp.objects.filter(user__username="audit.lead").update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    page.get_by_label("Code from your authenticator app").fill(demo_code("audit.lead"))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/")
    page.goto(f"/cases/{a_case.pk}/identifying/")
    expect(page.get_by_test_id("person-id")).to_have_text("SYN-BROWSER-1")
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    assert axe_violations(page) == []


def test_first_sign_in_sets_up_the_authenticator_accessibly(page, demo, demo_password):
    from maca.web.accounts.models import AuthenticatorApp
    from maca.web.accounts.two_factor import totp_code

    AuthenticatorApp.objects.filter(user__username="hv.practitioner").delete()
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("hv.practitioner")
    page.get_by_label("Password").fill(demo_password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/sign-in/two-factor/set-up/**")
    expect(page.get_by_role("img", name=re.compile("QR code"))).to_be_visible()
    assert axe_violations(page) == []
    _shot(page, "two-factor-set-up")
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code from your authenticator app").fill(totp_code(secret))
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    assert len(page.get_by_test_id("recovery-codes").locator("li").all()) == 10
    assert axe_violations(page) == []
    _shot(page, "recovery-codes")
    page.get_by_role("link", name="I have saved my codes: continue").click()
    expect(page.get_by_role("heading", name="Welcome, Jo")).to_be_visible()


def test_the_set_up_page_works_at_390_pixels(page, demo, demo_password):
    from maca.web.accounts.models import AuthenticatorApp

    AuthenticatorApp.objects.filter(user__username="board.reader").delete()
    page.set_viewport_size({"width": 390, "height": 844})
    _password_only(page, "board.reader", demo_password)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert axe_violations(page) == []
    _shot(page, "two-factor-set-up-390")


def test_sign_in_through_the_local_openid_connect_provider(page, demo):
    from maca.web.accounts.models import SingleSignOn
    from tests.oidc_provider import Provider

    partnership, _ = demo
    with Provider() as provider:
        SingleSignOn.objects.create(
            partnership=partnership,
            issuer=provider.issuer,
            client_id=provider.client_id,
            client_secret=provider.client_secret,
        )
        page.goto("/sign-in/")
        assert axe_violations(page) == []
        _shot(page, "sign-in-with-sso")
        page.get_by_role("link", name=re.compile("Sign in with your organisation")).click()
        expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", name="Welcome, Priya")).to_be_visible()
        assert page.get_by_test_id("role").inner_text() == "Agency lead"
        assert provider.token_requests == 1

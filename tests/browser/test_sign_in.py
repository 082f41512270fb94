from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_data(demo):
    return demo


def test_sign_in_page_has_no_accessibility_violations(page, demo_data):
    page.goto("/sign-in/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert axe_violations(page) == []


def test_practitioner_signs_in_and_sees_role_on_home(page, sign_in, demo_data, live_server):
    sign_in("hv.practitioner")
    expect(page.get_by_role("heading", name="Welcome, Jo")).to_be_visible()
    assert page.get_by_test_id("role").inner_text() == "Practitioner"
    assert "0-19 health visiting service" in page.content()
    assert axe_violations(page) == []


def test_wrong_password_shows_error_summary_accessibly(page, demo_data):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("hv.lead")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert axe_violations(page) == []


def test_sign_out_returns_to_sign_in(page, sign_in, demo_data):
    sign_in("audit.lead")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in/")
    page.goto("/")
    assert "/sign-in/" in page.url


def test_audit_trail_page_is_accessible_for_the_admin(page, sign_in, demo_data):
    sign_in("admin")
    page.get_by_role("link", name="Audit trail").click()
    expect(page.get_by_role("heading", name="Audit trail")).to_be_visible()
    assert "Signed in" in page.content()
    assert axe_violations(page) == []


def test_axe_check_does_find_a_planted_violation(page):
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    assert any(v.startswith("image-alt") for v in axe_violations(page, settle=False))

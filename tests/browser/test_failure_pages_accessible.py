"""The pages people see when something is wrong (400, 413, a too-long sign-in) are accessible
at desktop and phone widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1200, 390])
def test_the_400_and_413_pages_are_accessible(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/accessibility/?q=%00")
    expect(
        page.get_by_role("heading", name="Sorry, the page could not read what was sent")
    ).to_be_visible()  # noqa: E501
    assert axe_violations(page) == []
    page.goto("/sign-in/")
    page.evaluate(
        """() => { const f = document.querySelector('main form'); f.action = '/accessibility/';
        const t = document.createElement('textarea'); t.name = 'big'; t.value = 'x'.repeat(3000000);
        f.appendChild(t); f.submit(); }"""
    )
    expect(
        page.get_by_role("heading", name="The file or form you sent is too large")
    ).to_be_visible()  # noqa: E501
    assert axe_violations(page) == []


def test_a_too_long_username_is_an_accessible_error(page, demo):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("u" * 200)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").get_by_text("at most 150 characters")).to_be_visible()
    assert axe_violations(page) == []

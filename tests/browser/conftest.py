"""Playwright driving Debian's Chromium (/usr/bin/chromium) against Django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail
from tests.web.sign_in import demo_code

CHROMIUM = Path(os.environ.get("MACA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by test code
# here are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(
            "browser", f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("browser", "playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def sign_in(page, demo_password):
    """Sign in as a demo user: the password, then a real TOTP code from the demo secret."""

    def act(username: str):
        page.goto("/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(demo_password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/sign-in/two-factor/**")
        page.get_by_label("Code from your authenticator app").fill(demo_code(username))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/")
        return page

    return act


@pytest.fixture
def shipped_tool(transactional_db):
    """Every partnership has the shipped tool and themes as its own (``usefixtures``). Since
    partnerships are sealed (ADR 0341) a partnership gets them when it is made, so after a
    transactional test flushed the database the demo's, made again, has them already; this
    only gives them to a partnership that somehow has none."""
    from maca.web.accounts.models import Partnership
    from maca.web.audits.shipped import give_shipped_defaults

    for partnership in Partnership.objects.all():
        give_shipped_defaults(partnership)


@pytest.fixture
def walk(page, sign_in, demo):
    """(page, accessible, switch, checked): ``accessible()`` runs axe-core on the page and
    remembers its address; ``switch(username)`` signs out and in as someone else."""
    from tests.browser.axe import axe_violations

    checked: list[str] = []

    def accessible():
        problems = axe_violations(page)
        assert problems == [], f"{page.url}: {problems}"
        checked.append(page.url)

    def switch(username):
        if page.get_by_role("button", name="Sign out").count():
            page.get_by_role("button", name="Sign out").first.click()
            page.wait_for_url("**/sign-in/")
        sign_in(username)

    return page, accessible, switch, checked

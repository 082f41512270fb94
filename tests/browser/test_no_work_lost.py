"""No typed work lost, in Chromium (issue 12): the GOV.UK timeout warning before the idle
timeout, with "Stay signed in"; text typed before the session expired given back after sign-in;
text sent with a stale security token (signed in again in another tab) given back. axe-core
checks the dialog and every page of the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]

TYPED = "Mother seen alone at the second contact; the father was never seen"


def _section(built) -> str:
    return f"/returns/{built.police_return.pk}/section/A/"


def _second_factor(page, username: str) -> None:
    from tests.web.sign_in import demo_code

    page.wait_for_url("**/sign-in/two-factor/**")
    page.get_by_label("Code from your authenticator app").fill(demo_code(username))
    page.get_by_role("button", name="Continue").click()


def test_text_typed_before_the_session_expired_is_given_back_after_sign_in(
    page, sign_in, make_audit, demo_password
):
    from django.utils import timezone

    from maca.web.accounts.sessions import SessionStore

    Session = SessionStore.get_model_class()  # sessions have their own table

    built = make_audit("returns_open")
    sign_in("police.practitioner")
    page.goto(_section(built))
    page.locator("#id_A_narrative").fill(TYPED)
    Session.objects.update(expire_date=timezone.now())  # 30 minutes pass, idle
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(
        page.get_by_text("Your session ended, so what you sent was not saved yet")
    ).to_be_visible()
    assert "Mother" not in page.url
    assert axe_violations(page) == []
    page.get_by_label("Username").fill("police.practitioner")
    page.get_by_label("Password").fill(demo_password)
    page.get_by_role("button", name="Sign in").click()
    _second_factor(page, "police.practitioner")
    page.wait_for_url(f"**{_section(built)}")
    expect(page.get_by_text("Your answers were kept: check them and save")).to_be_visible()
    expect(page.locator("#id_A_narrative")).to_have_value(TYPED)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Section A saved as a draft")).to_be_visible()
    built.police_return.refresh_from_db()
    assert built.police_return.answers["A_narrative"] == TYPED


def test_text_sent_after_signing_in_again_in_another_tab_is_kept(page, sign_in, make_audit):
    built = make_audit("returns_open")
    sign_in("police.practitioner")
    page.goto(_section(built))
    page.locator("#id_A_narrative").fill(TYPED)
    other = page.context.new_page()  # another tab: signs out and in again (a new token)
    other.goto("/")
    other.get_by_role("button", name="Sign out").click()
    other.get_by_label("Username").fill("police.practitioner")
    other.get_by_label("Password").fill("demo-partnership-1001")
    other.get_by_role("button", name="Sign in").click()
    _second_factor(other, "police.practitioner")
    other.wait_for_url("**/")
    other.close()
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Your answers were kept: check them and save")).to_be_visible()
    expect(page.locator("#id_A_narrative")).to_have_value(TYPED)
    assert axe_violations(page) == []


def test_the_timeout_warning_offers_to_stay_signed_in(page, sign_in, demo, settings):
    settings.SESSION_COOKIE_AGE = 8  # the warning shows at half of it, 4 seconds in
    sign_in("hv.practitioner")
    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_contain_text("you will be signed out in")
    assert axe_violations(page, settle=False) == []
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("link", name="My returns").click()  # still signed in
    expect(page.get_by_role("heading", name="My returns")).to_be_visible()
    # Left alone, the dialog says the session ended and that the page keeps what was typed.
    ended = page.get_by_role("dialog", name="You have been signed out")
    expect(ended).to_be_visible(timeout=15_000)
    expect(ended).to_contain_text("what you typed is still here")
    assert axe_violations(page, settle=False) == []

"""Shared test set-up.

Suites that need PostgreSQL or Chromium skip with a reason on a laptop; in CI the environment
(MACA_REQUIRE_POSTGRES=1, MACA_REQUIRE_BROWSER=1) turns such a skip into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Shared builders are fixtures of helper modules, never imported from another test module.
pytest_plugins = ["tests.web.builders"]
SHARED = ROOT.parent / "shared"


def skip_or_fail(requirement: str, reason: str) -> None:
    """Skip, unless CI requires this kind of test to run (then fail loudly)."""
    if os.environ.get(f"MACA_REQUIRE_{requirement.upper()}") == "1":
        pytest.fail(f"{reason} (MACA_REQUIRE_{requirement.upper()}=1, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (spec, samples). A user's clone has none: skip then."""
    if not SHARED.is_dir():
        pytest.skip("../shared (samples and spec) is not beside this checkout")
    return SHARED


# Web fixtures, shared by tests/web and tests/browser. Imports are late: Django is set up by
# pytest-django after this file is read.
@pytest.fixture
def demo(db):
    """The synthetic demo partnership: (partnership, {username: user})."""
    from maca.web.accounts.demo import load_demo_partnership

    partnership, users = load_demo_partnership()
    return partnership, {u.username: u for u in users}


def pass_second_factor(client, user) -> None:
    """Mark the client's session as having passed two-factor sign-in with the user's
    authenticator, as the verification page does after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from maca.web.accounts.models import AuthenticatorApp
    from maca.web.accounts.two_factor import new_secret

    session = client.session
    device = AuthenticatorApp.objects.filter(user=user, confirmed=True).first()
    if device is None:  # a user a test made: give them an authenticator first
        device = AuthenticatorApp.objects.create(
            user=user, name="Test authenticator", confirmed=True, secret=new_secret()
        )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def client_for(demo):
    """A test client signed in as the named demo user, past two-factor sign-in."""
    from django.test import Client

    from maca.web.accounts.models import User

    def sign_in(username: str, *, second_factor: bool = True) -> Client:
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        if second_factor:
            pass_second_factor(client, user)
        return client

    return sign_in


def demo_code(username: str) -> str:
    """A code the demo user's authenticator would show now, computed from its fixed secret: the
    next step's code if this step's was used already (codes work once)."""
    import time

    from maca.web.accounts.models import AuthenticatorApp
    from maca.web.accounts.two_factor import STEP, demo_secret, totp_code

    device = AuthenticatorApp.objects.get(user__username=username, confirmed=True)
    now_step = int(time.time()) // STEP
    step = max(now_step, device.last_t + 1)
    if step > now_step + 1:  # two codes used in this step already: wait for the next one
        time.sleep((step - 1) * STEP - time.time() + 0.5)
    return totp_code(demo_secret(username), at=step * STEP + 1)


@pytest.fixture
def demo_password() -> str:
    from maca.web.accounts.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


@pytest.fixture
def trail_fails(monkeypatch):
    """``with trail_fails(): ...``: every audit trail write inside fails, as a full disk or a
    dropped connection would. A service must then leave nothing changed (its change and its
    trail entry are one transaction)."""
    from contextlib import contextmanager

    from django.db import DatabaseError

    from maca.web.trail.models import AuditEvent

    def refuse(*args, **kwargs):
        raise DatabaseError("the audit trail cannot be written (test)")

    @contextmanager
    def failing():
        with monkeypatch.context() as patched:
            patched.setattr(AuditEvent, "save", refuse)
            yield

    return failing


def pytest_collection_modifyitems(config, items):
    """Mark every test that touches Django's database `django`, so `make test-postgres` can run
    exactly those against PostgreSQL."""
    database_fixtures = {"db", "transactional_db", "django_db_setup", "live_server"}
    for item in items:
        if item.get_closest_marker("django_db") or database_fixtures & set(item.fixturenames):
            item.add_marker(pytest.mark.django)

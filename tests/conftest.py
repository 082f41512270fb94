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
pytest_plugins = ["tests.web.builders", "tests.web.profile_files", "tests.web.action_builders"]
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


@pytest.fixture
def client_for(demo):
    """A test client signed in as the named demo user, past two-factor sign-in."""
    from django.test import Client

    from maca.web.accounts.models import User
    from tests.web.sign_in import pass_second_factor

    def sign_in(username: str, *, second_factor: bool = True) -> Client:
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        if second_factor:
            pass_second_factor(client, user)
        return client

    return sign_in


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

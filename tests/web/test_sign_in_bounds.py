"""Sign-in refuses over-long usernames and passwords in the form, before authenticate(),
django-axes or the database see them (axes keeps usernames in a 255-character column, which
PostgreSQL enforces and SQLite does not: `make test-postgres` runs these there)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from maca.web.accounts.forms import PASSWORD_MAX_LENGTH
from maca.web.trail.models import Action, AuditEvent

FIFTEEN_MB = 15 * 1024 * 1024


@pytest.mark.django_db
@pytest.mark.parametrize("length", [151, 256, 100_000])
def test_a_long_username_is_an_error_on_the_sign_in_page(client, demo, length):
    response = client.post(reverse("sign-in"), {"username": "u" * length, "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Your username has at most 150 characters" in body
    assert "u" * 151 not in body  # not echoed back whole
    assert not AccessAttempt.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.SIGN_IN_FAILED).exists()


@pytest.mark.django_db
def test_a_fifteen_megabyte_username_gets_the_sign_in_page_with_an_error(client, demo):
    response = client.post(reverse("sign-in"), {"username": "u" * FIFTEEN_MB, "password": "x"})
    assert response.status_code == 413
    body = response.content.decode()
    assert "Sign in" in body and "The username or password you entered is too long" in body
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_a_long_password_is_refused_before_it_is_hashed(client, demo):
    response = client.post(
        reverse("sign-in"), {"username": "hv.lead", "password": "p" * (PASSWORD_MAX_LENGTH + 1)}
    )
    assert response.status_code == 200
    assert f"Your password has at most {PASSWORD_MAX_LENGTH} characters" in (
        response.content.decode()
    )
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
def test_a_username_at_the_limit_with_a_wrong_password_is_recorded_by_axes(client, demo):
    response = client.post(reverse("sign-in"), {"username": "u" * 150, "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get().username == "u" * 150

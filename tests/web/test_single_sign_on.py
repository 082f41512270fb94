"""Single sign-on through the local OpenID Connect provider (tests/oidc_provider.py): roles from
maca, users matched by verified email within the partnership, every refusal clear and recorded."""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest
from django.urls import reverse
from joserfc.jwk import RSAKey

from maca.web.accounts.models import Agency, Partnership, SingleSignOn, User
from maca.web.trail.models import Action, AuditEvent
from tests.oidc_provider import Provider


@pytest.fixture
def provider():
    with Provider() as running:
        yield running


@pytest.fixture
def sso(demo, provider):
    partnership, _ = demo
    return SingleSignOn.objects.create(
        partnership=partnership,
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
    )


def sign_on(client, provider, sso, *, state: str | None = None):
    """Start at maca, take the provider's page, press Continue, come back to maca."""
    start = client.get(reverse("sso-start", args=[sso.pk]))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    with urllib.request.urlopen(start["Location"], timeout=5) as page:  # noqa: S310 - loopback
        assert b"Continue" in page.read()
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(start["Location"]).query))
    assert query["code_challenge_method"] == "S256" and query["nonce"] and query["state"]
    if state is not None:
        query["state"] = state
    back = urllib.parse.urlsplit(provider.approve(query))
    return client.get(f"{back.path}?{back.query}")


@pytest.mark.django_db
def test_sign_in_through_the_local_provider_with_its_mfa_trusted(client, provider, sso):
    response = sign_on(client, provider, sso)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "Agency lead" in home.content.decode()  # the role is maca's
    assert provider.token_requests == 1
    assert AuditEvent.objects.filter(
        action=Action.SIGN_IN,
        actor_username="hv.lead",
        summary__contains="single sign-on (the provider's multi-factor sign-in is trusted)",
    ).exists()


@pytest.mark.django_db
def test_without_mfa_in_amr_maca_still_asks_for_its_code(client, provider, sso):
    provider.claims["amr"] = ["pwd"]
    response = sign_on(client, provider, sso)
    assert response["Location"].startswith(reverse("two-factor-verify"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("two-factor-verify"))


@pytest.mark.django_db
def test_a_partnership_that_does_not_trust_the_providers_mfa_gets_maca_codes(client, provider, sso):
    sso.trust_provider_mfa = False
    sso.save()
    response = sign_on(client, provider, sso)
    assert response["Location"].startswith(reverse("two-factor-verify"))


def _refused(response, words: str) -> None:
    assert response.status_code == 403
    body = response.content.decode()
    assert "You could not be signed in" in body and words in body
    assert "_auth_user_id" not in response.wsgi_request.session
    assert AuditEvent.objects.filter(
        action=Action.SIGN_IN_FAILED, summary__startswith="Single sign-on refused"
    ).exists()


@pytest.mark.django_db
def test_an_unknown_email_is_refused_with_a_clear_page(client, provider, sso):
    provider.claims["email"] = "someone.else@northmoor.example"
    _refused(sign_on(client, provider, sso), "There is no maca account for your email address")


@pytest.mark.django_db
def test_an_unverified_email_is_refused(client, provider, sso):
    provider.claims["email_verified"] = False
    _refused(sign_on(client, provider, sso), "did not confirm your email address")


@pytest.mark.django_db
def test_a_user_of_another_partnership_with_that_email_is_not_matched(client, provider, sso):
    other = Partnership.objects.create(name="Elsewhere partnership")
    agency = Agency.objects.create(partnership=other, name="Elsewhere police")
    User.objects.filter(username="hv.lead").update(email="hv.lead@old.example")
    User.objects.create(
        username="elsewhere", email="hv.lead@northmoor.example", partnership=other, agency=agency
    )
    _refused(sign_on(client, provider, sso), "There is no maca account")


@pytest.mark.django_db
def test_an_id_token_signed_with_another_key_is_refused(client, provider, sso):
    provider.signing_key = RSAKey.generate_key(2048, parameters={"kid": "test-key-1"})
    _refused(sign_on(client, provider, sso), "could not confirm who you are")


@pytest.mark.django_db
def test_an_id_token_for_another_sign_in_nonce_is_refused(client, provider, sso):
    provider.nonce_override = "not-the-nonce-maca-sent"
    _refused(sign_on(client, provider, sso), "could not confirm who you are")


@pytest.mark.django_db
def test_a_callback_with_another_state_is_refused_before_any_token_request(client, provider, sso):
    _refused(sign_on(client, provider, sso, state="forged"), "did not complete")
    assert provider.token_requests == 0


@pytest.mark.django_db
def test_the_sign_in_page_offers_the_partnerships_provider(client, sso):
    body = client.get(reverse("sign-in")).content.decode()
    assert reverse("sso-start", args=[sso.pk]) in body
    assert "Sign in with your organisation&#x27;s account" in body


@pytest.mark.django_db
def test_the_client_secret_is_encrypted_at_rest(sso):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT client_secret FROM accounts_singlesignon")
        (stored,) = cursor.fetchone()
    assert stored.startswith("maca1:") and "s3cret" not in stored
    assert SingleSignOn.objects.get(pk=sso.pk).client_secret == "s3cret"

"""Forwarded headers only from trusted proxies; the liveness and readiness probes."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from maca.web.proxy import client_address

PROXY = "10.0.0.1"
SECURE = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
}


@override_settings(MACA_TRUSTED_PROXIES=[PROXY], **SECURE)
@pytest.mark.django_db
def test_https_from_a_trusted_proxy_is_https_with_no_redirect_loop():
    client = Client(REMOTE_ADDR=PROXY)
    response = client.get(reverse("sign-in"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200  # not redirected again to https


@override_settings(MACA_TRUSTED_PROXIES=[PROXY], **SECURE)
@pytest.mark.django_db
def test_https_claimed_by_an_untrusted_peer_is_not_believed():
    client = Client(REMOTE_ADDR="192.0.2.7")
    response = client.get(reverse("sign-in"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")


@override_settings(MACA_TRUSTED_PROXIES=["10.0.0.0/24"])
@pytest.mark.django_db
def test_the_client_address_behind_a_trusted_proxy_is_recorded_by_axes(client, demo):
    from axes.models import AccessAttempt

    client.post(
        reverse("sign-in"),
        {"username": "hv.lead", "password": "wrong"},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.4, 10.0.0.2",
    )
    client.post(
        reverse("sign-in"),
        {"username": "hv.lead", "password": "wrong"},
        REMOTE_ADDR="198.51.100.20",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert sorted(AccessAttempt.objects.values_list("ip_address", flat=True)) == [
        "198.51.100.20",  # a direct peer's own address: its X-Forwarded-For is ignored
        "198.51.100.4",  # the hop the trusted proxies received the request from
    ]


@override_settings(MACA_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_client_address_takes_the_nearest_untrusted_hop():
    assert client_address("10.0.0.1", "1.2.3.4, 10.0.0.3") == "1.2.3.4"
    assert client_address("10.0.0.1", "") == "10.0.0.1"
    assert client_address("10.0.0.1", "not-an-address") == "10.0.0.1"
    assert client_address("10.0.0.1", "10.0.0.7") == "10.0.0.1"


@override_settings(ALLOWED_HOSTS=["maca.example.org"], **SECURE)
@pytest.mark.django_db
def test_probes_answer_plain_http_under_any_host_name_without_sign_in():
    client = Client()
    live = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert (live.status_code, live.content) == (200, b"ok\n")
    ready = client.get("/readyz", HTTP_HOST="10.1.2.3:8000")
    assert (ready.status_code, ready.content) == (200, b"ready\n")
    assert ready["Cache-Control"] == "no-store" and "Set-Cookie" not in ready

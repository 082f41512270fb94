"""Argon2id at OWASP's parameters, PBKDF2 hashes upgraded at sign-in, and sign-in load
shedding (a bounded number of password checks at once, then the 503 page)."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django.urls import reverse

from maca.web import load_shedding
from maca.web.accounts.models import User

BASE_HASHERS = [
    "maca.web.accounts.hashers.Argon2idPasswordHasher",
    "maca.web.accounts.hashers.PBKDF2PasswordHasher",
]


def test_production_hashers_put_owasp_argon2id_first():
    from maca.web.settings import base

    assert base.PASSWORD_HASHERS == BASE_HASHERS
    assert settings.PASSWORD_HASHERS != BASE_HASHERS  # the tests hash fast (MD5)


@override_settings(PASSWORD_HASHERS=BASE_HASHERS)
@pytest.mark.django_db
def test_a_pbkdf2_hash_is_upgraded_to_argon2id_at_the_next_sign_in(client, demo, demo_password):
    user = User.objects.get(username="hv.lead")
    user.password = make_password(demo_password, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert user.password.startswith("pbkdf2_sha256$")
    response = client.post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(demo_password)


@override_settings(
    PASSWORD_HASHERS=BASE_HASHERS, MACA_SIGN_IN_CONCURRENCY=1, MACA_SIGN_IN_WAIT_SECONDS=0.05
)
@pytest.mark.django_db
def test_a_sign_in_that_finds_every_slot_taken_gets_the_503_page(demo, demo_password):
    User.objects.filter(username="hv.lead").update(password=make_password(demo_password))
    slots = load_shedding._semaphore()
    assert slots.acquire(timeout=1)  # another sign-in is being checked
    try:
        client = Client(raise_request_exception=False)
        response = client.post(
            reverse("sign-in"), {"username": "hv.lead", "password": demo_password}
        )
    finally:
        slots.release()
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Many people are signing in at the same time" in response.content.decode()
    again = Client().post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert again.status_code == 302


@override_settings(MACA_SIGN_IN_CONCURRENCY=2, MACA_SIGN_IN_WAIT_SECONDS=5)
def test_no_more_than_the_configured_number_of_checks_run_at_once():
    running, most = [0], [0]
    guard = threading.Lock()
    release = threading.Event()

    def check():
        with load_shedding.sign_in_slot():
            with guard:
                running[0] += 1
                most[0] = max(most[0], running[0])
            release.wait(2)
            with guard:
                running[0] -= 1

    threads = [threading.Thread(target=check) for _ in range(5)]
    for thread in threads:
        thread.start()
    release.set()
    for thread in threads:
        thread.join()
    assert most[0] <= 2

"""Sessions bound to the user (new key at sign-in, gone at sign-out, all others gone on a
password change) and the NCSC password policy (length, deny-list, no composition rules)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from maca.web.accounts.models import SignedInSession, User
from maca.web.trail.models import Action, AuditEvent
from tests.web.sign_in import demo_code


@pytest.mark.django_db
def test_the_session_key_changes_at_sign_in(client, demo, demo_password):
    client.get(reverse("sign-in"))
    client.cookies["sessionid"] = "planted-by-an-attacker-0123456789"
    client.post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert client.session.session_key != "planted-by-an-attacker-0123456789"
    row = SignedInSession.objects.get(session_key=client.session.session_key)
    assert row.user_id == User.objects.get(username="hv.lead").pk


@pytest.mark.django_db
def test_sign_out_deletes_the_session_so_its_cookie_opens_nothing(client_for):
    client = client_for("audit.lead")
    key = client.session.session_key
    client.post(reverse("sign-out"))
    assert not SignedInSession.objects.filter(session_key=key).exists()
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get(reverse("home"))["Location"].startswith(reverse("sign-in"))


@pytest.mark.django_db
def test_a_password_change_ends_every_other_session_of_the_user(client_for):
    here = client_for("hv.lead")
    elsewhere = client_for("hv.lead")
    colleague = client_for("hv.practitioner")
    response = here.post(
        reverse("password-change"),
        {
            "old_password": "demo-partnership-1001",
            "new_password1": "lantern orchard velvet",
            "new_password2": "lantern orchard velvet",
        },
    )
    assert response.status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home"))["Location"].startswith(reverse("sign-in"))
    assert colleague.get(reverse("home")).status_code == 200
    user = User.objects.get(username="hv.lead")
    assert SignedInSession.objects.filter(user_id=user.pk).count() == 1
    assert AuditEvent.objects.filter(
        action=Action.CHANGE, summary="Changed their password (1 other sessions ended)"
    ).exists()
    assert user.check_password("lantern orchard velvet")


@pytest.mark.django_db
def test_a_wrong_current_password_or_a_weak_new_one_is_explained(client_for):
    client = client_for("hv.lead")
    page = client.post(
        reverse("password-change"),
        {"old_password": "nope", "new_password1": "password1234", "new_password2": "password1234"},
    ).content.decode()
    assert "There is a problem" in page
    assert "Your current password is not right" in page
    assert "This password is too common" in page


@pytest.mark.parametrize(
    "password, refused",
    [
        ("short words", "too short"),  # 11 characters
        ("password1234", "too common"),  # on the breached list shipped with Django
        ("Safeguarding2024!", "mostly words people guess first"),
        ("Northmoor-Partnership-1", "mostly words people guess first"),
        ("lantern orchard velvet " * 50, "at most 1024 characters"),  # more than sign-in takes
    ],
)
@pytest.mark.django_db
def test_weak_passwords_are_refused(demo, password, refused):
    _, users = demo
    with pytest.raises(ValidationError) as caught:
        validate_password(password, users["hv.lead"])
    assert refused in " ".join(caught.value.messages)


@pytest.mark.parametrize(
    "password",
    [
        "lantern orchard velvet",  # three random words, all lower case: no composition rule
        "492817365019",  # digits only, long and not a common one
        "correcthorsebatterystaple-maca",
    ],
)
@pytest.mark.django_db
def test_long_uncommon_passwords_pass_without_composition_rules(demo, password):
    _, users = demo
    validate_password(password, users["hv.lead"])


@pytest.mark.django_db
def test_the_sign_in_then_code_flow_rotates_the_key_again_at_verification(client, demo):
    client.post(reverse("sign-in"), {"username": "admin", "password": "demo-partnership-1001"})
    after_password = client.session.session_key
    client.post(reverse("two-factor-verify"), {"code": demo_code("admin")})
    assert client.session.session_key != after_password
    assert not SignedInSession.objects.filter(session_key=after_password).exists()

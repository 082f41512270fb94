"""Two-factor sign-in: set-up with a QR code and recovery codes, verification, recovery, the
admin's reset, the demo's authenticators; and deny by default until the second factor."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone

from maca.web.accounts.models import AuthenticatorApp, RecoveryCodes, SignedInSession, User
from maca.web.accounts.two_factor import totp_code
from maca.web.trail.models import Action, AuditEvent
from tests.web.sign_in import demo_code

# What a signed-in session that has not passed the second factor may still open.
BEFORE_SECOND_FACTOR = {
    "sign-in",
    "sign-out",
    "accessibility",
    "two-factor-verify",
    "two-factor-set-up",
    "two-factor-recovery",
    "sso-start",
    "sso-callback",
    "admin:login",
    "admin:logout",
    "administration:set-password",  # a one-time set-password link, opened signed out
}


def _routes(resolver=None, namespace=""):
    """Every named route with a URL to try (any number for an id: the check comes first)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = namespace + entry.name
            converters = getattr(entry.pattern, "converters", {})
            kwargs = {
                key: 1 if isinstance(conv, IntConverter) else "x"
                for key, conv in converters.items()
            }
            for key in re.findall(r"\?P<(\w+)>", str(entry.pattern)):
                kwargs.setdefault(key, "accounts" if key == "app_label" else "1")
            try:
                yield name, reverse(name, kwargs=kwargs or None)
            except Exception:  # noqa: BLE001, S112 - an admin route whose arguments we cannot guess
                continue


ROUTES = sorted(set(_routes()))


def test_the_route_list_covers_the_app_and_the_admin():
    names = {name for name, _ in ROUTES}
    assert {"audits:case-identifying", "audits:summary-csv", "admin:index", "trail"} <= names
    assert {"briefings:download", "admin:accounts_user_changelist"} <= names
    assert len(names) > 60


@pytest.mark.django_db
def test_without_the_second_factor_no_page_opens_but_the_sign_in_steps(client_for):
    """Deny by default: as the partnership admin (who may see everything), every page but the
    short list sends the session to the second factor first."""
    client = client_for("admin", second_factor=False)
    opened = []
    for name, url in ROUTES:
        if name in BEFORE_SECOND_FACTOR:
            continue
        response = client.get(url)
        location = response.get("Location", "")
        if not (response.status_code == 302 and location.startswith("/sign-in/two-factor/")):
            opened.append(f"{name} {url}: {response.status_code} {location}")
    assert opened == []


@pytest.mark.django_db
def test_sign_in_asks_for_the_code_and_a_right_code_opens_the_app(client, demo, demo_password):
    response = client.post(
        reverse("sign-in"), {"username": "audit.lead", "password": demo_password}
    )
    assert response["Location"].startswith(reverse("two-factor-verify"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("two-factor-verify"))
    wrong = client.post(reverse("two-factor-verify"), {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    too_soon = client.post(reverse("two-factor-verify"), {"code": demo_code("audit.lead")})
    assert "Too many wrong codes in a row: wait" in too_soon.content.decode()
    AuthenticatorApp.objects.filter(user__username="audit.lead").update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    key_before = client.session.session_key
    right = client.post(reverse("two-factor-verify"), {"code": demo_code("audit.lead")})
    assert right["Location"] == reverse("home")
    assert client.session.session_key != key_before  # a new key for the verified session
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR, summary="Two-factor code accepted")
    assert AuditEvent.objects.filter(
        action=Action.SIGN_IN_FAILED, summary="Two-factor code refused"
    )


@pytest.mark.django_db
def test_a_code_works_once(client_for):
    first = client_for("hv.lead", second_factor=False)
    second = client_for("hv.lead", second_factor=False)
    device = AuthenticatorApp.objects.get(user__username="hv.lead")
    code = totp_code(device.secret)
    assert first.post(reverse("two-factor-verify"), {"code": code}).status_code == 302
    again = second.post(reverse("two-factor-verify"), {"code": code})
    assert again.status_code == 200 and "used already" in again.content.decode()


@pytest.mark.django_db
def test_first_sign_in_sets_up_the_app_with_a_qr_code_and_recovery_codes(demo):
    _, users = demo
    user = users["police.lead"]
    AuthenticatorApp.objects.filter(user=user).delete()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two-factor-set-up"))
    page = client.get(reverse("two-factor-set-up")).content.decode()
    main = page.split("<main")[1].split("</main>")[0]
    assert '<svg role="img" aria-label="QR code' in main and "<script" not in main
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    device = AuthenticatorApp.objects.get(user=user, confirmed=False)
    assert device.secret == secret
    shown = client.post(reverse("two-factor-set-up"), {"code": totp_code(secret)})
    assert shown.status_code == 200 and shown["Cache-Control"] == "no-store"
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", shown.content.decode())
    assert len(codes) == 10
    stored = RecoveryCodes.objects.get(user=user)
    assert not any(
        c in str(stored.hashes) or c.replace("-", "") in str(stored.hashes) for c in codes
    )
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR, actor_username="police.lead")
    # The secret is encrypted in the database.
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_authenticatorapp WHERE user_id = %s", [user.pk])
        assert secret not in cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_recovery_code_works_once_and_new_codes_replace_the_old(client_for):
    client = client_for("panel.member")
    made = client.post(reverse("recovery-codes-new"), {"make": "yes"}).content.decode()
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", made)
    assert len(codes) == 10
    other = client_for("panel.member", second_factor=False)
    response = other.post(reverse("two-factor-recovery"), {"code": codes[0].upper()})
    assert response.status_code == 302 and other.get(reverse("home")).status_code == 200
    third = client_for("panel.member", second_factor=False)
    reused = third.post(reverse("two-factor-recovery"), {"code": codes[0]})
    assert "not right, or was used already" in reused.content.decode()
    assert "9 left" in client.get(reverse("account")).content.decode()
    asked = client.post(reverse("recovery-codes-new"), {"make": "maybe"}).content.decode()
    assert "There is a problem" in asked  # a choice is needed before the codes are replaced
    kept = client.post(reverse("recovery-codes-new"), {"make": "no"})
    assert kept["Location"] == reverse("account")
    assert "9 left" in client.get(reverse("account")).content.decode()
    client.post(reverse("recovery-codes-new"), {"make": "yes"})
    refused = third.post(reverse("two-factor-recovery"), {"code": codes[1]})
    assert refused.status_code == 200  # the old codes stopped working


@pytest.mark.django_db
def test_the_partnership_admin_resets_a_users_device_and_it_is_recorded(client_for):
    practitioner = client_for("hv.practitioner")
    admin = client_for("admin")
    user = User.objects.get(username="hv.practitioner")
    # From the user's page in the administration (ADR 0340), after a confirmation page.
    page = admin.get(reverse("administration:user-detail", args=[user.pk])).content.decode()
    url = reverse("administration:user-reset-two-factor", args=[user.pk])
    assert f'href="{url}"' in page
    assert "Reset two-factor sign-in?" in admin.get(url).content.decode()
    response = admin.post(url, {"reason": "Lost their phone"})
    assert response.status_code == 302
    assert not AuthenticatorApp.objects.filter(user=user).exists()
    assert not SignedInSession.objects.filter(user_id=user.pk).exists()
    assert practitioner.get(reverse("home"))["Location"].startswith(reverse("sign-in"))
    event = AuditEvent.objects.get(action=Action.TWO_FACTOR, actor_username="admin")
    assert event.summary.startswith("Reset two-factor sign-in for hv.practitioner")
    assert event.summary.endswith(": Lost their phone")
    # With no authenticator left, the page no longer offers the reset.
    page = admin.get(reverse("administration:user-detail", args=[user.pk])).content.decode()
    assert f'href="{url}"' not in page


@pytest.mark.django_db
def test_a_demo_authenticator_never_verifies_where_demo_data_is_not_allowed(client_for):
    client = client_for("board.reader", second_factor=False)
    with override_settings(MACA_DEMO_ALLOWED=False):
        response = client.post(reverse("two-factor-verify"), {"code": demo_code("board.reader")})
    assert response.status_code == 200
    assert client.get(reverse("home"))["Location"].startswith(reverse("two-factor-verify"))


@pytest.mark.django_db
def test_the_next_page_is_kept_through_the_second_factor_but_never_another_site(client_for):
    client = client_for("audit.lead", second_factor=False)
    asked = client.get(reverse("audits:audit-list"))
    assert asked["Location"] == f"{reverse('two-factor-verify')}?next=%2Faudits%2F"
    done = client.post(
        reverse("two-factor-verify"), {"code": demo_code("audit.lead"), "next": "/audits/"}
    )
    assert done["Location"] == "/audits/"
    other = client_for("hv.lead", second_factor=False)
    away = other.post(
        reverse("two-factor-verify"),
        {"code": demo_code("hv.lead"), "next": "https://evil.example/"},
    )
    assert away["Location"] == reverse("home")

"""Two-factor sign-in: an authenticator app (TOTP) and single-use recovery codes.

Every role signs in with a second factor (ADR 0511): each can see identifying details or take an
export (the board reader exports findings summaries). Until the second factor is verified in a
session, ``TwoFactorRequiredMiddleware`` lets through only the pages marked
``two_factor_not_required`` (set-up, verification, recovery, sign-out) and the public pages.

Every step here writes the audit trail in the same transaction as its change.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from functools import wraps
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from maca.web.trail import log_event
from maca.web.trail.models import Action

from .models import AuthenticatorApp, RecoveryCodes, User
from .sessions import end_sessions

# The codes' arithmetic; totp_code and STEP are imported from here too (commands, tests).
from .totp import DIGITS, STEP, totp_code  # noqa: F401

ISSUER = "maca"
RECOVERY_CODES = 10
# The session holds this when the single sign-on provider's ID token showed multi-factor
# sign-in and the partnership trusts it (ADR 0512).
PROVIDER_MFA_SESSION_KEY = "maca_provider_mfa"


# -- TOTP ---------------------------------------------------------------------------------------


def new_secret() -> str:
    """20 random bytes in base32 (RFC 4226's recommended length), as authenticator apps take."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def provisioning_uri(user: User, secret: str) -> str:
    label = quote(f"{ISSUER}:{user.username}")
    query = urlencode({"secret": secret, "issuer": ISSUER, "digits": DIGITS, "period": STEP})
    return f"otpauth://totp/{label}?{query}"


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG (no script, no style attributes: the strict CSP holds)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=4, svgclass="maca-qr")
    label = "QR code to scan with your authenticator app"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# -- Recovery codes -----------------------------------------------------------------------------

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def recovery_code_hash(salt: str, code: str) -> str:
    normal = "".join(c for c in code.lower() if c.isalnum())
    return hashlib.sha256(f"{salt}:{normal}".encode()).hexdigest()


def _new_recovery_code() -> str:
    letters = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"


def _replace_recovery_codes(user: User) -> list[str]:
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
    salt = secrets.token_hex(16)
    RecoveryCodes.objects.filter(user=user).delete()
    RecoveryCodes.objects.create(
        user=user,
        name="Recovery codes",
        salt=salt,
        hashes=[recovery_code_hash(salt, c) for c in codes],
    )
    return codes


def recovery_codes_left(user: User) -> int:
    device = RecoveryCodes.objects.filter(user=user).first()
    return len(device.hashes) if device else 0


# -- Session state ------------------------------------------------------------------------------


def is_verified(request) -> bool:
    """Has this session passed the second factor (maca's own, or a trusted provider's)?"""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", None) and user.is_verified():
        return True
    return request.session.get(PROVIDER_MFA_SESSION_KEY) == user.pk


def has_authenticator(user: User) -> bool:
    return AuthenticatorApp.objects.filter(user=user, confirmed=True).exists()


def _verified(request, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new key for the session that now holds more rights


def two_factor_not_required(view):
    """Mark a view reachable before the second factor (set-up, verification, sign-out)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return view(*args, **kwargs)

    wrapped.two_factor_required = False  # type: ignore[attr-defined]
    return wrapped


def next_url(request, default: str = "home") -> str:
    """The page asked for before the second factor, if it is one of ours; else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def second_factor_url(user: User, next_path: str = "") -> str:
    name = "two-factor-verify" if has_authenticator(user) else "two-factor-set-up"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


class TwoFactorRequiredMiddleware:
    """Deny by default: a signed-in session that has not passed the second factor reaches only
    views marked ``two_factor_not_required`` or public (``login_not_required``) ones."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or is_verified(request):
            return None
        if getattr(view_func, "two_factor_required", True) is False:
            return None
        if getattr(view_func, "login_required", True) is False:
            return None
        return redirect(second_factor_url(request.user, request.get_full_path()))


# -- Services (each with its trail entry, in one transaction) -----------------------------------


@transaction.atomic
def start_set_up(user: User) -> AuthenticatorApp:
    """The unconfirmed authenticator the set-up page shows (the same one until it is confirmed)."""
    device = AuthenticatorApp.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = AuthenticatorApp.objects.create(
            user=user, name="Authenticator app", confirmed=False, secret=new_secret()
        )
        log_event(
            user, Action.TWO_FACTOR, obj=device, summary="Began setting up two-factor sign-in"
        )
    return device


def confirm_set_up(request, device: AuthenticatorApp, code: str) -> list[str] | None:
    """Confirm the authenticator with a code from it: the session is verified and the first
    recovery codes are made (returned, to be shown once). None: the code was wrong."""
    with transaction.atomic():
        device = AuthenticatorApp.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(code):
            log_event(
                request.user,
                Action.SIGN_IN_FAILED,
                obj=device,
                request=request,
                summary="Two-factor set-up: the code was not right",
            )
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        AuthenticatorApp.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        codes = _replace_recovery_codes(device.user)
        log_event(
            request.user,
            Action.TWO_FACTOR,
            obj=device,
            request=request,
            summary="Set up two-factor sign-in (authenticator app and recovery codes)",
        )
    _verified(request, device)
    return codes


def wait_before_next_try(user: User) -> int:
    """Seconds until the user's authenticator accepts another try (wrong codes slow it down:
    1, 2, 4 ... seconds)."""
    device = AuthenticatorApp.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return 0
    allowed, detail = device.verify_is_allowed()
    if allowed or not detail or "locked_until" not in detail:
        return 0
    from django.utils import timezone

    return max(1, int((detail["locked_until"] - timezone.now()).total_seconds()) + 1)


def verify_code(request, code: str) -> bool:
    """Check a code from the user's authenticator app; on success the session is verified."""
    with transaction.atomic():
        device = (
            AuthenticatorApp.objects.select_for_update()
            .filter(user=request.user, confirmed=True)
            .first()
        )
        ok = device is not None and device.verify_token(code)
        log_event(
            request.user,
            Action.TWO_FACTOR if ok else Action.SIGN_IN_FAILED,
            request=request,
            summary="Two-factor code accepted" if ok else "Two-factor code refused",
        )
    if ok:
        _verified(request, device)
    return ok


def use_recovery_code(request, code: str) -> bool:
    with transaction.atomic():
        device = RecoveryCodes.objects.select_for_update().filter(user=request.user).first()
        ok = device is not None and device.verify_token(code)
        log_event(
            request.user,
            Action.TWO_FACTOR if ok else Action.SIGN_IN_FAILED,
            request=request,
            summary=(
                f"Signed in with a recovery code ({len(device.hashes)} left)"
                if ok and device
                else "Recovery code refused"
            ),
        )
    if ok:
        _verified(request, device)
    return ok


@transaction.atomic
def regenerate_recovery_codes(request) -> list[str]:
    codes = _replace_recovery_codes(request.user)
    log_event(
        request.user,
        Action.TWO_FACTOR,
        request=request,
        summary="Made new recovery codes (the old ones no longer work)",
    )
    if request.session.get(DEVICE_ID_SESSION_KEY, "").startswith("accounts.recoverycodes/"):
        # The session was verified by a recovery code device that no longer exists: keep it
        # verified by the authenticator it belongs with.
        device = AuthenticatorApp.objects.filter(user=request.user, confirmed=True).first()
        if device is not None:
            otp_login(request, device)
    return codes


@transaction.atomic
def reset_two_factor(user: User, by, request=None, *, reason: str = "") -> int:
    """A partnership admin's reset: the user's authenticator and recovery codes go and their
    sessions end; they set up two-factor sign-in again at their next sign-in. The reason, if
    given, goes into the trail entry."""
    AuthenticatorApp.objects.filter(user=user).delete()
    RecoveryCodes.objects.filter(user=user).delete()
    ended = end_sessions(user)
    log_event(
        by,
        Action.TWO_FACTOR,
        obj=user,
        request=request,
        summary=f"Reset two-factor sign-in for {user.username} ({ended} sessions ended)"
        + (f": {' '.join(reason.split())}" if reason.strip() else ""),
        partnership=user.partnership,
    )
    return ended


def demo_secret(username: str) -> str:
    """The fixed, documented demo secret of a demo user (demo data only)."""
    digest = hashlib.sha256(f"maca demo partnership totp {username}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii").rstrip("=")


@transaction.atomic
def give_demo_authenticator(user: User) -> AuthenticatorApp:
    if not getattr(settings, "MACA_DEMO_ALLOWED", False):
        raise PermissionError("demo authenticators are for demo data only")
    AuthenticatorApp.objects.filter(user=user).delete()
    return AuthenticatorApp.objects.create(
        user=user,
        name="Demo authenticator",
        confirmed=True,
        demo=True,
        secret=demo_secret(user.username),
    )

"""Single sign-on through OpenID Connect, one provider per partnership (ADR 0512).

The authorisation code flow with PKCE (S256), ``state`` and ``nonce``. The ID token's signature is
checked against the provider's JWKS (joserfc), then its issuer, audience, expiry and nonce; the
email must be verified (``email_verified``, or Entra ID's ``xms_edov``). The provider vouches only
for who the person is: the user is the one active maca user of that partnership with that email,
and their role is maca's. Anyone else is refused with a page that says why.

Whether maca still asks for its own authenticator code: not when the partnership trusts the
provider's multi-factor sign-in and the token's ``amr`` claim shows one; otherwise yes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.contrib.auth import login
from django.db import transaction
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

from maca.web.trail import log_event
from maca.web.trail.models import Action

from .models import SingleSignOn, User
from .two_factor import PROVIDER_MFA_SESSION_KEY

SESSION_KEY = "maca_sso"
TIMEOUT = 10  # seconds for each call to the provider
MAX_RESPONSE = 1024 * 1024
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
# RFC 8176 authentication methods that are factors in their own right.
FACTORS = {"otp", "hwk", "swk", "sc", "fpt", "face", "iris", "retina", "vbm", "pin", "pwd"}
LEEWAY = 60  # seconds of clock difference allowed on exp/iat


class SignOnRefused(Exception):
    """Single sign-on did not sign the person in. ``message`` is for them; ``reason`` for the
    trail (no personal data in either)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(reason)
        self.message = message
        self.reason = reason


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_url(url: str) -> str:
    """Only HTTPS to the provider (plain HTTP only to this machine, for a local test provider)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and _loopback(parts.hostname or "")):
        return url
    raise SignOnRefused(
        "Single sign-on is not set up correctly. Tell your partnership business team.",
        f"provider address is not HTTPS ({parts.scheme}://{parts.hostname})",
    )


def _fetch_json(url: str, form: dict[str, str] | None = None) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked by _check_url
        _check_url(url),
        data=urllib.parse.urlencode(form).encode("ascii") if form is not None else None,
        headers={"Accept": "application/json"},
    )
    try:
        # The scheme was checked by _check_url (HTTPS, or HTTP to this machine only).
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310  # nosec B310
            body = response.read(MAX_RESPONSE + 1)
    except urllib.error.HTTPError as error:
        raise SignOnRefused(
            "Your organisation's sign-in service refused the request. Try again, or sign in "
            "with your maca password.",
            f"provider answered HTTP {error.code} at {urllib.parse.urlsplit(url).path}",
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SignOnRefused(
            "Your organisation's sign-in service could not be reached. Try again later, or "
            "sign in with your maca password.",
            f"provider not reachable ({type(error).__name__})",
        ) from None
    if len(body) > MAX_RESPONSE:
        raise SignOnRefused("The sign-in service's answer was too large.", "provider answer >1MB")
    try:
        document = json.loads(body)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        raise SignOnRefused(
            "Your organisation's sign-in service gave an answer maca cannot read.",
            "provider answer is not a JSON object",
        )
    return document


_discovered: dict[str, tuple[float, dict]] = {}
DISCOVERY_CACHE_SECONDS = 3600


def discovery(sso: SingleSignOn) -> dict:
    """The provider's discovery document (cached for an hour), checked to be its own."""
    issuer = sso.issuer.rstrip("/")
    cached = _discovered.get(issuer)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    document = _fetch_json(f"{issuer}/.well-known/openid-configuration")
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise SignOnRefused(
            "Single sign-on is not set up correctly. Tell your partnership business team.",
            "discovery document names another issuer",
        )
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(name), str):
            raise SignOnRefused(
                "Single sign-on is not set up correctly. Tell your partnership business team.",
                f"discovery document has no {name}",
            )
    _discovered[issuer] = (time.monotonic() + DISCOVERY_CACHE_SECONDS, document)
    return document


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def start(request, sso: SingleSignOn, redirect_uri: str, next_path: str = "") -> str:
    """Remember state, nonce and the PKCE verifier in the session; the provider's URL to go to."""
    document = discovery(sso)
    pending: dict[str, str] = {
        "sso": str(sso.pk),
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(64),
        "redirect_uri": redirect_uri,
        "next": next_path,
    }
    request.session[SESSION_KEY] = pending
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": sso.client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid email profile",
            "state": pending["state"],
            "nonce": pending["nonce"],
            "code_challenge": _b64(hashlib.sha256(pending["verifier"].encode()).digest()),
            "code_challenge_method": "S256",
        }
    )
    endpoint = _check_url(document["authorization_endpoint"])
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


@dataclass
class SignedOn:
    user: User
    provider_mfa: bool
    next_path: str


def _token_request(sso: SingleSignOn, document: dict, code: str, pending: dict) -> dict:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": pending["redirect_uri"],
        "client_id": sso.client_id,
        "client_secret": sso.client_secret,
        "code_verifier": pending["verifier"],
    }
    return _fetch_json(document["token_endpoint"], form)


def verified_claims(sso: SingleSignOn, document: dict, id_token: str, nonce: str) -> dict:
    """The ID token's claims, once its signature (JWKS) and claims are right."""
    keys = KeySet.import_key_set(_fetch_json(document["jwks_uri"]))  # type: ignore[arg-type]
    try:
        token = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
        JWTClaimsRegistry(
            leeway=LEEWAY,
            iss={"essential": True, "value": document["issuer"]},
            aud={"essential": True, "value": sso.client_id},
            exp={"essential": True},
            iat={"essential": True},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
    except (JoseError, ValueError, TypeError) as error:
        raise SignOnRefused(
            "maca could not confirm who you are with your organisation's sign-in service.",
            f"ID token refused ({type(error).__name__})",
        ) from None
    claims = token.claims
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != sso.client_id:
        raise SignOnRefused(
            "maca could not confirm who you are with your organisation's sign-in service.",
            "ID token for several audiences without maca as azp",
        )
    return claims


def provider_mfa(claims: dict) -> bool:
    """Does the ``amr`` claim show multi-factor sign-in (``mfa``, or two distinct factors)?"""
    amr = claims.get("amr")
    if not isinstance(amr, list):
        return False
    methods = {str(m) for m in amr}
    return "mfa" in methods or len(methods & FACTORS) >= 2


def finish(request, params) -> SignedOn:
    """The provider came back: check state, swap the code for tokens, verify the ID token, and
    sign the matching maca user in. A sign-in or a refusal is recorded in the trail."""
    pending = request.session.pop(SESSION_KEY, None)
    try:
        return _finish(request, params, pending)
    except SignOnRefused as refused:
        sso = SingleSignOn.objects.filter(pk=int((pending or {}).get("sso") or 0)).first()
        log_event(
            None,
            Action.SIGN_IN_FAILED,
            object_type="single sign-on",
            object_ref=sso.trail_ref if sso else "",
            request=request,
            summary=f"Single sign-on refused: {refused.reason}"[:500],
            partnership=sso.partnership if sso else None,
        )
        raise


def _finish(request, params, pending) -> SignedOn:
    if not pending or not hmac.compare_digest(str(params.get("state", "")), pending["state"]):
        raise SignOnRefused(
            "The sign-in did not complete (it may have been started in another tab, or taken "
            "too long). Start again.",
            "state missing or not the one sent",
        )
    sso = SingleSignOn.objects.select_related("partnership").filter(pk=pending["sso"]).first()
    if sso is None or not sso.enabled:
        raise SignOnRefused(
            "Single sign-on is switched off for your partnership.", "single sign-on disabled"
        )
    if params.get("error"):
        raise SignOnRefused(
            "Your organisation's sign-in service did not sign you in.",
            f"provider error {str(params.get('error'))[:40]}",
        )
    code = str(params.get("code", ""))
    if not code:
        raise SignOnRefused("The sign-in did not complete. Start again.", "no code returned")
    document = discovery(sso)
    tokens = _token_request(sso, document, code, pending)
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str):
        raise SignOnRefused(
            "Your organisation's sign-in service did not say who you are.", "no ID token"
        )
    claims = verified_claims(sso, document, id_token, pending["nonce"])
    email = str(claims.get("email", "")).strip()
    if not email or not (claims.get("email_verified") is True or claims.get("xms_edov") is True):
        raise SignOnRefused(
            "Your organisation's sign-in service did not confirm your email address, so maca "
            "cannot match you to an account. Sign in with your maca password, or ask your "
            "partnership business team.",
            "email missing or not verified",
        )
    users = list(
        User.objects.filter(partnership=sso.partnership, email__iexact=email, is_active=True)[:2]
    )
    if len(users) != 1:
        raise SignOnRefused(
            f"There is no maca account for your email address in {sso.partnership.name}. "
            "Ask your partnership business team to add you, with this email address.",
            "no single active user with that email",
        )
    user = users[0]
    trusted = sso.trust_provider_mfa and provider_mfa(claims)
    with transaction.atomic():
        login(request, user, backend="maca.web.accounts.backends.AccountBackend")
        if trusted:
            request.session[PROVIDER_MFA_SESSION_KEY] = user.pk
        log_event(
            user,
            Action.SIGN_IN,
            obj=sso,
            request=request,
            summary="Signed in through single sign-on"
            + (
                " (the provider's multi-factor sign-in is trusted)"
                if trusted
                else " (maca's two-factor code still needed)"
            ),
            partnership=sso.partnership,
        )
    return SignedOn(user, trusted, pending.get("next", ""))

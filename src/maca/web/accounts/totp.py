"""The arithmetic of authenticator codes (TOTP, RFC 6238): 6 digits every 30 seconds, one step
of tolerance either side. No Django here, so that a tool outside the web app (the load
benchmark's bench authenticators) works codes out with the same figures; sign-in itself is
``two_factor``'s (which imports these)."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP

STEP = 30
DIGITS = 6
TOLERANCE = 1  # one step either side: a phone clock a little out still works


def _key(secret: str) -> bytes:
    padded = secret.upper() + "=" * (-len(secret) % 8)
    return base64.b32decode(padded)


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` now (or at ``at``, Unix seconds)."""
    totp = TOTP(_key(secret), step=STEP, digits=DIGITS)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{DIGITS}d}"


def totp_step_matching(secret: str, code: str, *, after: int) -> int | None:
    """The time step whose code ``code`` is (within the tolerance), if later than ``after``:
    a code, once used, is not accepted again."""
    code = "".join(code.split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = TOTP(_key(secret), step=STEP, digits=DIGITS)
    totp.time = time.time()
    if totp.verify(int(code), TOLERANCE, after + 1):
        return totp.t()
    return None

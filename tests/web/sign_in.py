"""Signing in as the tests do: a session marked past the second factor, and a demo user's code
computed from its fixed secret (what an authenticator app would show)."""

from __future__ import annotations


def pass_second_factor(client, user) -> None:
    """Mark the client's session as having passed two-factor sign-in with the user's
    authenticator, as the verification page does after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from maca.web.accounts.models import AuthenticatorApp
    from maca.web.accounts.two_factor import new_secret

    session = client.session
    device = AuthenticatorApp.objects.filter(user=user, confirmed=True).first()
    if device is None:  # a user a test made: give them an authenticator first
        device = AuthenticatorApp.objects.create(
            user=user, name="Test authenticator", confirmed=True, secret=new_secret()
        )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def demo_code(username: str) -> str:
    """A code the demo user's authenticator would show now, computed from its fixed secret: the
    next step's code if this step's was used already (codes work once)."""
    import time

    from maca.web.accounts.models import AuthenticatorApp
    from maca.web.accounts.two_factor import STEP, demo_secret, totp_code

    device = AuthenticatorApp.objects.get(user__username=username, confirmed=True)
    now_step = int(time.time()) // STEP
    step = max(now_step, device.last_t + 1)
    if step > now_step + 1:  # two codes used in this step already: wait for the next one
        time.sleep((step - 1) * STEP - time.time() + 0.5)
    return totp_code(demo_secret(username), at=step * STEP + 1)

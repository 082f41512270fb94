"""One-time set-password links (ADR 0340): a new user, or one whose password the business team
resets, gets a link by email that lets them choose their own password; the admin sees the same
link once, to pass on if the email does not arrive.

The link is Django's password-reset token: it works once (it is made from the password, which
setting it changes), until ``PASSWORD_RESET_TIMEOUT`` runs out, and only for that user. It carries
the user's number and the token, nothing personal. Links are built from ``MACA_BASE_URL``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from maca.web.common.links import absolute_url

SET_PASSWORD_SUBJECT = "Set your password for maca"  # noqa: S105 - an email subject  # nosec B105


def link_days() -> int:
    """How many days a link works, in the words the pages and the email use."""
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))


def set_password_link(user) -> str:
    """An absolute one-time link for the user to set their password. Make it after the user's
    password was made unusable: an older link then stops working."""
    return absolute_url(
        "administration:set-password",
        urlsafe_base64_encode(force_bytes(user.pk)),
        default_token_generator.make_token(user),
    )


def email_link(user, link: str, *, new_account: bool) -> bool:
    """Send the link to the user's email address; False when there is none or it failed (the
    admin has the link on screen to pass on)."""
    if not user.email:
        return False
    partnership = user.partnership.name if user.partnership_id else "maca"
    opening = (
        f"An account has been made for you in maca, the multi-agency case audit of {partnership}."
        if new_account
        else f"Your password for maca ({partnership}) has been reset by your business team."
    )
    body = (
        f"{opening}\n\n"
        f"Your username is {user.username}.\n\n"
        f"Choose your password here (the link works once, for {link_days()} days):\n{link}\n\n"
        "If you did not expect this email, tell your partnership business team."
    )
    try:
        send_mail(SET_PASSWORD_SUBJECT, body, None, [user.email])
    except OSError:
        return False
    return True

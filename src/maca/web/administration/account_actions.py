"""The actions on a user's page, in one list: each is a page of its own with a confirmation,
a named permission and a service. A new account action is one more entry here, with its page,
permission and service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from maca.web.accounts.two_factor import has_authenticator

from .lockouts import Lockout


@dataclass(frozen=True)
class AccountAction:
    label: str
    url_name: str  # takes the user's pk
    permission: str  # checked on the user
    applies: Callable[..., bool]  # (user, lockout or None) -> offered now?
    hint: str = ""


ACCOUNT_ACTIONS = (
    AccountAction(
        "Change details, agency or role",
        "administration:user-change",
        "administration.manage_user",
        lambda user, lockout: True,
    ),
    AccountAction(
        "Reset password",
        "administration:user-reset-password",
        "administration.reset_password",
        lambda user, lockout: user.is_active,
        "The old password stops working; they choose a new one by a one-time link.",
    ),
    AccountAction(
        "Reset two-factor sign-in",
        "administration:user-reset-two-factor",
        "administration.reset_two_factor",
        lambda user, lockout: user.is_active and has_authenticator(user),
        "For a lost phone: they set up their authenticator app again at their next sign-in.",
    ),
    AccountAction(
        "Unlock sign-in",
        "administration:user-unlock",
        "administration.manage_user",
        lambda user, lockout: lockout is not None,
        "Clears their failed sign-ins so they can try again now.",
    ),
    AccountAction(
        "Deactivate account",
        "administration:user-deactivate",
        "administration.deactivate_user",
        lambda user, lockout: user.is_active,
        "They can no longer sign in; everything they did stays.",
    ),
    AccountAction(
        "Reactivate account",
        "administration:user-reactivate",
        "administration.manage_user",
        lambda user, lockout: not user.is_active,
    ),
)


def actions_for(viewer, user, lockout: Lockout | None) -> list[dict]:
    """The actions the viewer may take on the user now, for the user's page."""
    return [
        {"label": a.label, "url": reverse(a.url_name, args=[user.pk]), "hint": a.hint}
        for a in ACCOUNT_ACTIONS
        if a.applies(user, lockout) and viewer.has_perm(a.permission, user)
    ]

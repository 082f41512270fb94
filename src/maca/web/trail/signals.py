from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .events import log_event
from .models import Action


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs) -> None:
    log_event(user, Action.SIGN_IN, request=request, summary="Signed in")


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        log_event(user, Action.SIGN_OUT, request=request, summary="Signed out")


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    known = get_user_model().objects.filter(username=username).first()
    log_event(
        known,
        Action.SIGN_IN_FAILED,
        request=request,
        summary="Sign-in failed" if known else "Sign-in failed for an unknown account name",
        partnership=known.partnership if known else None,
    )

"""What the account pages change, each with its trail entry in one transaction."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.db import transaction

from maca.web.trail import log_event
from maca.web.trail.models import Action

from .sessions import end_sessions


@transaction.atomic
def change_password(request, form) -> int:
    """Save the new password; this session goes on under a new key, every other session of the
    user ends. How many others ended."""
    user = form.save()
    update_session_auth_hash(request, user)
    ended = end_sessions(user, keep=request.session.session_key)
    log_event(
        user,
        Action.CHANGE,
        obj=user,
        request=request,
        summary=f"Changed their password ({ended} other sessions ended)",
    )
    return ended

"""The session engine: Django's database sessions, each row knowing its user.

Django already rotates the session key at sign-in, flushes it at sign-out and refuses a session
whose password hash is stale; knowing the user lets maca end every other session of a user at
once (password change, two-factor reset) rather than on their next request.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from .models import SignedInSession

        return SignedInSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        instance.user_id = int(user_id) if user_id not in (None, "") else None
        return instance


def end_sessions(user, *, keep: str | None = None) -> int:
    """Delete every session of ``user`` except the one with key ``keep``; how many ended."""
    from .models import SignedInSession

    sessions = SignedInSession.objects.filter(user_id=user.pk)
    if keep:
        sessions = sessions.exclude(session_key=keep)
    ended, _ = sessions.delete()
    return ended

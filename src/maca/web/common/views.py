"""What every view does the same way: read a POST (or the answers kept when a session ended, see
``kept``), check a named permission on the view's object (fetched once), and refuse by raising
``PermissionDenied`` (the 403 page records the refusal), with the reason in plain words when
the view knows one (:class:`Refused`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    """A refusal the person is told the reason for (the 403 page shows ``reason``): a return
    that can no longer be changed because moderation opened, say. Never internals."""

    def __init__(self, reason: str, title: str = "You cannot do this now") -> None:
        super().__init__(reason)
        self.reason, self.title = reason, title


def posted(request):
    """The form data of a POST (even an empty one, which must still be validated), else None.

    On the page of a form that was sent after the session ended (or with a stale security
    token), the first time it is shown again after sign-in: what was sent then, so that the
    form shows it again to check and save (``kept.take``)."""
    if request.method == "POST":
        return request.POST
    from .kept import take

    return take(request)


def uploaded(request):
    """The uploaded files of a POST, else None."""
    return request.FILES if request.method == "POST" else None


def permission_required(
    perm: str,
    fetch: Callable[[Any], Any] | None = None,
    why: Callable[[Any, Any], Refused | None] | None = None,
):
    """Refuse the view unless the user has the named ``rules`` permission.

    With ``fetch`` (the object's primary key → the object, or 404), the view is an object view:
    its object is fetched once, the permission is checked on it, and the view is called with the
    object in place of ``pk``: ``view(request, obj, **other_url_kwargs)``. With ``why``
    (``why(user, obj)`` → a :class:`Refused`, or None), a refusal says why when it can.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if fetch is None:
                if not request.user.has_perm(perm):
                    raise PermissionDenied
                return view(request, *args, **kwargs)
            obj = fetch(kwargs.pop("pk"))
            if not request.user.has_perm(perm, obj):
                refusal = why(request.user, obj) if why is not None else None
                raise refusal or PermissionDenied
            return view(request, obj, *args, **kwargs)

        return wrapped

    return decorator

"""What every view does the same way: read a POST, check a named permission on the view's object
(fetched once), and refuse by raising ``PermissionDenied`` (the 403 page records the refusal)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied


def posted(request):
    """The form data of a POST (even an empty one, which must still be validated), else None."""
    return request.POST if request.method == "POST" else None


def uploaded(request):
    """The uploaded files of a POST, else None."""
    return request.FILES if request.method == "POST" else None


def permission_required(perm: str, fetch: Callable[[Any], Any] | None = None):
    """Refuse the view unless the user has the named ``rules`` permission.

    With ``fetch`` (the object's primary key → the object, or 404), the view is an object view:
    its object is fetched once, the permission is checked on it, and the view is called with the
    object in place of ``pk``: ``view(request, obj, **other_url_kwargs)``.
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
                raise PermissionDenied
            return view(request, obj, *args, **kwargs)

        return wrapped

    return decorator

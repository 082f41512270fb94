"""No typed work lost: a form sent after the session ended (30 minutes idle), or with a stale
security token (someone signed in again in another tab), is kept and given back.

What was sent is kept server-side, in the session store of the browser's session (the one the
next sign-in carries on: Django keeps a session's data when it signs someone in), never in a web
address. It is sealed (signed, so it cannot be forged) and given back once, to the same person,
on the same form, within ``KEEP_SECONDS``; then it is gone. Files are not kept (the page says to
choose them again). A refused token is kept only for a request that came from maca's own pages
(its ``Origin`` matched, so Django refused the token, not the origin).

``posted(request)`` in ``common.views`` gives the kept answers to the form on its first GET, with
the message "Your answers were kept: check them and save".
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core import signing
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.csrf import requires_csrf_token

SESSION_KEY = "maca_kept"
WHO_COOKIE = "maca_who"  # the signed id of the last person signed in on this browser
SALT = "maca.kept"
KEEP_SECONDS = 30 * 60
MAX_CHARACTERS = 1_000_000
NOT_KEPT = ("csrfmiddlewaretoken", "password", "next")
KEPT_MESSAGE = "Your answers were kept: check them and save"
ENDED_MESSAGE = (
    "Your session ended, so what you sent was not saved yet. Sign in again: what you typed "
    "has been kept and is shown to you on the form, to check and save."
)
# The CSRF failures that are about the token; an origin that did not match is never kept.
TOKEN_REASONS = ("CSRF token", "CSRF cookie")


def _seal(data: dict) -> str:
    return signing.dumps(data, salt=SALT, compress=True)


def _unseal(sealed: str) -> dict | None:
    try:
        return signing.loads(sealed, salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:  # altered, or older than KEEP_SECONDS
        return None


def last_user_id(request) -> int | None:
    """Who was last signed in on this browser (the session that ended held it)."""
    try:
        return int(request.get_signed_cookie(WHO_COOKIE, salt=SALT))
    except (KeyError, signing.BadSignature, ValueError):
        return None


def keep(request, user_id: int | None) -> bool:
    """Keep what the POST sent for ``user_id``'s next sign-in; False when nothing is kept."""
    if request.method != "POST" or request.path in (reverse("sign-in"), reverse("sign-out")):
        return False
    fields = {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in NOT_KEPT and "password" not in name
    }
    if not fields or len(json.dumps(fields)) > MAX_CHARACTERS:
        return False
    request.session[SESSION_KEY] = {
        "path": request.path,
        "user": user_id,
        "files": bool(request.FILES),
        "sealed": _seal({"fields": fields, "at": time.time()}),
    }
    return True


def take(request) -> QueryDict | None:
    """The answers kept for this page and this person, once (then forgotten); else None."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    kept = session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.path or not request.user.is_authenticated:
        return None
    del session[SESSION_KEY]
    if kept.get("user") not in (None, request.user.pk):
        return None  # someone else signed in on this browser: it was not theirs
    opened = _unseal(kept.get("sealed", ""))
    if opened is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in opened["fields"].items():
        data.setlist(name, values)
    message = KEPT_MESSAGE
    if kept.get("files"):
        message += " (files are not kept: choose the file again)"
    messages.warning(request, message)
    return data


def _to_sign_in(request) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse('sign-in')}?{urlencode({'next': request.path})}")


class SignInKeepsAnswers(LoginRequiredMiddleware):
    """Django's sign-in requirement, keeping what a signed-out POST sent; and the signed note of
    who is signed in on this browser, so the kept answers go back to the same person only."""

    def handle_no_permission(self, request, view_func):
        if keep(request, last_user_id(request)):
            messages.warning(request, ENDED_MESSAGE)
            return _to_sign_in(request)
        return super().handle_no_permission(request, view_func)

    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and last_user_id(request) != user.pk:
            response.set_signed_cookie(
                WHO_COOKIE,
                str(user.pk),
                salt=SALT,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


@requires_csrf_token
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form whose security token is stale keeps what it sent; the page
    it goes back to (or the sign-in page) says so. Anything else gets the page in plain words."""
    own_page = bool(request.META.get("HTTP_ORIGIN")) and reason.startswith(TOKEN_REASONS)
    if request.method == "POST" and own_page:
        signed_in = request.user.is_authenticated
        if keep(request, request.user.pk if signed_in else last_user_id(request)):
            if signed_in and url_has_allowed_host_and_scheme(request.path, None):
                return HttpResponseRedirect(request.path)
            messages.warning(request, ENDED_MESSAGE)
            return _to_sign_in(request)
    return render(request, "csrf_failure.html", status=403)

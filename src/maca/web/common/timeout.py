"""The idle timeout and the GOV.UK timeout warning.

Each request of a signed-in person renews their session (``SESSION_COOKIE_AGE`` from then), but
the session row is written at most once every :func:`renew_every` seconds (a minute for the
30-minute timeout), not on every request as ``SESSION_SAVE_EVERY_REQUEST`` would: a page
otherwise costs an UPDATE (ADR 0503). So a session lasts between ``SESSION_COOKIE_AGE`` minus
that minute and ``SESSION_COOKIE_AGE`` after the last request, and the warning counts down from
the shorter: it never promises time the server will not give. Two minutes before that, a dialog
(``static/maca/timeout-warning.mjs``) offers to stay signed in, which asks
:func:`session_extend`, which always renews."""

from __future__ import annotations

import time

import rules
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .views import permission_required

WARN_BEFORE_SECONDS = 2 * 60

rules.add_perm("common.extend_session", rules.is_authenticated)


RENEWED_KEY = "maca_renewed"  # when the session row was last written (Unix seconds)


def renew_every() -> int:
    """How often a session in use is written: a thirtieth of the idle timeout, at most a
    minute (so a short timeout, as tests set, renews on every request)."""
    return min(60, int(settings.SESSION_COOKIE_AGE) // 30)


def renew(session) -> None:
    """Mark the session renewed now: SessionMiddleware writes it, with a new expiry."""
    session[RENEWED_KEY] = int(time.time())


class SessionRenewalMiddleware:
    """After the view: a signed-in session not written for :func:`renew_every` seconds is
    renewed. A visitor with no session gets none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.modified:
            renewed = session.get(RENEWED_KEY)  # reading it checks the session is still there
            due = renewed is None or time.time() - renewed >= renew_every()
            if session.session_key and due:
                renew(session)
        return response


def timeout_warning(request) -> dict:
    """Context processor: the idle timeout the person is sure of (the timeout less the
    renewal interval) and when to warn, for the dialog in base.html."""
    total = int(settings.SESSION_COOKIE_AGE) - renew_every()
    return {
        "session_timeout": {
            "seconds": total,
            "warn_seconds": min(WARN_BEFORE_SECONDS, max(total // 2, 1)),
        }
    }


@require_POST
@permission_required("common.extend_session")
def session_extend(request):
    """Stay signed in: 204 for the dialog's script; without script, back to the page."""
    renew(request.session)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("home")
    return HttpResponseRedirect(back)

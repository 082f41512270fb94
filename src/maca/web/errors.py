"""Error pages: plain words, no internals, and for failures a reference to quote.

400, 413, 500 and 503 render without a request context, so they need no database: the header
names no partnership and shows no menu. A refusal (403) is recorded in the audit trail.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from maca.web.common.views import Refused
from maca.web.load_shedding import Overloaded
from maca.web.logs import current_request_id
from maca.web.trail import log_event
from maca.web.trail.models import Action

# What the database raises when it is down, restarting or unreachable.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def _size(limit: int) -> str:
    return f"{limit / 1_000_000:.3g} MB"


def _plain(template: str, status: int, **context) -> HttpResponse:
    context["request_id"] = current_request_id()
    return HttpResponse(render_to_string(template, context), status=status)


def permission_denied(request, exception=None):
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        log_event(
            request.user,
            Action.DENIED,
            request=request,
            object_type="page",
            object_ref=request.resolver_match.view_name if request.resolver_match else "",
            summary="Access refused",
        )
    refusal = exception if isinstance(exception, Refused) else None
    return render(request, "403.html", {"refusal": refusal}, status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def answers_too_large(respond):
    """Decorate a view whose page should answer a too-large request itself (the sign-in page
    shows its form with an error) instead of the 413 page: ``respond(request)``."""

    def decorator(view):
        view.too_large = respond
        return view

    return decorator


def _caused_by_the_database(error: BaseException | None) -> bool:
    """Whether the database being unavailable is behind ``error`` (Django turns a session that
    cannot be saved into SessionInterrupted, a 400, whatever the reason)."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def bad_request(request, exception=None):
    if _caused_by_the_database(exception):
        return unavailable(busy=False)
    if isinstance(exception, RequestDataTooBig):
        match = getattr(request, "resolver_match", None)
        respond = getattr(getattr(match, "func", None), "too_large", None)
        if respond is not None:
            return respond(request)
        return too_large()
    return _plain("400.html", 400)


def address_too_long() -> HttpResponse:
    return _plain("400.html", 414)


def too_large() -> HttpResponse:
    return _plain(
        "413.html",
        413,
        upload_limit=_size(settings.MACA_UPLOAD_MAX_BYTES),
        form_limit=_size(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
    )


def unavailable(*, busy: bool) -> HttpResponse:
    response = _plain("503.html", 503, busy=busy)
    response["Retry-After"] = str(settings.MACA_RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    # Called while Django handles the exception, so it is still the current one.
    error = sys.exc_info()[1]
    if _caused_by_the_database(error):
        return unavailable(busy=False)
    if isinstance(error, Overloaded):
        return unavailable(busy=True)
    return _plain("500.html", 500)


# A form sent with a stale or missing security token: CSRF_FAILURE_VIEW is
# maca.web.common.kept.csrf_failure, which keeps what a stale form sent and otherwise shows the
# page in plain words (csrf_failure.html).

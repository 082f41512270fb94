"""Log lines an operator can diagnose a failure from, without personal data.

Every line names its request and user: ``request=<id> user=<database id>``. The request id is
made here (or taken from a trusted proxy's ``X-Request-ID``), returned in the ``X-Request-ID``
header and printed on the 500 and 503 pages, so that a person can quote it. An exception is
named by its type and where it happened (module:function:line), never by its message or its
local variables, which may hold data.
"""

from __future__ import annotations

import logging
import re
import traceback
import uuid
from contextvars import ContextVar
from types import TracebackType

from django.http import HttpRequest

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is used as it is only if it looks like an id (no spaces, no text).
_OFFERED_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_current_request: ContextVar[HttpRequest | None] = ContextVar("maca_request", default=None)


def current_request_id() -> str:
    request = _current_request.get()
    return getattr(request, "request_id", "") if request is not None else ""


def _user_id(request: HttpRequest) -> str:
    # Only a user already loaded for this request: logging never queries the database.
    user = request.__dict__.get("_cached_user")
    if user is not None and getattr(user, "is_authenticated", False):
        return str(user.pk)
    return "-"


def context_text() -> str:
    request = _current_request.get()
    if request is None:
        return "request=- user=-"
    return f"request={getattr(request, 'request_id', '-')} user={_user_id(request)}"


class RequestIdMiddleware:
    """Gives each request its id for the length of the request (and its response header)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = offered if _OFFERED_ID.fullmatch(offered) else uuid.uuid4().hex
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def where(tb: TracebackType | None) -> str:
    """``module:function:line`` of the innermost frame in maca's code, and of the innermost
    frame of all when that is elsewhere (a library)."""
    frames = [
        (f.f_globals.get("__name__", "?"), f.f_code.co_name, n) for f, n in traceback.walk_tb(tb)
    ]
    if not frames:
        return "unknown place"
    ours = [frame for frame in frames if str(frame[0]).startswith("maca.")]
    text = []
    if ours:
        text.append("in " + ":".join(map(str, ours[-1])))
    if not ours or ours[-1] != frames[-1]:
        text.append("raised in " + ":".join(map(str, frames[-1])))
    return ", ".join(text)


def describe(exc_info) -> str:
    kind, _, tb = exc_info
    name = (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )
    return f"{name} {where(tb)}"


class NoPersonalDataFilter(logging.Filter):
    """Keeps log records free of what might identify a child or family, and adds the request's
    context (``record.context``) to each.

    Django's request and server loggers name the URL and, on errors, attach a traceback whose
    text may quote data. maca's URLs hold database keys and pseudonymous references only, so the
    path stays; the traceback is reduced to the exception's type and place.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.getMessage()} [{describe(record.exc_info)}]"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        record.__dict__.pop("request", None)
        record.context = context_text()
        return True

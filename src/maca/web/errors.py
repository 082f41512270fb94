"""Error pages: plain words, no internals. A refusal is recorded in the audit trail."""

from __future__ import annotations

from django.shortcuts import render
from django.template.loader import get_template

from maca.web.common.views import Refused
from maca.web.trail import log_event
from maca.web.trail.models import Action


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


def server_error(request):
    # No request context: the page must render even when the database is what failed.
    from django.http import HttpResponseServerError

    return HttpResponseServerError(get_template("500.html").render({}))

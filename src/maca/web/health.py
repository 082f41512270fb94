"""``/healthz`` and ``/readyz``: what a load balancer or orchestrator asks, answered before
host checks, https redirects, sessions and sign-in. Neither says anything about people.

- ``/healthz`` (liveness): the process answers; the database is not touched.
- ``/readyz`` (readiness): the database answers a query too; else 503 with Retry-After.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
logger = logging.getLogger("maca.health")


def _plain(text: str, status: int = 200) -> HttpResponse:
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8", status=status)
    response["Cache-Control"] = "no-store"
    return response


def database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readiness: the database did not answer (%s)", type(error).__name__)
        return False
    return True


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path == LIVENESS_PATH:
            return _plain("ok")
        if path == READINESS_PATH:
            if database_ready():
                return _plain("ready")
            response = _plain("database unavailable", status=503)
            response["Retry-After"] = str(settings.MACA_RETRY_AFTER_SECONDS)
            return response
        return self.get_response(request)

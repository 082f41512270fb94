"""Absolute links, for emails: the one place that puts ``MACA_BASE_URL`` (docs/settings.md) in
front of a page's address, so a link in a reminder or an escalation opens the served maca."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def absolute_url(name: str, *args) -> str:
    """``absolute_url("audits:return-overview", 12)`` → ``https://maca.example.org/returns/12/``.

    A base URL with a path (maca served under ``/audit/``) keeps its path."""
    return settings.MACA_BASE_URL.rstrip("/") + reverse(name, args=args)

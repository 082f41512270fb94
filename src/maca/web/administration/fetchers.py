"""The administered objects by primary key, with what their pages read, or 404; for
``common.views.permission_required(perm, fetch)``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from maca.web.accounts.models import Agency, User
from maca.web.audits.models import Theme, ToolVersion


def user_from(pk) -> User:
    return get_object_or_404(User.objects.select_related("partnership", "agency"), pk=pk)


def agency_from(pk) -> Agency:
    return get_object_or_404(Agency.objects.select_related("partnership"), pk=pk)


def theme_from(pk) -> Theme:
    return get_object_or_404(Theme.objects.select_related("partnership"), pk=pk)


def tool_version_from(pk) -> ToolVersion:
    return get_object_or_404(ToolVersion.objects.select_related("tool__partnership"), pk=pk)

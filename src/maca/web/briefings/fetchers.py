"""The briefings app's objects by primary key, or 404 (for ``permission_required``)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import PublishedBriefing


def published_from(pk) -> PublishedBriefing:
    """A published version without its files (a download reads the one it sends), or 404."""
    return get_object_or_404(
        PublishedBriefing.objects.select_related("audit__partnership").defer(
            *PublishedBriefing.FILE_FIELDS
        ),
        pk=pk,
    )

"""Lists of briefings go through ``visible_to`` queries that say in SQL what ``rules.py`` says."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import PublishedBriefing


def visible_published(user) -> QuerySet[PublishedBriefing]:
    """Published versions a user may read: every version of their partnership's audits."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.partnership_id):
        return PublishedBriefing.objects.none()
    return (
        PublishedBriefing.objects.filter(audit__partnership_id=user.partnership_id)
        .select_related("audit")
        .defer(*PublishedBriefing.FILE_FIELDS, "source")
    )

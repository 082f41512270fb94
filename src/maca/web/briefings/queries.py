"""Lists of briefings go through ``visible_to`` queries that say in SQL what ``rules.py`` says."""

from __future__ import annotations

from django.db.models import QuerySet

from maca.web.audits.models import Audit
from maca.web.audits.queries import BUSINESS_TEAM

from .models import PublishedBriefing


def visible_published(user) -> QuerySet[PublishedBriefing]:
    """Published versions a user may read: every version of their partnership's audits; a
    withdrawn version only for the business team (who still see it, marked withdrawn)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.partnership_id):
        return PublishedBriefing.objects.none()
    versions = (
        PublishedBriefing.objects.filter(audit__partnership_id=user.partnership_id)
        .select_related("audit")
        .defer(*PublishedBriefing.FILE_FIELDS, "source")
    )
    if user.role in BUSINESS_TEAM:
        return versions
    return versions.filter(withdrawn_at__isnull=True)


def current_version(audit: Audit) -> PublishedBriefing | None:
    """The latest version of the audit's briefing that is not withdrawn, if any."""
    return (
        audit.published_briefings.filter(withdrawn_at__isnull=True)
        .defer(*PublishedBriefing.FILE_FIELDS, "source")
        .order_by("-version")
        .first()
    )

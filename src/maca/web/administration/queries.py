"""The lists of the administration pages, each through a ``visible_to``-style query: a
partnership admin's own partnership's rows, nobody else's (what ``rules.py`` says per object)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from maca.web.accounts.models import Agency, User
from maca.web.accounts.readiness import with_people_counted
from maca.web.audits.models import AuditTool, SingleAgencyReturn, Theme, ToolVersion


def _administers(user) -> bool:
    return bool(user.has_perm("administration.administer") and user.partnership_id)


def users_visible_to(user) -> QuerySet[User]:
    if not _administers(user):
        return User.objects.none()
    return User.objects.filter(partnership_id=user.partnership_id).select_related("agency")


def agencies_visible_to(user) -> QuerySet[Agency]:
    """The partnership's agencies with their active agency leads and active users counted, so
    that the business team sees the gaps before an audit."""
    if not _administers(user):
        return Agency.objects.none()
    return with_people_counted(Agency.objects.filter(partnership_id=user.partnership_id))


def themes_visible_to(user) -> QuerySet[Theme]:
    if not _administers(user):
        return Theme.objects.none()
    return Theme.objects.filter(partnership_id=user.partnership_id).annotate(
        finding_count=Count("findings", distinct=True)
    )


def tools_visible_to(user) -> QuerySet[AuditTool]:
    if not _administers(user):
        return AuditTool.objects.none()
    return AuditTool.objects.filter(partnership_id=user.partnership_id)


def tool_versions_visible_to(user) -> QuerySet[ToolVersion]:
    """The partnership's versions, each with how many audits and returns use it."""
    if not _administers(user):
        return ToolVersion.objects.none()
    return (
        ToolVersion.objects.filter(tool__partnership_id=user.partnership_id)
        .select_related("tool", "based_on")
        .annotate(audit_count=Count("audits", distinct=True))
    )


def return_count(version: ToolVersion) -> int:
    return SingleAgencyReturn.objects.filter(tool_version=version).count()

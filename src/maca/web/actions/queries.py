"""Every list and export of this app goes through one of these ``visible_to`` queries: they say
in SQL what ``rules.py`` says per object, so that a list never shows a row its page would refuse.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maca.web.accounts.roles import Role
from maca.web.audits.models import Audit
from maca.web.audits.stages import ORDER, Stage

from .models import Action, BriefingDiscussion, Resource

BUSINESS_TEAM = (Role.PARTNERSHIP_ADMIN, Role.AUDIT_LEAD)
AGENCY_ROLES = (Role.AGENCY_LEAD, Role.PRACTITIONER, Role.PANEL_MEMBER)


def _active(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.partnership_id
        and user.role
    )


def stages_from(stage: Stage) -> list[str]:
    return [s.value for s in ORDER[ORDER.index(stage) :]]


def visible_actions(user, audit: Audit | None = None) -> QuerySet[Action]:
    """The actions a user may read: the partnership's, from moderation on (for the board reader,
    once the audit's findings are agreed); of one audit when ``audit`` is given."""
    actions = Action.objects.select_related(
        "audit", "theme", "owner_agency", "lead_user", "finding__case"
    )
    if not _active(user):
        return actions.none()
    if user.role in BUSINESS_TEAM or user.role == Role.AGENCY_LEAD:
        first = Stage.MODERATION_OPEN
    elif user.role == Role.BOARD_READER:
        first = Stage.FINDINGS_AGREED
    else:
        return actions.none()
    actions = actions.filter(
        audit__partnership_id=user.partnership_id, audit__stage__in=stages_from(first)
    )
    return actions.filter(audit=audit) if audit is not None else actions


def updatable_by(user, actions: QuerySet[Action]) -> QuerySet[Action]:
    """Of ``actions``, those the user may update (``actions.update_action``)."""
    if not _active(user):
        return actions.none()
    if user.role in BUSINESS_TEAM:
        return actions
    if user.role == Role.AGENCY_LEAD:
        return actions.filter(owner_agency_id=user.agency_id)
    return actions.none()


def visible_resources(user) -> QuerySet[Resource]:
    """The partnership's library: what is offered, and for the business team what was withdrawn
    too."""
    if not _active(user):
        return Resource.objects.none()
    resources = Resource.objects.filter(partnership_id=user.partnership_id).prefetch_related(
        "themes"
    )
    return resources if user.role in BUSINESS_TEAM else resources.filter(active=True)


def offered_resources(partnership) -> QuerySet[Resource]:
    """What a briefing of the partnership may choose from."""
    return Resource.objects.filter(partnership=partnership, active=True).prefetch_related("themes")


def visible_discussions(user, audit: Audit) -> QuerySet[BriefingDiscussion]:
    """The teams' discussions of an audit's published briefings (``actions.view_reach``)."""
    discussions = BriefingDiscussion.objects.filter(published__audit=audit).select_related(
        "agency", "published"
    )
    if not _active(user) or audit.partnership_id != user.partnership_id:
        return discussions.none()
    if user.role in BUSINESS_TEAM or user.role in (Role.AGENCY_LEAD, Role.BOARD_READER):
        return discussions
    return discussions.none()

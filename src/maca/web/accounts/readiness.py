"""Which of a partnership's agencies are ready to take part in an audit: the gaps the business
team closes before returns open, and the assign page shows where assignments are made. An
agency that returns to audits (not the business team) needs an active agency lead (or the audit
lead signs off its returns on its behalf, ADR 0301) and active users (or nobody would see its
assignments)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import Agency
from .roles import Role


def with_people_counted(agencies: QuerySet[Agency]) -> QuerySet[Agency]:
    """The agencies with ``lead_count`` (active agency leads) and ``user_count`` (active users)."""
    active = Q(users__is_active=True)
    return agencies.annotate(
        lead_count=Count("users", filter=active & Q(users__role=Role.AGENCY_LEAD)),
        user_count=Count("users", filter=active),
    )


def gaps(agencies) -> dict[str, list[Agency]]:
    """Of agencies counted by ``with_people_counted``: the active ones that return to audits with
    no active agency lead, and those with no active users at all."""
    returning = [a for a in agencies if a.active and a.kind != Agency.Kind.BUSINESS_TEAM]
    return {
        "no_lead": [a for a in returning if not a.lead_count],
        "no_users": [a for a in returning if not a.user_count],
    }


def gaps_of(partnership) -> dict[str, list[Agency]]:
    """The gaps of the partnership's active agencies."""
    return gaps(with_people_counted(Agency.objects.filter(partnership=partnership, active=True)))

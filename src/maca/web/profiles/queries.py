"""The audit's current profile and exclusions, and what a user may see of them (the SQL side of
``rules.py``). ``profile_for(audit)`` is the one way other apps read an audit's profile."""

from __future__ import annotations

import json

from django.db.models import Count, QuerySet

from maca.cohort.contract import EXCLUSION_REASON_LABELS, EXCLUSION_REASONS
from maca.profile import CohortProfile, read_profile
from maca.web.accounts.roles import Role
from maca.web.audits.models import Audit

from .models import Exclusion, ExclusionsFile, ProfileFile

BUSINESS_TEAM = (Role.PARTNERSHIP_ADMIN, Role.AUDIT_LEAD)


def current_profile_file(audit: Audit) -> ProfileFile | None:
    return ProfileFile.objects.filter(audit=audit, replaced_at__isnull=True).first()


def current_exclusions_file(audit: Audit) -> ExclusionsFile | None:
    return ExclusionsFile.objects.filter(audit=audit, replaced_at__isnull=True).first()


def as_profile(stored: ProfileFile) -> CohortProfile:
    """The stored document read again through the core's validated reader."""
    return read_profile(json.dumps(stored.document))


def profile_for(audit: Audit) -> CohortProfile | None:
    """The audit's current cohort profile (validated, suppression applied), or None.

    For other apps: the briefing's Scope ("what the data tell us") and the re-audit comparison.
    It is aggregate and small-number-safe; who may see it is ``profiles.view_profile``.
    """
    stored = current_profile_file(audit)
    return as_profile(stored) if stored else None


def exclusion_counts(audit: Audit) -> list[tuple[str, str, int]]:
    """(reason, reason in words, rows) for every reason, in the cohort's order of precedence."""
    stored = current_exclusions_file(audit)
    found: dict[str, int] = {}
    if stored is not None:
        rows = stored.rows.values("reason").annotate(n=Count("id"))
        found = {r["reason"]: r["n"] for r in rows}
    return [(r, EXCLUSION_REASON_LABELS[r], found.get(r, 0)) for r in EXCLUSION_REASONS]


def visible_exclusions(user, audit: Audit) -> QuerySet[Exclusion]:
    """The audit's current exclusions for the business team of its partnership; none else."""
    if not (getattr(user, "is_authenticated", False) and user.has_role(*BUSINESS_TEAM)):
        return Exclusion.objects.none()
    return Exclusion.objects.filter(
        file__audit=audit,
        file__audit__partnership_id=user.partnership_id,
        file__replaced_at__isnull=True,
    ).order_by("row")

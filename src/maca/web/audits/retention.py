"""``maca retention run``: the identifying details of an audit go a set time after its learning
briefing was first published; findings, the briefing and the trail stay.

The time is the partnership's own (``identifying_details_kept_days``, as its information-sharing
agreement says) or else the installation's ``MACA_RETENTION_DAYS``. A run purges every audit past
its date that still holds identifying details, each in its own transaction with its trail entry,
and marks it purged, so running it daily (or twice) purges each audit once. ``--dry-run`` says
what would go and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from maca.web.trail import log_event
from maca.web.trail.models import Action

from .models import Audit, Case

# What counts as an audit's identifying details: model → (fields to blank, filter to its audit).
# A field the disclosure check marks identifying later joins this list.
IDENTIFYING_FIELDS = {Case: (("person_id", "person_id_index"), "audit")}


@dataclass
class Due:
    audit: Audit
    published_at: datetime
    kept_days: int
    due_at: datetime
    held: int  # records holding an identifying detail

    def line(self) -> str:
        return (
            f"A{self.audit.pk} ({self.audit.partnership.name}): {self.held} cases' identifying "
            f"details, briefing first published {self.published_at:%Y-%m-%d}, kept "
            f"{self.kept_days} days (due {self.due_at:%Y-%m-%d})"
        )


def _held(audit: Audit) -> int:
    total = 0
    for model, (fields, to_audit) in IDENTIFYING_FIELDS.items():
        rows = model.objects.filter(**{to_audit: audit}).values_list(*fields[:1], flat=True)
        total += sum(1 for value in rows if value)
    return total


def due(now: datetime | None = None) -> list[Due]:
    """The audits past their date whose identifying details have not been purged yet."""
    now = now or timezone.now()
    found = []
    audits = (
        Audit.objects.filter(identifying_purged_at__isnull=True)
        .annotate(first_published=Min("published_briefings__published_at"))
        .filter(first_published__isnull=False)
        .select_related("partnership")
        .order_by("pk")
    )
    for audit in audits:
        days = audit.partnership.identifying_details_kept_days
        kept = settings.MACA_RETENTION_DAYS if days is None else days
        due_at = audit.first_published + timedelta(days=kept)
        if due_at <= now:
            found.append(Due(audit, audit.first_published, kept, due_at, _held(audit)))
    return found


def purge(item: Due, now: datetime | None = None) -> bool:
    """Purge one audit's identifying details, with its trail entry; False if another run did."""
    now = now or timezone.now()
    with transaction.atomic():
        if (
            not Audit.objects.select_for_update()
            .filter(pk=item.audit.pk, identifying_purged_at__isnull=True)
            .update(identifying_purged_at=now)
        ):
            return False
        for model, (fields, to_audit) in IDENTIFYING_FIELDS.items():
            model.objects.filter(**{to_audit: item.audit}).update(**{f: "" for f in fields})
        log_event(
            None,
            Action.PURGE,
            obj=item.audit,
            summary=(
                f"Purged the identifying details of {item.held} cases: retention of "
                f"{item.kept_days} days after the briefing was first published on "
                f"{item.published_at:%Y-%m-%d}"
            ),
            partnership=item.audit.partnership,
        )
    return True


def run(*, dry_run: bool = False, now: datetime | None = None) -> list[Due]:
    """Purge (or with ``dry_run`` only list) every audit that is due; the ones purged."""
    items = due(now)
    if dry_run:
        return items
    done = [item for item in items if purge(item, now)]
    if done:
        from maca.web.encryption.rotation import reclaim_old_row_versions

        reclaim_old_row_versions([Case])
    return done

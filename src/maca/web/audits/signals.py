"""A partnership, once made, has its own copy of the shipped tool and themes (ADR 0341), however
it was made: the Django admin, the demo, the shell or a test."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from maca.web.accounts.models import Partnership

from .shipped import give_shipped_defaults


@receiver(post_save, sender=Partnership, dispatch_uid="audits.partnership_defaults")
def partnership_made(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        give_shipped_defaults(instance)

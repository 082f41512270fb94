from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    VIEW_IDENTIFYING = "view_identifying", "Viewed identifying details"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    EXPORT = "export", "Exported"
    DENIED = "denied", "Access refused"
    ESCALATE = "escalate", "Escalated a safeguarding concern"
    PUBLISH = "publish", "Published"
    TWO_FACTOR = "two_factor", "Two-factor sign-in"
    PURGE = "purge", "Purged identifying details"
    BACKUP = "backup", "Backed up"
    RESTORE = "restore", "Restored from a backup"


class AuditEvent(models.Model):
    """One entry of the audit trail. Never changed or deleted once written.

    ``summary`` says what happened in words that carry no personal data: records are named by
    their pseudonymous reference (case C001, return 12), never by a child's name or id.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    partnership = models.ForeignKey(
        "accounts.Partnership", null=True, blank=True, on_delete=models.PROTECT
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_ref = models.CharField(max_length=100, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["partnership", "occurred_at"])]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.get_action_display()}"
        )

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("Audit trail entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit trail entries cannot be deleted.")

"""What the cohort upload keeps of ``maca profile`` and ``maca cohort``: the audit's profile
(its validated ``profile.json``) and its exclusions (``exclusions.csv``, pseudonymised: no person
id is ever stored here). A replacement keeps the one it replaces, marked ``replaced_at``: the
current one of an audit is the one not replaced (at most one, by constraint)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from maca.cohort.contract import EXCLUSION_REASON_LABELS
from maca.cohort.exclusions_file import Exclusion as ExclusionRow
from maca.web.accounts.models import Partnership
from maca.web.audits.models import Audit


class UploadedFile(models.Model):
    """Who uploaded which file for an audit, when, and what replaced it (``audit`` is the
    subclass's, each with its own name on the audit)."""

    audit: models.ForeignKey
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    replaced_at = models.DateTimeField(null=True, blank=True)

    kind = ""  # "profile", "exclusions": in the trail's reference

    class Meta:
        abstract = True
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit"],
                condition=models.Q(replaced_at__isnull=True),
                name="one_current_%(class)s_per_audit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trail_ref} ({self.file_name})"

    @property
    def trail_ref(self) -> str:
        return f"{self.kind} {self.pk} of A{self.audit.pk}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership


class ProfileFile(UploadedFile):
    """A ``profile.json`` as ``maca.profile.read_profile`` validated it (suppression applied)."""

    kind = "profile"
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="profile_files")
    document = models.JSONField()


class ExclusionsFile(UploadedFile):
    """A pseudonymised ``exclusions.csv``; its rows are :class:`Exclusion`."""

    kind = "exclusions"
    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="exclusions_files")


class Exclusion(models.Model):
    """A removal event or police row not in the cohort, and why (never a person id)."""

    file = models.ForeignKey(ExclusionsFile, on_delete=models.CASCADE, related_name="rows")
    exclusion_ref = models.CharField(max_length=20)
    pp_refs = models.CharField("police references", max_length=500, blank=True)
    l1_refs = models.CharField("L1 references", max_length=500, blank=True)
    removal_date = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=30, choices=list(EXCLUSION_REASON_LABELS.items()))
    detail = models.TextField()
    row = models.PositiveIntegerField()

    class Meta:
        ordering = ["file", "row"]
        constraints = [
            models.UniqueConstraint(
                fields=["file", "exclusion_ref"], name="exclusion_ref_unique_in_file"
            )
        ]

    def __str__(self) -> str:
        return self.exclusion_ref

    @classmethod
    def from_row(cls, file: ExclusionsFile, row: ExclusionRow) -> Exclusion:
        """An unsaved exclusion of ``file`` from a row the core's reader checked."""
        return cls(
            file=file,
            exclusion_ref=row.exclusion_ref,
            pp_refs=row.pp_refs,
            l1_refs=row.l1_refs,
            removal_date=row.removal_date,
            reason=row.reason,
            detail=row.detail,
            row=row.row,
        )

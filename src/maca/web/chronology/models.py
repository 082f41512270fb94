"""What was uploaded to an audit's chronology: each upload (kept, with its rejected rows) and
the entries it gave. Re-uploading replaces the same agency's earlier entries for the cases in
the new file (``services.upload_chronology``); the earlier upload stays, with what replaced it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from maca.web.accounts.models import Agency
from maca.web.audits.models import Audit, Case


class Upload(models.Model):
    """One file uploaded by an agency (``agency``), or the system records file loaded by the
    business team (``system_records``, no agency: each row's agency follows from its kind)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="chronology_uploads")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    system_records = models.BooleanField(default=False)
    file_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    rows_read = models.PositiveIntegerField(default=0)
    entries_kept = models.PositiveIntegerField(default=0)
    entries_replaced = models.PositiveIntegerField(default=0)
    case_refs = models.JSONField(default=list, blank=True)  # the cases the file gave entries for
    rejects = models.JSONField(default=list, blank=True)  # [{row, column, value, reason}]
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(system_records=True, agency__isnull=True)
                | models.Q(system_records=False, agency__isnull=False),
                name="chronology_upload_agency_or_system_records",
            )
        ]

    def __str__(self) -> str:
        return f"Chronology upload {self.pk}"

    @property
    def trail_ref(self) -> str:
        return f"chronology upload {self.pk}"

    @property
    def partnership(self):
        return self.audit.partnership

    @property
    def rows_rejected(self) -> int:
        return len({r["row"] for r in self.rejects if r["row"] > 1})

    @property
    def by_whom(self) -> str:
        return self.agency.name if self.agency is not None else "System records"


class UploadedEntry(models.Model):
    """One chronology entry of an upload, as the core read it."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="entries")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="uploaded_entries")
    agency_name = models.CharField(max_length=200)  # the uploader's agency, or a system record's
    row = models.PositiveIntegerField()
    date = models.DateField()
    date_uncertain = models.BooleanField(default=False)
    date_month_only = models.BooleanField(default=False)
    end_date = models.DateField(null=True, blank=True)
    end_date_uncertain = models.BooleanField(default=False)
    end_date_month_only = models.BooleanField(default=False)
    time = models.TimeField(null=True, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=100)
    source = models.CharField(max_length=200)
    event = models.TextField()
    significance = models.CharField(max_length=10, blank=True)
    impact_on_child = models.CharField(max_length=10, blank=True)
    action_taken = models.TextField(blank=True)
    practitioner_role = models.CharField(max_length=100, blank=True)
    system_event = models.CharField(max_length=40, blank=True)
    record_ref = models.CharField(max_length=40, blank=True)
    family_ref = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["case", "agency_name"])]

    def __str__(self) -> str:
        return f"Chronology entry {self.pk}"

"""A learning briefing per audit: the author's narrative (the draft), the cohort's scope.json,
the author's small-number decisions, every published version with its four files (a version
can be withdrawn, and is kept), and the author's confirmations that each passage people wrote
was read for identifying details.

The numbers and lists (scope, strengths, learning, family voice, charts) are not stored here:
they are read from the audit each time the briefing is built, so they stay in step with it.
Published versions keep their files in the database, so a version outlives any folder.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from maca.web.accounts.models import Partnership
from maca.web.audits.models import Audit


class BriefingDraft(models.Model):
    """The narrative the author writes; one per audit."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="briefing_draft")
    priority = models.CharField("partnership priority", max_length=200, blank=True)
    title = models.CharField("theme (title)", max_length=200, blank=True)
    partnership_short = models.CharField("partnership short name", max_length=30, blank=True)
    social_care_name = models.CharField(
        "what the briefing calls children's social care", max_length=60, default="CYPS"
    )
    published_month = models.CharField(
        "month of publication", max_length=30, blank=True, help_text="Blank: the month published."
    )
    overview = models.TextField(blank=True)
    methodology = models.TextField(blank=True)
    # [{"term", "text", "placement"}]; placement "overview" or "scope" (as in the seed).
    definitions = models.JSONField(default=list, blank=True)
    # {theme pk: {"key_phrase", "sentence", "agency", "learning_title", "learning_text",
    #  "bullets": [...]}}: the author's words per theme; the themes shown come from findings.
    theme_texts = models.JSONField(default=dict, blank=True)
    # Family views (ids) the author leaves out of the briefing although consent was given.
    left_out_voices = models.JSONField(default=list, blank=True)
    next_steps_intro = models.TextField("next steps introduction", blank=True)
    next_steps_items = models.JSONField(default=list, blank=True)
    # [{"title", "url", "placement"}]; placement as in maca.briefing.model.RESOURCE_PLACEMENTS.
    resources = models.JSONField(default=list, blank=True)
    seven_minute = models.JSONField(default=dict, blank=True)
    small_number_threshold = models.PositiveSmallIntegerField(default=5)
    # The cohort's scope.json as `maca cohort` wrote it; None: derived from the cases' flags.
    scope_json = models.JSONField(null=True, blank=True)
    scope_file_name = models.CharField(max_length=200, blank=True)
    scope_uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scope_uploaded_at = models.DateTimeField(null=True, blank=True)
    # The cohort profile's findings (measure keys) the Scope shows, "what the data tell us".
    profile_findings = models.JSONField(default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Briefing draft for {self.audit}"

    @property
    def trail_ref(self) -> str:
        return f"briefing of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership


class SmallNumberDecision(models.Model):
    """The author's choice for one count under the threshold. Append-only: the latest per key
    is the one in force, earlier ones stay as the record of who chose what, when."""

    class Choice(models.TextChoices):
        CONFIRM = "confirm", "Confirm: publish the number"
        SUPPRESS = "suppress", "Suppress: publish “fewer than 5”"

    draft = models.ForeignKey(BriefingDraft, on_delete=models.CASCADE, related_name="decisions")
    key = models.CharField(max_length=300)
    value = models.PositiveIntegerField()
    choice = models.CharField(max_length=10, choices=Choice.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by_name = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.key}={self.value}: {self.choice}"

    @property
    def trail_ref(self) -> str:
        return f"small number {self.key} of A{self.draft.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.draft.audit.partnership


class PublishedBriefing(models.Model):
    """One published version, kept for good with who published it and when."""

    # The four files, each a few hundred kB: lists and pages that show no file defer them.
    FILE_FIELDS = ("html", "pdf", "docx", "seven_minute_pdf")

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="published_briefings")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_by_name = models.CharField(max_length=150)
    published_at = models.DateTimeField(default=timezone.now)
    html = models.TextField()
    pdf = models.BinaryField()
    docx = models.BinaryField()
    seven_minute_pdf = models.BinaryField()
    # publication.json (file hashes, small-number decisions) and the briefing input as built.
    record = models.JSONField(default=dict)
    source = models.JSONField(default=dict)
    # A withdrawn version stays in the history; only the business team may still download it.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_by_name = models.CharField(max_length=150, blank=True)
    # Written by the business team and shown only to them: it may say what was wrong.
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "version"], name="briefing_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"

    @property
    def trail_ref(self) -> str:
        return f"briefing v{self.version} of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class PassageConfirmation(models.Model):
    """A person's word that one passage (a quote, a finding's sentence, a narrative field …) was
    read for identifying details. It covers the passage's exact text, by its fingerprint
    (:func:`maca.briefing.passage_fingerprint`): a passage changed afterwards needs it again.
    ``where`` names the place in words, never the text."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="confirmations")
    fingerprint = models.CharField(max_length=64)
    where = models.CharField(max_length=200)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_by_name = models.CharField(max_length=150)
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "fingerprint"], name="passage_confirmed_once_per_audit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.where}: read by {self.confirmed_by_name}"

    @property
    def trail_ref(self) -> str:
        return f"passages of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership

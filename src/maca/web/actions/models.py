"""From learning to changed practice: the partnership's resource library, each audit's action
plan (SMART actions with a RAG status, its history and the evidence of impact), the teams that
discussed a published briefing, and re-audits.

Nothing here names a child: an action is tied to an area for learning (a theme of the briefing's
learning, and the case finding it came from, if any), never to a person. Histories are
append-only: a status change and an item of impact evidence are added, never edited.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone

from maca.web.accounts.models import Agency, Partnership
from maca.web.audits.models import Audit, Finding, Theme
from maca.web.briefings.models import PublishedBriefing

# Bounds of every free text, in one place (forms and models share them).
TITLE_LENGTH = 200
URL_LENGTH = 500
SHORT_TEXT = 1000
LONG_TEXT = 2000
MAX_ATTENDEES = 500
WEB_LINK = URLValidator(schemes=["http", "https"], message="Enter an address starting https://")


class Resource(models.Model):
    """A briefing, training course, guidance or e-learning the partnership offers, with its link,
    tagged to the themes it helps with. Briefings' next steps and resources are chosen from
    these; a resource withdrawn from the library drops out of drafts that chose it."""

    class Kind(models.TextChoices):
        BRIEFING = "briefing", "Briefing"
        TRAINING = "training", "Training course"
        GUIDANCE = "guidance", "Guidance"
        E_LEARNING = "e_learning", "E-learning"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="resources")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=TITLE_LENGTH)
    url = models.CharField("link", max_length=URL_LENGTH, validators=[WEB_LINK])
    description = models.TextField(max_length=SHORT_TEXT, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    active = models.BooleanField("offered", default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "title"], name="resource_title_unique_in_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def trail_ref(self) -> str:
        return f"resource {self.pk}"


class Action(models.Model):
    """A SMART action for one area for learning of an audit."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        RED = "red", "Red: off track"
        AMBER = "amber", "Amber: at risk"
        GREEN = "green", "Green: on track"
        COMPLETE = "complete", "Complete"

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="actions")
    # The area for learning: the theme of the briefing's learning point, and the case finding it
    # was raised from when it came from one (kept if the finding goes: the words stay in `area`).
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    area = models.CharField("area for learning", max_length=TITLE_LENGTH)
    text = models.TextField("what will be done", max_length=SHORT_TEXT)
    measure = models.TextField("how you will know it is done", max_length=SHORT_TEXT)
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="owner agency"
    )
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name="lead",
    )
    lead_role = models.CharField("lead (a named role)", max_length=TITLE_LENGTH, blank=True)
    due_date = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Optimistic locking, as for returns: a change applies only to the version the form showed.
    version = models.PositiveIntegerField(default=0)
    completed_at = models.DateTimeField(null=True, blank=True)
    no_impact_reason = models.TextField(
        "why it is complete without evidence of impact", max_length=SHORT_TEXT, blank=True
    )
    reminded_before_on = models.DateField(null=True, blank=True)
    reminded_after_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"Action {self.pk} of {self.audit}"

    @property
    def trail_ref(self) -> str:
        return f"action {self.pk} of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership

    @property
    def complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    def overdue(self, today: date | None = None) -> bool:
        return not self.complete and self.due_date < (today or timezone.localdate())

    @property
    def lead(self) -> str:
        """Who leads it, by role and agency, never by name (the board report reads this)."""
        if self.lead_role:
            return self.lead_role
        user = self.lead_user
        if user is None:
            return ""
        return user.job_title or user.role_label


class StatusChange(models.Model):
    """One change of an action's RAG status: who, when and why. Append-only."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Action.Status.choices)
    reason = models.TextField(max_length=SHORT_TEXT)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"

    @property
    def trail_ref(self) -> str:
        return f"status change {self.pk} of action {self.action_id}"


class ImpactEvidence(models.Model):
    """What changed in practice because of an action, and how it was measured. Kept apart from
    the action being done: completion is not impact. Append-only."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="impact")
    what_changed = models.TextField("what changed in practice", max_length=LONG_TEXT)
    how_measured = models.TextField("how it was measured", max_length=SHORT_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name_plural = "impact evidence"

    def __str__(self) -> str:
        return f"Impact evidence {self.pk} for action {self.action_id}"

    @property
    def trail_ref(self) -> str:
        return f"impact {self.pk} of action {self.action_id}"


class BriefingDiscussion(models.Model):
    """A team that discussed a published briefing: when, how many were there, its answers to
    the 7-minute briefing's reflective questions, and what it will do."""

    published = models.ForeignKey(
        PublishedBriefing, on_delete=models.PROTECT, related_name="discussions"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    team = models.CharField(max_length=TITLE_LENGTH)
    discussed_on = models.DateField("discussed on")
    attendees = models.PositiveSmallIntegerField(
        "people at the discussion",
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ATTENDEES)],
    )
    # [{"question": ..., "answer": ...}] in the briefing's order.
    answers = models.JSONField(default=list, blank=True)
    will_do = models.TextField("what the team will do", max_length=LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-discussed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.team} ({self.agency}) discussed {self.published}"

    @property
    def trail_ref(self) -> str:
        return f"discussion {self.pk} of briefing v{self.published.version} of A{self.audit_id}"

    @property
    def audit_id(self) -> int:
        return self.published.audit_id

    @property
    def partnership(self) -> Partnership:
        return self.published.audit.partnership


class ReAudit(models.Model):
    """An audit started from an earlier one: the same cohort rules and tool version, a new
    period. The cohort's parameters for the new period are kept here, as scope.json would
    record them, so the command to find the cohort can be shown and the result checked."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="reaudit")
    earlier = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="reaudits")
    period_from = models.DateField("new period from")
    period_to = models.DateField("new period to")
    cohort_parameters = models.JSONField(default=dict)
    # False when the earlier audit had no scope.json: the rules' defaults were all to go on.
    parameters_known = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "re-audit"

    def __str__(self) -> str:
        return f"{self.audit} (re-audit of {self.earlier})"

    @property
    def trail_ref(self) -> str:
        return f"re-audit A{self.audit_id} of A{self.earlier_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership

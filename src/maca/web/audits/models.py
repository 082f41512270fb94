"""An audit: its tool, cases, agency assignments and returns, and what audit day agrees.

Records are named in the trail by pseudonymous references (``trail_ref``): case C001, return R12.
The person id of a case is the only identifying detail held here, on the case, shown only to the
people allowed to see it (see ``rules.py``), encrypted at rest (``EncryptedTextField``) and purged
by ``maca retention run`` (``retention.py``; ``IDENTIFYING_FIELDS`` names what it purges).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from maca.web.accounts.models import Agency, Partnership
from maca.web.encryption import BlindIndexField, EncryptedTextField

from . import tool_schema
from .stages import Stage


class AuditTool(models.Model):
    """A named audit tool ("First 1001 Days") of one partnership; its questions live in versions.

    Partnerships are sealed: each has its own tools and themes, copied from what ships with maca
    (``shipped.py``) when the partnership is made, and no partnership sees another's (ADR 0341).
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="audit_tools"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="audit_tool_name_unique_in_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def trail_ref(self) -> str:
        return f"tool {self.pk}"


class ToolVersion(models.Model):
    tool = models.ForeignKey(AuditTool, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    sections = models.JSONField(help_text="Sections, questions and answer types (see the guide).")
    published = models.BooleanField(default=True, help_text="Offered when commissioning.")
    created_at = models.DateTimeField(default=timezone.now)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The version this one was copied from.",
    )

    class Meta:
        ordering = ["tool__name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["tool", "version"], name="tool_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.tool} v{self.version}"

    @property
    def trail_ref(self) -> str:
        return str(self)

    @property
    def partnership(self) -> Partnership:
        return self.tool.partnership

    @property
    def has_returns(self) -> bool:
        """Returns were made with it: its questions can no longer change (see ``clean``)."""
        return bool(self.pk) and SingleAgencyReturn.objects.filter(tool_version_id=self.pk).exists()

    def clean(self) -> None:
        problems = tool_schema.problems_in(self.sections)
        if problems:
            raise ValidationError({"sections": problems})
        if self.has_returns:
            stored = ToolVersion.objects.get(pk=self.pk).sections
            if stored != self.sections:
                raise ValidationError(
                    {"sections": "Returns were made with this version: add a new version instead."}
                )

    def section(self, key: str) -> dict | None:
        return next((s for s in self.sections if str(s["key"]) == key), None)


class Theme(models.Model):
    """A learning theme of one partnership, shared across its audits (the list in
    shared/spec/audit.md is what ships). A retired theme stays on the findings it tags."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(max_length=200)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="theme_name_unique_in_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def trail_ref(self) -> str:
        return f"theme {self.pk}"


class Audit(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="audits")
    title = models.CharField(max_length=200)
    priority = models.CharField("partnership priority", max_length=200, blank=True)
    question = models.TextField()
    terms_of_reference = models.TextField()
    lawful_basis = models.TextField()
    isa_reference = models.CharField("information-sharing agreement reference", max_length=100)
    tool_version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="audits")
    returns_due = models.DateField("returns due")
    audit_day = models.DateField("audit day (moderation)", null=True, blank=True)
    grading = models.BooleanField("grade cases", default=False)
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.COMMISSIONED)
    stage_changed_at = models.DateTimeField("stage changed", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    identifying_purged_at = models.DateTimeField(
        "identifying details purged", null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def trail_ref(self) -> str:
        return f"A{self.pk}"


class CohortUpload(models.Model):
    """One load of cohort.csv and/or key.csv, so that a wrong one can be undone as a whole: the
    cases it made (``Case.cohort_upload``) and the cases it gave a person id."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="uploads")
    cohort_name = models.CharField("cohort file", max_length=200, blank=True)
    key_name = models.CharField("key file", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    cases_created = models.PositiveIntegerField(default=0)
    # Primary keys of the cases this upload's key file gave a person id (never the ids).
    identified_cases = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        files = " and ".join(n for n in (self.cohort_name, self.key_name) if n)
        return f"Upload of {files or 'files'}"

    @property
    def trail_ref(self) -> str:
        return f"upload {self.pk} of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership


class CaseQuerySet(models.QuerySet):
    def current(self) -> CaseQuerySet:
        """The cases still in the audit: a withdrawn case leaves counts, lists and the
        briefing, but stays visible as withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self) -> CaseQuerySet:
        return self.filter(withdrawn_at__isnull=False)


class OfCurrentCases(models.QuerySet):
    """Records of a case (findings, family views): ``current()`` leaves out those of withdrawn
    cases (a family view linked to no case stays)."""

    def current(self):
        return self.exclude(case__withdrawn_at__isnull=False)


class Case(models.Model):
    """A child in the audit, known by a pseudonymous reference. Flags and their detail come from
    cohort.csv (every column but the identifying references)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="cases")
    case_ref = models.CharField(max_length=20)
    family_ref = models.CharField(max_length=20, blank=True)
    person_id = EncryptedTextField(
        "person id", max_length=100, blank=True, help_text="Identifying: shown only when allowed."
    )
    person_id_index = BlindIndexField(source="person_id")
    removal_date = models.DateField(null=True, blank=True)
    removal_kind = models.CharField(max_length=30, blank=True)
    source = models.CharField(max_length=20, blank=True)
    age_days = models.IntegerField(null=True, blank=True)
    day_of_1001 = models.IntegerField(null=True, blank=True)
    in_first_1001_days = models.BooleanField(null=True)
    known_historically = models.BooleanField(null=True)
    history_kinds = models.CharField(max_length=100, blank=True)
    sibling_known = models.BooleanField(null=True)
    recent_closure = models.BooleanField(null=True)
    moved_in = models.BooleanField(null=True)
    has_sibling_group = models.BooleanField(null=True)
    post_removal_involvement = models.BooleanField(null=True)
    history_detail = models.TextField(blank=True)
    sibling_detail = models.TextField(blank=True)
    recent_closure_date = models.DateField(null=True, blank=True)
    moved_in_signals = models.CharField(max_length=200, blank=True)
    added_by_hand = models.BooleanField(default=False)
    cohort_upload = models.ForeignKey(
        CohortUpload, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["audit", "case_ref"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "case_ref"], name="case_ref_unique_in_audit")
        ]

    def __str__(self) -> str:
        return f"Child {self.case_ref}"

    @property
    def trail_ref(self) -> str:
        return f"{self.case_ref} of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Assignment(models.Model):
    """An agency asked to complete a return for a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assignments")
    agency_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_assignments",
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    due_date = models.DateField()
    reminded_before_on = models.DateField(null=True, blank=True)
    reminded_after_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["case__case_ref", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "agency"], name="one_assignment_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.case} – {self.agency}"

    @property
    def trail_ref(self) -> str:
        return f"{self.case.case_ref}/{self.agency_id} of A{self.case.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.case.audit.partnership


class SingleAgencyReturn(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        SIGNED_OFF = "signed_off", "Signed off"
        REOPENED = "reopened", "Re-opened"
        SENT_BACK = "sent_back", "Sent back"

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="single_agency_return"
    )
    tool_version = models.ForeignKey(ToolVersion, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Optimistic locking: every save is UPDATE ... WHERE version = <the version the form showed>.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The business team signed off for an agency with no agency lead (ADR 0301).
    signed_off_on_behalf = models.BooleanField(default=False)
    sent_back_at = models.DateTimeField(null=True, blank=True)
    sent_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_back_reason = models.TextField(blank=True)
    send_back_count = models.PositiveIntegerField(default=0)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopen_reason = models.TextField(blank=True)
    reopen_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["assignment__case__case_ref", "assignment__agency__name"]
        verbose_name = "single-agency return"

    def __str__(self) -> str:
        return f"Return R{self.pk} ({self.assignment})"

    @property
    def trail_ref(self) -> str:
        return f"R{self.pk} ({self.assignment.case.case_ref}, A{self.assignment.case.audit_id})"

    @property
    def partnership(self) -> Partnership:
        return self.assignment.case.audit.partnership

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def overdue(self) -> bool:
        """Still to be submitted while returns are open, after its due date."""
        assignment = self.assignment
        return (
            self.editable
            and assignment.case.audit.stage == Stage.RETURNS_OPEN
            and not assignment.case.withdrawn
            and assignment.due_date < timezone.localdate()
        )


EDITABLE_STATUSES = (
    SingleAgencyReturn.Status.DRAFT,
    SingleAgencyReturn.Status.REOPENED,
    SingleAgencyReturn.Status.SENT_BACK,
)


class ChronologyEntry(models.Model):
    """One row of an agency's chronology (shared/spec/chronology.md). The agency comes from the
    return it was added to, never typed."""

    class Significance(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Impact(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"
        UNKNOWN = "unknown", "Unknown"

    single_agency_return = models.ForeignKey(
        SingleAgencyReturn, on_delete=models.CASCADE, related_name="chronology_entries"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    date_text = models.CharField("date", max_length=20)
    sort_date = models.DateField()
    date_uncertain = models.BooleanField(default=False)
    time = models.TimeField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=100)
    source = models.CharField(max_length=200)
    event = models.TextField()
    significance = models.CharField(max_length=10, choices=Significance.choices, blank=True)
    impact_on_child = models.CharField(max_length=10, choices=Impact.choices, blank=True)
    action_taken = models.TextField(blank=True)
    practitioner_role = models.CharField(max_length=100, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sort_date", "time", "sequence", "id"]
        verbose_name_plural = "chronology entries"

    def __str__(self) -> str:
        return f"{self.date_text} {self.agency}: {self.subject}"

    @property
    def trail_ref(self) -> str:
        return f"chronology {self.pk} of R{self.single_agency_return_id}"

    @property
    def partnership(self) -> Partnership:
        return self.single_agency_return.partnership


class Finding(models.Model):
    """A consensus finding of the audit-day panel for one case."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        AREA_FOR_LEARNING = "area_for_learning", "Area for learning"
        RECOMMENDATION = "recommendation", "Recommendation"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    themes = models.ManyToManyField(Theme, related_name="findings")
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="+", help_text="The agencies it concerns; none = all."
    )
    text = models.TextField()
    grade = models.CharField(max_length=30, choices=tool_schema.GRADES, blank=True)
    dissent = models.TextField(blank=True, help_text="Any recorded disagreement, by role.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = OfCurrentCases.as_manager()

    class Meta:
        ordering = ["case__case_ref", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.case}"

    @property
    def trail_ref(self) -> str:
        return f"finding {self.pk} ({self.case.case_ref}, A{self.case.audit_id})"

    @property
    def partnership(self) -> Partnership:
        return self.case.audit.partnership


class SafeguardingEscalation(models.Model):
    """A live safeguarding concern found during the audit, escalated at once."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="escalations")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    escalated_to = models.CharField(
        "escalated to", max_length=200, help_text="Role and service, e.g. MASH team manager."
    )
    escalated_to_email = models.EmailField(
        "recipient's email", blank=True, help_text="They are emailed that it was escalated."
    )
    concern = models.TextField()
    action_agreed = models.TextField(blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    follow_up = models.TextField("follow-up", blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"Escalation about {self.case} to {self.escalated_to}"

    @property
    def trail_ref(self) -> str:
        return f"escalation {self.pk} ({self.case.case_ref}, A{self.case.audit_id})"

    @property
    def partnership(self) -> Partnership:
        return self.case.audit.partnership


class FamilyVoice(models.Model):
    """A parent's or carer's view, attributed by role only, with consent recorded."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="family_voices")
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="family_voices"
    )
    role = models.CharField(max_length=50, help_text="Mother, Father, Carer … never a name.")
    quote = models.TextField()
    consent_given = models.BooleanField(default=False)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(default=timezone.now)

    objects = OfCurrentCases.as_manager()

    class Meta:
        ordering = ["consent_recorded_at", "id"]
        verbose_name_plural = "family voices"

    def __str__(self) -> str:
        return f"{self.role}'s view ({self.audit})"

    @property
    def trail_ref(self) -> str:
        return f"family voice {self.pk} of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership


class Correction(models.Model):
    """A correction of something recorded in an audit: who, when, why, and what the record said
    before (``before``: its fields as they were, never identifying ones). The trail entry of
    the change names the correction; the reason, written by a person, stays here."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="corrections")
    object_type = models.CharField(max_length=60)
    object_ref = models.CharField(max_length=100)
    change = models.CharField(max_length=200)
    reason = models.TextField()
    before = models.JSONField(default=dict, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.change} ({self.object_ref})"

    @property
    def trail_ref(self) -> str:
        return f"correction {self.pk} of A{self.audit_id}"

    @property
    def partnership(self) -> Partnership:
        return self.audit.partnership


# The fields people fill in for each record: its form's, and what a correction keeps of it.
COMMISSIONING_FIELDS = (
    "title",
    "priority",
    "question",
    "terms_of_reference",
    "lawful_basis",
    "isa_reference",
    "tool_version",
    "returns_due",
    "audit_day",
    "grading",
)
CHRONOLOGY_FIELDS = (
    "date_text",
    "subject",
    "source",
    "event",
    "significance",
    "impact_on_child",
    "action_taken",
    "practitioner_role",
)
FINDING_FIELDS = ("kind", "themes", "agencies", "text", "grade", "dissent")
FAMILY_VOICE_FIELDS = ("case", "role", "quote", "consent_given")

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from .roles import ROLE_SUMMARY, Role


class Partnership(models.Model):
    """A safeguarding children partnership: the boundary of everything a user can see."""

    name = models.CharField(max_length=200, unique=True)
    la_code = models.CharField(
        "home local authority code",
        max_length=3,
        blank=True,
        help_text="ONS/DfE LA code of the partnership's council, e.g. 840.",
    )
    contact_name = models.CharField(
        "contact", max_length=200, blank=True, help_text="Who users ask: a team or a role."
    )
    contact_email = models.EmailField("contact email", blank=True)
    contact_phone = models.CharField("contact phone", max_length=40, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def trail_ref(self) -> str:
        return self.name


class Agency(models.Model):
    class Kind(models.TextChoices):
        BUSINESS_TEAM = "business_team", "Partnership business team"
        POLICE = "police", "Police"
        CSC = "csc", "Children's social care"
        EARLY_HELP = "early_help", "Early help"
        HEALTH_VISITING = "health_visiting", "Health visiting"
        MIDWIFERY = "midwifery", "Midwifery"
        GP = "gp", "General practice"
        EDUCATION = "education", "Education and early years"
        HOUSING = "housing", "Housing"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse services"
        PROBATION = "probation", "Probation"
        ADULT_MENTAL_HEALTH = "adult_mental_health", "Adult mental health"
        SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse services"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.OTHER)
    # A deactivated agency keeps its returns and history but is offered for nothing new.
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def trail_ref(self) -> str:
        return self.name


class User(AbstractUser):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    role = models.CharField(max_length=40, choices=Role.choices, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    # Who switched the account off, when and why (cleared when it is switched back on; the
    # audit trail keeps every change).
    deactivated_at = models.DateTimeField(null=True, blank=True)
    deactivated_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deactivation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def clean(self) -> None:
        super().clean()
        agency = self.agency if self.agency_id else None
        if agency is not None and not self.partnership_id:
            self.partnership_id = agency.partnership_id  # an agency names its partnership
        if agency is not None and agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "The agency must belong to the user's partnership."})
        if self.role and not (self.partnership_id and self.agency_id):
            raise ValidationError("A user with a role needs a partnership and an agency.")

    def save(self, *args, **kwargs) -> None:
        # The Django admin is for superusers only: the business team administers their
        # partnership in maca's own pages (maca.web.administration, ADR 0340).
        self.is_staff = self.is_superuser
        super().save(*args, **kwargs)

    @property
    def trail_ref(self) -> str:
        return self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else "No role"

    @property
    def role_summary(self) -> str:
        return ROLE_SUMMARY.get(Role(self.role), "") if self.role else ""

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
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

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique")
        ]

    def __str__(self) -> str:
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

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def clean(self) -> None:
        super().clean()
        agency = self.agency if self.agency_id else None
        if agency is not None and agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "The agency must belong to the user's partnership."})
        if self.role and not (self.partnership_id and self.agency_id):
            raise ValidationError("A user with a role needs a partnership and an agency.")

    def save(self, *args, **kwargs) -> None:
        # Only the business team uses the Django admin; staff status follows the role.
        self.is_staff = self.is_superuser or self.role == Role.PARTNERSHIP_ADMIN
        super().save(*args, **kwargs)

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else "No role"

    @property
    def role_summary(self) -> str:
        return ROLE_SUMMARY.get(Role(self.role), "") if self.role else ""

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles

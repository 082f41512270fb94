from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

from maca.web.encryption import EncryptedTextField

from .roles import ROLE_SUMMARY, Role
from .totp import totp_step_matching


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
    identifying_details_kept_days = models.PositiveIntegerField(
        "days identifying details are kept after the briefing is published",
        null=True,
        blank=True,
        help_text="As your information-sharing agreement says. Blank: the installation's "
        "MACA_RETENTION_DAYS.",
    )

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


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp devices
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


class CountsWrongCodes(ThrottlingMixin):
    """django-otp's slowing down after wrong codes, writing only its two counters."""

    THROTTLING_FIELDS = ["throttling_failure_timestamp", "throttling_failure_count"]

    class Meta:
        abstract = True

    def throttle_increment(self, commit=True):
        super().throttle_increment(commit=False)
        if commit:
            self.save(update_fields=self.THROTTLING_FIELDS)


class AuthenticatorApp(TimestampMixin, CountsWrongCodes, Device):
    """A user's authenticator app (TOTP, RFC 6238): the shared secret, encrypted at rest.

    Unconfirmed while the user is setting it up; confirmed once they have typed a code from it.
    A demo device (``demo``) has the fixed secret that `make run` prints; it verifies only where
    the settings allow demo data (never under production settings).
    """

    secret = EncryptedTextField(help_text="Base32 TOTP secret (encrypted).")
    last_t = models.BigIntegerField(default=-1, help_text="Time step of the last code used.")
    demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = "authenticator app"

    @property
    def trail_ref(self) -> str:
        return f"authenticator of {self.user.username}"

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed or (self.demo and not getattr(settings, "MACA_DEMO_ALLOWED", False)):
            return False
        step = totp_step_matching(self.secret, str(token), after=self.last_t)
        if step is None:
            self.throttle_increment(commit=True)
            return False
        self.last_t = step
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCodes(CountsWrongCodes, Device):
    """Single-use recovery codes, stored as salted SHA-256 hashes; each is struck off when used.

    The codes are random (50 bits each), so a fast hash is enough: nobody can guess one from its
    hash, and checking ten of them at sign-in costs nothing.
    """

    salt = models.CharField(max_length=32)
    hashes = models.JSONField(default=list)

    class Meta:
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    @property
    def trail_ref(self) -> str:
        return f"recovery codes of {self.user.username}"

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token) -> bool:
        from .two_factor import recovery_code_hash

        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        digest = recovery_code_hash(self.salt, str(token))
        if digest not in self.hashes:
            self.throttle_increment(commit=True)
            return False
        self.hashes = [h for h in self.hashes if h != digest]
        self.throttle_reset(commit=False)
        self.save()
        return True


class SingleSignOn(models.Model):
    """A partnership's OpenID Connect provider (e.g. Microsoft Entra ID), if it signs in that way.

    Who may sign in and with which role still comes from maca: the provider only vouches for a
    verified email address, which must be a user's of this partnership.
    """

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="single_sign_on"
    )
    enabled = models.BooleanField(default=True)
    button_label = models.CharField(
        max_length=100, default="Sign in with your organisation's account"
    )
    issuer = models.URLField(
        help_text="The provider's issuer, e.g. https://login.microsoftonline.com/TENANT/v2.0; "
        "its discovery document is ISSUER/.well-known/openid-configuration."
    )
    client_id = models.CharField(max_length=200)
    client_secret = EncryptedTextField(help_text="Encrypted at rest.")
    trust_provider_mfa = models.BooleanField(
        "trust the provider's multi-factor sign-in",
        default=True,
        help_text="When the ID token's amr claim shows multi-factor sign-in, maca asks for no "
        "code of its own; otherwise it asks for the authenticator app's code.",
    )

    class Meta:
        verbose_name = "single sign-on"
        verbose_name_plural = "single sign-on"

    def __str__(self) -> str:
        return f"Single sign-on for {self.partnership}"

    @property
    def trail_ref(self) -> str:
        return f"single sign-on of {self.partnership_id}"


class SignedInSession(AbstractBaseSession):
    """A session, with the user it belongs to: a password change or a reset of two-factor
    sign-in ends all of that user's other sessions at once."""

    user_id = models.BigIntegerField(null=True, db_index=True)

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore

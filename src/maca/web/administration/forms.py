"""The administration pages' forms, in GOV.UK words. Every field is bounded by its column (or,
for a tool's questions, by what a page can show)."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.core.validators import MaxLengthValidator
from django.db.models import Q

from maca.web.accounts.models import Agency, Partnership, User
from maca.web.accounts.roles import ROLE_SUMMARY, Role
from maca.web.audits import tool_schema
from maca.web.audits.models import Theme

PASSWORD_MAX = 128  # the length of the column that holds its hash, as Django's own forms
REASON_MAX = 400  # a trail entry's summary holds 500 characters, with room for its opening


def _choice(form: forms.BaseForm, name: str) -> Any:
    return cast(forms.ModelChoiceField, form.fields[name])


class UserForm(forms.ModelForm):
    """Add (with a username) or change a user of the admin's partnership."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "job_title", "agency", "role"]
        labels = {
            "username": "Username",
            "first_name": "First name",
            "last_name": "Last name",
            "email": "Email address",
            "job_title": "Job title (optional)",
            "agency": "Agency",
            "role": "Role",
        }
        help_texts = {
            "username": "What they sign in with, like jo.whitfield. Letters, digits and . _ - "
            "only; it cannot be changed later.",
            "email": "Where the link to set their password goes",
        }
        widgets = {"role": forms.RadioSelect, "username": forms.TextInput(attrs={"width": "20"})}
        error_messages = {
            "username": {
                "required": "Enter a username",
                "unique": "Someone already has that username: choose another",
            },
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
            "email": {
                "required": "Enter their email address",
                "invalid": "Enter an email address like name@example.org",
            },
            "agency": {"required": "Select their agency"},
            "role": {"required": "Select their role"},
        }

    def __init__(self, *args, partnership: Partnership, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        for name in ("first_name", "last_name", "email", "agency", "role"):
            self.fields[name].required = True
        agencies = Agency.objects.filter(partnership=partnership)
        if self.instance.pk and self.instance.agency_id:
            agencies = agencies.filter(active=True) | agencies.filter(pk=self.instance.agency_id)
        else:
            agencies = agencies.filter(active=True)
        _choice(self, "agency").queryset = agencies.order_by("name")
        _choice(self, "agency").empty_label = "Select an agency"
        _choice(self, "role").choices = [
            (role.value, f"{role.label}: {ROLE_SUMMARY[role][:1].lower()}{ROLE_SUMMARY[role][1:]}")
            for role in Role
        ]
        if self.instance.pk:
            del self.fields["username"]
            if self.instance.pk == by.pk:
                # Nobody changes their own role: a partnership could lose its last admin.
                del self.fields["role"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[A-Za-z0-9._-]+", username):
            raise forms.ValidationError("A username has letters, digits and . _ - only")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Someone already has that username: choose another")
        return username

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class UserFilterForm(forms.Form):
    """The user list's filters (a GET form): never an error, an unknown value is ignored."""

    STATUS = [("", "Any"), ("active", "Active"), ("deactivated", "Deactivated")]

    name = forms.CharField(label="Name or username", required=False, max_length=150)
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), required=False)
    role = forms.ChoiceField(required=False)
    status = forms.ChoiceField(choices=STATUS, required=False)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _choice(self, "agency").queryset = Agency.objects.filter(partnership=partnership)
        _choice(self, "agency").empty_label = "Any"
        _choice(self, "role").choices = [("", "Any"), *Role.choices]

    def filtered(self, users):
        if not self.is_valid():
            return users
        data = self.cleaned_data
        if data["name"]:
            words = data["name"].split()
            for word in words:
                users = users.filter(
                    Q(username__icontains=word)
                    | Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                )
        if data["agency"]:
            users = users.filter(agency=data["agency"])
        if data["role"]:
            users = users.filter(role=data["role"])
        if data["status"]:
            users = users.filter(is_active=data["status"] == "active")
        return users


class ReasonForm(forms.Form):
    """The reason on a confirmation page: required where it matters (deactivating, resetting a
    password), else optional."""

    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX,
        error_messages={"max_length": f"The reason must be {REASON_MAX} characters or fewer"},
    )

    def __init__(self, *args, required: bool, label: str, hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        field.label = label if required else f"{label} (optional)"
        field.help_text = hint
        field.error_messages["required"] = "Enter the reason"


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind"]
        labels = {"name": "Name", "kind": "Kind of agency"}
        help_texts = {"name": "As people in the partnership know it"}
        error_messages = {
            "name": {"required": "Enter the agency's name"},
            "kind": {"required": "Select the kind of agency"},
        }

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Agency.objects.filter(partnership=self.partnership, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The partnership already has an agency called {name}")
        return name


# The longest a partnership may keep identifying details: about ten years.
MAX_KEPT_DAYS = 3650


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "la_code",
            "contact_name",
            "contact_email",
            "contact_phone",
            "identifying_details_kept_days",
        ]
        labels = {
            "name": "Name",
            "la_code": "Local authority code (optional)",
            "contact_name": "Contact (optional)",
            "contact_email": "Contact email (optional)",
            "contact_phone": "Contact phone (optional)",
            "identifying_details_kept_days": "Days identifying details are kept after the "
            "briefing is published (optional)",
        }
        help_texts = {
            "la_code": "The council's three-digit DfE code, like 840",
            "contact_name": "Who users ask for help: a team or a role, like Partnership business "
            "team. Shown on the sign-in lockout and set-password pages.",
        }
        widgets = {
            "la_code": forms.TextInput(attrs={"width": "4"}),
            "contact_phone": forms.TextInput(attrs={"width": "20"}),
            "identifying_details_kept_days": forms.TextInput(
                attrs={"width": "4", "inputmode": "numeric"}
            ),
        }
        error_messages = {
            "name": {
                "required": "Enter the partnership's name",
                "unique": "Another partnership has that name",
            },
            "contact_email": {"invalid": "Enter an email address like team@example.org"},
            "identifying_details_kept_days": {
                "invalid": "Enter the number of days as a whole number, like 365"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.fields["identifying_details_kept_days"].help_text = (
            "As your information-sharing agreement says, like 365. Leave it blank for the "
            f"installation's {settings.MACA_RETENTION_DAYS} days."
        )

    def clean_identifying_details_kept_days(self):
        days = self.cleaned_data["identifying_details_kept_days"]
        if days is not None and not 1 <= days <= MAX_KEPT_DAYS:
            raise forms.ValidationError(
                f"Enter a number of days from 1 to {MAX_KEPT_DAYS:,} (about 10 years)"
            )
        return days

    def clean_la_code(self):
        code = self.cleaned_data["la_code"].strip()
        if code and not re.fullmatch(r"\d{3}", code):
            raise forms.ValidationError("Enter the local authority code as three digits, like 840")
        return code


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name"]
        labels = {"name": "Theme"}
        help_texts = {"name": "Like Professional curiosity"}
        error_messages = {"name": {"required": "Enter the theme"}}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Theme.objects.filter(partnership=self.partnership, name__iexact=name)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"There is a theme called {name} already")
        return name


class SectionForm(forms.Form):
    title = forms.CharField(
        label="Section title",
        max_length=200,
        error_messages={"required": "Enter the section's title"},
    )


ANSWER_TYPE_LABELS = [
    ("evidenced", "Evidenced? (Yes, Partly, No, Not applicable)"),
    ("text", "Text"),
    ("choice", "One of a list of choices"),
    ("themes", "Themes (the partnership's themes to tick)"),
    ("grade", "Grade (Outstanding to Inadequate)"),
]
assert {value for value, _ in ANSWER_TYPE_LABELS} == tool_schema.ANSWER_TYPES


class QuestionForm(forms.Form):
    """One question of a tool version, as ``tool_schema`` describes it."""

    text = forms.CharField(
        label="Question",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the question"},
    )
    hint = forms.CharField(
        label="Hint (optional)",
        max_length=500,
        required=False,
        help_text="Shown under the question, like: Facts from your records; roles, never names.",
    )
    type = forms.ChoiceField(
        label="Kind of answer",
        choices=ANSWER_TYPE_LABELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of answer"},
    )
    choices = forms.CharField(
        label="Choices (for one of a list)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One choice a line, at least two",
    )
    required = forms.BooleanField(
        label="An answer is needed before the section is complete", required=False
    )
    error = forms.CharField(
        label="Message when it is not answered (optional)",
        max_length=200,
        required=False,
        help_text="Like: Select whether section B is evidenced in your records",
    )
    graded_audits_only = forms.BooleanField(
        label="Ask only in audits that grade cases", required=False
    )

    def clean_choices(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["choices"].splitlines()]
        return [line[:100] for line in lines if line]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("type") == "choice" and len(cleaned.get("choices") or []) < 2:
            self.add_error("choices", "Enter at least two choices, one a line")
        return cleaned

    @staticmethod
    def initial_for(question: dict) -> dict:
        return {
            "text": question.get("text", ""),
            "hint": question.get("hint", ""),
            "type": question.get("type", ""),
            "choices": "\n".join(str(c) for c in question.get("choices", [])),
            "required": bool(question.get("required")),
            "error": question.get("error", ""),
            "graded_audits_only": bool(question.get("graded_audits_only")),
        }


class SetPasswordByLinkForm(SetPasswordForm):
    """Django's set-password form (its ``validate_password`` runs every validator in
    ``AUTH_PASSWORD_VALIDATORS``), in GOV.UK words."""

    error_messages = {"password_mismatch": "The two passwords do not match: type them again"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, second.label = "New password", "Type the new password again"
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Type the new password again"
        first.help_text = " ".join(password_validation.password_validators_help_texts())
        second.help_text = ""
        for field in (first, second):
            field.validators.append(MaxLengthValidator(PASSWORD_MAX))


class ConfirmForm(forms.Form):
    """A confirmation with nothing to type: the button is the answer."""

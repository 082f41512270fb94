from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

from maca.chronology.dates import DateProblem, read_date
from maca.cohort.contract import REMOVAL_KIND_LABELS, REMOVAL_KINDS
from maca.web.accounts.models import Agency, User
from maca.web.accounts.roles import Role
from maca.web.common.forms import PlainErrors
from maca.web.common.words import plural
from maca.web.input_bounds import FREE_TEXT_MAX_LENGTH, BoundedText
from maca.web.profiles.forms import COHORT_FILES, exclusions_field, profile_field, too_large

from . import tool_schema
from .labels import FLAG_LABELS, case_label
from .models import (
    CHRONOLOGY_FIELDS,
    COMMISSIONING_FIELDS,
    FAMILY_VOICE_FIELDS,
    FINDING_FIELDS,
    Audit,
    Case,
    ChronologyEntry,
    FamilyVoice,
    Finding,
    SafeguardingEscalation,
    ToolVersion,
)
from .queries import themes_of, tool_versions_offered

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_HINT = "For example, 2024-03-31 or 31/03/2024"


def _model_choice(form: forms.BaseForm, name: str) -> Any:
    """A form's model choice field, typed loosely to set its queryset and labels."""
    return cast(forms.ModelChoiceField, form.fields[name])


def not_past(value: date | None, label: str, unchanged: date | None = None) -> date | None:
    """A due date today or later (one left as it was may stay in the past)."""
    if value is not None and value != unchanged and value < timezone.localdate():
        raise forms.ValidationError(f"The {label.lower()} must be today or in the future")
    return value


def _date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=DATE_HINT,
        widget=forms.TextInput(attrs={"width": "10"}),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"The {label.lower()} must be a real date, like 2024-03-31",
        },
    )


class AuditForm(PlainErrors, BoundedText, forms.ModelForm):
    returns_due = _date_field("Returns due")
    audit_day = _date_field("Audit day (moderation)", required=False)

    class Meta:
        model = Audit
        fields = COMMISSIONING_FIELDS
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "terms_of_reference": forms.Textarea(attrs={"rows": 5}),
            "lawful_basis": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "priority": "For example, Priority Three: First 1001 Days",
            "lawful_basis": "For example, Children Act 2004 s.16E and UK GDPR Article 6(1)(e)",
            "grading": (
                "Panels grade each case: Outstanding, Good, Requires improvement, Inadequate"
            ),
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "question": {"required": "Enter the question the audit answers"},
            "terms_of_reference": {"required": "Enter the terms of reference"},
            "lawful_basis": {"required": "Enter the lawful basis for sharing information"},
            "isa_reference": {"required": "Enter the information-sharing agreement reference"},
            "tool_version": {"required": "Select the audit tool version"},
        }

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partnership is None and self.instance.partnership_id:
            partnership = self.instance.partnership
        # Only the partnership's own offered versions (ADR 0341): a version of another
        # partnership is not a valid choice, whatever is posted.
        self.fields["tool_version"].queryset = (
            tool_versions_offered(partnership) if partnership else ToolVersion.objects.none()
        )
        self.fields["tool_version"].empty_label = None
        self.fields["grading"].label = "Grade cases at moderation"

    def clean_returns_due(self):
        stored = self.instance.returns_due if self.instance.pk else None
        return not_past(self.cleaned_data["returns_due"], "returns due date", stored)

    def clean_audit_day(self):
        stored = self.instance.audit_day if self.instance.pk else None
        return not_past(self.cleaned_data["audit_day"], "audit day", stored)

    def clean(self):
        cleaned = super().clean()
        due, day = cleaned.get("returns_due"), cleaned.get("audit_day")
        if due and day and day < due:
            self.add_error("audit_day", "The audit day must be on or after the returns due date")
        return cleaned


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class CohortUploadForm(PlainErrors, forms.Form):
    cohort = forms.FileField(
        label="Cohort file (cohort.csv)",
        required=False,
        help_text="The output of maca cohort --pseudonymise: one row per child.",
    )
    key = forms.FileField(
        label="Key file (key.csv), business team only",
        required=False,
        help_text="Case reference to person id. Upload it separately from the cohort if you can.",
    )

    profile = profile_field()
    exclusions = exclusions_field()

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("cohort", "key", *COHORT_FILES)):
            self.add_error("cohort", "Choose a cohort file, a key file or both")
        too_large(self, ("cohort", "key", *COHORT_FILES))
        return cleaned


class CaseForm(PlainErrors, BoundedText, forms.ModelForm):
    removal_date = _date_field("Removal date")
    removal_kind = forms.ChoiceField(
        label="How the child was removed",
        choices=[(kind, REMOVAL_KIND_LABELS[kind]) for kind in REMOVAL_KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the child was removed"},
    )

    class Meta:
        model = Case
        fields = ["case_ref", "family_ref", "removal_date", "removal_kind", "person_id"]
        labels = {"case_ref": "Case reference", "family_ref": "Family reference"}
        help_texts = {
            "case_ref": "C followed by three or more digits, like C013",
            "family_ref": "F followed by two or more digits, like F07",
            "person_id": "Identifying: shown only to the business team and assigned agencies",
        }
        widgets = {
            "case_ref": forms.TextInput(attrs={"width": "10"}),
            "family_ref": forms.TextInput(attrs={"width": "10"}),
            "person_id": forms.TextInput(attrs={"width": "20"}),
        }

    def __init__(self, *args, audit: Audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit = audit

    def clean_case_ref(self):
        ref = self.cleaned_data["case_ref"].strip().upper()
        if not re.fullmatch(r"C\d{3,}", ref):
            raise forms.ValidationError("Enter a case reference like C013")
        if self.audit.cases.filter(case_ref=ref).exists():
            raise forms.ValidationError(f"{ref} is already a case of this audit")
        return ref

    def clean_family_ref(self):
        ref = self.cleaned_data["family_ref"].strip().upper()
        if not re.fullmatch(r"F\d{2,}", ref):
            raise forms.ValidationError("Enter a family reference like F07")
        return ref


FILTER_FLAGS = (
    "known_historically",
    "sibling_known",
    "recent_closure",
    "moved_in",
    "has_sibling_group",
)
YES_NO_ANY = [("", "Any"), ("yes", "Yes"), ("no", "No")]


class CaseFilterForm(PlainErrors, forms.Form):
    """Which of the audit's cases the assign page lists (a GET form: references, no names)."""

    first_1001 = forms.ChoiceField(
        label="Within the first 1001 days",
        choices=YES_NO_ANY,
        required=False,
        widget=forms.RadioSelect,
    )
    family = forms.ChoiceField(label="Family", required=False)
    flags = forms.MultipleChoiceField(
        label="Only cases that are",
        choices=[(flag, FLAG_LABELS[flag]) for flag in FILTER_FLAGS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unassigned = forms.BooleanField(label="Only cases with no agency assigned yet", required=False)

    def __init__(self, *args, audit: Audit, **kwargs):
        super().__init__(*args, **kwargs)
        families = audit.cases.current().exclude(family_ref="").order_by("family_ref")
        refs = families.values_list("family_ref", flat=True).distinct()
        family = cast(forms.ChoiceField, self.fields["family"])
        family.choices = [("", "Any family"), *((f, f) for f in refs)]
        self.audit = audit

    def cases(self):
        cases = self.audit.cases.current().prefetch_related("assignments__agency")
        if not self.is_bound or not self.is_valid():
            return cases
        data = self.cleaned_data
        if data["first_1001"]:
            cases = cases.filter(in_first_1001_days=data["first_1001"] == "yes")
        if data["family"]:
            cases = cases.filter(family_ref=data["family"])
        for flag in data["flags"]:
            cases = cases.filter(**{flag: True})
        if data["unassigned"]:
            cases = cases.filter(assignments__isnull=True)
        return cases

    @property
    def active(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class AssignAgenciesForm(PlainErrors, forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Agencies",
        error_messages={"required": "Select at least one agency"},
    )
    all_shown = forms.BooleanField(label="Select all", required=False)
    cases = forms.ModelMultipleChoiceField(
        queryset=Case.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Cases",
        required=False,
    )
    due_date = _date_field("Return due date")

    def __init__(self, *args, audit: Audit, cases=None, **kwargs):
        """``cases``: those the page shows (filtered); every case of the audit by default."""
        super().__init__(*args, **kwargs)
        cases = audit.cases.current() if cases is None else cases
        _model_choice(self, "agencies").queryset = audit.partnership.agencies.filter(
            active=True
        ).exclude(kind=Agency.Kind.BUSINESS_TEAM)
        _model_choice(self, "cases").queryset = cases
        _model_choice(self, "cases").label_from_instance = case_label
        self.fields["all_shown"].label = f"Select all {plural(cases.count(), 'case')} shown"

    def clean_due_date(self):
        return not_past(self.cleaned_data["due_date"], "return due date")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("all_shown"):
            cleaned["cases"] = list(self.fields["cases"].queryset)
        if not cleaned.get("cases") and "cases" not in self.errors:
            self.add_error("cases", "Select at least one case, or select all the cases shown")
        return cleaned


class AllocateForm(PlainErrors, forms.Form):
    practitioner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Practitioner",
        error_messages={"required": "Select the practitioner who completes the return"},
    )
    due_date = _date_field("Return due date")

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        _model_choice(self, "practitioner").queryset = agency.users.filter(
            role__in=[Role.PRACTITIONER, Role.AGENCY_LEAD], is_active=True
        )
        _model_choice(self, "practitioner").label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.role_label})"
        )

    def clean_due_date(self):
        return not_past(
            self.cleaned_data["due_date"], "return due date", self.initial.get("due_date")
        )


def section_form_class(section: dict, *, graded: bool, partnership) -> type[forms.Form]:
    """A form for one section of a tool version. Required questions are checked by
    :func:`require_answers` only when the user asks to complete the section, not on a draft.
    Theme questions offer the audit's partnership's own themes."""
    fields: dict[str, forms.Field] = {
        "version": forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    }
    themes = [(str(t.pk), t.name) for t in themes_of(partnership, active_only=True)]
    for question in tool_schema.questions_of(section, graded=graded):
        kind = question["type"]
        common = {
            "label": question["text"],
            "required": False,
            "help_text": question.get("hint", ""),
        }
        if kind == "text":
            fields[question["key"]] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=FREE_TEXT_MAX_LENGTH,
                **common,
            )
        elif kind == "themes":
            fields[question["key"]] = forms.MultipleChoiceField(
                choices=themes, widget=forms.CheckboxSelectMultiple, **common
            )
        else:
            fields[question["key"]] = forms.ChoiceField(
                choices=tool_schema.choices_for(question), widget=forms.RadioSelect, **common
            )
    return type(f"Section{section['key']}Form", (PlainErrors, forms.Form), fields)


REQUIRED_MESSAGE = {
    "evidenced": "Select whether this is evidenced",
    "text": "Enter an answer",
    "choice": "Select an answer",
    "grade": "Select a grade",
    "themes": "Select at least one theme",
}


def require_answers(form: forms.Form, section: dict, *, graded: bool) -> None:
    answers = form.cleaned_data
    for question in tool_schema.missing_in_section(section, answers, graded=graded):
        form.add_error(question["key"], question.get("error") or REQUIRED_MESSAGE[question["type"]])


def _chronology_date(text: str) -> tuple[date, bool]:
    """The date as the chronology core reads it; a month-only date is stored as uncertain."""
    try:
        reading = read_date(text, today=timezone.localdate())
    except DateProblem as problem:
        message = problem.message
        raise forms.ValidationError(message[:1].upper() + message[1:]) from None
    return reading.value, reading.uncertain or reading.month_only


class ChronologyEntryForm(PlainErrors, BoundedText, forms.ModelForm):
    date_text = forms.CharField(
        label="Date",
        max_length=20,
        help_text="2023-05-14 or 14/05/2023; 2023-05 for a month; start with ? if uncertain",
        widget=forms.TextInput(attrs={"width": "10"}),
        error_messages={"required": "Enter the date of the event"},
    )

    class Meta:
        model = ChronologyEntry
        fields = CHRONOLOGY_FIELDS
        widgets = {
            "event": forms.Textarea(attrs={"rows": 3}),
            "action_taken": forms.Textarea(attrs={"rows": 2}),
            "significance": forms.RadioSelect,
            "impact_on_child": forms.RadioSelect,
        }
        help_texts = {
            "subject": "By role: child, mother, father, sibling 1, household member",
            "source": "The record it comes from, like HV contact record",
            "event": "What happened: factual, brief, no opinion",
            "practitioner_role": "A role, never a name",
        }
        error_messages = {
            "subject": {"required": "Enter who the event is about, by role"},
            "source": {"required": "Enter the record the event comes from"},
            "event": {"required": "Enter what happened"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("significance", "impact_on_child"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def clean_date_text(self):
        text = self.cleaned_data["date_text"].strip()
        self.sort_date, self.uncertain = _chronology_date(text)
        return text


class FindingForm(PlainErrors, BoundedText, forms.ModelForm):
    class Meta:
        model = Finding
        fields = FINDING_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "agencies": forms.CheckboxSelectMultiple,
            "text": forms.Textarea(attrs={"rows": 4}),
            "grade": forms.RadioSelect,
            "dissent": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"kind": "Kind of finding", "text": "Finding", "dissent": "Dissent (optional)"}
        help_texts = {
            "text": "What the panel agreed, with the evidence. No names.",
            "dissent": "Any disagreement, attributed by agency or role",
        }
        error_messages = {
            "kind": {"required": "Select the kind of finding"},
            "themes": {"required": "Select at least one theme"},
            "text": {"required": "Enter the finding"},
        }

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        _model_choice(self, "themes").queryset = themes_of(case.audit.partnership, active_only=True)
        _model_choice(self, "agencies").queryset = Agency.objects.filter(assignments__case=case)
        self.fields["agencies"].help_text = "The agencies it concerns; leave empty for all"
        grade = _model_choice(self, "grade")
        grade.choices = [c for c in grade.choices if c[0]]
        if not case.audit.grading:
            del self.fields["grade"]


class EscalationForm(PlainErrors, BoundedText, forms.ModelForm):
    class Meta:
        model = SafeguardingEscalation
        fields = ["escalated_to", "escalated_to_email", "concern", "action_agreed"]
        widgets = {
            "concern": forms.Textarea(attrs={"rows": 4}),
            "action_agreed": forms.Textarea(attrs={"rows": 3}),
            "escalated_to_email": forms.TextInput(attrs={"width": "20"}),
        }
        labels = {
            "escalated_to_email": "Their email address",
            "concern": "The concern",
            "action_agreed": "Action agreed (optional)",
        }
        help_texts = {
            "escalated_to_email": (
                "maca emails them that the concern was escalated to them, with the child's "
                "reference only; it does not send the concern itself"
            ),
        }
        error_messages = {
            "escalated_to": {"required": "Enter who the concern was escalated to, by role"},
            "escalated_to_email": {
                "required": "Enter the email address of the person you escalated it to",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
            "concern": {"required": "Describe the concern"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["escalated_to_email"].required = True


class EscalationOutcomeForm(PlainErrors, BoundedText, forms.ModelForm):
    class Meta:
        model = SafeguardingEscalation
        fields = ["outcome", "follow_up"]
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"outcome": "What happened", "follow_up": "Follow-up (optional)"}
        help_texts = {
            "outcome": "What the service it was escalated to did, and when",
            "follow_up": "What is still to happen, who does it and by when",
        }
        error_messages = {"outcome": {"required": "Enter what happened after the escalation"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True


FAMILY_ROLES = ["Mother", "Father", "Carer", "Grandparent", "Other family member"]


class FamilyVoiceForm(PlainErrors, BoundedText, forms.ModelForm):
    role = forms.ChoiceField(
        label="Who said it (role only)",
        choices=[(r, r) for r in FAMILY_ROLES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role, like Mother or Father"},
    )
    consent_given = forms.BooleanField(
        label="The person consented to their words being used, attributed by role only",
        error_messages={"required": "Confirm consent was given; without it, do not record"},
    )

    class Meta:
        model = FamilyVoice
        fields = FAMILY_VOICE_FIELDS
        widgets = {"quote": forms.Textarea(attrs={"rows": 4})}
        labels = {"quote": "What they said", "case": "Case (optional)"}
        error_messages = {"quote": {"required": "Enter what they said"}}

    def __init__(self, *args, audit: Audit, **kwargs):
        super().__init__(*args, **kwargs)
        _model_choice(self, "case").queryset = audit.cases.all()
        _model_choice(self, "case").empty_label = "Not linked to a case"
        _model_choice(self, "case").label_from_instance = lambda c: c.case_ref


class ReopenForm(PlainErrors, BoundedText, forms.Form):
    reason = forms.CharField(
        label="Why is the return being re-opened?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the return is being re-opened"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class Reason(PlainErrors, forms.Form):
    """Why a correction is made: recorded with it, with who and when."""

    reason = forms.CharField(
        label="Why?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why"},
    )

    def __init__(self, *args, label: str = "", error: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        if error:
            self.fields["reason"].error_messages["required"] = error


def with_reason(form_class: type[forms.BaseForm], label: str, error: str) -> type[forms.BaseForm]:
    """``form_class`` with a required ``reason`` at the end, for an edit that is a correction."""
    reason = forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": error},
        help_text="Recorded with the change, with your name and the time",
    )
    return type(f"Corrected{form_class.__name__}", (form_class,), {"reason": reason})


def corrected(form) -> tuple[str, dict]:
    """A correction form's reason, and the record's fields it changes."""
    fields = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
    return form.cleaned_data["reason"], fields


class AuditEditForm(AuditForm):
    """The commissioning details, corrected. The tool version can change only while nothing
    has been asked of agencies yet (the audit is commissioned)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.stage != "commissioned":
            self.fields["tool_version"].disabled = True
            self.fields["tool_version"].help_text = "Returns are open: the tool version is fixed"
        if self.instance.stage not in ("commissioned", "returns_open"):
            self.fields["grading"].disabled = True


class SendBackForm(PlainErrors, forms.Form):
    reason = forms.CharField(
        label="What needs changing?",
        help_text="The practitioner reads this on the return",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter what needs changing, so the practitioner knows"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


RETURN_STATUS_FILTER = [
    ("", "Any status"),
    ("to_do", "To do (draft, sent back or re-opened)"),
    ("submitted", "Submitted, waiting for sign-off"),
    ("signed_off", "Signed off"),
]
DUE_FILTER = [
    ("", "Any time"),
    ("overdue", "Overdue"),
    ("week", "Due in the next 7 days"),
]


class MyReturnsFilterForm(PlainErrors, forms.Form):
    status = forms.ChoiceField(label="Status", choices=RETURN_STATUS_FILTER, required=False)
    due = forms.ChoiceField(label="Due", choices=DUE_FILTER, required=False)

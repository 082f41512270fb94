"""The forms of action plans, the resource library, a team's discussion of a briefing and a
re-audit. Every text has a bound (``models``' lengths); dates are typed as the audit's forms take
them; a due date is never set in the past."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.utils import timezone

from maca.web.accounts.models import Agency, User
from maca.web.accounts.roles import Role
from maca.web.audits.forms import _date_field
from maca.web.audits.models import Audit

from .models import (
    LONG_TEXT,
    MAX_ATTENDEES,
    SHORT_TEXT,
    TITLE_LENGTH,
    URL_LENGTH,
    WEB_LINK,
    Action,
    Resource,
)

BOARD_HINT = "The board report shows this: no names, dates of birth, addresses or references."
# The 7-minute briefing's reflective questions when a briefing was published without its own.
DEFAULT_QUESTIONS = (
    "What does this briefing mean for the children and families your team works with?",
    "What will your team do differently, and how will you know it has made a difference?",
)


def _date(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    """The audit forms' date field (both formats, plain errors), with its own hint if given."""
    field = _date_field(label, required)
    field.help_text = help_text or field.help_text
    return field


def _text(label: str, length: int, rows: int = 3, required: bool = True, **kwargs):
    return forms.CharField(
        label=label,
        max_length=length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {label[:1].lower()}{label[1:]}",
            "max_length": f"{label} must be {length} characters or fewer",
        },
        **kwargs,
    )


def _choices(form: forms.BaseForm, name: str) -> Any:
    return cast(forms.ModelChoiceField, form.fields[name])


def _user_label(user: User) -> str:
    return f"{user.get_full_name() or user.username} ({user.job_title or user.role_label})"


class ActionForm(forms.ModelForm):
    """An action's SMART details: what, how it is measured, who owns and leads it, by when."""

    text = _text(
        "What will be done", SHORT_TEXT, 3, help_text="Specific: who does what. " + BOARD_HINT
    )
    measure = _text(
        "How you will know it is done",
        SHORT_TEXT,
        3,
        help_text="Measurable: the change you expect to see and how you will measure it.",
    )
    due_date = _date("Due date")

    class Meta:
        model = Action
        fields = ["text", "measure", "owner_agency", "lead_user", "lead_role", "due_date"]
        labels = {
            "lead_user": "Lead (a person of the owner agency)",
            "lead_role": "Or a named role",
        }
        help_texts = {"lead_role": "For example, Named nurse for safeguarding"}
        error_messages = {"owner_agency": {"required": "Select the agency that owns the action"}}

    def __init__(self, *args, audit: Audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit = audit
        agencies = _choices(self, "owner_agency")
        agencies.queryset = Agency.objects.filter(partnership=audit.partnership)
        agencies.empty_label = "Select an agency"
        leads = _choices(self, "lead_user")
        leads.queryset = User.objects.filter(
            partnership=audit.partnership, is_active=True, agency__isnull=False
        ).select_related("agency")
        leads.empty_label = "Nobody by name: a named role"
        leads.label_from_instance = lambda u: f"{_user_label(u)}, {u.agency}"

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        unchanged = self.instance.pk and due == self.instance.due_date
        if not unchanged and due < timezone.localdate():
            raise forms.ValidationError("The due date must be today or later")
        return due

    def clean(self):
        data = super().clean()
        agency, lead, role = data.get("owner_agency"), data.get("lead_user"), data.get("lead_role")
        if lead is not None and agency is not None and lead.agency_id != agency.pk:
            self.add_error("lead_user", f"The lead must be a person of {agency.name}")
        if lead is None and not (role or "").strip():
            self.add_error("lead_role", "Choose a lead, or name the role that leads the action")
        return data


class StatusForm(forms.Form):
    """A new RAG status with why; complete needs evidence of impact or a reason for none."""

    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status"},
    )
    reason = _text("Why", SHORT_TEXT, 3, help_text="What has happened since the last update.")
    no_impact_reason = _text(
        "Why it is complete without evidence of impact",
        SHORT_TEXT,
        3,
        required=False,
        help_text="Only when you mark it complete and no evidence of impact is recorded.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if not self.is_bound:
            self.initial = {"status": action.status, "version": action.version}

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status == self.action.status:
            self.add_error("status", f"It is already {self.action.get_status_display().lower()}")
        complete = status == Action.Status.COMPLETE
        if complete and not self.action.impact.exists() and not data.get("no_impact_reason"):
            self.add_error(
                "no_impact_reason",
                "Record the evidence of impact first, or say why it is complete without any",
            )
        if not complete:
            data["no_impact_reason"] = ""
        return data


class ImpactForm(forms.Form):
    what_changed = _text(
        "What changed in practice",
        LONG_TEXT,
        4,
        help_text="For children and families, not only that the task was done. " + BOARD_HINT,
    )
    how_measured = _text(
        "How it was measured",
        SHORT_TEXT,
        3,
        help_text="For example, a dip sample of 20 records, a re-audit, a survey of practitioners.",
    )


class ResourceForm(forms.ModelForm):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_LENGTH,
        error_messages={"required": "Enter the title", "max_length": "Keep the title shorter"},
    )
    url = forms.CharField(
        label="Link",
        max_length=URL_LENGTH,
        validators=[WEB_LINK],
        help_text="The address of the page, starting https://",
        error_messages={"required": "Enter the link", "max_length": "The link is too long"},
    )
    description = _text("Description (optional)", SHORT_TEXT, 2, required=False)

    class Meta:
        model = Resource
        fields = ["kind", "title", "url", "description", "themes", "active"]
        widgets = {
            "kind": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
        }
        labels = {"kind": "Kind of resource", "themes": "Themes it helps with"}
        help_texts = {"active": "Untick to withdraw it: briefings that chose it leave it out."}
        error_messages = {"kind": {"required": "Select the kind of resource"}}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        _choices(self, "themes").queryset = partnership.themes.filter(active=True)
        kind = _choices(self, "kind")
        kind.choices = [c for c in kind.choices if c[0]]
        if not self.instance.pk:
            del self.fields["active"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        taken = Resource.objects.filter(partnership=self.partnership, title__iexact=title)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The library already has a resource with this title")
        return title

    def clean_url(self):
        return self.cleaned_data["url"].strip()

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["themes"] = list(data.get("themes") or [])
        return data


def reflective_questions(published) -> list[str]:
    """The 7-minute briefing's reflective questions of a published version (its own, else the
    standard two)."""
    seven = (published.source or {}).get("seven_minute") or {}
    questions = [str(q).strip() for q in seven.get("reflective_questions") or [] if str(q).strip()]
    return questions or list(DEFAULT_QUESTIONS)


class DiscussionForm(forms.Form):
    """A team's discussion of a published briefing, with the 7-minute briefing's questions."""

    team = forms.CharField(
        label="Team",
        max_length=TITLE_LENGTH,
        help_text="For example, North locality health visiting team",
        error_messages={"required": "Enter the team's name"},
    )
    discussed_on = _date("Date of the discussion")
    attendees = forms.IntegerField(
        label="People at the discussion",
        min_value=1,
        max_value=MAX_ATTENDEES,
        widget=forms.TextInput(attrs={"width": "4"}),
        error_messages={
            "required": "Enter how many people were at the discussion",
            "invalid": "Enter how many people were there as a number, like 12",
            "min_value": "At least one person discussed it",
            "max_value": f"Enter {MAX_ATTENDEES} people or fewer (one team a record)",
        },
    )
    will_do = _text("What the team will do", LONG_TEXT, 4, help_text=BOARD_HINT)

    def __init__(self, *args, published, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.published = published
        self.questions = reflective_questions(published)
        agencies = Agency.objects.filter(partnership=published.audit.partnership)
        if user.agency_id and user.role not in (Role.PARTNERSHIP_ADMIN, Role.AUDIT_LEAD):
            agencies = agencies.filter(pk=user.agency_id)
        self.fields["agency"] = forms.ModelChoiceField(
            label="Agency",
            queryset=agencies,
            empty_label=None if agencies.count() == 1 else "Select the team's agency",
            error_messages={"required": "Select the team's agency"},
        )
        for i, question in enumerate(self.questions, 1):
            self.fields[f"answer_{i}"] = _text(question, LONG_TEXT, 3, required=False)
        self.order_fields(["agency", "team", "discussed_on", "attendees"])

    def answer_fields(self):
        return [self[f"answer_{i}"] for i in range(1, len(self.questions) + 1)]

    def detail_fields(self):
        return [self[name] for name in ("agency", "team", "discussed_on", "attendees")]

    def clean_discussed_on(self):
        day = self.cleaned_data["discussed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of the discussion must be today or earlier")
        if day < timezone.localtime(self.published.published_at).date():
            raise forms.ValidationError(
                "The date of the discussion must be on or after the briefing was published"
            )
        return day

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "agency": data["agency"],
            "team": " ".join(data["team"].split()),
            "discussed_on": data["discussed_on"],
            "attendees": data["attendees"],
            "answers": [
                {"question": q, "answer": data.get(f"answer_{i}", "").strip()}
                for i, q in enumerate(self.questions, 1)
            ],
            "will_do": data["will_do"].strip(),
        }


class ReauditForm(forms.Form):
    """A new audit of the same cohort rules and tool, for a new period."""

    title = forms.CharField(
        label="Title of the re-audit", max_length=TITLE_LENGTH,
        error_messages={"required": "Enter a title"},
    )  # fmt: skip
    period_from = _date("First day of the new period", help_text="For example, 2024-09-01")
    period_to = _date("Last day of the new period", help_text="For example, 2024-12-31")
    returns_due = _date("Returns due")
    audit_day = _date("Audit day (moderation)", required=False)

    def __init__(self, *args, earlier: Audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = earlier
        if not self.is_bound:
            self.initial = {"title": f"{earlier.title} (re-audit)"[:TITLE_LENGTH]}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", "The last day must be on or after the first day")
        if end and end > timezone.localdate():
            self.add_error(
                "period_to", "The new period must have ended: pick a last day in the past"
            )
        due, day = data.get("returns_due"), data.get("audit_day")
        if due and due < timezone.localdate():
            self.add_error("returns_due", "The returns due date must be today or later")
        if due and day and day < due:
            self.add_error("audit_day", "The audit day must be on or after the returns due date")
        return data


class TrackerFilterForm(forms.Form):
    """The tracker's filters (a GET form: nothing is changed)."""

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Action.Status.choices]
    )
    agency = forms.ModelChoiceField(
        label="Owner agency", required=False, queryset=Agency.objects.none(),
        empty_label="Any agency",
    )  # fmt: skip
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "agency").queryset = Agency.objects.filter(partnership=partnership)

    def apply(self, actions, today: date):
        if not self.is_valid():
            return actions
        data = self.cleaned_data
        if data.get("status"):
            actions = actions.filter(status=data["status"])
        if data.get("agency"):
            actions = actions.filter(owner_agency=data["agency"])
        if data.get("overdue"):
            actions = actions.exclude(status=Action.Status.COMPLETE).filter(due_date__lt=today)
        return actions

"""The briefing's narrative form (fixed fields plus a few per theme the findings name), the
scope.json upload, the small-number decisions, a passage changed where it is, the passages
confirmed as read, and a published version withdrawn."""

from __future__ import annotations

import hashlib
import re
from typing import cast

from django import forms
from django.http import QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

from maca.briefing import BriefingInputError, Scope
from maca.briefing.number_words import small_number_words
from maca.safe_input import JSON_MAX_BYTES, InputRejected, read_json
from maca.web.common.forms import PlainErrors
from maca.web.input_bounds import FREE_TEXT_MAX_LENGTH

from .build import ThemeUse
from .models import BriefingDraft

URL = re.compile(r"^https?://\S+$")
RESOURCE_FIELDS = (
    ("resources_strengths", "strengths", "Resource links after the strengths"),
    ("resources_family_voice", "family_voice", "Resource links after the voice of the family"),
    ("resources_next_steps", "next_steps", "Links in next steps and tools"),
    ("resources_learning", "learning", "Resource links after the learning"),
    ("resources_end", "end", "Resources at the end"),
)
# The same places, chosen from the partnership's resource library (maca.web.actions): the draft
# keeps {"resource": id, "placement": ...}, and the briefing reads each one's title and link.
LIBRARY_FIELDS = tuple(
    (f"library_{placement}", placement, label) for _, placement, label in RESOURCE_FIELDS
)
LIBRARY_LABELS = {
    "next_steps": "Briefings, training and e-learning offered, from the resource library",
}
TYPED = " you type (links not in the library)"
LINK_HINT = "One a line: the link text, a vertical bar, then the address. For example: "
LINK_EXAMPLE = "Learning from practice: fathers | https://example.org/fathers"
LINES_HINT = "One a line."


def _text(label: str, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=FREE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class NarrativeForm(PlainErrors, forms.Form):
    priority = forms.CharField(label="Partnership priority", max_length=200, required=False,
                               help_text="For example, Priority Three")  # fmt: skip
    title = forms.CharField(label="Theme (title)", max_length=200,
                            help_text="For example, First 1001 Days")  # fmt: skip
    partnership_short = forms.CharField(label="Partnership short name", max_length=30,
                                        required=False, help_text="For example, NSCP")  # fmt: skip
    social_care_name = forms.CharField(
        label="What the briefing calls children's social care", max_length=60,
        help_text="For example, CYPS or children's social care",
    )  # fmt: skip
    published_month = forms.CharField(
        label="Month of publication", max_length=30, required=False,
        help_text="Leave blank for the month it is published, for example March 2024",
    )  # fmt: skip
    overview = _text("Overview", 5, "Why the audit was done, and under which plan.")
    overview_definition_term = forms.CharField(label="Definition after the overview: term",
                                               max_length=100, required=False)  # fmt: skip
    overview_definition_text = _text("Definition after the overview: text", 2)
    methodology = _text("Methodology", 4)
    scope_definition_term = forms.CharField(label="Definition after the scope: term",
                                            max_length=100, required=False)  # fmt: skip
    scope_definition_text = _text("Definition after the scope: text", 3)
    next_steps_intro = _text("Next steps and tools: introduction", 2)
    next_steps_items = _text(
        "Briefings and training offered, typed (not in the library)", 5, LINES_HINT
    )
    seven_background = _text("7-minute briefing: background", 3,
                             "Leave blank to use the scope and the question.")  # fmt: skip
    seven_why = _text("7-minute briefing: why it matters", 3,
                      "Leave blank to use the definitions.")  # fmt: skip
    seven_remember = _text("7-minute briefing: things to remember", 4, LINES_HINT)
    seven_what_to_do = _text("7-minute briefing: what to do", 4,
                             "One a line. Leave blank to use the training offered.")  # fmt: skip
    seven_questions = _text("7-minute briefing: reflective questions", 3, LINES_HINT)

    def __init__(
        self,
        *args,
        draft: BriefingDraft,
        uses: list[ThemeUse],
        voices=(),
        library=None,
        profile=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.draft, self.uses = draft, uses
        self.fields["profile_findings"] = forms.MultipleChoiceField(
            label="What the data tell us: findings of the cohort profile to include",
            help_text="Each goes into the Scope in these words, through the small-number and "
            "disclosure checks.",
            choices=[(m.key, f"{m.title}: {m.finding}") for m in profile.measures]
            if profile
            else [],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["left_out_voices"] = forms.MultipleChoiceField(
            label="Views to leave out of the briefing",
            help_text="Views given with consent are published unless you tick them here.",
            choices=[(str(v.pk), f"{v.role}: “{_short(v.quote)}”") for v in voices],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        for name, _, label in RESOURCE_FIELDS:
            self.fields[name] = _text(label + TYPED, 3, LINK_HINT + LINK_EXAMPLE)
        library = library or []
        for name, placement, label in LIBRARY_FIELDS:
            self.fields[name] = forms.MultipleChoiceField(
                label=LIBRARY_LABELS.get(placement, label + ", from the resource library"),
                choices=[
                    (str(r.pk), f"{r.title} ({r.get_kind_display().lower()})") for r in library
                ],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        self.theme_fields: list[dict] = []
        for use in uses:
            pk, name = use.theme.pk, use.theme.name
            group: dict = {"theme": use, "strength": [], "learning": []}
            if use.strength_cases:
                self.fields[f"t{pk}_key_phrase"] = forms.CharField(
                    label=f"{name}: key phrase (shown in bold)", max_length=200, required=False
                )
                self.fields[f"t{pk}_sentence"] = _text(f"{name}: the strength in a sentence", 2)
                agencies = ", ".join(use.agencies)
                self.fields[f"t{pk}_agency"] = forms.CharField(
                    label=f"{name}: agency whose key finding it was (optional)",
                    max_length=100,
                    required=False,
                    help_text=f"Findings name: {agencies}" if agencies else "",
                )
                group["strength"] = [f"t{pk}_key_phrase", f"t{pk}_sentence", f"t{pk}_agency"]
            if use.learning_cases:
                self.fields[f"t{pk}_learning_title"] = forms.CharField(
                    label=f"{name}: learning heading", max_length=200, required=False
                )
                self.fields[f"t{pk}_learning_text"] = _text(f"{name}: what was learned", 3)
                self.fields[f"t{pk}_bullets"] = _text(f"{name}: points to act on", 3, LINES_HINT)
                group["learning"] = [
                    f"t{pk}_learning_title",
                    f"t{pk}_learning_text",
                    f"t{pk}_bullets",
                ]
            self.theme_fields.append(group)
        self.field_order = list(NarrativeForm.base_fields)
        if not self.is_bound:
            self.initial = initial_for(draft, uses)

    def fields_starting(self, *prefixes: str):
        return [self[name] for name in NarrativeForm.base_fields if name.startswith(prefixes)]

    def opening_fields(self):
        return self.fields_starting(
            "priority", "title", "partnership_short", "social_care_name", "published_month",
            "overview", "methodology",
        )  # fmt: skip

    def scope_fields(self):
        return self.fields_starting("scope_definition")

    def next_steps_fields(self):
        """The introduction, what is offered from the library, then anything typed."""
        fields = self.fields_starting("next_steps")
        return [
            fields[0],
            *self._library_field("next_steps"),
            *fields[1:],
            self["resources_next_steps"],
        ]

    def _library_field(self, placement: str):
        name = f"library_{placement}"
        return [self[name]] if cast(forms.ChoiceField, self.fields[name]).choices else []

    def seven_minute_fields(self):
        return self.fields_starting("seven_")

    def resource_fields(self):
        """Per place but next steps: what is chosen from the library, then any links typed."""
        return [
            field
            for name, placement, _ in RESOURCE_FIELDS
            if placement != "next_steps"
            for field in (*self._library_field(placement), self[name])
        ]

    def strength_groups(self):
        """In the briefing's order: by how many cases showed the strength."""
        groups = sorted(
            (g for g in self.theme_fields if g["strength"]),
            key=lambda g: -g["theme"].strength_cases,
        )
        return [(g["theme"], [self[n] for n in g["strength"]]) for g in groups]

    def learning_groups(self):
        groups = sorted(
            (g for g in self.theme_fields if g["learning"]),
            key=lambda g: -g["theme"].learning_cases,
        )
        return [(g["theme"], [self[n] for n in g["learning"]]) for g in groups]

    def clean(self):
        data = super().clean()
        for name, placement, _ in RESOURCE_FIELDS:
            links = []
            for number, line in enumerate(_lines(data.get(name, "")), 1):
                title, bar, url = line.rpartition("|")
                title, url = title.strip(), url.strip()
                if not bar or not title or not URL.match(url):
                    self.add_error(
                        name,
                        f"Line {number}: write the link text, a vertical bar, then an address "
                        f"starting https://",
                    )
                    break
                links.append({"title": title, "url": url, "placement": placement})
            data[f"{name}_parsed"] = links
        for kind in ("overview", "scope"):
            term, text = data.get(f"{kind}_definition_term"), data.get(f"{kind}_definition_text")
            if bool(term) != bool(text):
                self.add_error(
                    f"{kind}_definition_{'text' if term else 'term'}",
                    f"Enter both the term and its definition after the {kind}, or neither",
                )
        return data

    def draft_fields(self) -> dict:
        """The cleaned data as the draft's fields."""
        data = self.cleaned_data
        definitions = [
            d
            for kind in ("overview", "scope")
            for d in [
                {
                    "term": data[f"{kind}_definition_term"],
                    "text": data[f"{kind}_definition_text"],
                    "placement": kind,
                }
            ]
            if d["term"]
        ]
        # Keep the words written for themes no finding names now: a finding may come back.
        texts = dict(self.draft.theme_texts or {})
        for use in self.uses:
            pk = use.theme.pk
            entry = dict(texts.get(str(pk), {}))
            for part in ("key_phrase", "sentence", "agency", "learning_title", "learning_text"):
                if f"t{pk}_{part}" in data:
                    entry[part] = data[f"t{pk}_{part}"].strip()
            if f"t{pk}_bullets" in data:
                entry["bullets"] = _lines(data[f"t{pk}_bullets"])
            texts[str(pk)] = entry
        return {
            "priority": data["priority"],
            "title": data["title"],
            "partnership_short": data["partnership_short"],
            "social_care_name": data["social_care_name"],
            "published_month": data["published_month"],
            "overview": data["overview"].strip(),
            "methodology": data["methodology"].strip(),
            "definitions": definitions,
            "theme_texts": texts,
            "left_out_voices": [int(pk) for pk in data.get("left_out_voices", [])],
            "profile_findings": list(data.get("profile_findings", [])),
            "next_steps_intro": data["next_steps_intro"].strip(),
            "next_steps_items": _lines(data["next_steps_items"]),
            "resources": [
                {"resource": int(pk), "placement": placement}
                for name, placement, _ in LIBRARY_FIELDS
                for pk in data.get(name, [])
            ]
            + [link for name, _, _ in RESOURCE_FIELDS for link in data[f"{name}_parsed"]],
            "seven_minute": {
                "background": data["seven_background"].strip(),
                "why_it_matters": data["seven_why"].strip(),
                "things_to_remember": _lines(data["seven_remember"]),
                "what_to_do": _lines(data["seven_what_to_do"]),
                "reflective_questions": _lines(data["seven_questions"]),
            },
        }


def initial_for(draft: BriefingDraft, uses: list[ThemeUse]) -> dict:
    definitions = {d.get("placement"): d for d in reversed(draft.definitions or [])}
    seven = draft.seven_minute or {}
    initial = {
        "priority": draft.priority,
        "title": draft.title,
        "partnership_short": draft.partnership_short,
        "social_care_name": draft.social_care_name,
        "published_month": draft.published_month,
        "overview": draft.overview,
        "methodology": draft.methodology,
        "left_out_voices": [str(pk) for pk in draft.left_out_voices or []],
        "profile_findings": list(draft.profile_findings or []),
        "next_steps_intro": draft.next_steps_intro,
        "next_steps_items": "\n".join(draft.next_steps_items or []),
        "seven_background": seven.get("background", ""),
        "seven_why": seven.get("why_it_matters", ""),
        "seven_remember": "\n".join(seven.get("things_to_remember", [])),
        "seven_what_to_do": "\n".join(seven.get("what_to_do", [])),
        "seven_questions": "\n".join(seven.get("reflective_questions", [])),
    }
    for kind in ("overview", "scope"):
        initial[f"{kind}_definition_term"] = definitions.get(kind, {}).get("term", "")
        initial[f"{kind}_definition_text"] = definitions.get(kind, {}).get("text", "")
    for name, placement, _ in RESOURCE_FIELDS:
        initial[name] = "\n".join(
            f"{r['title']} | {r['url']}"
            for r in draft.resources or []
            if r.get("placement", "end") == placement and "resource" not in r
        )
    for name, placement, _ in LIBRARY_FIELDS:
        initial[name] = [
            str(r["resource"])
            for r in draft.resources or []
            if "resource" in r and r.get("placement", "end") == placement
        ]
    for use in uses:
        entry = (draft.theme_texts or {}).get(str(use.theme.pk), {})
        pk = use.theme.pk
        for part in ("key_phrase", "sentence", "agency", "learning_title", "learning_text"):
            initial[f"t{pk}_{part}"] = entry.get(part, "")
        initial[f"t{pk}_bullets"] = "\n".join(entry.get("bullets", []))
    return initial


class ScopeUploadForm(PlainErrors, forms.Form):
    scope = forms.FileField(
        label="scope.json",
        help_text="The scope.json that maca cohort wrote beside cohort.csv.",
        error_messages={"required": "Choose the scope.json file to upload"},
    )

    def clean_scope(self):
        upload = self.cleaned_data["scope"]
        name = upload.name
        try:
            data = read_json(upload.read(JSON_MAX_BYTES + 1), name)
        except InputRejected as problem:
            raise forms.ValidationError(str(problem)) from None
        try:
            Scope.from_scope_json(data)
        except BriefingInputError as error:
            raise forms.ValidationError(f"{name}: {error}") from None
        return {"name": name, "data": data}


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_name(key: str) -> str:
    """A form field name per small-number key, stable while the list around it changes."""
    return "n_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


class SmallNumbersForm(PlainErrors, forms.Form):
    """One confirm/suppress choice per small number the briefing shows."""

    def __init__(self, *args, small_numbers, threshold: int = 5, **kwargs):
        super().__init__(*args, **kwargs)
        self.small_numbers = small_numbers
        choices = [
            ("confirm", "Confirm: publish the number"),
            ("suppress", f"Suppress: publish “fewer than {threshold}”"),
        ]
        for number in small_numbers:
            self.fields[field_name(number.key)] = forms.ChoiceField(
                label=small_number_words(number.key, number.value, number.item),
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=number.decision,
            )

    def choices(self, confirm_all: bool = False) -> dict[str, tuple[int, str]]:
        """The choices made; with ``confirm_all``, "confirm" for every number shown on the page
        (posted back in ``shown``) that had no choice yet."""
        data = self.data
        shown = set(data.getlist("shown")) if confirm_all and isinstance(data, QueryDict) else set()
        chosen = {}
        for number in self.small_numbers:
            name = field_name(number.key)
            choice = self.cleaned_data.get(name)
            if confirm_all and not choice and number.decision is None and name in shown:
                choice = "confirm"
            if choice:
                chosen[number.key] = (number.value, choice)
        return chosen


class FixPassageForm(PlainErrors, forms.Form):
    """One passage's new text, changed where the author read it."""

    source = forms.CharField(widget=forms.HiddenInput, max_length=200)
    shown = forms.CharField(widget=forms.HiddenInput, max_length=64)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    text = forms.CharField(
        label="Change the text",
        required=False,
        strip=False,
        max_length=FREE_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Enter {FREE_TEXT_MAX_LENGTH:,} characters or fewer",
        },
    )

    def __init__(self, *args, passage=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.passage = passage
        if passage is not None and not self.is_bound:
            self.initial = {"source": passage.key, "shown": passage.fingerprint,
                            "text": passage.text, **self.initial}  # fmt: skip
        if passage is not None:
            where = passage.where
            self.fields["text"].label = f"Change {where[:1].lower()}{where[1:]}"
            if passage.one_line:
                self.fields["text"].widget = forms.TextInput()

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        passage = self.passage
        if passage is None:
            return text
        if passage.required and not text.strip():
            raise forms.ValidationError(f"Enter the text of {passage.where[:1].lower()}"
                                        f"{passage.where[1:]}")  # fmt: skip
        if passage.max_length and len(text.strip()) > passage.max_length:
            raise forms.ValidationError(
                f"Enter {passage.max_length} characters or fewer (this is {len(text.strip())})"
            )
        return text

    def safe_next(self, request, default: str) -> str:
        """Back to the page the change was made on: a path of this site, else ``default``."""
        target = self.cleaned_data.get("next") or ""
        allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        return target if allowed and target.startswith("/") else default


FINGERPRINT = re.compile(r"^[0-9a-f]{64}$")


class Fingerprints(forms.MultipleChoiceField):
    """Passages' fingerprints as posted back; any that no longer match a passage are ignored."""

    def valid_value(self, value) -> bool:
        return bool(FINGERPRINT.match(str(value)))


class ConfirmPassagesForm(PlainErrors, forms.Form):
    """Passages the author read: those ticked, or with "confirm all shown" every passage the
    page showed with nothing found. Only passages shown (posted back in ``shown``), still as
    they were then (their fingerprints), with nothing found and not yet confirmed count: a
    passage changed since is not confirmed, and stays on the list."""

    shown = Fingerprints(required=False)
    confirm = Fingerprints(required=False)
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("confirm_all", "confirm all")])

    def __init__(self, *args, reading, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = reading
        self.reads: list = []

    @property
    def all_shown(self) -> bool:
        return self.is_bound and self.data.get("action") == "confirm_all"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        shown = set(data.get("shown") or [])
        chosen = shown if self.all_shown else set(data.get("confirm") or []) & shown
        self.reads = self.reading.confirmable(chosen)
        if not self.reads:
            raise forms.ValidationError(
                "Tick each passage you have read for identifying details, or confirm all "
                "the passages shown with nothing found"
            )
        return data


class WithdrawForm(PlainErrors, forms.Form):
    reason = forms.CharField(
        label="Why is this version withdrawn?",
        help_text="Kept with the version and shown to the business team only. For example: "
        "a family quote identified a family.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this version is withdrawn"},
    )

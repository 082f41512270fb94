"""Template helpers to render Django form fields as GOV.UK Frontend components."""

from __future__ import annotations

from datetime import date

from django import forms, template
from django.utils import timezone

from maca.web.common import words

register = template.Library()


@register.filter
def govuk_kind(bound_field) -> str:
    if bound_field.field.disabled:
        return "fixed"  # shown as text: a control that ignores what is sent would mislead
    widget = bound_field.field.widget
    # CheckboxSelectMultiple is a subclass of RadioSelect: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.EmailInput):
        return "email"
    return "input"


@register.filter
def fixed_value(bound_field) -> str:
    """A field that cannot change, in words: its choice's label, Yes or No, or its value."""
    value = bound_field.value()
    if isinstance(bound_field.field, forms.BooleanField):
        return "Yes" if value else "No"
    for choice, label in getattr(bound_field.field, "choices", ()):
        if str(getattr(choice, "value", choice)) == str(value):
            return str(label)
    return "" if value is None else str(value)


@register.filter
def anchor(bound_field) -> str:
    """Where an error summary link should land: the first option of a group, else the field."""
    if govuk_kind(bound_field) in ("radios", "checkboxes"):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


@register.filter
def describedby(bound_field) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.filter
def as_text(value) -> str:
    """A field's value as the user types it: dates as YYYY-MM-DD (what the forms accept)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@register.filter
def day(value) -> str:
    """A date (or the day of a time) in the one format of every page: ``15 July 2023``."""
    return words.day(value)


@register.filter
def day_time(value) -> str:
    """A moment as ``15 July 2023, 14:05`` (local time)."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{words.day(local)}, {local:%H:%M}"


@register.filter
def clock(value) -> str:
    """The time of a moment as ``14:05`` (local time)."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M}"


@register.filter
def plural(count, noun: str) -> str:
    """``{{ n|plural:"case" }}`` → ``1 case``, ``2 cases``."""
    return words.plural(int(count or 0), noun)


@register.filter
def spaced(name: str) -> str:
    """A field name for people: ``date_text`` → ``Date text``."""
    return str(name).replace("_", " ").capitalize()


@register.filter
def join_if_list(value) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)

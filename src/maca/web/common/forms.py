"""GOV.UK error messages in plain words, for every form, in one place.

Django's defaults ("This field is required.", "Ensure this value has at most 200 characters (it
has 254).", "Select a valid choice. x is not one of the available choices.") become messages in
the GOV.UK style, built from the field's label: "Enter the title", "Title must be 200
characters or fewer", "Select how the child was removed from the options". A message a form
spells out itself is kept. Every form of the web app mixes in :class:`PlainErrors` (a test
checks), first, before Django's form class.
"""

from __future__ import annotations

from django import forms

# A label longer than this (a question of the audit tool) is not repeated in the message.
SHORT_LABEL = 60


def _defaults(field: forms.Field) -> dict[str, str]:
    messages: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return messages


def _kind(field: forms.Field) -> str:
    widget = field.widget
    if isinstance(field, forms.FileField):
        return "file"
    if isinstance(
        widget, forms.RadioSelect | forms.Select | forms.CheckboxInput | forms.SelectMultiple
    ) or isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return "choice"
    return "text"


def _names(field: forms.Field, name: str) -> tuple[str, str]:
    """The label as the subject of a sentence, and inside one ("Title", "the title")."""
    label = str(field.label or name.replace("_", " ").capitalize()).strip().rstrip(":")
    if len(label) > SHORT_LABEL or label.endswith("?"):
        return "The answer", "an answer"
    inner = label if label[:2].isupper() else label[:1].lower() + label[1:]
    return label[:1].upper() + label[1:], inner


def plain_messages(field: forms.Field, name: str) -> None:
    """Replace the field's default error messages with plain ones (custom ones stay)."""
    defaults = _defaults(field)
    subject, inner = _names(field, name)
    kind = _kind(field)
    plain = {
        "required": {
            "file": f"Choose {inner}",
            "choice": f"Select {inner}",
            "text": f"Enter {inner}",
        }[kind],
        "invalid_choice": f"Select {inner} from the options",
        "invalid_list": f"Select {inner} from the options",
        "invalid_pk_value": f"Select {inner} from the options",
    }
    if isinstance(field, forms.DateField):
        plain["invalid"] = f"{subject} must be a real date, like 2024-03-31"
    elif isinstance(field, forms.IntegerField):
        plain["invalid"] = f"{subject} must be a whole number"
    elif isinstance(field, forms.EmailField):
        plain["invalid"] = (
            f"Enter {inner} in the correct format, like name@example.org"
            if inner != "an answer"
            else "Enter an email address in the correct format, like name@example.org"
        )
    elif isinstance(field, forms.FileField):
        plain["invalid"] = f"{subject} must be a file"
        plain["empty"] = f"{subject} is empty"
    else:
        plain["invalid"] = f"Enter {inner} in the correct format"
    for code, message in plain.items():
        current = field.error_messages.get(code)
        if current is None and code not in ("required", "invalid"):
            continue  # not a message this kind of field can give
        if current is None or current == defaults.get(code):
            field.error_messages[code] = message
    # Validator messages (lengths, limits) are overridden by the field's message of their code.
    # A bound another mixin adds later still gets the plain message (its number unformatted).
    max_length = getattr(field, "max_length", None)
    if isinstance(field, forms.CharField) and "max_length" not in field.error_messages:
        limit = f"{max_length:,}" if max_length is not None else "%(limit_value)d"
        field.error_messages["max_length"] = f"{subject} must be {limit} characters or fewer"
    min_length = getattr(field, "min_length", None)
    if min_length is not None and "min_length" not in field.error_messages:
        field.error_messages["min_length"] = f"{subject} must be {min_length:,} characters or more"
    if getattr(field, "max_value", None) is not None:
        field.error_messages.setdefault("max_value", f"{subject} must be %(limit_value)s or less")
    if getattr(field, "min_value", None) is not None:
        field.error_messages.setdefault("min_value", f"{subject} must be %(limit_value)s or more")


class PlainErrors:
    """Mix in first: ``class AuditForm(PlainErrors, forms.ModelForm)``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            plain_messages(field, name)

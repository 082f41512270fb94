"""The bounds on free text a person types into a form and on a page's query string
(docs/input-limits.md).

A model's CharField gives its form field the column's ``max_length``; a TextField gives none, so
without this a form would pass any length on. Free text is at most ``FREE_TEXT_MAX_LENGTH``
characters: the longest answer in the demo's returns is under 1,000.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from maca.safe_input import InputRejected, json_from_text

FREE_TEXT_MAX_LENGTH = 10_000
# The longest query string a page reads (gunicorn refuses request lines over 4094 bytes too).
QUERY_STRING_MAX_BYTES = 4096


def bound_free_text(form: forms.BaseForm) -> None:
    """Give every text field of ``form`` without a maximum the free-text one."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length is None:
            field.max_length = FREE_TEXT_MAX_LENGTH
            field.validators.append(MaxLengthValidator(FREE_TEXT_MAX_LENGTH))


class BoundedText:
    """A form (mixed in first) whose unbounded text fields get ``FREE_TEXT_MAX_LENGTH``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_free_text(self)  # type: ignore[arg-type]


class BoundedJSONField(forms.JSONField):
    """Django's JSON form field read by maca.safe_input: deep nesting and numbers of thousands
    of digits are a form error, not a RecursionError or a ValueError."""

    def _parse(self, value):
        try:
            return json_from_text(value, "The JSON")
        except InputRejected as problem:
            raise ValidationError(str(problem), code="invalid") from None

    def to_python(self, value):
        if self.disabled or value in self.empty_values or not isinstance(value, str):
            return super().to_python(value)
        converted = self._parse(value)
        return forms.fields.JSONString(converted) if isinstance(converted, str) else converted

    def bound_data(self, data, initial):
        if self.disabled or data is None:
            return super().bound_data(data, initial)
        try:
            return self._parse(data)
        except ValidationError:
            return forms.fields.InvalidJSONInput(data)


class QueryStringBoundMiddleware:
    """A web address whose query string is over ``QUERY_STRING_MAX_BYTES`` gets the 400 page
    with status 414, and one holding a NUL character (which PostgreSQL refuses in a search) the
    400 page, before any view or database search reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from maca.web import errors

        query = request.META.get("QUERY_STRING", "")
        if len(query) > QUERY_STRING_MAX_BYTES:
            return errors.address_too_long()
        if "%00" in query or "\x00" in query:
            return errors.bad_request(request)
        return self.get_response(request)

"""Model fields for identifying details.

``EncryptedTextField`` stores its value encrypted (``cipher.encrypt``) and reads it decrypted, so
code and templates see plain text while the database, a copy of its file and a dump hold only
ciphertext. It refuses every lookup but ``isnull`` and ``=""`` (a blank value is stored blank): a
filter on ciphertext could never match, and saying so beats an empty result. Where the app needs
to find rows by an equal value, a ``BlindIndexField(source=...)`` beside it keeps the keyed HMAC
of the value; ``equal_to()`` builds the filter.

To protect one more field: make it an ``EncryptedTextField`` (with ``max_length`` for its forms),
add a migration that alters it and encrypts the rows (``encrypt_existing``), and it is covered by
``maca keys rotate`` and the tests that read the database file. Writes go through ``save()``: a
``queryset.update()`` of the value must set the index too (``index_for``).
"""

from __future__ import annotations

from django.core.exceptions import FieldError
from django.db import models
from django.db.models import Q

from . import cipher


def field_label(model, name: str) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}.{name}"


class IsBlank(models.lookups.Exact):
    """``field=""``: whether a value is held at all (blank is stored blank, not encrypted)."""

    def __init__(self, lhs, rhs):
        if rhs != "":
            raise FieldError(
                f"{lhs.target.label} is encrypted: it can be compared only with the empty "
                "string (use its blind index with equal_to())"
            )
        super().__init__(lhs, rhs)

    def get_db_prep_lookup(self, value, connection):
        return "%s", [value]


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest (AES-256-GCM)"

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.label = field_label(cls, name)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return cipher.decrypt(value, self.label)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return cipher.encrypt(value, self.label)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return IsBlank
        raise FieldError(
            f"{self.label} is encrypted: it cannot be filtered with {lookup_name!r}"
            " (use its blind index with equal_to())"
        )

    def get_transform(self, lookup_name):
        raise FieldError(f"{self.label} is encrypted: no {lookup_name!r} transform")


class BlindIndexField(models.CharField):
    """The keyed HMAC of another field's plain value, written whenever the row is saved."""

    description = "Keyed HMAC blind index of an encrypted field"

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = index_for(model_instance, self.source)
        setattr(model_instance, self.attname, value)
        return value


def index_for(instance, source: str) -> str:
    plain = getattr(instance, source) or ""
    return cipher.blind_index(plain, field_label(type(instance), source))


def equal_to(model, source: str, value: str) -> Q:
    """A filter for rows whose encrypted ``source`` equals ``value`` (through its index)."""
    index = next(
        f for f in model._meta.get_fields() if isinstance(f, BlindIndexField) and f.source == source
    )
    if value == "":
        return Q(**{f"{index.name}": ""})
    return Q(**{f"{index.name}__in": cipher.blind_indexes(value, field_label(model, source))})


def encrypted_fields(model) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def index_fields(model, source: str) -> list[BlindIndexField]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, BlindIndexField) and f.source == source
    ]

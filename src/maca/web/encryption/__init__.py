"""Identifying details encrypted at rest (ADR 0510).

``keys`` holds the key ring (from ``MACA_FIELD_KEYS`` or the key file, never the database),
``fields`` the model fields (:class:`EncryptedTextField` and its :class:`BlindIndexField`), and
``rotation`` what ``maca keys rotate`` does: re-encrypt every value under the newest key.
"""

from .fields import BlindIndexField, EncryptedTextField, equal_to

__all__ = ["BlindIndexField", "EncryptedTextField", "equal_to"]

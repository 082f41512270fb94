"""A passage's fingerprint: the same text gives the same fingerprint, any change a new one.

A person's confirmation that a passage was read for identifying details is recorded against
this fingerprint; when the passage changes, the fingerprint does too, and the confirmation no
longer covers it. Runs of white space count as one space and the text is compared in Unicode
normal form (NFC), so re-saving a form or a different keyboard's accents do not ask for a new
confirmation; any change of letters, digits, punctuation or case does.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalised_passage(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def passage_fingerprint(text: str) -> str:
    """sha256 (hex) of the passage's normalised text."""
    return hashlib.sha256(normalised_passage(text).encode("utf-8")).hexdigest()

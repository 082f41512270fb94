"""Password policy as the NCSC advises: length, a deny-list, no composition rules (ADR 0511).

Django's validators give the minimum length (12) and the deny-list of 20,000 common passwords from
breach corpora shipped inside Django; this adds the service's own words, which a guesser tries
first against a safeguarding partnership's system.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

SERVICE_WORDS = (
    "maca",
    "safeguarding",
    "partnership",
    "children",
    "audit",
    "northmoor",
    "password",
    "welcome",
)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


class ServiceWordsValidator:
    """Refuses a password that is little more than the service's, the partnership's or the
    user's own words with digits or symbols around them (``Safeguarding2024!``)."""

    def __init__(self, min_other_letters: int = 6) -> None:
        self.min_other_letters = min_other_letters

    def _words(self, user) -> list[str]:
        words = list(SERVICE_WORDS)
        if user is not None:
            words += [getattr(user, "username", ""), getattr(user, "first_name", "")]
            words += [getattr(user, "last_name", "")]
            partnership = getattr(user, "partnership", None)
            if partnership is not None:
                words += partnership.name.split()
            agency = getattr(user, "agency", None)
            if agency is not None:
                words += agency.name.split()
        return sorted({_letters(w) for w in words if len(_letters(w)) >= 4}, key=len, reverse=True)

    def validate(self, password: str, user=None) -> None:
        rest = _letters(password)
        for word in self._words(user):
            rest = rest.replace(word, "")
        if len(rest) < self.min_other_letters and len(_letters(password)) > len(rest):
            raise ValidationError(
                "This password is mostly words people guess first (the service's, your "
                "partnership's or your own name). Choose another, such as three random words.",
                code="password_service_words",
            )

    def get_help_text(self) -> str:
        return "Your password cannot be mostly the service's, the partnership's or your own name."


class MaximumLengthValidator:
    """A password no longer than the sign-in form accepts (``PASSWORD_MAX_LENGTH``), so that
    one that can be set can always be typed in."""

    def validate(self, password: str, user=None) -> None:
        from .forms import PASSWORD_MAX_LENGTH

        if len(password) > PASSWORD_MAX_LENGTH:
            raise ValidationError(
                f"Your password can have at most {PASSWORD_MAX_LENGTH} characters",
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        from .forms import PASSWORD_MAX_LENGTH

        return f"Your password can have at most {PASSWORD_MAX_LENGTH} characters."

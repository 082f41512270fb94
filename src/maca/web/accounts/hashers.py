"""The password hashers: Argon2id at OWASP's recommended strength (ADR 0501), and PBKDF2 only
to check the hashes made before it, which Django then upgrades at their next sign-in.

Both take a load-shedding slot for the length of a hash (maca.web.load_shedding).
"""

from __future__ import annotations

from django.contrib.auth import hashers

from maca.web.load_shedding import sign_in_slot


class _ShedsLoad:
    def encode(self, password, salt, *args, **kwargs):
        with sign_in_slot():
            return super().encode(password, salt, *args, **kwargs)  # type: ignore[misc]

    def verify(self, password, encoded):
        with sign_in_slot():
            return super().verify(password, encoded)  # type: ignore[misc]


class Argon2idPasswordHasher(_ShedsLoad, hashers.Argon2PasswordHasher):
    """OWASP's first Argon2id option: 19 MiB of memory, 2 passes, 1 lane. Django re-hashes a
    stored Argon2 hash whose parameters differ at its next sign-in."""

    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1


class PBKDF2PasswordHasher(_ShedsLoad, hashers.PBKDF2PasswordHasher):
    """Django's PBKDF2-SHA256, kept to check (and so upgrade) hashes made before Argon2id."""

"""CPU per sign-in: the password check, before (Django's PBKDF2-SHA256) and after (Argon2id at
OWASP's m=19 MiB, t=2, p=1), both timed in the same run (ADR 0501).

    PYTHONPATH=src .venv/bin/python benchmarks/sign_in.py [--checks 20]

Each check is one ``check_password`` of a stored hash, as a sign-in does; the figure is CPU time
(process time), the ratio Argon2id's over PBKDF2's. A sign-in also checks the lockout and writes
a session and a trail entry, a millisecond or two that neither hasher changes. Also printed: how
many checks one process's slots (MACA_SIGN_IN_CONCURRENCY) clear per second at that cost.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maca.web.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.test import override_settings  # noqa: E402

HASHERS = {
    "before: PBKDF2-SHA256 (Django 5.2 default)": "maca.web.accounts.hashers.PBKDF2PasswordHasher",
    "after: Argon2id m=19 MiB t=2 p=1": "maca.web.accounts.hashers.Argon2idPasswordHasher",
}


def cpu_per_check(hasher: str, checks: int) -> list[float]:
    with override_settings(PASSWORD_HASHERS=[hasher]):
        encoded = make_password("a synthetic pass phrase 1001")
        times = []
        for _ in range(checks):
            start = time.process_time()
            assert check_password("a synthetic pass phrase 1001", encoded)
            times.append(time.process_time() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=20)
    args = parser.parse_args()
    medians = {}
    for label, hasher in HASHERS.items():
        times = cpu_per_check(hasher, args.checks)
        medians[label] = statistics.median(times)
        spread = f"min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}"
        print(f"{label:45} median {medians[label] * 1000:7.1f} ms CPU per check "
              f"({spread}; {args.checks} checks)")  # fmt: skip
    before, after = medians.values()
    print(f"ratio after/before: {after / before:.2f}x the CPU per sign-in")
    slots = settings.MACA_SIGN_IN_CONCURRENCY
    print(f"one process with {slots} password-check slots clears about "
          f"{slots / after:.0f} sign-ins a second (CPU permitting)")  # fmt: skip


if __name__ == "__main__":
    main()

"""Sign-in lockouts (django-axes) as the business team sees them: the records of their own
partnership's users only. After ``AXES_FAILURE_LIMIT`` wrong passwords from one address an
account is locked for ``AXES_COOLOFF_TIME``; the business team can unlock it sooner."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Lockout:
    """A user's failed sign-ins still counted (not yet past the cool-off)."""

    username: str
    failures: int
    last_failure: datetime
    locked: bool
    locked_until: datetime | None


def lockouts_of(usernames) -> dict[str, Lockout]:
    """Username -> its counted failed sign-ins, for the given usernames only."""
    cool_off = get_cool_off()
    attempts = AccessAttempt.objects.filter(username__in=list(usernames))
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gt=timezone.now() - cool_off)
    by_address: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    last: dict[str, datetime] = {}
    for username, address, failures, when in attempts.values_list(
        "username", "ip_address", "failures_since_start", "attempt_time"
    ):
        by_address[username][address] += failures
        last[username] = max(last.get(username, when), when)
    found = {}
    for username, addresses in by_address.items():
        locked = max(addresses.values()) >= settings.AXES_FAILURE_LIMIT
        until = last[username] + cool_off if locked and cool_off is not None else None
        found[username] = Lockout(
            username=username,
            failures=sum(addresses.values()),
            last_failure=last[username],
            locked=locked,
            locked_until=until,
        )
    return found


def lockout_of(username: str) -> Lockout | None:
    return lockouts_of([username]).get(username)


def cool_off_minutes() -> int:
    cool_off = get_cool_off()
    return int(cool_off.total_seconds() // 60) if cool_off else 0

"""What every reminder by email does the same way (returns' and actions' alike): when one is due,
sending each with its record, and the daily management command's options.

A reminder is due once when the due date is ``before_days`` away or nearer, and, once overdue,
every ``after_every_days``; the day of each is marked on its record so that a second run the
same day sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from django.core.mail import EmailMessage, get_connection
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

BEFORE, AFTER = "before", "after"
Reminder = TypeVar("Reminder")


def reminder_due(
    due: date,
    today: date,
    reminded_before_on: date | None,
    reminded_after_on: date | None,
    before_days: int = 7,
    after_every_days: int = 7,
) -> str | None:
    """``"before"``, ``"after"`` or None: which reminder (if any) a record is due today."""
    days_left = (due - today).days
    if 0 <= days_left <= before_days and reminded_before_on is None:
        return BEFORE
    if days_left < 0 and (
        reminded_after_on is None or (today - reminded_after_on).days >= after_every_days
    ):
        return AFTER
    return None


def send_each(
    reminders: Iterable[Reminder],
    address: Callable[[Reminder], tuple[list[str], list[str]]],
    compose: Callable[[Reminder], tuple[str, str]],
    record: Callable[[Reminder], None],
) -> int:
    """Email each reminder that has someone to go to (``address``: to, cc), then ``record`` it
    (its mark and trail entry, in one transaction); how many were sent."""
    sent = 0
    with get_connection() as connection:
        for reminder in reminders:
            to, cc = address(reminder)
            if not to:
                continue
            subject, body = compose(reminder)
            EmailMessage(subject, body, to=to, cc=cc, connection=connection).send()
            record(reminder)
            sent += 1
    return sent


class ReminderCommand(BaseCommand):
    """A daily reminders command: ``--today``, ``--before-days``, ``--after-every-days``; a
    subclass says what it reminds of (``what``) and sends them (``send``)."""

    what = "reminder"

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--before-days", type=int, default=7)
        parser.add_argument("--after-every-days", type=int, default=7)

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a date like 2025-03-31") from None
        if options["before_days"] < 0 or options["after_every_days"] < 1:
            raise CommandError("--before-days must be 0 or more, --after-every-days 1 or more")
        sent = self.send(
            today or timezone.localdate(), options["before_days"], options["after_every_days"]
        )
        self.stdout.write(f"{sent} {self.what}{'s' if sent != 1 else ''} sent")

    def send(self, today: date, before_days: int, after_every_days: int) -> int:
        raise NotImplementedError

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maca.web.actions.reminders import send_action_reminders


class Command(BaseCommand):
    help = (
        "Email the owners of actions due soon or overdue (run once a day, e.g. from cron: a "
        "second run the same day sends nothing)."
    )

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
        sent = send_action_reminders(
            today or timezone.localdate(), options["before_days"], options["after_every_days"]
        )
        self.stdout.write(f"{sent} action reminder{'s' if sent != 1 else ''} sent")

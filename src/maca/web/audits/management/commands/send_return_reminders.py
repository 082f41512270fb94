from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maca.web.audits.reminders import send_return_reminders


class Command(BaseCommand):
    help = "Email reminders for returns due soon or overdue (run once a day, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--before-days", type=int, default=7)
        parser.add_argument("--after-every-days", type=int, default=7)

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a date like 2024-03-31") from None
        sent = send_return_reminders(
            today or timezone.localdate(), options["before_days"], options["after_every_days"]
        )
        self.stdout.write(f"{sent} reminder{'s' if sent != 1 else ''} sent")

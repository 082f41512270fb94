from maca.web.audits.reminders import send_return_reminders
from maca.web.common.reminders import ReminderCommand


class Command(ReminderCommand):
    help = "Email reminders for returns due soon or overdue (run once a day, e.g. from cron)."

    def send(self, today, before_days, after_every_days):
        return send_return_reminders(today, before_days, after_every_days)

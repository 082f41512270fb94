from maca.web.actions.reminders import send_action_reminders
from maca.web.common.reminders import ReminderCommand


class Command(ReminderCommand):
    help = (
        "Email the owners of actions due soon or overdue (run once a day, e.g. from cron: a "
        "second run the same day sends nothing)."
    )
    what = "action reminder"

    def send(self, today, before_days, after_every_days):
        return send_action_reminders(today, before_days, after_every_days)

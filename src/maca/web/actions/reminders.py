"""Reminders by email to the owners of actions, before and after the due date.

An action not yet complete gets one reminder when its due date is ``before_days`` away or
nearer, and, once overdue, one every ``after_every_days``. It goes to the action's lead when the
lead is a person with an email address, else to the owner agency's agency leads. Each reminder's
day is marked on the action (so a second run the same day sends nothing) and written to the
audit trail in the same transaction. The email names the action by its number and audit, and
quotes what will be done through the board's words (nothing identifying); the link is to the
configured base address (``MACA_BASE_URL``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from maca.web.accounts.models import User
from maca.web.accounts.roles import Role
from maca.web.trail import log_event
from maca.web.trail.models import Action as TrailAction

from .board import for_the_board
from .models import Action


@dataclass
class Reminder:
    action: Action
    kind: str  # "before" or "after"


def due_reminders(today: date, before_days: int = 7, after_every_days: int = 7) -> list[Reminder]:
    reminders = []
    open_actions = (
        Action.objects.exclude(status=Action.Status.COMPLETE)
        .select_related("audit", "owner_agency", "lead_user")
        .order_by("due_date", "id")
    )
    for action in open_actions:
        days_left = (action.due_date - today).days
        if 0 <= days_left <= before_days and action.reminded_before_on is None:
            reminders.append(Reminder(action, "before"))
        elif days_left < 0:
            last = action.reminded_after_on
            if last is None or (today - last).days >= after_every_days:
                reminders.append(Reminder(action, "after"))
    return reminders


def recipients(action: Action) -> list[str]:
    lead = action.lead_user
    if lead is not None and lead.is_active and lead.email:
        return [lead.email]
    leads = User.objects.filter(
        agency=action.owner_agency, role=Role.AGENCY_LEAD, is_active=True
    ).exclude(email="")
    return sorted(leads.values_list("email", flat=True))


def message(reminder: Reminder) -> tuple[str, str]:
    action = reminder.action
    due = f"{action.due_date:%-d %B %Y}"
    name = f"Action {action.pk} of the audit “{action.audit.title}”"
    link = settings.MACA_BASE_URL.rstrip("/") + reverse("actions:action-detail", args=[action.pk])
    if reminder.kind == "before":
        subject = f"Action due {due}: action {action.pk}"
        body = f"{name}, owned by {action.owner_agency.name}, is due on {due}."
    else:
        subject = f"Action overdue: action {action.pk}"
        body = f"{name}, owned by {action.owner_agency.name}, was due on {due} and is not complete."
    body += (
        f"\n\nWhat will be done: {for_the_board(action.text)}"
        f"\n\nUpdate its status and record the evidence of impact at {link}"
        "\n\nThis email names no child or family: sign in to see the action plan."
    )
    return subject, body


@transaction.atomic
def _record(reminder: Reminder, today: date) -> None:
    before = reminder.kind == "before"
    field = "reminded_before_on" if before else "reminded_after_on"
    Action.objects.filter(pk=reminder.action.pk).update(**{field: today})
    log_event(
        None,
        TrailAction.CHANGE,
        obj=reminder.action,
        summary=f"Reminder emailed: action {'due soon' if before else 'overdue'}",
    )


def send_action_reminders(today: date, before_days: int = 7, after_every_days: int = 7) -> int:
    """Send the reminders due today; how many emails were sent."""
    sent = 0
    with get_connection() as connection:
        for reminder in due_reminders(today, before_days, after_every_days):
            to = recipients(reminder.action)
            if not to:
                continue
            subject, body = message(reminder)
            EmailMessage(subject, body, to=to, connection=connection).send()
            _record(reminder, today)
            sent += 1
    return sent

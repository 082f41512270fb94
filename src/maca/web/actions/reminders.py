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

from django.db import transaction

from maca.web.accounts.models import User
from maca.web.accounts.roles import Role
from maca.web.common.links import absolute_url
from maca.web.common.reminders import BEFORE, reminder_due, send_each
from maca.web.common.words import day
from maca.web.trail import log_event
from maca.web.trail.models import Action as TrailAction

from .board import for_the_board
from .models import Action


@dataclass
class Reminder:
    action: Action
    kind: str  # "before" or "after"


def due_reminders(today: date, before_days: int = 7, after_every_days: int = 7) -> list[Reminder]:
    open_actions = (
        Action.objects.exclude(status=Action.Status.COMPLETE)
        .select_related("audit", "owner_agency", "lead_user")
        .order_by("due_date", "id")
    )
    reminders = []
    for action in open_actions:
        kind = reminder_due(
            action.due_date,
            today,
            action.reminded_before_on,
            action.reminded_after_on,
            before_days,
            after_every_days,
        )
        if kind:
            reminders.append(Reminder(action, kind))
    return reminders


def recipients(reminder: Reminder) -> tuple[list[str], list[str]]:
    """The lead, when a person with an email address; else the owner agency's agency leads."""
    lead = reminder.action.lead_user
    if lead is not None and lead.is_active and lead.email:
        return [lead.email], []
    leads = User.objects.filter(
        agency=reminder.action.owner_agency, role=Role.AGENCY_LEAD, is_active=True
    ).exclude(email="")
    return sorted(leads.values_list("email", flat=True)), []


def message(reminder: Reminder) -> tuple[str, str]:
    action = reminder.action
    due = day(action.due_date)
    name = f"Action {action.pk} of the audit “{action.audit.title}”"
    link = absolute_url("actions:action-detail", action.pk)
    if reminder.kind == BEFORE:
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


def send_action_reminders(today: date, before_days: int = 7, after_every_days: int = 7) -> int:
    """Send the reminders due today; how many emails were sent."""

    @transaction.atomic
    def record(reminder: Reminder) -> None:
        """The day of the reminder on the action (so it is not sent twice), and in the trail."""
        before = reminder.kind == BEFORE
        field = "reminded_before_on" if before else "reminded_after_on"
        Action.objects.filter(pk=reminder.action.pk).update(**{field: today})
        log_event(
            None,
            TrailAction.CHANGE,
            obj=reminder.action,
            summary=f"Reminder emailed: action {'due soon' if before else 'overdue'}",
        )

    return send_each(
        due_reminders(today, before_days, after_every_days), recipients, message, record
    )

"""Reminders by email before and after a return's due date.

A return still in draft (or re-opened) in an audit whose returns are open gets one reminder when
the due date is ``before_days`` away or nearer, and, once overdue, a reminder every
``after_every_days``. The emails name the case by its pseudonymous reference only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from maca.web.common.links import absolute_url
from maca.web.common.words import day
from maca.web.trail import log_event
from maca.web.trail.models import Action

from .models import EDITABLE_STATUSES, Assignment
from .stages import Stage


@dataclass
class Reminder:
    assignment: Assignment
    kind: str  # "before" or "after"


def due_reminders(today: date, before_days: int = 7, after_every_days: int = 7) -> list[Reminder]:
    open_assignments = Assignment.objects.filter(
        case__audit__stage=Stage.RETURNS_OPEN,
        case__withdrawn_at__isnull=True,
        single_agency_return__status__in=EDITABLE_STATUSES,
    ).select_related("case__audit", "agency", "practitioner", "agency_lead", "single_agency_return")
    reminders = []
    for assignment in open_assignments:
        days_left = (assignment.due_date - today).days
        if 0 <= days_left <= before_days and assignment.reminded_before_on is None:
            reminders.append(Reminder(assignment, "before"))
        elif days_left < 0:
            last = assignment.reminded_after_on
            if last is None or (today - last).days >= after_every_days:
                reminders.append(Reminder(assignment, "after"))
    return reminders


def _recipients(assignment: Assignment) -> tuple[list[str], list[str]]:
    to = [u.email for u in (assignment.practitioner,) if u is not None and u.email]
    lead = assignment.agency_lead
    cc = [lead.email] if lead is not None and lead.email and lead.email not in to else []
    return (to or cc), ([] if not to else cc)


def _message(reminder: Reminder) -> tuple[str, str]:
    assignment = reminder.assignment
    audit = assignment.case.audit
    due = day(assignment.due_date)
    link = absolute_url("audits:return-overview", assignment.single_agency_return.pk)
    what = f"The {assignment.agency.name} return for child {assignment.case.case_ref}"
    if reminder.kind == "before":
        subject = f"Return due {due}: child {assignment.case.case_ref}"
        body = f"{what} in the audit “{audit.title}” is due on {due}."
    else:
        subject = f"Return overdue: child {assignment.case.case_ref}"
        body = f"{what} in the audit “{audit.title}” was due on {due} and is not yet submitted."
    body += f"\n\nComplete it at {link}\n\nThis email names no one: sign in to see the case."
    return subject, body


@transaction.atomic
def _record(reminder: Reminder, today: date) -> None:
    """The day of the reminder on the assignment (so it is not sent twice), and in the trail."""
    before = reminder.kind == "before"
    field = "reminded_before_on" if before else "reminded_after_on"
    Assignment.objects.filter(pk=reminder.assignment.pk).update(**{field: today})
    log_event(
        None,
        Action.CHANGE,
        obj=reminder.assignment,
        summary=f"Reminder emailed: return {'due soon' if before else 'overdue'}",
    )


def send_return_reminders(today: date, before_days: int = 7, after_every_days: int = 7) -> int:
    """Send the reminders due today; returns how many emails were sent."""
    sent = 0
    with get_connection() as connection:
        for reminder in due_reminders(today, before_days, after_every_days):
            to, cc = _recipients(reminder.assignment)
            if not to:
                continue
            subject, body = _message(reminder)
            EmailMessage(subject, body, to=to, cc=cc, connection=connection).send()
            _record(reminder, today)
            sent += 1
    return sent

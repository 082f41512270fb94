"""The email that tells the named recipient a live safeguarding concern was escalated to them.

It confirms in writing what the person raising it has already said (the escalation page tells
them to phone first): who escalated it, when, about which child by pseudonymous reference, and
where the record is. It carries none of the concern's words: those are written by a person and
may name people, and email is not where maca keeps them (ADR 0301).
"""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import EmailMessage

from maca.web.common.links import absolute_url
from maca.web.common.words import day

from .models import SafeguardingEscalation

logger = logging.getLogger("maca.escalations")


def message(escalation: SafeguardingEscalation) -> EmailMessage:
    case, raiser = escalation.case, escalation.raised_by
    who = raiser.get_full_name() or raiser.username
    role = f"{raiser.role_label}, {raiser.agency}" if raiser.agency_id else raiser.role_label
    when = f"{day(escalation.raised_at)} at {escalation.raised_at:%H:%M}"
    subject = f"Safeguarding concern escalated to you: child {case.case_ref}"
    body = (
        f"This confirms that a live safeguarding concern about child {case.case_ref} in the "
        f"audit “{case.audit.title}” was escalated to you ({escalation.escalated_to}) on {when} "
        f"by {who} ({role}).\n\n"
        f"The concern and the action agreed are recorded in maca: "
        f"{absolute_url('audits:case-detail', case.pk)}\n\n"
        f"If you cannot sign in to maca, contact {who}"
        + (f" at {raiser.email}" if raiser.email else "")
        + ".\n\nThis email names no one: the child is known by the audit's reference only."
    )
    reply_to = [raiser.email] if raiser.email else []
    return EmailMessage(subject, body, to=[escalation.escalated_to_email], reply_to=reply_to)


def send(escalation: SafeguardingEscalation) -> bool:
    """True when the email was handed to the mail server."""
    try:
        return message(escalation).send() == 1
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("escalation %s: email not sent (%s)", escalation.pk, type(error).__name__)
        return False

"""Builders for the actions app's tests (tests/web/actions, tests/browser), registered as
fixtures by tests/conftest.py: an audit with findings agreed, a library, a published version and
two actions, made directly (the services that make them are tested on their own)."""

from __future__ import annotations

from datetime import timedelta

import pytest


@pytest.fixture
def planned(briefed):
    """``briefed`` (C001's area for learning: professional curiosity) with:

    - a resource library of two (one tagged to professional curiosity);
    - action ``hv_action`` owned by health visiting (lead hv.lead), not started, due in 30 days;
    - action ``police_action`` owned by the police (a named role), red and 3 days overdue;
    - a published version whose 7-minute briefing asks two reflective questions.
    """
    from django.utils import timezone

    from maca.web.accounts.models import Agency, User
    from maca.web.actions.models import Action, Resource, StatusChange
    from maca.web.briefings.models import PublishedBriefing

    audit = briefed.audit
    partnership = audit.partnership
    lead = audit.created_by
    theme = briefed.themes["Professional curiosity"]
    agencies = {a.kind: a for a in Agency.objects.filter(partnership=partnership)}
    curiosity = Resource.objects.create(
        partnership=partnership,
        kind="e_learning",
        title="Clarify, verify and reflect",
        url="https://example.org/training/clarify-verify-reflect",
    )
    curiosity.themes.add(theme)
    sleeping = Resource.objects.create(
        partnership=partnership,
        kind="briefing",
        title="Safe sleeping and safe handling",
        url="https://example.org/briefings/safe-sleeping",
    )
    today = timezone.localdate()

    def action(agency, status, due, **fields):
        made = Action.objects.create(
            audit=audit,
            theme=theme,
            area="Professional curiosity",
            owner_agency=agency,
            measure="A dip sample of 20 records.",
            due_date=due,
            status=status,
            created_by=lead,
            **fields,
        )
        StatusChange.objects.create(action=made, to_status=status, reason="Agreed", changed_by=lead)
        return made

    briefed.hv_action = action(
        agencies["health_visiting"],
        "not_started",
        today + timedelta(days=30),
        text="Health visitors verify what parents tell them at every new birth visit.",
        lead_user=User.objects.get(username="hv.lead"),
    )
    briefed.police_action = action(
        agencies["police"],
        "red",
        today - timedelta(days=3),
        text="Name the baby on every domestic abuse notification.",
        lead_role="Detective inspector, safeguarding",
    )
    briefed.published = PublishedBriefing.objects.create(
        audit=audit,
        version=1,
        title="Priority Three: First 1001 Days",
        published_by=lead,
        published_by_name=lead.username,
        published_at=timezone.now() - timedelta(days=10),
        html="<!DOCTYPE html><title>x</title>",
        pdf=b"%PDF-1.7",
        docx=b"PK",
        seven_minute_pdf=b"%PDF-1.7",
        source={
            "seven_minute": {
                "reflective_questions": [
                    "When did you last check something a parent told you?",
                    "Who else lives in or visits the home?",
                ]
            }
        },
    )
    briefed.library = {"curiosity": curiosity, "sleeping": sleeping}
    briefed.theme = theme
    return briefed


@pytest.fixture
def reaudited(planned):
    """``planned`` with a re-audit of its audit (``later``) for September to December 2024,
    started by the audit lead, commissioned."""
    from datetime import date

    from django.utils import timezone

    from maca.web.actions import services

    planned.later = services.start_reaudit(
        planned.audit,
        planned.audit.created_by,
        title="Re-audit",
        period_from=date(2024, 9, 1),
        period_to=date(2024, 12, 31),
        returns_due=timezone.localdate() + timedelta(days=30),
    )
    return planned

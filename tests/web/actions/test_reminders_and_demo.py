"""Reminders to the owners of actions, and `make run`'s demo of the action plan and re-audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings


@override_settings(MACA_BASE_URL="https://maca.northmoor.example/")
def test_reminders_before_and_after_the_due_date_once_a_day(planned):
    from maca.web.actions.models import Action
    from maca.web.actions.reminders import send_action_reminders
    from maca.web.trail.models import AuditEvent

    hv, police = planned.hv_action, planned.police_action
    due = hv.due_date
    today = due - timedelta(days=30)
    # The police action is already overdue; the health visiting one is 30 days away.
    assert send_action_reminders(today) == 1
    assert send_action_reminders(today) == 0  # safe to run twice a day
    overdue = mail.outbox[-1]
    assert overdue.subject == f"Action overdue: action {police.pk}"
    # Led by a named role: the police's agency lead hears of it.
    assert overdue.to == ["police.lead@northmoor.example"]
    assert f"https://maca.northmoor.example/actions/{police.pk}/" in overdue.body
    assert "This email names no child or family" in overdue.body
    # Overdue: again a week after the last reminder, and none once it is complete.
    assert send_action_reminders(today + timedelta(days=3)) == 0
    assert send_action_reminders(today + timedelta(days=7)) == 1
    Action.objects.filter(pk=police.pk).update(status="complete")
    assert send_action_reminders(due - timedelta(days=8)) == 0
    assert send_action_reminders(due - timedelta(days=7)) == 1  # due soon
    soon = mail.outbox[-1]
    assert soon.to == ["hv.lead@northmoor.example"]  # the lead by name
    assert soon.subject == f"Action due {due:%-d %B %Y}: action {hv.pk}"
    assert "Health visitors verify what parents tell them" in soon.body
    assert send_action_reminders(due - timedelta(days=6)) == 0
    assert send_action_reminders(due + timedelta(days=1)) == 1  # and late
    events = AuditEvent.objects.filter(summary__startswith="Reminder emailed: action")
    assert events.count() == len(mail.outbox) == 4
    assert {e.object_ref for e in events} == {hv.trail_ref, police.trail_ref}


def test_an_action_typed_with_an_identifier_is_emailed_without_it(planned):
    from maca.web.actions.models import Action
    from maca.web.actions.reminders import send_action_reminders

    Action.objects.filter(pk=planned.police_action.pk).update(
        text="Check SYN-900001 on 12/03/2023."
    )
    send_action_reminders(planned.police_action.due_date)
    body = mail.outbox[-1].body
    assert "SYN-900001" not in body and "12/03/2023" not in body


def test_the_reminder_command(planned, capsys):
    call_command("send_action_reminders", today=planned.police_action.due_date.isoformat())
    assert "1 action reminder sent" in capsys.readouterr().out
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_action_reminders", today="tomorrow")
    with pytest.raises(CommandError, match="--after-every-days"):
        call_command("send_action_reminders", after_every_days=0)


@pytest.mark.slow
def test_the_demo_has_a_library_an_action_plan_part_way_reach_and_a_re_audit(demo, capsys):
    from maca.web.actions.comparison import compare_reaudit
    from maca.web.actions.demo import DEMO_LIBRARY, EARLIER_TITLE, load_demo_actions
    from maca.web.actions.models import Resource
    from maca.web.audits.demo import load_demo_audit
    from maca.web.briefings.build import build_briefing

    call_command("load_demo_actions")  # as make run does, before load_demo_audit
    out = capsys.readouterr().out
    earlier, later = load_demo_actions(), load_demo_audit()
    assert later.pk > earlier.pk  # the re-audit comes after the audit it repeats
    assert f"Earlier audit {earlier.trail_ref}" in out and f"re-audit: {later.trail_ref}" in out
    assert earlier.title == EARLIER_TITLE and earlier.stage == "closed"
    library = Resource.objects.filter(partnership=earlier.partnership)
    assert library.count() == len(DEMO_LIBRARY) == 8
    assert all(r.url.startswith("https://example.org/") and r.themes.exists() for r in library)
    # The briefing chose its next steps and resources from the library.
    built = build_briefing(earlier).briefing
    assert "Safe sleeping and safe handling" in [r.title for r in built.next_steps.links]
    assert "Learning from practice: fathers and male carers" in [r.title for r in built.resources]
    assert earlier.published_briefings.count() == 1
    # The plan part-way: some done (one with impact, one with a reason), some red and overdue.
    statuses = sorted(earlier.actions.values_list("status", flat=True))
    assert "complete" in statuses and "red" in statuses and "not_started" in statuses
    assert any(a.overdue() for a in earlier.actions.all())
    assert earlier.actions.filter(impact__isnull=False).exists()
    assert earlier.actions.filter(status="complete").exclude(no_impact_reason="").exists()
    discussions = earlier.published_briefings.get().discussions
    assert discussions.count() == 5 and discussions.values("agency").distinct().count() == 4
    # The part-way demo audit is its re-audit, with the same rules.
    view = compare_reaudit(later.reaudit)
    assert later.reaudit.earlier == earlier and view.same_rules is True
    assert view.comparison.table("cohort_size").rows[0].later == "62"
    # Both audits have their cohort's profile, so its measures are side by side too.
    from maca.web.profiles.queries import profile_for

    profile_tables = [t for t in view.comparison.tables if t.key.startswith("profile_")]
    assert len(profile_tables) == len(profile_for(earlier).measures) > 0
    assert all(t.figure is not None for t in profile_tables if t.rows)
    assert not any("no profile.json" in note for note in view.notes)
    # Loaded once.
    assert load_demo_actions().pk == earlier.pk
    assert Resource.objects.filter(partnership=earlier.partnership).count() == 8

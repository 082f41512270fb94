"""Reminder emails, tool versions as data, and the demo audit."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from maca.web.audits.models import Assignment, AuditTool, SingleAgencyReturn, ToolVersion
from maca.web.audits.reminders import send_return_reminders


def test_reminders_before_and_after_the_due_date(make_audit, settings):
    settings.MACA_BASE_URL = "https://maca.northmoor.example/"
    built = make_audit("returns_open")
    due = built.audit.returns_due
    # Eight days before: nothing. Seven days before: one email per unfinished return.
    assert send_return_reminders(due - timedelta(days=8)) == 0
    assert send_return_reminders(due - timedelta(days=7)) == 2  # police draft, CSC draft
    assert send_return_reminders(due - timedelta(days=3)) == 0  # not repeated
    message = next(m for m in mail.outbox if "Northmoor Police" in m.body)
    assert message.subject == "Return due 31 January 2031: child C001"
    assert message.to == ["police.practitioner@northmoor.example"]
    assert message.cc == ["police.lead@northmoor.example"]
    assert "SYN-" not in message.body and "Dana" not in message.body
    # The link is built from the configured base URL, never the host of some request.
    assert f"https://maca.northmoor.example/returns/{built.police_return.pk}/" in message.body
    # Overdue: every seven days until it is submitted.
    assert send_return_reminders(due + timedelta(days=1)) == 2
    assert "was due on 31 January 2031" in mail.outbox[-1].body
    assert send_return_reminders(due + timedelta(days=4)) == 0
    SingleAgencyReturn.objects.filter(pk=built.police_return.pk).update(status="submitted")
    assert send_return_reminders(due + timedelta(days=8)) == 1
    assert Assignment.objects.get(pk=built.csc.pk).reminded_after_on == due + timedelta(days=8)


def test_no_reminders_unless_returns_are_open(make_audit):
    built = make_audit("moderation_open")
    assert send_return_reminders(built.audit.returns_due) == 0


def test_reminder_command_uses_django_email(make_audit, capsys):
    built = make_audit("returns_open")
    call_command("send_return_reminders", today=str(built.audit.returns_due))
    assert "2 reminders sent" in capsys.readouterr().out
    assert len(mail.outbox) == 2


def test_every_partnership_gets_the_first_1001_days_tool_v1_and_the_themes_as_its_own(demo):
    from maca.web.accounts.models import Partnership
    from maca.web.audits.models import Theme

    partnership, _ = demo
    other = Partnership.objects.create(name="Elsewhere SCP")
    for each in (partnership, other):
        version = ToolVersion.objects.get(
            tool__partnership=each, tool__name="First 1001 Days", version=1
        )
        assert [s["key"] for s in version.sections] == list("ABCDEFGHI")
        assert version.section("B")["title"] == "Professional curiosity"
        themes = Theme.objects.filter(partnership=each)
        assert themes.count() == 16
        assert themes.first().name == "Professional curiosity"
    assert ToolVersion.objects.count() == 2 and Theme.objects.count() == 32


def test_no_tool_or_theme_is_left_without_a_partnership_after_migrating(db):
    """A fresh database has no partnership: the sealing migration removed the unowned ones."""
    from maca.web.audits.models import Theme

    assert not AuditTool.objects.exists() and not Theme.objects.exists()


def test_a_tool_version_explains_what_is_wrong_with_it(demo):
    tool = AuditTool.objects.get(partnership=demo[0])
    bad = ToolVersion(
        tool=tool,
        version=9,
        sections=[
            {
                "key": "A",
                "title": "",
                "questions": [
                    {"key": "1x", "type": "essay", "text": "Q"},
                    {"key": "A_c", "type": "choice", "text": "Pick", "choices": ["only"]},
                ],
            },
        ],
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    problems = error.value.message_dict["sections"]
    assert "Section 1 has no title." in problems
    assert any("key '1x' must be letters" in p for p in problems)
    assert any("type must be one of" in p for p in problems)
    assert any("at least two choices" in p for p in problems)


def test_a_version_used_by_returns_cannot_be_edited(make_audit):
    built = make_audit()
    version = built.police_return.tool_version
    version.sections = version.sections[:1]
    with pytest.raises(ValidationError, match="add a new version instead"):
        version.full_clean()


def test_a_superuser_adds_a_tool_version_in_the_django_admin_without_code(client, demo):
    from maca.web.accounts.models import User
    from tests.web.sign_in import pass_second_factor

    root = User.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(root)
    pass_second_factor(client, root)
    v1 = ToolVersion.objects.get(tool__partnership=demo[0], version=1)
    page = client.get(f"/admin/audits/toolversion/add/?tool={v1.tool_id}")
    assert page.status_code == 200
    # The new version starts as a copy of the tool's latest, as editable JSON.
    assert "[{&quot;key&quot;: &quot;A&quot;" in page.content.decode()
    sections = v1.sections + [
        {
            "key": "J",
            "title": "Re-audit",
            "questions": [
                {"key": "J_change", "type": "text", "text": "What changed?", "required": True}
            ],
        }
    ]
    response = client.post(
        "/admin/audits/toolversion/add/",
        {
            "tool": v1.tool_id,
            "version": 2,
            "published": "on",
            "sections": json.dumps(sections),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ToolVersion.objects.get(tool=v1.tool, version=2).section("J")["title"] == "Re-audit"


def test_demo_audit_is_part_way_and_loads_once(demo):
    from maca.web.audits.demo import load_demo_audit

    audit = load_demo_audit()
    assert audit.stage == "returns_open"
    # The cases are the cohort maca cohort found in the synthetic data, key included.
    cohort_csv = Path(settings.MACA_HOME) / "demo" / "cohort" / "cohort.csv"
    cases = len(cohort_csv.read_text().splitlines()) - 1
    assert cases > 30 and audit.cases.count() == cases
    assert not audit.cases.filter(person_id="").exists()
    returns = SingleAgencyReturn.objects.filter(assignment__case__audit=audit)
    assert returns.count() == 3 * cases
    assert sorted(returns.exclude(status="draft").values_list("status", flat=True)) == [
        "signed_off",
        "submitted",
        "submitted",
    ]
    assert load_demo_audit().pk == audit.pk and audit.cases.count() == cases
    overdue = Assignment.objects.filter(case__audit=audit, due_date__lt=date.today())
    assert overdue.count() == 1

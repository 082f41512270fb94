"""The home page per role says what the person has to do next (issue 12; seen: "Home is a name
card for every role")."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from maca.web.audits.models import SingleAgencyReturn


def _home(client) -> str:
    return client.get(reverse("home")).content.decode()


def test_each_role_sees_what_to_do_next(make_audit, client_for):
    built = make_audit("returns_open")
    built.police.due_date = timezone.localdate() - timedelta(days=1)
    built.police.save()

    practitioner = _home(client_for("police.practitioner"))
    assert (
        "Returns overdue" in practitioner and "Child C001: Northmoor Police return" in practitioner
    )

    hv_lead = _home(client_for("hv.lead"))
    assert "Returns to sign off" in hv_lead and "Child C001: 0-19 health visiting" in hv_lead

    police_lead = _home(client_for("police.lead"))
    assert "Your agency&#x27;s returns due soon or overdue" in police_lead

    lead = _home(client_for("audit.lead"))
    assert "Your audits: what blocks the next stage" in lead
    assert "Before you open moderation (audit day): 2 returns not submitted" in lead

    panel = _home(client_for("panel.member"))
    assert "There is nothing waiting for you" in panel
    built.audit.stage = "moderation_open"
    built.audit.save()
    panel = _home(client_for("panel.member"))
    assert "Audit day: cases to moderate" in panel and "2 cases with no finding yet" in panel


def test_the_home_page_shows_nothing_its_pages_would_refuse(make_audit, client_for):
    built = make_audit("returns_open")
    SingleAgencyReturn.objects.filter(pk=built.police_return.pk).update(status="submitted")
    hv_lead = _home(client_for("hv.lead"))
    assert "Northmoor Police" not in hv_lead
    board = _home(client_for("board.reader"))
    assert "Child C0" not in board and "Test audit" not in board


def test_briefings_to_read_are_on_everyones_home_page(make_audit, client_for):
    from maca.web.briefings.models import PublishedBriefing

    built = make_audit("findings_agreed")
    PublishedBriefing.objects.create(
        audit=built.audit, version=1, title="Priority Three: First 1001 Days",
        published_by_name="audit.lead", html="x", pdf=b"x", docx=b"x", seven_minute_pdf=b"x",
    )  # fmt: skip
    for username in ("board.reader", "hv.practitioner", "panel.member"):
        page = _home(client_for(username))
        assert "Learning briefings to read" in page, username
        assert "Priority Three: First 1001 Days (version 1)" in page

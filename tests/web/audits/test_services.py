"""Each change of the audit pages is one service call: the change and its trail entry together,
or neither."""

from __future__ import annotations

import pytest
from django.db import DatabaseError


def test_a_finding_whose_trail_entry_cannot_be_written_is_not_recorded(
    make_audit, demo, trail_fails
):
    from maca.web.audits import services
    from maca.web.audits.models import Finding, Theme
    from maca.web.trail.models import AuditEvent

    built = make_audit("moderation_open")
    lead = demo[1]["audit.lead"]
    theme = Theme.objects.filter(active=True).first()
    events = AuditEvent.objects.count()
    with trail_fails(), pytest.raises(DatabaseError):
        services.record_finding(
            built.c001, lead, kind=Finding.Kind.STRENGTH, text="Seen alone.", themes=[theme]
        )
    assert not Finding.objects.exists()
    assert AuditEvent.objects.count() == events
    finding = services.record_finding(
        built.c001, lead, kind=Finding.Kind.STRENGTH, text="Seen alone.", themes=[theme]
    )
    assert list(finding.themes.all()) == [theme]
    assert AuditEvent.objects.filter(object_ref=finding.trail_ref).count() == 1


def test_answers_whose_trail_entry_cannot_be_written_are_not_saved(
    make_audit, django_user_model, trail_fails
):
    from maca.web.audits.services import save_answers
    from maca.web.trail.models import AuditEvent

    ret = make_audit().police_return
    user = django_user_model.objects.get(username="police.practitioner")
    with trail_fails(), pytest.raises(DatabaseError):
        save_answers(ret, {"A_strengths": "one"}, 0, user, section_key="A")
    ret.refresh_from_db()
    assert (ret.answers, ret.version) == ({}, 0)
    assert save_answers(ret, {"A_strengths": "one"}, 0, user, section_key="A") is True
    assert AuditEvent.objects.filter(summary="Saved section A").count() == 1

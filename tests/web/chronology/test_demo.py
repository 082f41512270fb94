"""`load_demo_chronology` (what `make run` calls after load_demo_audit): the demo audit's system
records from `maca chronology extract`, loaded once through the upload service with its trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from maca.chronology.extract import extract
from maca.chronology.system_events import REMOVAL_EVENTS

pytestmark = pytest.mark.django_db


def test_the_demo_chronology_loads_the_extract_once_with_its_trail(demo):
    from maca.web.audits.demo import load_demo_audit
    from maca.web.chronology.build import timeline_for
    from maca.web.chronology.models import Upload
    from maca.web.trail.models import AuditEvent

    audit = load_demo_audit()
    demo_dir = Path(settings.MACA_HOME) / "demo"
    expected = extract(demo_dir / "store.duckdb", demo_dir / "cohort")
    assert expected.entries  # the demo store has system records for the cohort

    call_command("load_demo_chronology")
    call_command("load_demo_chronology")  # again: nothing more

    uploads = Upload.objects.filter(audit=audit, system_records=True)
    assert uploads.count() == 1
    upload = uploads.get()
    assert upload.rows_rejected == 0
    assert upload.entries_kept == len(expected.entries) == upload.entries.count()
    assert upload.uploaded_by.username == "audit.lead"
    assert AuditEvent.objects.filter(summary__startswith="System records uploaded").count() == 1
    # The case's timeline now has its system records, its removal among them.
    case = audit.cases.get(case_ref="C026")
    lead = upload.uploaded_by
    timeline = timeline_for([case], lead, family=False)
    assert any(entry.system_record for entry in timeline.entries)
    assert {entry.system_event for entry in timeline.entries} & REMOVAL_EVENTS
    assert timeline.day0 is not None  # the removal, day 0, known from the system records


def test_the_demo_chronology_needs_the_demo_audit_and_demo_settings(demo):
    with pytest.raises(CommandError, match="load_demo_audit"):
        call_command("load_demo_chronology")
    with (
        override_settings(MACA_DEMO_ALLOWED=False),
        pytest.raises(CommandError, match="production"),
    ):
        call_command("load_demo_chronology")

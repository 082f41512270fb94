"""Retention: identifying details of exactly the audits past their date are purged, once, with a
trail record; findings, briefings and the trail stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from maca.cli import app
from maca.web.audits import retention
from maca.web.audits.models import Audit, Case, Finding
from maca.web.briefings.models import PublishedBriefing
from maca.web.trail.models import Action, AuditEvent
from tests.web.builders import bare_audit


@pytest.fixture
def audits(demo):
    """Four audits: published 400 days ago (due), 10 days ago (not due), never (not due), and
    one in a partnership that keeps identifying details 5 days (due)."""
    partnership, users = demo
    from maca.web.accounts.models import Agency, Partnership, User
    from maca.web.accounts.roles import Role

    short = Partnership.objects.create(name="Short retention", identifying_details_kept_days=5)
    agency = Agency.objects.create(partnership=short, name="Short team")
    short_lead = User.objects.create(
        username="short.lead", partnership=short, agency=agency, role=Role.AUDIT_LEAD
    )
    made = {}
    for name, owner, lead, published_days_ago in [
        ("old", partnership, users["audit.lead"], 400),
        ("recent", partnership, users["audit.lead"], 10),
        ("unpublished", partnership, users["audit.lead"], None),
        ("short", short, short_lead, 10),
    ]:
        audit = bare_audit(owner, lead, name)
        for n in (1, 2):
            case = audit.cases.create(
                case_ref=f"C00{n}", family_ref=f"F0{n}", person_id=f"SYN-{name}-{n}"
            )
            Finding.objects.create(
                case=case, kind="strength", text="Good joint visit", recorded_by=lead
            )
        if published_days_ago is not None:
            PublishedBriefing.objects.create(
                audit=audit,
                version=1,
                title=name,
                published_by_name=lead.username,
                published_at=timezone.now() - timedelta(days=published_days_ago),
                html="<p>briefing</p>",
                pdf=b"%PDF",
                docx=b"PK",
                seven_minute_pdf=b"%PDF",
            )
        made[name] = audit
    return made


def _person_ids(audit: Audit) -> list[str]:
    return list(audit.cases.order_by("case_ref").values_list("person_id", flat=True))


@pytest.mark.django_db
def test_a_dry_run_names_what_would_go_and_changes_nothing(audits):
    due = retention.run(dry_run=True)
    assert sorted(d.audit.title for d in due) == ["old", "short"]
    assert _person_ids(audits["old"]) == ["SYN-old-1", "SYN-old-2"]
    assert not AuditEvent.objects.filter(action=Action.PURGE).exists()
    assert "2 cases' identifying details" in due[0].line()


@pytest.mark.django_db
def test_retention_purges_exactly_the_audits_past_their_date_and_records_it(audits):
    trail_before = AuditEvent.objects.count()
    purged = retention.run()
    assert sorted(p.audit.title for p in purged) == ["old", "short"]
    for name in ("old", "short"):
        audit = Audit.objects.get(pk=audits[name].pk)
        assert _person_ids(audit) == ["", ""]
        assert set(audit.cases.values_list("person_id_index", flat=True)) == {""}
        assert audit.identifying_purged_at is not None
        event = AuditEvent.objects.get(action=Action.PURGE, object_ref=f"A{audit.pk}")
        assert event.summary.startswith("Purged the identifying details of 2 cases")
        assert event.partnership_id == audit.partnership_id
    for name in ("recent", "unpublished"):
        assert _person_ids(audits[name]) == [f"SYN-{name}-1", f"SYN-{name}-2"]
    # Kept: the cases (by reference), findings, briefings and the whole trail.
    assert Case.objects.count() == 8 and Finding.objects.count() == 8
    assert PublishedBriefing.objects.count() == 3
    assert AuditEvent.objects.count() == trail_before + 2


@pytest.mark.django_db
def test_running_it_again_the_same_day_purges_nothing(audits):
    retention.run()
    assert retention.run() == []
    assert AuditEvent.objects.filter(action=Action.PURGE).count() == 2


@pytest.mark.django_db
def test_the_case_page_says_the_details_were_purged(audits, client_for):
    retention.run()
    case = audits["old"].cases.first()
    from django.urls import reverse

    page = client_for("audit.lead").get(reverse("audits:case-identifying", args=[case.pk]))
    assert "Purged on" in page.content.decode()


@pytest.mark.django_db
def test_the_command_line_dry_run_and_run(audits):
    runner = CliRunner()
    dry = runner.invoke(app, ["retention", "run", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert dry.output.count("retention: would purge A") == 2
    done = runner.invoke(app, ["retention", "run"])
    assert done.output.count("retention: purged A") == 2
    assert "nothing to purge" in runner.invoke(app, ["retention", "run"]).output

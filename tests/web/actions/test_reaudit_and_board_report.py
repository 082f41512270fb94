"""A re-audit from an earlier audit, its comparison page, and the board report in both formats,
opened and read back."""

from __future__ import annotations

import io
from datetime import timedelta
from html import unescape

from django.urls import reverse
from django.utils import timezone

SCOPE = {
    "period": {"from": "2023-09-01", "to": "2023-12-31"},
    "children": 30,
    "families": 25,
    "in_first_1001_days": 12,
    "in_first_1001_days_with_sibling_group": 2,
    "pp_invoked": 28,
    "pp_considered_s20": 2,
    "known_historically": 10,
    "parameters": {
        "period_from": "2023-09-01",
        "period_to": "2023-12-31",
        "home_la": "840",
        "merge_hours": 72,
        "l1_match_days": 3,
        "recent_closure_days": 180,
        "moved_in_days": 365,
        "rules_sha256": "ab" * 32,
        "engine": "duckdb",
    },
}


def _with_scope(audit, scope):
    from maca.web.briefings.build import draft_for

    draft = draft_for(audit)
    draft.scope_json = scope
    draft.save()


def _start(client, audit, **overrides):
    fields = {
        "title": "First 1001 Days re-audit",
        "period_from": "2024-09-01",
        "period_to": "2024-12-31",
        "returns_due": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **overrides,
    }
    return client.post(reverse("actions:reaudit-start", args=[audit.pk]), fields)


def test_starting_a_re_audit_shows_the_cohort_command_for_the_new_period(planned, client_for):
    from maca.web.actions.models import ReAudit

    _with_scope(planned.audit, SCOPE)
    client = client_for("audit.lead")
    page = unescape(
        client.get(reverse("actions:reaudit-start", args=[planned.audit.pk])).content.decode()
    )
    assert "home LA 840" in page
    future = _start(
        client, planned.audit, period_to=(timezone.localdate() + timedelta(days=3)).isoformat()
    )
    assert "The new period must have ended" in unescape(future.content.decode())
    backwards = _start(client, planned.audit, period_from="2025-01-01")
    assert "The last day must be on or after the first day" in backwards.content.decode()
    response = _start(client, planned.audit)
    later = ReAudit.objects.get().audit
    assert response["Location"] == f"/audits/{later.pk}/comparison/"
    comparison = unescape(client.get(response["Location"]).content.decode())
    assert (
        "maca cohort DATA_DIR --from 2024-09-01 --to 2024-12-31 --home-la 840 "
        "--pseudonymise --out cohort-2024-09"
    ) in comparison
    assert "The re-audit has no cases yet" in comparison
    overview = unescape(
        client.get(reverse("audits:audit-overview", args=[later.pk])).content.decode()
    )
    assert f"Re-audit: the cohort to find and the comparison with A{planned.audit.pk}" in overview


def test_the_comparison_page_draws_every_chart_with_the_numbers_behind_it(reaudited, client_for):
    from maca.web.audits.models import Audit, Finding

    _with_scope(reaudited.audit, SCOPE)
    later = reaudited.later
    for ref in ("C001", "C002"):
        later.cases.create(case_ref=ref, family_ref="F01", in_first_1001_days=True)
    case = later.cases.get(case_ref="C001")
    finding = Finding.objects.create(
        case=case, kind="area_for_learning", text="x", recorded_by=reaudited.audit.created_by
    )
    finding.themes.add(reaudited.theme)
    _with_scope(
        later,
        {
            **SCOPE,
            "period": {"from": "2024-09-01", "to": "2024-12-31"},
            "children": 40,
            "in_first_1001_days": 30,
            "parameters": {
                **SCOPE["parameters"],
                "period_from": "2024-09-01",
                "period_to": "2024-12-31",
            },
        },
    )
    Audit.objects.filter(pk__in=[reaudited.audit.pk, later.pk]).update(stage="findings_agreed")
    page = unescape(
        client_for("board.reader")
        .get(reverse("actions:comparison", args=[later.pk]))
        .content.decode()
    )
    assert page.count('data-testid="chart"') == 4  # size, make-up, learning, strengths
    assert ' style="' not in page and "<style" not in page  # the charts obey the page's policy
    assert page.count("<svg ") == 4 and "ns0:" not in page  # SVG a browser draws inline
    assert "Yes: the same rules and limits" in page
    assert "maca cohort" not in page  # the command is for the business team
    assert "Within the first 1001 days</th>" in page
    assert "12 (40%)" in page and "30 (75%)" in page and "+35 points" in page
    # Two cases audited in the earlier audit: every theme count is small there.
    assert "fewer than 5" in page


def test_a_comparison_with_different_rules_says_so(reaudited, client_for):

    _with_scope(reaudited.audit, SCOPE)
    later = reaudited.later
    later.cases.create(case_ref="C001")
    _with_scope(later, {**SCOPE, "parameters": {**SCOPE["parameters"], "moved_in_days": 180}})
    page = unescape(
        client_for("audit.lead")
        .get(reverse("actions:comparison", args=[later.pk]))
        .content.decode()
    )
    assert "No: the cohorts were found by different rules or limits" in page
    assert "not the re-audit's period 2024-09-01 to 2024-12-31" in page


def _board_report(client, audit, kind):
    response = client.get(reverse("actions:board-report", args=[audit.pk, kind]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'attachment; filename="A{audit.pk}-board-report.{kind}"'
    )
    return response.content


def _docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _xlsx_text(content: bytes) -> dict[str, str]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: "\n".join(
            " | ".join("" if v is None else str(v) for v in row)
            for row in sheet.iter_rows(values_only=True)
        )
        for sheet in book.worksheets
    }


def test_the_board_report_holds_the_pack_and_nothing_identifying(planned, client_for):
    from maca.web.actions import services
    from maca.web.actions.models import Action, BriefingDiscussion
    from maca.web.trail.models import AuditEvent

    Action.objects.filter(pk=planned.police_action.pk).update(
        text="Name SYN-900002 on the notification of 12/03/2023."
    )
    services.record_impact(
        planned.hv_action,
        planned.audit.created_by,
        what_changed="17 of 20 records verified.",
        how_measured="Dip sample.",
    )
    services.change_status(
        planned.hv_action, 0, planned.audit.created_by, status="complete", reason="All trained."
    )
    BriefingDiscussion.objects.create(
        published=planned.published,
        agency=planned.hv.agency,
        team="North team",
        attendees=14,
        discussed_on=timezone.localdate(),
        will_do="Ask who else lives in the home.",
    )
    client = client_for("board.reader")
    docx = _docx_text(_board_report(client, planned.audit, "docx"))
    sheets = _xlsx_text(_board_report(client, planned.audit, "xlsx"))
    xlsx = "\n".join(sheets.values())
    assert list(sheets) == [
        "About",
        "Method",
        "Sample",
        "Findings",
        "Actions",
        "Reach of the briefing",
    ]
    for text in (docx, xlsx):
        assert "Q?" in text  # the audit's question (the builder's)
        assert "Children in the cohort" in text
        assert "Professional curiosity" in text and "Multi-agency response" in text
        assert "Health visitors verify what parents tell them" in text
        assert "17 of 20 records verified." in text and "Dip sample." in text
        assert "Complete" in text and "Red: off track" in text and "Overdue" in text
        assert "All trained." in text  # the status history's why
        assert "North team" in text and "Ask who else lives in the home." in text
        # Pseudonymised: no person id, no case or family reference, no exact date, no names.
        for never in ("SYN-900001", "SYN-900002", "12/03/2023", "C001", "F01", "Priya", "Shah"):
            assert never not in text, never
        assert "[withheld: a person id]" in text
        assert "Named nurse" in text or "Agency lead" in text  # the lead by role
        assert "fewer than 5" in text  # two cases: the theme counts are small
    assert AuditEvent.objects.filter(action="export").count() == 2
    assert "Re-audit comparison" not in docx


def test_the_board_report_of_a_re_audit_has_the_comparison(reaudited, client_for):

    _with_scope(reaudited.audit, SCOPE)
    later = reaudited.later
    later.cases.create(case_ref="C001")
    later.stage = "findings_agreed"
    later.save()
    client = client_for("audit.lead")
    docx = _docx_text(_board_report(client, later, "docx"))
    assert "Re-audit comparison" in docx and "Cohort size and cases audited" in docx
    sheets = _xlsx_text(_board_report(client, reaudited.audit, "xlsx"))
    assert "Re-audit comparison" in sheets
    assert "The cohort's children" in sheets["Re-audit comparison"]


def test_the_comparison_has_the_cohort_profiles_when_both_audits_have_one(
    reaudited, client_for, with_profile
):
    from maca.web.actions.comparison import compare_reaudit
    from maca.web.profiles.queries import profile_for

    later = reaudited.later
    url = reverse("actions:comparison", args=[later.pk])
    with_profile(reaudited.audit)
    page = unescape(client_for("audit.lead").get(url).content.decode())
    assert f"{later.trail_ref} has no profile.json" in page
    assert 'data-testid="table-profile_' not in page
    with_profile(later)
    view = compare_reaudit(later.reaudit)
    profile = profile_for(later)
    tables = [t for t in view.comparison.tables if t.key.startswith("profile_")]
    assert [t.key for t in tables] == [f"profile_{m.key}" for m in profile.measures]
    assert not any("no profile.json" in note for note in view.notes)
    # The same profile on both sides: every band shown on both is unchanged.
    changes = {row.change for t in tables for row in t.rows}
    assert changes <= {"no change", "–"} and "no change" in changes
    page = unescape(client_for("audit.lead").get(url).content.decode())
    assert page.count('data-testid="table-profile_') == len(tables)
    assert ' style="' not in page

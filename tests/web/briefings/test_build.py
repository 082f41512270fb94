"""The briefing is built from the audit: numbers and lists in step with the data."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_strengths_ordered_by_cases_and_family_voice_with_consent_only(briefed):
    from maca.web.briefings.build import build_briefing

    built = build_briefing(briefed.audit)
    briefing = built.briefing
    assert [s.theme for s in briefing.strengths_by_cases()] == [
        "Multi-agency response",
        "Safeguarding supervision",
    ]
    assert [s.cases for s in briefing.strengths_by_cases()] == [2, 1]
    assert [t.title for t in briefing.learning] == ["Professional curiosity"]
    assert [q.text for q in briefing.quotes_with_consent()] == ["They listened to me."]
    assert (briefing.priority, briefing.title) == ("Priority Three", "First 1001 Days")


def test_scope_is_derived_from_cohort_flags_without_scope_json(briefed):
    from maca.web.briefings.build import build_briefing

    built = build_briefing(briefed.audit)
    scope = built.briefing.scope
    assert built.scope_derived and "derived from the cases' cohort flags" in built.notes[0]
    assert (scope.children, scope.families, scope.in_first_1001_days) == (2, 1, 2)
    assert (scope.period.start, scope.period.end) == ("2023-09-01", "2023-09-30")
    assert scope.in_first_1001_days_with_sibling_group == 2
    assert scope.known_historically == 1


def test_charts_come_from_cases_and_assignments(briefed):
    from maca.web.briefings.build import build_briefing

    charts = build_briefing(briefed.audit).briefing.charts
    assert {c.case_ref: c.agencies for c in charts.cases} == {"C001": 2, "C002": 1}
    counts = {t.theme: (t.strength, t.learning) for t in charts.theme_cases}
    assert counts["Multi-agency response"] == (2, 0)
    assert counts["Professional curiosity"] == (0, 1)


def test_a_new_finding_changes_the_briefing(briefed):
    from maca.web.audits.models import Finding
    from maca.web.briefings.build import build_briefing

    finding = Finding.objects.create(
        case=briefed.c002, kind="strength", text="x", recorded_by=briefed.audit.created_by
    )
    finding.themes.add(briefed.themes["Safeguarding supervision"])
    finding2 = Finding.objects.create(
        case=briefed.c002, kind="area_for_learning", text="y", recorded_by=briefed.audit.created_by
    )
    finding2.themes.add(briefed.themes["Professional challenge"])
    briefing = build_briefing(briefed.audit).briefing
    assert [s.cases for s in briefing.strengths_by_cases()] == [2, 2]
    assert len(briefing.learning) == 2


def test_stored_scope_json_is_used(briefed, client_for, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from maca.web.briefings.build import build_briefing

    scope = {
        "period": {"from": "2023-09-01", "to": "2023-12-31"},
        "children": 2,
        "families": 1,
        "in_first_1001_days": 2,
        "in_first_1001_days_with_sibling_group": 0,
        "pp_invoked": 2,
        "pp_considered_s20": 0,
    }
    client = client_for("audit.lead")
    url = reverse("briefings:scope-upload", args=[briefed.audit.pk])
    bad = SimpleUploadedFile("scope.json", b'{"period": {"from": "2023-09-01"}}')
    response = client.post(url, {"scope": bad})
    assert "scope.json: scope.children: expected a count" in response.content.decode()
    good = SimpleUploadedFile("scope.json", json.dumps(scope).encode())
    assert client.post(url, {"scope": good}).status_code == 302
    built = build_briefing(briefed.audit)
    assert not built.scope_derived
    assert built.briefing.scope.period.end == "2023-12-31"


def test_the_author_can_leave_a_view_out(briefed, client_for):
    from django.urls import reverse

    from maca.web.audits.models import FamilyVoice
    from maca.web.briefings.build import build_briefing

    voice = FamilyVoice.objects.get(role="Mother")
    data = {"title": "First 1001 Days", "social_care_name": "CYPS"}
    url = reverse("briefings:edit", args=[briefed.audit.pk])
    client = client_for("audit.lead")
    page = client.get(url).content.decode()
    assert "Mother: “They listened to me.”" in page and "Not for publication" not in page
    assert client.post(url, {**data, "left_out_voices": [str(voice.pk)]}).status_code == 302
    assert build_briefing(briefed.audit).briefing.family_voice == []
    assert client.post(url, data).status_code == 302
    assert len(build_briefing(briefed.audit).briefing.family_voice) == 1


def test_an_audit_without_cases_or_findings_still_previews(make_audit, client_for):
    from django.urls import reverse

    built = make_audit("commissioned")
    built.audit.cases.all().delete()
    client = client_for("audit.lead")
    assert client.get(reverse("briefings:edit", args=[built.audit.pk])).status_code == 200
    assert client.get(reverse("briefings:preview", args=[built.audit.pk])).status_code == 200
    html = client.get(reverse("briefings:preview-html", args=[built.audit.pk]))
    assert html.status_code == 200 and "Draft preview" in html.content.decode()

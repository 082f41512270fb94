"""An audit with findings agreed: cases with cohort flags, findings tagged to themes, family
voice (one view without consent), built directly on the audit app's test audit."""

from __future__ import annotations

from datetime import date

import pytest

from tests.web.audits.conftest import make_audit  # noqa: F401 - a fixture used here


@pytest.fixture
def briefed(make_audit):  # noqa: F811 - the fixture imported above
    from maca.web.audits.models import FamilyVoice, Finding, Theme

    built = make_audit("findings_agreed")
    audit, lead = built.audit, built.audit.created_by
    audit.priority = "Priority Three: First 1001 Days"
    audit.save()
    flags = [
        # ref, family, removal, kind, age, 1001?, known, sibling group
        ("C001", "F01", date(2023, 9, 4), "pp_invoked", 62, True, True, True),
        ("C002", "F01", date(2023, 9, 4), "pp_invoked", 540, True, False, True),
    ]
    for ref, family, removed, kind, age, infant, known, group in flags:
        audit.cases.filter(case_ref=ref).update(
            family_ref=family,
            removal_date=removed,
            removal_kind=kind,
            age_days=age,
            in_first_1001_days=infant,
            known_historically=known,
            has_sibling_group=group,
        )
    themes = {t.name: t for t in Theme.objects.all()}

    def finding(case, kind, theme, text):
        made = Finding.objects.create(case=case, kind=kind, text=text, recorded_by=lead)
        made.themes.add(themes[theme])
        return made

    finding(built.c001, "strength", "Multi-agency response", "Agencies spoke to one another.")
    finding(built.c002, "strength", "Multi-agency response", "Quick strategy discussion.")
    finding(built.c001, "strength", "Safeguarding supervision", "Supervision recorded.")
    finding(built.c001, "area_for_learning", "Professional curiosity", "Face value.")
    FamilyVoice.objects.create(
        audit=audit, role="Mother", quote="They listened to me.", consent_given=True,
        consent_recorded_by=lead,
    )  # fmt: skip
    FamilyVoice.objects.create(
        audit=audit, role="Father", quote="Not for publication.", consent_given=False,
        consent_recorded_by=lead,
    )  # fmt: skip
    built.themes = themes
    return built

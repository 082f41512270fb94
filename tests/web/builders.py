"""The builders the web tests share (tests/web, tests/browser), registered as fixtures by
tests/conftest.py: an audit in a chosen stage built directly (the walk through the pages is in
tests/browser), an audit with findings agreed for the briefing, and a second partnership with
a user in every role and an audit of its own (partnerships are sealed, ADR 0341)."""

from __future__ import annotations

from datetime import date

import pytest


def bare_audit(partnership, created_by, title: str = "Test audit", **fields):
    """An audit with no cases, for tests of what holds its data (encryption, retention, backup),
    made with the partnership's own copy of the shipped tool (ADR 0341)."""
    from maca.web.audits.models import Audit, ToolVersion

    return Audit.objects.create(
        partnership=partnership,
        title=title,
        question="Q?",
        terms_of_reference="ToR",
        lawful_basis="s.16E",
        isa_reference="ISA-1",
        tool_version=ToolVersion.objects.get(tool__partnership=partnership, version=1),
        returns_due=date(2031, 1, 31),
        created_by=created_by,
        **fields,
    )


@pytest.fixture
def make_audit(demo):
    """make_audit(stage) → a namespace with the audit, cases and returns:

    C001 assigned to health visiting (return submitted) and police (return in draft);
    C002 assigned to children's social care only. A CSC agency lead (csc.lead) is added so
    that the matrix has an agency lead whose agency is not assigned to C001.
    """
    from types import SimpleNamespace

    from maca.web.accounts.models import Agency, User
    from maca.web.accounts.roles import Role
    from maca.web.audits import services
    from maca.web.audits.models import SingleAgencyReturn

    partnership, users = demo
    csc = Agency.objects.get(partnership=partnership, name="Children's social care")
    User.objects.create_user(
        "csc.lead",
        email="csc.lead@northmoor.example",
        partnership=partnership,
        agency=csc,
        role=Role.AGENCY_LEAD,
        first_name="Kim",
        last_name="Ash",
    )

    def build(stage: str = "returns_open", grading: bool = False):
        audit = bare_audit(
            partnership,
            users["audit.lead"],
            priority="Priority Three",
            stage=stage,
            grading=grading,
        )
        c001 = audit.cases.create(case_ref="C001", family_ref="F01", person_id="SYN-900001")
        c002 = audit.cases.create(case_ref="C002", family_ref="F02", person_id="SYN-900002")
        agencies = {a.kind: a for a in partnership.agencies.all()}
        lead = users["audit.lead"]
        hv, police = services.assign_agencies(
            c001, [agencies["health_visiting"], agencies["police"]], audit.returns_due, lead
        )
        (csc_assignment,) = services.assign_agencies(c002, [csc], audit.returns_due, lead)
        hv_return = hv.single_agency_return
        SingleAgencyReturn.objects.filter(pk=hv_return.pk).update(status="submitted")
        hv_return.refresh_from_db()
        return SimpleNamespace(
            audit=audit,
            c001=c001,
            c002=c002,
            hv=hv,
            police=police,
            csc=csc_assignment,
            hv_return=hv_return,
            police_return=police.single_agency_return,
        )

    return build


def complete_answers(tool_version, graded: bool = False) -> dict:
    """Answers to every required question of a tool version."""
    from maca.web.audits import tool_schema

    answers = {}
    for section in tool_version.sections:
        for question in tool_schema.questions_of(section, graded=graded):
            if question["type"] == "text":
                answers[question["key"]] = "Seen and recorded."
            elif question["type"] in ("evidenced", "grade", "choice"):
                answers[question["key"]] = tool_schema.choices_for(question)[0][0]
    return answers


@pytest.fixture
def briefed(make_audit):
    """An audit with findings agreed: cases with cohort flags, findings tagged to themes, family
    voice (one view without consent), built on ``make_audit``."""
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
    themes = {t.name: t for t in Theme.objects.filter(partnership=audit.partnership)}

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


def confirmed(client, url: str, data: dict | None = None):
    """Post to a page that checks before it continues: the confirmation it shows first (with
    what is not ready), then the confirmation of that same list. The second response."""
    import re

    first = client.post(url, data or {})
    assert first.status_code == 200, first.status_code
    seen = re.search(r'name="checked" value="([0-9a-f]+)"', first.content.decode())
    assert seen, "the page asked for no confirmation"
    return client.post(url, {**(data or {}), "checked": seen[1], "confirm": "1"})


@pytest.fixture
def confirm_every_passage():
    """confirm_every_passage(audit, username="audit.lead") → how many passages were confirmed:
    every passage with nothing found, confirmed as read, as the author does on the page."""

    def confirm(audit, username: str = "audit.lead") -> int:
        from maca.web.accounts.models import User
        from maca.web.briefings import services
        from maca.web.briefings.build import draft_for
        from maca.web.briefings.passages import read_passages

        reading = read_passages(audit, draft_for(audit))
        user = User.objects.get(username=username)
        fingerprints = [r.passage.fingerprint for r in reading.unread]
        return services.confirm_passages(audit, reading.confirmable(fingerprints), user)

    return confirm


# The second partnership's users: one per role, named like the demo's (tests/web/matrix.py).
SECOND_PARTNERSHIP = "Southmere Safeguarding Children Partnership"
SECOND_PREFIX = "south."


@pytest.fixture
def second_partnership(make_audit):
    """second_partnership(stage) → a namespace: another partnership (its own agencies, a user
    for every role of ``tests.web.matrix.USERS`` named ``south.<demo name>``) with an audit
    built like ``make_audit``'s, a finding, and the first partnership's audit (``first``)."""
    from types import SimpleNamespace

    from maca.web.accounts.models import Agency, Partnership, User
    from maca.web.accounts.roles import Role
    from maca.web.audits import services
    from maca.web.audits.models import Audit, Finding, SingleAgencyReturn, ToolVersion

    from .matrix import USERS

    def build(stage: str = "moderation_open"):
        first = make_audit(stage)
        partnership = Partnership.objects.create(name=SECOND_PARTNERSHIP, la_code="998")
        agencies = {
            kind: Agency.objects.create(
                partnership=partnership, name=f"Southmere {label}", kind=kind
            )
            for kind, label in [
                (Agency.Kind.BUSINESS_TEAM, "business team"),
                (Agency.Kind.HEALTH_VISITING, "health visiting"),
                (Agency.Kind.POLICE, "police"),
                (Agency.Kind.CSC, "children's social care"),
            ]
        }
        roles = {
            "admin": (Role.PARTNERSHIP_ADMIN, "business_team"),
            "audit.lead": (Role.AUDIT_LEAD, "business_team"),
            "hv.lead": (Role.AGENCY_LEAD, "health_visiting"),
            "hv.practitioner": (Role.PRACTITIONER, "health_visiting"),
            "police.lead": (Role.AGENCY_LEAD, "police"),
            "police.practitioner": (Role.PRACTITIONER, "police"),
            "csc.lead": (Role.AGENCY_LEAD, "csc"),
            "csc.practitioner": (Role.PRACTITIONER, "csc"),
            "panel.member": (Role.PANEL_MEMBER, "csc"),
            "board.reader": (Role.BOARD_READER, "business_team"),
        }
        assert set(roles) == set(USERS)
        users = {
            name: User.objects.create_user(
                SECOND_PREFIX + name,
                email=f"{name}@southmere.example",
                partnership=partnership,
                agency=agencies[kind],
                role=role,
                first_name="South",
                last_name=name.replace(".", " ").title(),
            )
            for name, (role, kind) in roles.items()
        }
        audit = Audit.objects.create(
            partnership=partnership,
            title="Southmere audit",
            question="Q?",
            terms_of_reference="ToR",
            lawful_basis="s.16E",
            isa_reference="ISA-S",
            tool_version=ToolVersion.objects.get(tool__partnership=partnership, version=1),
            returns_due=date(2031, 1, 31),
            stage=stage,
            created_by=users["audit.lead"],
        )
        case = audit.cases.create(case_ref="C001", family_ref="F01", person_id="SYN-800001")
        hv, police = services.assign_agencies(
            case,
            [agencies[Agency.Kind.HEALTH_VISITING], agencies[Agency.Kind.POLICE]],
            audit.returns_due,
            users["audit.lead"],
        )
        SingleAgencyReturn.objects.filter(pk=hv.single_agency_return.pk).update(status="submitted")
        finding = Finding.objects.create(
            case=case, kind="strength", text="Southmere finding", recorded_by=users["audit.lead"]
        )
        finding.themes.add(partnership.themes.get(name="Professional curiosity"))
        return SimpleNamespace(
            first=first,
            partnership=partnership,
            agencies=agencies,
            users=users,
            audit=audit,
            case=case,
            finding=finding,
        )

    return build

"""The data migration that seals partnerships (audits 0005, ADR 0341), run on a database as it
was before: two partnerships sharing one tool and one theme list, each with an audit whose
return, finding and briefing draft name them. Afterwards each partnership has its own, and the
second's records name its copies."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("accounts", "0002_two_factor_single_sign_on_sessions"),
    ("audits", "0003_person_id_encrypted_at_rest_and_purge_record"),
    ("briefings", "0001_initial"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _before():
    """The database as it was before the seal: back to audits 0001, so that 0002 loads the
    shared tool and themes again (an earlier test may have emptied the tables)."""
    _migrate([("accounts", "0001_initial"), ("audits", "0001_initial")])
    return _migrate(BEFORE)


def _after():
    return _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _shared_state(apps) -> dict:
    Partnership = apps.get_model("accounts", "Partnership")
    Agency = apps.get_model("accounts", "Agency")
    User = apps.get_model("accounts", "User")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")
    Audit = apps.get_model("audits", "Audit")
    Assignment = apps.get_model("audits", "Assignment")
    SingleAgencyReturn = apps.get_model("audits", "SingleAgencyReturn")
    Finding = apps.get_model("audits", "Finding")
    BriefingDraft = apps.get_model("briefings", "BriefingDraft")

    version = ToolVersion.objects.get(version=1)
    curiosity = Theme.objects.get(name="Professional curiosity")
    renamed = Theme.objects.get(name="Safeguarding supervision")
    renamed.name = "Supervision"  # renamed by somebody, for everyone, before the seal
    renamed.save()
    made = {"version": version.pk, "curiosity": curiosity.pk, "renamed": renamed.pk}
    for name in ("First SCP", "Second SCP"):
        partnership = Partnership.objects.create(name=name)
        agency = Agency.objects.create(partnership=partnership, name=f"{name} police")
        user = User.objects.create(username=f"{name[:5].lower()}.lead", partnership=partnership)
        audit = Audit.objects.create(
            partnership=partnership, title=f"{name} audit", question="Q", terms_of_reference="T",
            lawful_basis="L", isa_reference="I", tool_version=version,
            returns_due=date(2031, 1, 31), created_by=user,
        )  # fmt: skip
        case = audit.cases.create(case_ref="C001", family_ref="F01")
        assignment = Assignment.objects.create(case=case, agency=agency, due_date=date(2031, 1, 31))
        ret = SingleAgencyReturn.objects.create(
            assignment=assignment,
            tool_version=version,
            answers={"A_themes": [str(curiosity.pk), str(renamed.pk)], "A_narrative": "Seen."},
        )
        finding = Finding.objects.create(case=case, kind="strength", text="x", recorded_by=user)
        finding.themes.add(curiosity, renamed)
        BriefingDraft.objects.create(
            audit=audit, theme_texts={str(curiosity.pk): {"key_phrase": f"{name} words"}}
        )
        made[name] = {"audit": audit.pk, "return": ret.pk, "finding": finding.pk}
    return made


def test_each_partnership_gets_its_own_tools_and_themes_and_its_records_follow():
    from maca.web.audits.models import (
        AuditTool,
        Finding,
        SingleAgencyReturn,
        Theme,
        ToolVersion,
    )
    from maca.web.briefings.models import BriefingDraft

    made = _shared_state(_before())
    _after()

    first = AuditTool.objects.get(partnership__name="First SCP")
    second = AuditTool.objects.get(partnership__name="Second SCP")
    assert AuditTool.objects.count() == 2
    v1 = ToolVersion.objects.get(tool=first)
    v2 = ToolVersion.objects.get(tool=second)
    assert v1.pk == made["version"] and v2.pk != v1.pk and v2.sections == v1.sections

    # The first partnership keeps the rows it shared (its ids stay); the second has copies,
    # the renamed one included, and no shipped name comes back beside a renamed one.
    ours = Theme.objects.filter(partnership__name="First SCP")
    theirs = Theme.objects.filter(partnership__name="Second SCP")
    assert ours.get(name="Professional curiosity").pk == made["curiosity"]
    assert [t.name for t in ours] == [t.name for t in theirs]
    assert theirs.filter(name="Supervision").exists()
    assert not theirs.filter(name="Safeguarding supervision").exists()
    assert Theme.objects.count() == 32

    for name, themes, version in (("First SCP", ours, v1), ("Second SCP", theirs, v2)):
        ids = made[name]
        curiosity = themes.get(name="Professional curiosity")
        supervision = themes.get(name="Supervision")
        assert SingleAgencyReturn.objects.get(pk=ids["return"]).tool_version == version
        assert SingleAgencyReturn.objects.get(pk=ids["return"]).answers == {
            "A_themes": [str(curiosity.pk), str(supervision.pk)],
            "A_narrative": "Seen.",
        }
        finding = Finding.objects.get(pk=ids["finding"])
        assert set(finding.themes.all()) == {curiosity, supervision}
        assert finding.case.audit.tool_version == version
        draft = BriefingDraft.objects.get(audit_id=ids["audit"])
        assert draft.theme_texts == {str(curiosity.pk): {"key_phrase": f"{name} words"}}


def test_with_no_partnership_the_unowned_tool_and_themes_are_removed():
    from maca.web.accounts.models import Partnership
    from maca.web.audits.models import AuditTool, Theme

    apps = _before()
    assert apps.get_model("audits", "Theme").objects.count() == 16
    _after()
    assert not AuditTool.objects.exists() and not Theme.objects.exists()
    # A partnership made afterwards gets the shipped ones.
    Partnership.objects.create(name="Later SCP")
    assert Theme.objects.filter(partnership__name="Later SCP").count() == 16

"""Hostile input to every form and upload of every page, as every role that reaches it.

The URL patterns are discovered (so forms added later are covered), filled from a scenario (the
demo partnership and audit, a published briefing), and fetched as each demo user and signed
out. Every form found is sent, field by field, values 10x its maxlength and of 15 MB, deeply
nested brackets, binary bytes, invalid UTF-8, NUL bytes and path traversal; every upload gets
oversized, binary, misnamed and malformed files. No answer may be a 500 or show internals, and
an attempt that is refused must change nothing (database rows and files).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .discovery import Samples, Unfilled, routes
from .sweep import Sweep

STAGES = ["returns_open", "moderation_open", "findings_agreed"]


@pytest.fixture
def scenario(demo):
    from maca.web.audits.demo import load_demo_audit
    from maca.web.audits.models import (
        ChronologyEntry,
        FamilyVoice,
        SafeguardingEscalation,
    )
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.models import PublishedBriefing

    _, users = demo
    audit = load_demo_audit()
    draft_for(audit)  # made on first read otherwise, which would count as a write
    case = audit.cases.order_by("pk").first()
    assignment = case.assignments.order_by("pk").first()
    ret = assignment.single_agency_return
    lead = users["audit.lead"]
    # One of each record a correction page names, so that its edit and delete forms are found
    # (the finding is the action plan's, below).
    voice = FamilyVoice.objects.create(
        audit=audit, case=case, role="Mother", quote="Synthetic view", consent_given=True,
        consent_recorded_by=lead,
    )  # fmt: skip
    escalation = SafeguardingEscalation.objects.create(
        case=case, raised_by=lead, escalated_to="MASH team manager", concern="Synthetic concern"
    )
    entry = ChronologyEntry.objects.filter(single_agency_return=ret).order_by("pk").first()
    upload = audit.uploads.order_by("pk").first()
    assert entry is not None and upload is not None
    published = PublishedBriefing.objects.create(
        audit=audit, version=1, title="Synthetic briefing", published_by=users["audit.lead"],
        published_by_name="audit.lead", html="<p>synthetic</p>", pdf=b"%PDF-1.4 synthetic",
        docx=b"PK synthetic", seven_minute_pdf=b"%PDF-1.4 synthetic",
    )  # fmt: skip
    from maca.web.audits.models import FamilyVoice

    # A view given with consent that names someone: the passages page then shows a passage with
    # a finding (its change form open), one to confirm, and the withdraw page a version.
    FamilyVoice.objects.create(
        audit=audit, role="Father", quote="Tell Kayleigh Dobson thank you", consent_given=True,
        consent_recorded_by=users["audit.lead"],
    )  # fmt: skip
    from maca.web.accounts.models import SingleSignOn

    # A partnership's single sign-on, whose provider is this machine's discard port: starting
    # it is refused at once, and no request leaves the machine.
    single_sign_on = SingleSignOn.objects.create(
        partnership=audit.partnership, issuer="http://127.0.0.1:9", client_id="c", client_secret="s"
    )
    from maca.web.administration import services as administration

    # The administration's objects: a user, an agency, a theme and a version still editable.
    admin = users["admin"]
    editable = administration.copy_tool_version(ret.tool_version, admin)
    action, finding, resource = _action_plan(audit, case, users["audit.lead"])
    samples = Samples(
        by_segment={
            "administration/users": users["police.practitioner"],
            "administration/agencies": users["police.practitioner"].agency,
            "administration/themes": audit.partnership.themes.order_by("pk").first(),
            "administration/tool-versions": editable,
            "sign-in": single_sign_on,
            "audits": audit,
            "cases": case,
            "assignments": assignment,
            "returns": ret,
            "briefings": published,
            "uploads": upload,
            "findings": finding,
            "family-voices": voice,
            "escalations": escalation,
            "chronology": entry,
            "actions": action,
            "resources": resource,
        },  # fmt: skip
        section_key=str(ret.tool_version.sections[0]["key"]),
        download_name="briefing.pdf",
        question_key=str(editable.sections[0]["questions"][0]["key"]),
        values={
            "uidb64": "MQ",
            "token": "no-such-token",
            "theme": str(action.theme_id),
            "kind": "docx",
        },
    )
    return audit, samples, {"signed out": None, **users}


def _action_plan(audit, case, lead):
    """An area for learning of the case, an action for it and a resource of the library."""
    from datetime import timedelta

    from django.utils import timezone

    from maca.web.actions.models import Action, Resource
    from maca.web.audits.models import Finding

    theme = audit.partnership.themes.order_by("pk").first()
    finding = Finding.objects.create(
        case=case, kind="area_for_learning", text="Taken at face value.", recorded_by=lead
    )
    finding.themes.add(theme)
    agency = case.assignments.order_by("pk").first().agency
    action = Action.objects.create(
        audit=audit, theme=theme, area=theme.name, text="Verify.", measure="A dip sample.",
        owner_agency=agency, lead_role="Named nurse", created_by=lead,
        due_date=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    resource = Resource.objects.create(
        partnership=audit.partnership, kind="guidance", title="Synthetic guidance",
        url="https://example.org/guidance",
    )  # fmt: skip
    return action, finding, resource


def _paths(samples: Samples) -> list[str]:
    return [samples.path_for(route) for route in routes()]


@pytest.mark.django_db
def test_every_url_pattern_has_a_sample(scenario):
    _, samples, _ = scenario
    unfilled = []
    for route in routes():
        try:
            samples.path_for(route)
        except Unfilled as problem:
            unfilled.append(str(problem))
    assert unfilled == []
    assert reverse(
        "audits:return-section", args=[samples.by_segment["returns"].pk, samples.section_key]
    ) in _paths(samples)  # noqa: E501


@pytest.mark.django_db
def test_no_hostile_input_causes_a_500_or_a_write(scenario):
    """At each stage of the audit in turn, as forms appear and disappear with it."""
    audit, samples, users = scenario
    sweep = Sweep(users)
    paths = _paths(samples)
    attacked: set[tuple] = set()
    for stage in STAGES:
        type(audit).objects.filter(pk=audit.pk).update(stage=stage)
        forms = [form for form in sweep.discover(paths) if form.key not in attacked]
        for form in forms:
            sweep.attack(form)
            attacked.add(form.key)
    posted_to = {action for action, method, _ in attacked if method == "post"}
    published = samples.by_segment["briefings"]
    assert {
        reverse("briefings:passages", args=[audit.pk]),
        reverse("briefings:fix", args=[audit.pk]),
        reverse("briefings:withdraw", args=[published.pk]),
    } <= {action.split("?")[0] for action in posted_to}
    for path in paths:
        if path not in posted_to and not path.startswith("/admin/"):
            sweep.post_blind(path)
    assert sweep.failures == [], "\n".join(sweep.failures)
    assert len(attacked) > 20 and sweep.attempts > 2000, (len(attacked), sweep.attempts)

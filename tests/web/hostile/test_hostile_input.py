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
        Finding,
        SafeguardingEscalation,
        Theme,
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
    # One of each record a correction page names, so that its edit and delete forms are found.
    finding = Finding.objects.create(
        case=case, kind=Finding.Kind.STRENGTH, text="Synthetic strength", recorded_by=lead
    )
    finding.themes.set(Theme.objects.all()[:1])
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
    from maca.web.accounts.models import SingleSignOn

    # A partnership's single sign-on, whose provider is this machine's discard port: starting
    # it is refused at once, and no request leaves the machine.
    single_sign_on = SingleSignOn.objects.create(
        partnership=audit.partnership, issuer="http://127.0.0.1:9", client_id="c", client_secret="s"
    )
    samples = Samples(
        by_segment={
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
        },  # fmt: skip
        section_key=str(ret.tool_version.sections[0]["key"]),
        download_name="briefing.pdf",
    )
    return audit, samples, {"signed out": None, **users}


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
    for path in paths:
        if path not in posted_to and not path.startswith("/admin/"):
            sweep.post_blind(path)
    assert sweep.failures == [], "\n".join(sweep.failures)
    assert len(attacked) > 20 and sweep.attempts > 2000, (len(attacked), sweep.attempts)

"""A published version withdrawn: the reason kept with it, in the history, offered to nobody but
the business team (who see it marked withdrawn); everyone else sees the previous good version or
none. The footer's promise is printed only on what passed the check."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

REASON = "A family quote could identify a family."


@pytest.fixture
def two_versions(make_audit):
    from maca.web.briefings.models import PublishedBriefing

    audit = make_audit("findings_agreed").audit
    versions = [
        PublishedBriefing.objects.create(
            audit=audit,
            version=n,
            title="Priority Three: First 1001 Days",
            published_by_name="audit.lead",
            html=f"<!DOCTYPE html><title>v{n}</title>",
            pdf=b"%PDF-1.7",
            docx=b"PK",
            seven_minute_pdf=b"%PDF-1.7",
        )  # fmt: skip
        for n in (1, 2)
    ]
    return audit, versions


def test_a_version_is_withdrawn_with_its_reason_and_kept(two_versions, client_for):
    from maca.web.trail.models import AuditEvent

    audit, (first, second) = two_versions
    lead = client_for("audit.lead")
    url = reverse("briefings:withdraw", args=[second.pk])
    assert "Enter why this version is withdrawn" in lead.post(url, {"reason": ""}).content.decode()
    response = lead.post(url, {"reason": REASON})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.withdrawn and second.withdrawn_by_name == "audit.lead"
    assert second.withdrawal_reason == REASON
    event = AuditEvent.objects.get(object_ref=f"briefing v2 of A{audit.pk}", action="change")
    assert "Withdrew version 2" in event.summary and REASON not in event.summary
    # Once only: the page and the permission refuse a second withdrawal.
    assert lead.get(url).status_code == 403
    page = lead.get(reverse("briefings:published", args=[second.pk])).content.decode()
    assert 'data-testid="withdrawn"' in page and REASON in page
    assert "The briefing (PDF)" in page  # the business team may still download it
    listing = lead.get(reverse("briefings:published-list")).content.decode()
    assert "Version 2" in listing and "Withdrawn" in listing


def test_others_see_the_previous_good_version_or_none(two_versions, client_for, demo):
    from maca.web.briefings import services

    audit, (first, second) = two_versions
    lead = demo[1]["audit.lead"]
    services.withdraw_version(second, lead, reason=REASON)
    for username in ("board.reader", "hv.practitioner"):
        client = client_for(username)
        listing = client.get(reverse("briefings:published-list")).content.decode()
        assert "Version 1" in listing and "Version 2" not in listing, username
        page = client.get(reverse("briefings:published", args=[second.pk])).content.decode()
        assert "This version was withdrawn" in page
        assert REASON not in page and "The briefing (PDF)" not in page
        assert reverse("briefings:published", args=[first.pk]) in page  # the current version
        download = reverse("briefings:download", args=[second.pk, "briefing.pdf"])
        assert client.get(download).status_code == 403
        good = reverse("briefings:download", args=[first.pk, "briefing.pdf"])
        assert client.get(good).status_code == 200
    assert (
        client_for("audit.lead")
        .get(reverse("briefings:download", args=[second.pk, "briefing.pdf"]))
        .status_code
        == 200
    )
    services.withdraw_version(first, lead, reason=REASON)
    page = client_for("board.reader").get(reverse("briefings:published", args=[first.pk]))
    assert "There is no other version to read" in page.content.decode()
    assert services.withdraw_version(first, lead, reason="again") is False


def test_the_promise_is_printed_on_a_published_version_never_on_a_draft(
    briefed, client_for, confirm_every_passage, tmp_path
):
    import docx

    from maca.briefing import check, prepare, preview, publish
    from maca.briefing.content import PROMISE
    from maca.web.briefings.build import build_briefing

    built = build_briefing(briefed.audit)
    draft = client_for("audit.lead").get(reverse("briefings:preview-html", args=[briefed.audit.pk]))
    assert PROMISE not in draft.content.decode()
    report = check(prepare(built.briefing))
    decided = built.briefing
    decided.small_numbers = {n.key: "suppress" for n in report.small_numbers}
    drafted = preview(decided, tmp_path / "draft")
    assert PROMISE not in (tmp_path / "draft" / "briefing.html").read_text("utf-8")
    assert not drafted.checked
    kept = publish(decided, tmp_path / "kept", promise=False)
    assert PROMISE not in (tmp_path / "kept" / "briefing.html").read_text("utf-8")
    assert not kept.checked
    published = publish(decided, tmp_path / "out")
    assert published.checked
    assert PROMISE in (tmp_path / "out" / "briefing.html").read_text("utf-8")
    footer = docx.Document(str(tmp_path / "out" / "briefing.docx")).sections[0].footer
    assert PROMISE in [p.text for p in footer.paragraphs]
    footer = docx.Document(str(tmp_path / "kept" / "briefing.docx")).sections[0].footer
    assert PROMISE not in [p.text for p in footer.paragraphs]

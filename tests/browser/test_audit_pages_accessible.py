"""The audit pages the walk does not pass through, on the demo audit, each checked by axe-core."""

from __future__ import annotations

import pytest

from tests.browser.axe import axe_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shipped_tool")]


@pytest.fixture
def demo_audit(demo):
    from maca.web.audits.demo import load_demo_audit
    from maca.web.audits.models import Finding, Theme

    audit = load_demo_audit()
    case = audit.cases.get(case_ref="C001")
    finding = Finding.objects.create(
        case=case, kind="strength", text="Consistent health visitor", recorded_by=audit.created_by
    )
    finding.themes.add(
        Theme.objects.get(partnership=audit.partnership, name="Consistency of practitioner")
    )
    case.escalations.create(
        raised_by=audit.created_by, escalated_to="MASH team manager", concern="Bruise on sibling"
    )
    audit.family_voices.create(
        case=case, role="Mother", quote="Nobody asked me", consent_given=True,
        consent_recorded_by=audit.created_by,
    )  # fmt: skip
    return audit


def _pages(audit):
    from maca.web.audits.models import SingleAgencyReturn

    case = audit.cases.get(case_ref="C001")
    signed_off = SingleAgencyReturn.objects.get(assignment__case=case, status="signed_off")
    submitted = SingleAgencyReturn.objects.get(assignment__case=case, status="submitted")
    escalation = case.escalations.get()
    voice = audit.family_voices.get()
    upload = audit.uploads.get()
    return {
        "audit.lead": [
            "/",
            f"/audits/{audit.pk}/edit/",
            f"/audits/{audit.pk}/corrections/",
            f"/audits/{audit.pk}/stage/",
            f"/audits/{audit.pk}/assign/?first_1001=yes&flags=known_historically",
            f"/audits/{audit.pk}/assign/?family=F99",
            f"/uploads/{upload.pk}/undo/",
            f"/cases/{case.pk}/withdraw/",
            f"/escalations/{escalation.pk}/outcome/",
            f"/family-voices/{voice.pk}/edit/",
            f"/family-voices/{voice.pk}/delete/",
            f"/audits/{audit.pk}/",
            f"/audits/{audit.pk}/cases/new/",
            f"/audits/{audit.pk}/family-voice/new/",
            f"/audits/{audit.pk}/summary/",
            f"/cases/{case.pk}/",
            f"/cases/{case.pk}/identifying/",
            f"/cases/{case.pk}/escalate/",
            f"/assignments/{signed_off.assignment_id}/allocate/",
            f"/returns/{signed_off.pk}/",
            f"/returns/{signed_off.pk}/reopen/",
        ],
        "hv.lead": [
            "/",
            "/returns/",
            "/returns/?status=signed_off&due=overdue",
            f"/audits/{audit.pk}/",
        ],
        "police.lead": [f"/returns/{submitted.pk}/send-back/", f"/returns/{submitted.pk}/"],
    }


def test_refusals_and_the_form_failure_page_have_no_accessibility_violations(
    page, sign_in, demo_audit
):
    """The page that says why a return cannot be changed, and the plain CSRF failure page."""
    from maca.web.audits.models import SingleAgencyReturn

    ret = SingleAgencyReturn.objects.get(
        assignment__case__audit=demo_audit, assignment__case__case_ref="C001",
        assignment__agency__name="Northmoor Police",
    )  # fmt: skip
    sign_in("police.practitioner")
    response = page.goto(f"/returns/{ret.pk}/section/A/")
    assert response is not None and response.status == 403
    assert "submitted on" in page.get_by_test_id("refusal-reason").inner_text()
    assert axe_violations(page) == []
    with page.expect_navigation():  # a form whose security token is wrong
        page.evaluate(
            "const f = document.querySelector('#maca-timeout form');"
            "f.querySelector('[name=csrfmiddlewaretoken]').value = 'x'.repeat(64); f.submit();"
        )
    assert "Sorry, the form could not be sent" in page.locator("h1").inner_text()
    assert axe_violations(page) == []


def test_other_audit_pages_have_no_accessibility_violations(page, sign_in, demo_audit):
    for username, urls in _pages(demo_audit).items():
        if page.get_by_role("button", name="Sign out").count():
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url("**/sign-in/")
        sign_in(username)
        for url in urls:
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert axe_violations(page) == [], url

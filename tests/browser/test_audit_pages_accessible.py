"""The audit pages the walk does not pass through, on the demo audit, each checked by axe-core."""

from __future__ import annotations

import pytest

from tests.browser.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def shipped_tool(transactional_db):
    """A transactional test before this one flushed the database, and with it the tool and
    themes the data migration shipped: put them back."""
    from django.apps import apps

    from maca.web.audits.shipped import load_tool_and_themes

    load_tool_and_themes(apps)


@pytest.fixture
def demo_audit(demo):
    from maca.web.audits.demo import load_demo_audit
    from maca.web.audits.models import Finding, Theme

    audit = load_demo_audit()
    case = audit.cases.get(case_ref="C001")
    finding = Finding.objects.create(
        case=case, kind="strength", text="Consistent health visitor", recorded_by=audit.created_by
    )
    finding.themes.add(Theme.objects.get(name="Consistency of practitioner"))
    case.escalations.create(
        raised_by=audit.created_by, escalated_to="MASH team manager", concern="Bruise on sibling"
    )
    return audit


def _pages(audit):
    from maca.web.audits.models import SingleAgencyReturn

    case = audit.cases.get(case_ref="C001")
    signed_off = SingleAgencyReturn.objects.get(assignment__case=case, status="signed_off")
    return {
        "audit.lead": [
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
        "hv.lead": ["/returns/", f"/audits/{audit.pk}/"],
    }


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

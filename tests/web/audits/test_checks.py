"""Check before you continue (issue 12): a stage change, a submission and a sign-off show what is
not ready and ask to confirm; a stage that cannot work is refused with the reason; an agency
with no lead has its returns signed off by the audit lead on its behalf; a practitioner locked
out of a draft is told why; agencies with no users are warned about when assigned."""

from __future__ import annotations

import re

from django.urls import reverse

from maca.web.accounts.models import Agency
from maca.web.audits import readiness
from maca.web.audits.models import Audit, SingleAgencyReturn
from maca.web.trail.models import AuditEvent
from tests.web.builders import complete_answers, confirmed


def _advance(client, audit):
    return client.post(
        reverse("audits:audit-advance", args=[audit.pk]), {"from_stage": audit.stage}
    )


def test_open_returns_is_refused_with_no_cases_or_nothing_assigned(make_audit, client_for):
    """Seen: "Open returns" worked with no agencies assigned."""
    built = make_audit("commissioned")
    client = client_for("audit.lead")
    built.audit.cases.all().delete()
    page = client.get(reverse("audits:audit-advance", args=[built.audit.pk])).content.decode()
    assert "You cannot open returns yet" in page
    assert "There are no cases: load the cohort or add a case first" in page
    assert 'name="confirm"' not in page
    built.audit.cases.create(case_ref="C009", family_ref="F09")
    page = _advance(client, built.audit).content.decode()
    assert "No agency is assigned to any case: assign agencies first" in page
    # Even a hand-made confirmation does not move it.
    client.post(
        reverse("audits:audit-advance", args=[built.audit.pk]),
        {
            "from_stage": "commissioned",
            "confirm": "1",
            "checked": readiness.fingerprint(readiness.stage_checks(built.audit)),
        },
    )
    built.audit.refresh_from_db()
    assert built.audit.stage == "commissioned"


def test_open_moderation_lists_drafts_and_unsigned_returns_and_needs_confirming(
    make_audit, client_for
):
    """Seen: "Open moderation" worked with 19 drafts and 2 unsigned returns, in one click."""
    built = make_audit("returns_open")
    client = client_for("audit.lead")
    page = _advance(client, built.audit).content.decode()
    assert "Open moderation (audit day)?" in page
    assert "2 returns not submitted (draft, sent back or re-opened)" in page
    assert "1 submitted return not signed off" in page
    assert "Open moderation (audit day) anyway" in page
    built.audit.refresh_from_db()
    assert built.audit.stage == "returns_open"  # shown, not done
    # A confirmation of an older list is asked again.
    stale = client.post(
        reverse("audits:audit-advance", args=[built.audit.pk]),
        {"from_stage": "returns_open", "confirm": "1", "checked": "0" * 16},
    )
    assert 'data-testid="changed"' in stale.content.decode()
    assert Audit.objects.get(pk=built.audit.pk).stage == "returns_open"
    confirmed(
        client,
        reverse("audits:audit-advance", args=[built.audit.pk]),
        {"from_stage": "returns_open"},
    )
    assert Audit.objects.get(pk=built.audit.pk).stage == "moderation_open"


def test_agreeing_findings_is_refused_without_any_and_names_cases_without(
    make_audit, client_for, demo
):
    from maca.web.audits.models import Finding

    _, users = demo
    built = make_audit("moderation_open")
    client = client_for("audit.lead")
    assert "The panel has recorded no findings" in _advance(client, built.audit).content.decode()
    Finding.objects.create(
        case=built.c001, kind="strength", text="x", recorded_by=users["panel.member"]
    )
    page = _advance(client, built.audit).content.decode()
    assert "1 case with no finding recorded: C002" in page


def test_an_agency_with_no_lead_is_signed_off_by_the_audit_lead_on_its_behalf(
    make_audit, client_for, demo
):
    """Seen: CSC had no agency lead, so its submitted return could never be signed off, yet the
    practitioner was told "submitted to your agency lead"."""
    from maca.web.accounts.models import User

    built = make_audit("returns_open")
    User.objects.filter(username="csc.lead").update(is_active=False)  # CSC has no lead now
    ret = built.csc.single_agency_return
    SingleAgencyReturn.objects.filter(pk=ret.pk).update(answers=complete_answers(ret.tool_version))
    practitioner = client_for("csc.practitioner")
    overview = practitioner.get(reverse("audits:return-overview", args=[ret.pk])).content.decode()
    assert "the audit lead, on behalf of Children&#x27;s social care" in overview
    response = confirmed(
        practitioner, reverse("audits:return-submit", args=[ret.pk]), {"version": 0}
    )
    done = practitioner.get(response["Location"]).content.decode()
    assert "Return submitted: the audit lead, on behalf of Children&#x27;s social care" in done
    assert "agency lead for sign-off" not in done
    ret.refresh_from_db()

    page = client_for("audit.lead").get(reverse("home")).content.decode()
    assert "Returns to sign off on an agency&#x27;s behalf" in page
    sign_off = reverse("audits:return-sign-off", args=[ret.pk])
    assert client_for("hv.lead").post(sign_off, {"version": ret.version}).status_code == 403
    lead = client_for("audit.lead")
    first = lead.post(sign_off, {"version": ret.version}).content.decode()
    assert (
        "You sign off on behalf of Children&#x27;s social care, which has no agency lead" in first
    )
    confirmed(lead, sign_off, {"version": ret.version})
    ret.refresh_from_db()
    assert ret.status == "signed_off" and ret.signed_off_on_behalf
    assert AuditEvent.objects.filter(
        summary__startswith="Signed off on behalf of Children's social care, which has no agency"
    ).exists()
    # Where the agency has a lead, the business team does not sign off.
    hv = built.hv_return
    assert (
        lead.post(
            reverse("audits:return-sign-off", args=[hv.pk]), {"version": hv.version}
        ).status_code
        == 403
    )


def test_submitting_and_signing_off_ask_to_confirm_and_say_what_is_missing(make_audit, client_for):
    built = make_audit("returns_open")
    ret = built.police_return
    SingleAgencyReturn.objects.filter(pk=ret.pk).update(answers=complete_answers(ret.tool_version))
    client = client_for("police.practitioner")
    page = client.post(
        reverse("audits:return-submit", args=[ret.pk]), {"version": 0}
    ).content.decode()
    assert "Submit the return?" in page
    assert "The return has no chronology entries" in page
    assert "Chris Lowther (agency lead) signs it off" in page
    ret.refresh_from_db()
    assert ret.status == "draft"


def test_a_practitioner_locked_out_after_moderation_opens_is_told_why(make_audit, client_for):
    """Seen: practitioners were locked out of their drafts with a generic 403."""
    built = make_audit("returns_open")
    confirmed(
        client_for("audit.lead"),
        reverse("audits:audit-advance", args=[built.audit.pk]),
        {"from_stage": "returns_open"},
    )
    response = client_for("police.practitioner").get(
        reverse("audits:return-section", args=[built.police_return.pk, "A"])
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "You cannot change this return now" in body
    assert "Moderation (audit day) opened on" in body and "returns can no longer be changed" in body
    assert "You do not have access to this page" not in body
    # Someone with no claim on the return gets no reason.
    other = client_for("csc.practitioner").get(
        reverse("audits:return-section", args=[built.police_return.pk, "A"])
    )
    assert "Moderation" not in other.content.decode()


def test_agencies_with_no_users_or_no_lead_are_warned_about_at_assignment(
    make_audit, client_for, demo
):
    """Seen: agencies with no users got assignments nobody would ever see."""
    partnership, _ = demo
    built = make_audit("commissioned")
    housing = Agency.objects.get(partnership=partnership, name="Housing")
    client = client_for("audit.lead")
    url = reverse("audits:assign-agencies", args=[built.audit.pk])
    page = client.get(url).content.decode()
    # Named before assigning as the administration names it (accounts.readiness, one wording).
    no_users = re.search(r"no users, so nobody would see [^:]*: ([^<]*)\.</p>", page)
    assert no_users and "Housing" in no_users[1].split(", ")
    response = client.post(
        url,
        {"agencies": [housing.pk], "cases": [built.c001.pk], "due_date": "2031-01-31"},
        follow=True,
    )
    body = response.content.decode()
    assert "1 assignment added" in body and "Housing has no users in maca" in body
    page = _advance(client, built.audit).content.decode()
    assert "Housing has no users in maca" in page


def test_assigning_filters_cases_and_selects_all_shown(make_audit, client_for, demo):
    partnership, _ = demo
    built = make_audit("commissioned")
    built.audit.cases.filter(pk=built.c002.pk).update(
        in_first_1001_days=True, known_historically=True
    )
    client = client_for("audit.lead")
    url = reverse("audits:assign-agencies", args=[built.audit.pk])
    page = client.get(url, {"first_1001": "yes"}).content.decode()
    assert "Select all 1 case shown" in page
    assert f'value="{built.c002.pk}"' in page and "C001 (family F01" not in page
    midwifery = Agency.objects.get(partnership=partnership, name="Midwifery")
    client.post(
        f"{url}?first_1001=yes&flags=known_historically",
        {"agencies": [midwifery.pk], "all_shown": "on", "due_date": "2031-01-31"},
    )
    assert list(midwifery.assignments.values_list("case__case_ref", flat=True)) == ["C002"]
    none = client.post(url, {"agencies": [midwifery.pk], "due_date": "2031-01-31"})
    assert "Select at least one case, or select all the cases shown" in none.content.decode()

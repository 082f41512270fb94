"""The action plan's pages: areas for learning and their actions, adding an action, its status
with history and evidence of impact, the tracker, and what the board reader reads."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_the_plan_shows_each_area_for_learning_with_its_actions(planned, client_for):
    body = client_for("audit.lead").get(reverse("actions:plan", args=[planned.audit.pk])).content
    page = body.decode()
    assert "1. Professional curiosity" in page and "1 case" in page
    assert "Child C001:</strong> Face value." in page  # the finding behind it, for the team
    assert "Name the baby on every domestic abuse notification." in page
    assert page.count('data-testid="overdue"') == 1  # the police action, three days late
    assert "Clarify, verify and reflect" in page  # the library's resource for the theme
    assert "Download the board report (Word)" in page


def test_agency_leads_and_the_board_see_the_plan_but_not_the_case_findings(planned, client_for):
    for username in ("hv.lead", "board.reader"):
        page = client_for(username).get(reverse("actions:plan", args=[planned.audit.pk]))
        body = page.content.decode()
        assert "Professional curiosity" in body and "Child C001" not in body, username
        assert "Add an action" not in body, username


def test_adding_an_action_checks_the_smart_details(planned, client_for):
    from maca.web.actions.models import Action
    from maca.web.trail.models import AuditEvent

    client = client_for("audit.lead")
    url = reverse("actions:action-add", args=[planned.audit.pk, planned.theme.pk])
    assert (
        "Area for learning: <strong>Professional curiosity</strong>"
        in client.get(url).content.decode()
    )
    hv_agency = planned.hv.agency
    police_lead = planned.audit.partnership.users.get(username="police.lead")
    bad = client.post(
        url,
        {
            "text": "",
            "measure": "m",
            "owner_agency": hv_agency.pk,
            "lead_user": police_lead.pk,
            "due_date": _day(-1),
        },
    )
    body = bad.content.decode()
    assert "Enter what will be done" in body
    assert "The due date must be today or later" in body
    assert f"The lead must be a person of {hv_agency.name}" in body
    none = client.post(
        url, {"text": "t", "measure": "m", "owner_agency": hv_agency.pk, "due_date": _day(5)}
    )
    assert "Choose a lead, or name the role that leads the action" in none.content.decode()
    response = client.post(
        url,
        {
            "text": "Health visitors ask who else lives in the home.",
            "measure": "Dip sample of 20 records each quarter.",
            "owner_agency": hv_agency.pk,
            "lead_role": "Named nurse",
            "due_date": _day(40),
        },
    )
    action = Action.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == f"/actions/{action.pk}/"
    assert (action.theme, action.finding, action.created_by.username) == (
        planned.theme,
        None,
        "audit.lead",
    )
    assert AuditEvent.objects.filter(object_ref=action.trail_ref, action="create").count() == 1


def test_an_action_from_a_finding_keeps_the_finding(planned, client_for):
    from maca.web.actions.models import Action

    finding = planned.c001.findings.get(kind="area_for_learning")
    url = reverse("actions:action-add-for-finding", args=[finding.pk, planned.theme.pk])
    client = client_for("audit.lead")
    assert "from the finding for child C001" in client.get(url).content.decode()
    other = planned.themes["Fathers and male carers"]
    assert (
        client.get(
            reverse("actions:action-add-for-finding", args=[finding.pk, other.pk])
        ).status_code
        == 404
    )
    strength = planned.c001.findings.filter(kind="strength").first()
    assert (
        client.get(
            reverse("actions:action-add-for-finding", args=[strength.pk, planned.theme.pk])
        ).status_code
        == 403
    )
    client.post(
        url,
        {
            "text": "t",
            "measure": "m",
            "owner_agency": planned.hv.agency.pk,
            "lead_role": "Named nurse",
            "due_date": _day(3),
        },
    )
    assert Action.objects.latest("id").finding == finding


def test_status_with_why_then_impact_then_complete(planned, client_for):
    from maca.web.actions.models import Action

    action = planned.hv_action
    client = client_for("hv.lead")
    status_url = reverse("actions:action-status", args=[action.pk])
    done = client.post(status_url, {"status": "complete", "reason": "Done.", "version": 0})
    assert (
        "Record the evidence of impact first, or say why it is complete without any"
        in done.content.decode()
    )
    same = client.post(status_url, {"status": "not_started", "reason": "x", "version": 0})
    assert "It is already not started" in same.content.decode()
    client.post(status_url, {"status": "green", "reason": "Training booked.", "version": 0})
    client.post(
        reverse("actions:action-impact", args=[action.pk]),
        {
            "what_changed": "17 of 20 records now say how information was verified.",
            "how_measured": "Dip sample of 20 records before and after.",
        },
    )
    client.post(status_url, {"status": "complete", "reason": "All trained.", "version": 1})
    action.refresh_from_db()
    assert action.status == "complete"
    page = client.get(reverse("actions:action-detail", args=[action.pk])).content.decode()
    assert "17 of 20 records now say how information was verified." in page
    assert "Green: on track → Complete" in page and "All trained." in page
    # A stale form changes nothing and says so.
    stale = client.post(status_url, {"status": "amber", "reason": "x", "version": 1}, follow=True)
    assert "Someone changed this action since you opened it" in stale.content.decode()
    assert Action.objects.get(pk=action.pk).status == "complete"


def test_the_board_reads_typed_text_with_identifying_details_withheld(planned, client_for):
    from maca.web.actions.models import Action

    Action.objects.filter(pk=planned.police_action.pk).update(
        text="Review SYN-900001's notification of 12/03/2023 with the team."
    )
    url = reverse("actions:action-detail", args=[planned.police_action.pk])
    board = client_for("board.reader").get(url).content.decode()
    assert "SYN-900001" not in board and "12/03/2023" not in board
    assert "[withheld: a person id]" in board
    assert "[withheld: a date narrower than a month]" in board
    assert "Update the status" not in board  # read-only
    lead = client_for("police.lead").get(url).content.decode()
    assert "SYN-900001" in lead  # the agency sees its words as written
    tracker = client_for("board.reader").get(reverse("actions:tracker")).content.decode()
    assert "SYN-900001" not in tracker and "[withheld: a person id]" in tracker
    # The area's heading, as the briefing's author wrote it, too.
    from maca.web.briefings.build import draft_for

    draft = draft_for(planned.audit)
    draft.theme_texts = {str(planned.theme.pk): {"learning_title": "Curiosity about SYN-900001"}}
    draft.save()
    plan = client_for("board.reader").get(reverse("actions:plan", args=[planned.audit.pk]))
    assert "SYN-900001" not in plan.content.decode()
    assert "Curiosity about [withheld: a person id]" in plan.content.decode()


def test_the_tracker_filters_and_marks_the_overdue(planned, client_for):
    client = client_for("audit.lead")
    url = reverse("actions:tracker")
    everything = client.get(url).content.decode()
    assert everything.count('class="govuk-table__row maca-overdue"') == 1
    overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert f"Action {planned.police_action.pk}<" in overdue
    assert f"Action {planned.hv_action.pk}<" not in overdue
    hv = client.get(url, {"agency": planned.hv.agency.pk}).content.decode()
    assert (
        f"Action {planned.hv_action.pk}<" in hv and f"Action {planned.police_action.pk}<" not in hv
    )
    red = client.get(url, {"status": "red"}).content.decode()
    assert f"Action {planned.police_action.pk}<" in red
    assert client.get(url, {"status": "nonsense", "agency": "x"}).status_code == 200


def test_an_agency_lead_changes_only_its_own_agencys_actions(planned, client_for):
    client = client_for("hv.lead")
    own = reverse("actions:action-edit", args=[planned.hv_action.pk])
    other = reverse("actions:action-edit", args=[planned.police_action.pk])
    assert client.get(own).status_code == 200 and client.get(other).status_code == 403
    response = client.post(
        own,
        {
            "text": "Reworded.",
            "measure": "m",
            "owner_agency": planned.hv.agency.pk,
            "lead_role": "Named nurse",
            "due_date": planned.hv_action.due_date.isoformat(),
            "version": 0,
        },
    )
    assert response.status_code == 302
    planned.hv_action.refresh_from_db()
    assert planned.hv_action.text == "Reworded." and planned.hv_action.version == 1

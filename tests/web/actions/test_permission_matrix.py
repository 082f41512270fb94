"""The permission matrix of the actions app: every page x every role (agency roles of the
agency that owns an action or not) x every audit stage, and a second partnership that sees
nothing. Lists say what the pages say: a user's tracker holds exactly the actions they may open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.matrix import STAGES, USERS, matrix_rows, status_rolled_back

# page                 method target    stages  admin lead hvL hvP poL poP csL csP panel board
MATRIX = """
tracker                GET  -         CRMFX   200 200 200 403 200 403 200 403 403 200
plan                   GET  audit     CR      403 403 403 403 403 403 403 403 403 403
plan                   GET  audit     M       200 200 200 403 200 403 200 403 403 403
plan                   GET  audit     FX      200 200 200 403 200 403 200 403 403 200
action-add             GET  theme     CR      403 403 403 403 403 403 403 403 403 403
action-add             GET  theme     MFX     200 200 403 403 403 403 403 403 403 403
action-add-for-finding GET  finding   CR      403 403 403 403 403 403 403 403 403 403
action-add-for-finding GET  finding   MFX     200 200 403 403 403 403 403 403 403 403
action-detail          GET  hv        CR      403 403 403 403 403 403 403 403 403 403
action-detail          GET  hv        M       200 200 200 403 200 403 200 403 403 403
action-detail          GET  hv        FX      200 200 200 403 200 403 200 403 403 200
action-edit            GET  hv        CR      403 403 403 403 403 403 403 403 403 403
action-edit            GET  hv        MFX     200 200 200 403 403 403 403 403 403 403
action-edit            GET  police    MFX     200 200 403 403 200 403 403 403 403 403
action-status          GET  hv        MFX     200 200 200 403 403 403 403 403 403 403
action-status          GET  police    CR      403 403 403 403 403 403 403 403 403 403
action-status          GET  police    MFX     200 200 403 403 200 403 403 403 403 403
action-impact          GET  hv        MFX     200 200 200 403 403 403 403 403 403 403
action-impact          GET  police    MFX     200 200 403 403 200 403 403 403 403 403
resource-list          GET  -         CRMFX   200 200 200 200 200 200 200 200 200 200
resource-add           GET  -         CRMFX   200 200 403 403 403 403 403 403 403 403
resource-edit          GET  resource  CRMFX   200 200 403 403 403 403 403 403 403 403
discussion-add         GET  published CRMFX   200 200 200 200 200 200 200 200 200 403
reach                  GET  audit     CRMFX   200 200 200 403 200 403 200 403 403 200
reaudit-start          GET  audit     CRMFX   200 200 403 403 403 403 403 403 403 403
comparison             GET  later     CRM     200 200 403 403 403 403 403 403 403 403
comparison             GET  later     FX      200 200 403 403 403 403 403 403 403 200
comparison             GET  audit     CRMFX   403 403 403 403 403 403 403 403 403 403
board-report           GET  docx      CRM     403 403 403 403 403 403 403 403 403 403
board-report           GET  docx      FX      200 200 403 403 403 403 403 403 403 200
"""


def _rows():
    return matrix_rows(MATRIX)


@pytest.fixture
def world(reaudited):
    """``reaudited``, with C001's area for learning (both audits at the stage under test)."""
    c001 = reaudited.audit.cases.get(case_ref="C001")
    reaudited.finding = c001.findings.get(kind="area_for_learning")
    return reaudited


def _at(world, letter):
    from maca.web.audits.models import Audit

    Audit.objects.filter(pk__in=[world.audit.pk, world.later.pk]).update(stage=STAGES[letter])


def _url(page, target, world):
    args = {
        "-": [],
        "audit": [world.audit.pk],
        "later": [world.later.pk],
        "theme": [world.audit.pk, world.theme.pk],
        "finding": [world.finding.pk, world.theme.pk],
        "hv": [world.hv_action.pk],
        "police": [world.police_action.pk],
        "resource": [world.library["curiosity"].pk],
        "published": [world.published.pk],
        "docx": [world.audit.pk, "docx"],
    }[target]
    return reverse(f"actions:{page}", args=args)


def test_matrix_covers_every_page_of_the_app():
    from maca.web.actions import urls

    assert {row[0] for row in _rows()} == {p.name for p in urls.urlpatterns}


@pytest.mark.parametrize("letter", list(STAGES))
def test_permission_matrix(letter, world, client_for):
    _at(world, letter)
    clients = {username: client_for(username) for username in USERS}
    wrong = []
    for page, method, target, stages, expected in _rows():
        if letter not in stages:
            continue
        url = _url(page, target, world)
        for username, code in expected.items():
            status = status_rolled_back(clients[username], method, url)
            if status != code:
                wrong.append(f"{page} {target} as {username}: {status}, not {code}")
    assert wrong == []


@pytest.mark.parametrize("letter", list(STAGES))
def test_the_tracker_lists_exactly_the_actions_a_user_may_open(letter, world, client_for):
    from maca.web.accounts.models import User
    from maca.web.actions.models import Action
    from maca.web.actions.queries import updatable_by, visible_actions

    _at(world, letter)
    for username in USERS:
        user = User.objects.get(username=username)
        actions = Action.objects.all()
        assert set(visible_actions(user)) == {
            a for a in actions if user.has_perm("actions.view_action", a)
        }, username
        assert set(updatable_by(user, visible_actions(user))) == {
            a for a in visible_actions(user) if user.has_perm("actions.update_action", a)
        }, username
        page = client_for(username).get(reverse("actions:tracker"))
        if page.status_code == 200:
            body = page.content.decode()
            for action in actions:
                shown = f'href="/actions/{action.pk}/"' in body
                assert shown == user.has_perm("actions.view_action", action), (username, action)


def test_another_partnership_sees_nothing_of_this_one(world, client_for):
    from maca.web.accounts.models import Agency, Partnership, User
    from maca.web.accounts.roles import Role

    _at(world, "F")
    other = Partnership.objects.create(name="Elsewhere SCP")
    team = Agency.objects.create(partnership=other, name="Business team", kind="business_team")
    for username, role in (
        ("other.admin", Role.PARTNERSHIP_ADMIN),
        ("other.board", Role.BOARD_READER),
        ("other.lead", Role.AGENCY_LEAD),
    ):
        User.objects.create_user(username, partnership=other, agency=team, role=role)
        client = client_for(username)
        for page, _, target, _, _ in _rows():
            if target == "-":
                continue
            assert client.get(_url(page, target, world)).status_code == 403, (username, page)
        for page in ("tracker", "resource-list"):
            response = client.get(reverse(f"actions:{page}"))
            if response.status_code == 200:
                body = response.content.decode()
                assert "Name the baby" not in body and "Clarify, verify" not in body, username


def test_every_page_sends_a_signed_out_visitor_to_sign_in(world, client):
    for page, _, target, _, _ in _rows():
        response = client.get(_url(page, target, world))
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), page


@pytest.mark.parametrize("letter", ["M", "F"])
def test_nonsense_posted_to_any_page_is_never_a_server_error(letter, world, client_for):
    _at(world, letter)
    junk = {
        "status": "purple",
        "version": "x",
        "due_date": "31/02/2025",
        "owner_agency": "999",
        "lead_user": "abc",
        "attendees": "-4",
        "discussed_on": "yesterday",
        "url": "javascript:1",
        "kind": "spell",
        "themes": ["x"],
        "period_from": "2024-13-01",
        "answer_1": "x" * 5000,
        "title": "y" * 900,
        "what_changed": "",
        "reason": "",
    }
    for username in ("audit.lead", "hv.lead", "board.reader"):
        client = client_for(username)
        for page, _, target, _, _ in _rows():
            response = client.post(_url(page, target, world), junk)
            assert response.status_code < 500, (username, page)

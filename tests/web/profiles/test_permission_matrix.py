"""The permission matrix of the profile pages: every page x every role (agency roles assigned to
C001 or not) x every audit stage, in the audit's partnership and in another one. The profile is
aggregate and small-number-safe: the business team, the panel from moderation, board readers once
findings are agreed; the exclusions list, which names police references, the business team only;
upload while the audit is open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.matrix import STAGES, USERS, matrix_rows, status_rolled_back

# page        method target stages  admin lead hvL hvP poL poP csL csP panel board
MATRIX = """
profile       GET  audit   CR      200 200 403 403 403 403 403 403 403 403
profile       GET  audit   M       200 200 403 403 403 403 403 403 200 403
profile       GET  audit   FX      200 200 403 403 403 403 403 403 200 200
xlsx          GET  audit   CR      200 200 403 403 403 403 403 403 403 403
xlsx          GET  audit   M       200 200 403 403 403 403 403 403 200 403
xlsx          GET  audit   FX      200 200 403 403 403 403 403 403 200 200
exclusions    GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
upload        GET  audit   CRMF    200 200 403 403 403 403 403 403 403 403
upload        GET  audit   X       403 403 403 403 403 403 403 403 403 403
upload        POST audit   CRMF    200 200 403 403 403 403 403 403 403 403
upload        POST audit   X       403 403 403 403 403 403 403 403 403 403
"""


def _url(page, audit):
    return reverse(f"profiles:{page}", args=[audit.pk])


def test_matrix_covers_every_page_of_the_app():
    from maca.web.profiles import urls

    assert {row[0] for row in matrix_rows(MATRIX)} == {p.name for p in urls.urlpatterns}


@pytest.mark.parametrize("letter", list(STAGES))
def test_permission_matrix(letter, make_audit, with_profile, client_for):
    built = make_audit(STAGES[letter])
    with_profile(built.audit)
    clients = {username: client_for(username) for username in USERS}
    wrong = []
    for page, method, _, stages, expected in matrix_rows(MATRIX):
        if letter not in stages:
            continue
        for username, code in expected.items():
            status = status_rolled_back(clients[username], method, _url(page, built.audit))
            if status != code:
                wrong.append(f"{page} {method} as {username}: {status}, not {code}")
    assert wrong == []


@pytest.fixture
def elsewhere(demo):
    """Every role in a second partnership (its own business team, agencies, panel, board)."""
    from maca.web.accounts.models import Agency, Partnership, User
    from maca.web.accounts.roles import Role

    other = Partnership.objects.create(name="Elsewhere SCP")
    team = Agency.objects.create(partnership=other, name="Business team", kind="business_team")
    police = Agency.objects.create(partnership=other, name="Elsewhere Police", kind="police")
    names = []
    for role in Role:
        agency = police if role in (Role.AGENCY_LEAD, Role.PRACTITIONER) else team
        username = f"other.{role.value}"
        User.objects.create_user(username, partnership=other, agency=agency, role=role)
        names.append(username)
    return names


@pytest.mark.parametrize("letter", ["R", "F"])
def test_another_partnership_sees_nothing(letter, make_audit, with_profile, elsewhere, client_for):
    from maca.web.profiles.queries import visible_exclusions

    built = make_audit(STAGES[letter])
    with_profile(built.audit)
    for username in elsewhere:
        client = client_for(username)
        for page, method, _, _, _ in matrix_rows(MATRIX):
            status = status_rolled_back(client, method, _url(page, built.audit))
            assert status == 403, (username, page, method)
        assert not visible_exclusions(_user(username), built.audit).exists()


def _user(username):
    from maca.web.accounts.models import User

    return User.objects.get(username=username)


def test_visible_exclusions_says_in_sql_what_the_rules_say(make_audit, with_profile, demo):
    from maca.web.accounts.models import User
    from maca.web.profiles.queries import visible_exclusions

    built = make_audit("findings_agreed")
    with_profile(built.audit)
    for user in User.objects.filter(partnership=built.audit.partnership):
        allowed = user.has_perm("profiles.view_exclusions", built.audit)
        assert visible_exclusions(user, built.audit).exists() == allowed, user.username


def test_every_page_sends_a_signed_out_visitor_to_sign_in(make_audit, client):
    built = make_audit("findings_agreed")
    for page, _, _, _, _ in matrix_rows(MATRIX):
        response = client.get(_url(page, built.audit))
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), page


def test_refusals_are_recorded(make_audit, client_for):
    from maca.web.trail.models import Action, AuditEvent

    built = make_audit("returns_open")
    client_for("board.reader").get(_url("profile", built.audit))
    assert AuditEvent.objects.filter(action=Action.DENIED, actor_username="board.reader").exists()

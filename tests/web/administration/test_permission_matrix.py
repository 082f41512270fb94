"""The permission matrix of the administration pages: every page x every role of the demo
partnership. Only the partnership admin administers; nobody switches off or resets their own
account; a tool version with returns cannot change. (Another partnership: see
tests/web/test_sealed_partnerships.py.) Each request runs in a savepoint that is rolled back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.web.matrix import USERS, matrix_rows, status_rolled_back

# page                method target     stage admin lead hvL hvP poL poP csL csP panel board
MATRIX = """
index                 GET  -            R   200 403 403 403 403 403 403 403 403 403
user-list             GET  -            R   200 403 403 403 403 403 403 403 403 403
user-add              GET  -            R   200 403 403 403 403 403 403 403 403 403
user-detail           GET  user         R   200 403 403 403 403 403 403 403 403 403
user-detail           GET  self         R   200 403 403 403 403 403 403 403 403 403
user-link             GET  user         R   200 403 403 403 403 403 403 403 403 403
user-change           GET  user         R   200 403 403 403 403 403 403 403 403 403
user-deactivate       GET  user         R   200 403 403 403 403 403 403 403 403 403
user-deactivate       GET  self         R   403 403 403 403 403 403 403 403 403 403
user-reactivate       GET  inactive     R   200 403 403 403 403 403 403 403 403 403
user-reset-password   GET  user         R   200 403 403 403 403 403 403 403 403 403
user-reset-password   GET  self         R   403 403 403 403 403 403 403 403 403 403
user-reset-two-factor GET  user         R   200 403 403 403 403 403 403 403 403 403
user-reset-two-factor GET  self         R   403 403 403 403 403 403 403 403 403 403
user-unlock           GET  user         R   200 403 403 403 403 403 403 403 403 403
lockout-list          GET  -            R   200 403 403 403 403 403 403 403 403 403
agency-list           GET  -            R   200 403 403 403 403 403 403 403 403 403
agency-add            GET  -            R   200 403 403 403 403 403 403 403 403 403
agency-change         GET  agency       R   200 403 403 403 403 403 403 403 403 403
agency-deactivate     GET  agency       R   200 403 403 403 403 403 403 403 403 403
agency-reactivate     GET  agency       R   200 403 403 403 403 403 403 403 403 403
partnership           GET  -            R   200 403 403 403 403 403 403 403 403 403
theme-list            GET  -            R   200 403 403 403 403 403 403 403 403 403
theme-add             GET  -            R   200 403 403 403 403 403 403 403 403 403
theme-change          GET  theme        R   200 403 403 403 403 403 403 403 403 403
theme-retire          GET  theme        R   200 403 403 403 403 403 403 403 403 403
theme-reinstate       GET  theme        R   200 403 403 403 403 403 403 403 403 403
theme-move            POST theme        R   302 403 403 403 403 403 403 403 403 403
tool-list             GET  -            R   200 403 403 403 403 403 403 403 403 403
tool-version          GET  v1           R   200 403 403 403 403 403 403 403 403 403
tool-version-copy     GET  v1           R   200 403 403 403 403 403 403 403 403 403
tool-version-offer    GET  v1           R   200 403 403 403 403 403 403 403 403 403
tool-section-add      GET  v1           R   403 403 403 403 403 403 403 403 403 403
tool-section-add      GET  v2           R   200 403 403 403 403 403 403 403 403 403
tool-section-change   GET  v1:A         R   403 403 403 403 403 403 403 403 403 403
tool-section-change   GET  v2:A         R   200 403 403 403 403 403 403 403 403 403
tool-section-remove   GET  v2:A         R   200 403 403 403 403 403 403 403 403 403
tool-question-add     GET  v2:A         R   200 403 403 403 403 403 403 403 403 403
tool-question-change  GET  v1:A_narrative R 403 403 403 403 403 403 403 403 403 403
tool-question-change  GET  v2:A_narrative R 200 403 403 403 403 403 403 403 403 403
tool-question-remove  GET  v2:A_narrative R 200 403 403 403 403 403 403 403 403 403
set-password          GET  link         R   302 302 302 302 302 302 302 302 302 302
"""


@pytest.fixture
def targets(make_audit, demo):
    """The objects the matrix's pages are about: a user, the admin themself, a deactivated
    user, an agency, a theme, v1 (returns were made with it) and v2 (a copy, none yet)."""
    from maca.web.accounts.models import Agency, User
    from maca.web.administration import services
    from maca.web.audits.models import Theme

    built = make_audit("returns_open")
    partnership, users = demo
    admin = users["admin"]
    inactive = User.objects.create_user(
        "left.user", partnership=partnership, agency=admin.agency, role="practitioner"
    )
    services.deactivate_user(inactive, admin, reason="Left")
    v1 = built.audit.tool_version
    # A user who has not set their password yet (a matrix user's sign-in would spoil its link).
    link = services.add_user(
        admin,
        username="waiting.user",
        first_name="W",
        last_name="U",
        email="waiting@northmoor.example",
        agency=admin.agency,
        role="practitioner",
    ).link
    return {
        "user": users["police.practitioner"],
        "self": admin,
        "inactive": inactive,
        "agency": Agency.objects.get(partnership=partnership, name="Housing"),
        "theme": Theme.objects.filter(partnership=partnership)[1],
        "v1": v1,
        "v2": services.copy_tool_version(v1, admin),
        "link": urlsplit(link).path,
    }


def _url(page: str, target: str, targets: dict) -> str:
    if target == "-":
        return reverse(f"administration:{page}")
    if target == "link":
        return targets["link"]
    name, _, key = target.partition(":")
    args = [targets[name].pk, *([key] if key else [])]
    return reverse(f"administration:{page}", args=args)


def test_matrix_covers_every_page_of_the_app():
    from maca.web.administration import urls

    assert {row[0] for row in matrix_rows(MATRIX)} == {p.name for p in urls.urlpatterns}


def test_permission_matrix(targets, client_for):
    clients = {username: client_for(username) for username in USERS}
    wrong = []
    for page, method, target, _, expected in matrix_rows(MATRIX):
        url = _url(page, target, targets)
        for username, code in expected.items():
            status = status_rolled_back(clients[username], method, url, {"direction": "up"})
            if status != code:
                wrong.append(f"{page} {method} {target} as {username}: {status}, not {code}")
    assert wrong == []


def test_nonsense_posted_to_any_administration_page_is_never_a_server_error(targets, client_for):
    junk = {
        "username": "x" * 500,
        "email": "@",
        "agency": "x",
        "role": "nope",
        "reason": "r" * 5000,
        "name": "",
        "kind": "nope",
        "la_code": "abcd",
        "title": "t" * 500,
        "text": "",
        "type": "essay",
        "choices": "\n" * 50,
        "direction": "sideways",
        "new_password1": "a",
        "new_password2": "b",
    }
    client = client_for("admin")
    for page, _, target, _, expected in matrix_rows(MATRIX):
        if expected["admin"] == 403:
            continue
        status = status_rolled_back(client, "POST", _url(page, target, targets), junk)
        assert status < 500, page

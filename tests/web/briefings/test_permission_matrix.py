"""The permission matrix of the briefing pages, in the style of the audit app's: every page x
every role (agency roles assigned to C001 or not) x every audit stage. Published versions are
readable by everyone in the partnership (a board reader reads published briefings only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.matrix import STAGES, USERS, matrix_rows, status_rolled_back

# page            method target  stages  admin lead hvL hvP poL poP csL csP panel board
MATRIX = """
edit              GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
scope-upload      GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
preview           GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
preview-html      GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
publish           GET  audit   CRM     403 403 403 403 403 403 403 403 403 403
publish           GET  audit   FX      200 200 403 403 403 403 403 403 403 403
published-list    GET  -       CRMFX   200 200 200 200 200 200 200 200 200 200
published         GET  version CRMFX   200 200 200 200 200 200 200 200 200 200
download          GET  pdf     CRMFX   200 200 200 200 200 200 200 200 200 200
"""


def _rows():
    return matrix_rows(MATRIX)


@pytest.fixture
def version(make_audit):
    """A version published earlier (stored directly: publishing itself is tested elsewhere)."""
    from maca.web.briefings.models import PublishedBriefing

    def build(audit):
        return PublishedBriefing.objects.create(
            audit=audit, version=1, title="Priority Three: First 1001 Days",
            published_by_name="audit.lead", html="<!DOCTYPE html><title>x</title>",
            pdf=b"%PDF-1.7", docx=b"PK", seven_minute_pdf=b"%PDF-1.7",
        )  # fmt: skip

    return build


def _url(page, target, audit, published):
    if target == "-":
        return reverse(f"briefings:{page}")
    if target == "version":
        return reverse(f"briefings:{page}", args=[published.pk])
    if target == "pdf":
        return reverse(f"briefings:{page}", args=[published.pk, "briefing.pdf"])
    return reverse(f"briefings:{page}", args=[audit.pk])


def test_matrix_covers_every_page_of_the_app():
    from maca.web.briefings import urls

    assert {row[0] for row in _rows()} == {p.name for p in urls.urlpatterns}


@pytest.mark.parametrize("letter", list(STAGES))
def test_permission_matrix(letter, make_audit, version, client_for):
    built = make_audit(STAGES[letter])
    published = version(built.audit)
    clients = {username: client_for(username) for username in USERS}
    wrong = []
    for page, _, target, stages, expected in _rows():
        if letter not in stages:
            continue
        url = _url(page, target, built.audit, published)
        for username, code in expected.items():
            status = status_rolled_back(clients[username], "GET", url)
            if status != code:
                wrong.append(f"{page} as {username}: {status}, not {code}")
    assert wrong == []


def test_another_partnership_sees_no_briefing(make_audit, version, client_for):
    from maca.web.accounts.models import Agency, Partnership, User
    from maca.web.accounts.roles import Role

    built = make_audit("findings_agreed")
    published = version(built.audit)
    other = Partnership.objects.create(name="Elsewhere SCP")
    team = Agency.objects.create(partnership=other, name="Business team", kind="business_team")
    User.objects.create_user("other.board", partnership=other, agency=team, role=Role.BOARD_READER)
    User.objects.create_user(
        "other.admin", partnership=other, agency=team, role=Role.PARTNERSHIP_ADMIN
    )
    for username in ("other.board", "other.admin"):
        client = client_for(username)
        for page, _, target, _, _ in _rows():
            if target == "-":
                continue
            url = _url(page, target, built.audit, published)
            assert client.get(url).status_code == 403, (username, page)
        listing = client.get(reverse("briefings:published-list")).content.decode()
        assert "First 1001 Days" not in listing


def test_every_page_sends_a_signed_out_visitor_to_sign_in(make_audit, version, client):
    built = make_audit("findings_agreed")
    published = version(built.audit)
    for page, _, target, _, _ in _rows():
        response = client.get(_url(page, target, built.audit, published))
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/"), page


@pytest.mark.parametrize("letter", ["M", "F"])
def test_nonsense_posted_to_any_page_is_never_a_server_error(letter, make_audit, client_for):
    built = make_audit(STAGES[letter])
    client = client_for("audit.lead")
    junk = {"action": "publish", "title": "", "resources_end": "x|y", "n_000000000000": "maybe"}
    for page in ("edit", "scope-upload", "publish"):
        response = client.post(reverse(f"briefings:{page}", args=[built.audit.pk]), junk)
        assert response.status_code < 500, page

"""The permission matrix of the briefing pages, in the style of the audit app's: every page x
every role (agency roles assigned to C001 or not) x every audit stage. Published versions are
readable by everyone in the partnership (a board reader reads published briefings only); a
withdrawn version's page stays readable (it says so and points to the current one), its files
only for the business team. Only the business team reads, confirms and changes passages."""

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
passages          GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
passages          POST audit   CRMFX   200 200 403 403 403 403 403 403 403 403
fix               GET  passage CRMFX   200 200 403 403 403 403 403 403 403 403
published-list    GET  -       CRMFX   200 200 200 200 200 200 200 200 200 200
published         GET  version CRMFX   200 200 200 200 200 200 200 200 200 200
published         GET  withdrawn CRMFX 200 200 200 200 200 200 200 200 200 200
download          GET  pdf     CRMFX   200 200 200 200 200 200 200 200 200 200
download          GET  withdrawn-pdf CRMFX 200 200 403 403 403 403 403 403 403 403
withdraw          GET  version CRMFX   200 200 403 403 403 403 403 403 403 403
withdraw          POST version CRMFX   200 200 403 403 403 403 403 403 403 403
withdraw          GET  withdrawn CRMFX 403 403 403 403 403 403 403 403 403 403
"""


def _rows():
    return matrix_rows(MATRIX)


@pytest.fixture
def version(make_audit):
    """Versions published earlier (stored directly: publishing itself is tested elsewhere): the
    current one, and one withdrawn."""
    from django.utils import timezone

    from maca.web.briefings.models import PublishedBriefing

    def build(audit):
        made = [
            PublishedBriefing.objects.create(
                audit=audit,
                version=n,
                title="Priority Three: First 1001 Days",
                published_by_name="audit.lead",
                html="<!DOCTYPE html><title>x</title>",
                pdf=b"%PDF-1.7",
                docx=b"PK",
                seven_minute_pdf=b"%PDF-1.7",
                withdrawn_at=timezone.now() if n == 2 else None,
                withdrawal_reason="It named a street" if n == 2 else "",
            )  # fmt: skip
            for n in (1, 2)
        ]
        return {"version": made[0], "withdrawn": made[1]}

    return build


def _url(page, target, audit, published):
    kind, _, file = target.partition("-")
    if target == "-":
        return reverse(f"briefings:{page}")
    if target == "pdf" or file == "pdf":
        chosen = published["withdrawn" if file else "version"]
        return reverse(f"briefings:{page}", args=[chosen.pk, "briefing.pdf"])
    if kind in ("version", "withdrawn"):
        return reverse(f"briefings:{page}", args=[published[kind].pk])
    if target == "passage":
        return reverse(f"briefings:{page}", args=[audit.pk]) + "?passage=audit.question"
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
    for page, method, target, stages, expected in _rows():
        if letter not in stages:
            continue
        url = _url(page, target, built.audit, published)
        for username, code in expected.items():
            # An empty POST is a form with errors (200) for whoever may post at all.
            status = status_rolled_back(clients[username], method, url)
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
    junk |= {"shown": ["zz", "0" * 64], "confirm": "nope", "source": "draft.x.y", "text": "z"}
    for page in ("edit", "scope-upload", "publish", "passages", "fix"):
        response = client.post(reverse(f"briefings:{page}", args=[built.audit.pk]), junk)
        assert response.status_code < 500, page

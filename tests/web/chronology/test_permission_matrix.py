"""The complete permission matrix of the chronology pages: every page x every role (and, for
agency roles, an agency assigned to the case or not) x every audit stage.

As in the audit app's matrix (tests/web/matrix.py): C001 is assigned to health visiting (hv.*)
and police (police.*); C002 to children's social care (csc.*) only, so csc.* are in the audit
but not on C001. Stages: C commissioned, R returns open, M moderation open, F findings agreed,
X closed. Each request runs in a savepoint that is rolled back.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.matrix import STAGES, USERS, elsewhere_users, matrix_rows, status_rolled_back

# page               method target  stages  admin lead hvL hvP poL poP csL csP panel board
MATRIX = """
uploads              GET  audit   CRMFX   200 200 200 200 200 200 200 200 403 403
upload               GET  audit   R       403 403 200 200 200 200 200 200 403 403
upload               GET  audit   CMFX    403 403 403 403 403 403 403 403 403 403
upload               POST audit   R       403 403 200 200 200 200 200 200 403 403
system-records       GET  audit   CR      200 200 403 403 403 403 403 403 403 403
system-records       GET  audit   MFX     403 403 403 403 403 403 403 403 403 403
template-csv         GET  audit   CR      403 403 200 200 200 200 200 200 403 403
template-csv         GET  audit   MFX     403 403 403 403 403 403 403 403 403 403
template-xlsx        GET  audit   CR      403 403 200 200 200 200 200 200 403 403
template-xlsx        GET  audit   MFX     403 403 403 403 403 403 403 403 403 403
case-timeline        GET  c001    CR      200 200 200 200 200 200 403 403 403 403
case-timeline        GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
family-timeline      GET  c001    CR      200 200 200 200 200 200 403 403 403 403
family-timeline      GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
family-timeline      GET  c002    MFX     200 200 403 403 403 403 200 200 200 403
case-csv             GET  c001    CR      200 200 200 200 200 200 403 403 403 403
case-csv             GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
case-xlsx            GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
case-docx            GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
family-csv           GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
family-xlsx          GET  c001    CR      200 200 200 200 200 200 403 403 403 403
family-xlsx          GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
family-docx          GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
"""

# Whose entries of C001 each user sees on its timeline, by stage: "all" agencies' (and the
# system records), or only the user's own agency's.
# user                 C R M F X
SEES = """
admin                  all all all all all
audit.lead             all all all all all
hv.lead                own own all all all
hv.practitioner        own own own own own
police.lead            own own all all all
police.practitioner    own own own own own
panel.member           -   -   all all all
"""


def _url(page: str, target: str, built) -> str:
    objects = {"audit": built.audit, "c001": built.c001, "c002": built.c002}
    return reverse(f"chronology:{page}", args=[objects[target].pk])


def test_matrix_covers_every_page_of_the_app():
    from maca.web.chronology import urls

    pages = {row[0] for row in matrix_rows(MATRIX)}
    assert pages == {pattern.name for pattern in urls.urlpatterns}


@pytest.mark.parametrize("letter", list(STAGES))
def test_permission_matrix(letter, make_audit, client_for):
    built = make_audit(STAGES[letter])
    clients = {username: client_for(username) for username in USERS}
    wrong = []
    for page, method, target, stages, expected in matrix_rows(MATRIX):
        if letter not in stages:
            continue
        url = _url(page, target, built)
        for username, code in expected.items():
            status = status_rolled_back(clients[username], method, url)
            if status != code:
                wrong.append(f"{page} {method} {target} as {username}: {status}, not {code}")
    assert wrong == []


@pytest.mark.parametrize("letter", list(STAGES))
def test_whose_entries_each_user_sees(letter, make_audit, client_for):
    from maca.web.chronology.models import Upload, UploadedEntry

    built = make_audit(STAGES[letter])
    for assignment in (built.hv, built.police):
        upload = Upload.objects.create(audit=built.audit, agency=assignment.agency, file_name="f")
        UploadedEntry.objects.create(
            upload=upload, case=built.c001, agency_name=assignment.agency.name, row=2,
            date="2024-01-02", subject="child", source="record",
            event=f"Entry written by {assignment.agency.kind}",
        )  # fmt: skip
    column = list(STAGES).index(letter)
    url = reverse("chronology:case-timeline", args=[built.c001.pk])
    wrong = []
    for line in SEES.strip().splitlines():
        username, *sees = line.split()
        if sees[column] == "-":
            continue
        html = client_for(username).get(url).content.decode()
        shown = {k for k in ("health_visiting", "police") if f"Entry written by {k}" in html}
        own = {"hv": "health_visiting", "police": "police"}.get(username.split(".")[0])
        expected = {"health_visiting", "police"} if sees[column] == "all" else {own}
        if shown != expected:
            wrong.append(f"{username}: {sorted(shown)}, not {sorted(expected)}")
    assert wrong == []


def test_another_partnership_sees_nothing(make_audit, client_for):
    from maca.web.accounts.roles import Role

    built = make_audit("moderation_open")
    (admin,) = elsewhere_users(("other.admin", Role.PARTNERSHIP_ADMIN))
    client = client_for(admin)
    for page, _, target, _, _ in matrix_rows(MATRIX):
        assert client.get(_url(page, target, built)).status_code == 403, page


def test_every_page_sends_a_signed_out_visitor_to_sign_in(make_audit, client):
    built = make_audit("returns_open")
    sign_in = reverse("sign-in")
    for page, method, target, _, _ in matrix_rows(MATRIX):
        url = _url(page, target, built)
        response = client.post(url) if method == "POST" else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(sign_in), page

"""The complete permission matrix of the audit pages: every page x every role (and, for agency
roles, an agency assigned to the case or not) x every audit stage.

C001 is assigned to health visiting (hv.*) and police (police.*), not to children's social care
(csc.*). Stages: C commissioned, R returns open, M moderation open, F findings agreed, X closed.
"ok" is 200 for a page and 302 for a form that redirects; every other cell is spelled out.
Each request runs in a savepoint that is rolled back, so every user meets the same state.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.matrix import STAGES, USERS, matrix_rows, status_rolled_back

# page               method target  stages  admin lead hvL hvP poL poP csL csP panel board
MATRIX = """
audit-list           GET  -       CRMFX   200 200 200 403 200 403 200 403 200 200
audit-commission     GET  -       CRMFX   200 200 403 403 403 403 403 403 403 403
my-returns           GET  -       CRMFX   403 403 200 200 200 200 200 200 403 403
audit-overview       GET  audit   CRMFX   200 200 200 403 200 403 200 403 200 403
audit-advance        POST audit   CRMF    200 200 403 403 403 403 403 403 403 403
audit-advance        POST audit   X       302 302 403 403 403 403 403 403 403 403
audit-edit           GET  audit   CRMF    200 200 403 403 403 403 403 403 403 403
audit-edit           GET  audit   X       403 403 403 403 403 403 403 403 403 403
corrections          GET  audit   CRMFX   200 200 403 403 403 403 403 403 403 403
upload-undo          GET  upload  CRM     200 200 403 403 403 403 403 403 403 403
upload-undo          GET  upload  FX      403 403 403 403 403 403 403 403 403 403
case-withdraw        GET  c001    CRM     200 200 403 403 403 403 403 403 403 403
case-withdraw        GET  c001    FX      403 403 403 403 403 403 403 403 403 403
finding-edit         GET  finding M       200 200 403 403 403 403 403 403 200 403
finding-edit         GET  finding CRFX    403 403 403 403 403 403 403 403 403 403
finding-delete       GET  finding M       200 200 403 403 403 403 403 403 200 403
finding-delete       GET  finding CRFX    403 403 403 403 403 403 403 403 403 403
family-voice-edit    GET  voice   CRMF    200 200 403 403 403 403 403 403 200 403
family-voice-edit    GET  voice   X       403 403 403 403 403 403 403 403 403 403
family-voice-delete  GET  voice   CRMF    200 200 403 403 403 403 403 403 200 403
family-voice-delete  GET  voice   X       403 403 403 403 403 403 403 403 403 403
escalation-outcome   GET  escal   CRMFX   200 200 403 200 403 403 403 403 403 403
cohort-upload        GET  audit   CR      200 200 403 403 403 403 403 403 403 403
cohort-upload        GET  audit   MFX     403 403 403 403 403 403 403 403 403 403
case-add             GET  audit   CR      200 200 403 403 403 403 403 403 403 403
case-add             GET  audit   MFX     403 403 403 403 403 403 403 403 403 403
assign-agencies      GET  audit   CR      200 200 403 403 403 403 403 403 403 403
assign-agencies      GET  audit   MFX     403 403 403 403 403 403 403 403 403 403
family-voice-add     GET  audit   CRMF    200 200 403 403 403 403 403 403 200 403
family-voice-add     GET  audit   X       403 403 403 403 403 403 403 403 403 403
summary              GET  audit   CR      200 200 403 403 403 403 403 403 403 403
summary              GET  audit   M       200 200 403 403 403 403 403 403 200 403
summary              GET  audit   FX      200 200 403 403 403 403 403 403 200 200
summary-csv          GET  audit   CR      200 200 403 403 403 403 403 403 403 403
summary-csv          GET  audit   M       200 200 403 403 403 403 403 403 200 403
summary-csv          GET  audit   FX      200 200 403 403 403 403 403 403 200 200
summary-xlsx         GET  audit   CR      200 200 403 403 403 403 403 403 403 403
summary-xlsx         GET  audit   FX      200 200 403 403 403 403 403 403 200 200
case-detail          GET  c001    CR      200 200 200 200 200 200 403 403 403 403
case-detail          GET  c001    MFX     200 200 200 200 200 200 403 403 200 403
case-identifying     GET  c001    CRMFX   200 200 200 200 200 200 403 403 403 403
moderation           GET  c001    CR      403 403 403 403 403 403 403 403 403 403
moderation           GET  c001    MFX     200 200 200 403 200 403 403 403 200 403
finding-add          GET  c001    CRFX    403 403 403 403 403 403 403 403 403 403
finding-add          GET  c001    M       200 200 403 403 403 403 403 403 200 403
escalate             GET  c001    CRMF    200 200 200 200 200 200 403 403 200 403
escalate             GET  c001    X       403 403 403 403 403 403 403 403 403 403
allocate             GET  hv      CR      200 200 200 403 403 403 403 403 403 403
allocate             GET  hv      MFX     403 403 403 403 403 403 403 403 403 403
return-overview      GET  hv_r    CR      200 200 200 200 403 403 403 403 403 403
return-overview      GET  hv_r    MFX     200 200 200 200 200 403 403 403 200 403
return-overview      GET  csc_r   CR      200 200 403 403 403 403 200 200 403 403
return-section       GET  pol_r   R       403 403 403 403 200 200 403 403 403 403
return-section       GET  pol_r   CMFX    403 403 403 403 403 403 403 403 403 403
return-submit        POST pol_r   R       403 403 403 403 200 200 403 403 403 403
return-submit        POST pol_r   CMFX    403 403 403 403 403 403 403 403 403 403
chronology-add       GET  pol_r   R       403 403 403 403 200 200 403 403 403 403
chronology-add       GET  pol_r   CMFX    403 403 403 403 403 403 403 403 403 403
return-section       GET  hv_r    CRMFX   403 403 403 403 403 403 403 403 403 403
return-sign-off      POST hv_r    R       403 403 200 403 403 403 403 403 403 403
return-send-back     GET  hv_r    R       403 403 200 403 403 403 403 403 403 403
return-send-back     GET  hv_r    CMFX    403 403 403 403 403 403 403 403 403 403
chronology-edit      GET  entry   R       403 403 403 403 200 200 403 403 403 403
chronology-edit      GET  entry   CMFX    403 403 403 403 403 403 403 403 403 403
chronology-delete    GET  entry   R       403 403 403 403 200 200 403 403 403 403
chronology-delete    GET  entry   CMFX    403 403 403 403 403 403 403 403 403 403
return-sign-off      POST hv_r    CMFX    403 403 403 403 403 403 403 403 403 403
return-reopen        GET  hv_r    R       200 200 200 403 403 403 403 403 403 403
return-reopen        GET  hv_r    CMFX    403 403 403 403 403 403 403 403 403 403
"""


def _rows():
    return matrix_rows(MATRIX)


def _with_records(built):
    """The records the correction pages act on: an upload of C001 and C002, a finding and an
    escalation about C001 (raised by hv.practitioner), a family view, a police chronology entry."""
    from datetime import date

    from maca.web.accounts.models import User
    from maca.web.audits.models import ChronologyEntry, CohortUpload, FamilyVoice, Finding

    lead = built.audit.created_by
    built.upload = CohortUpload.objects.create(
        audit=built.audit, cohort_name="cohort.csv", uploaded_by=lead, cases_created=2
    )
    built.audit.cases.update(cohort_upload=built.upload)
    built.finding = Finding.objects.create(
        case=built.c001, kind="strength", text="Seen often", recorded_by=lead
    )
    built.voice = FamilyVoice.objects.create(
        audit=built.audit, case=built.c001, role="Mother", quote="They listened.",
        consent_given=True, consent_recorded_by=lead,
    )  # fmt: skip
    built.escalation = built.c001.escalations.create(
        raised_by=User.objects.get(username="hv.practitioner"),
        escalated_to="MASH team manager",
        concern="Bruise on a sibling",
    )
    built.entry = ChronologyEntry.objects.create(
        single_agency_return=built.police_return,
        agency=built.police.agency,
        date_text="2023-08-20",
        sort_date=date(2023, 8, 20),
        subject="mother",
        source="Police log",
        event="Call-out",
        added_by=lead,
    )
    return built


def _url(page: str, target: str, built) -> str:
    objects = {
        "audit": built.audit,
        "c001": built.c001,
        "hv": built.hv,
        "hv_r": built.hv_return,
        "pol_r": built.police_return,
        "csc_r": built.csc.single_agency_return,
        "upload": built.upload,
        "finding": built.finding,
        "voice": built.voice,
        "escal": built.escalation,
        "entry": built.entry,
    }
    if target == "-":
        return reverse(f"audits:{page}")
    if page == "return-section":
        return reverse(f"audits:{page}", args=[objects[target].pk, "A"])
    return reverse(f"audits:{page}", args=[objects[target].pk])


def test_matrix_covers_every_page_of_the_app():
    from maca.web.audits import urls

    pages = {row[0] for row in _rows()}
    assert pages == {pattern.name for pattern in urls.urlpatterns}


@pytest.mark.parametrize("letter", list(STAGES))
def test_permission_matrix(letter, make_audit, client_for):
    built = _with_records(make_audit(STAGES[letter]))
    clients = {username: client_for(username) for username in USERS}
    wrong = []
    for page, method, target, stages, expected in _rows():
        if letter not in stages:
            continue
        url = _url(page, target, built)
        data = {"from_stage": STAGES[letter], "version": "0"}
        for username, code in expected.items():
            status = status_rolled_back(clients[username], method, url, data)
            if status != code:
                wrong.append(f"{page} {method} as {username}: {status}, not {code}")
    assert wrong == []


def test_another_partnership_sees_nothing(make_audit, client_for):
    from maca.web.accounts.models import Agency, Partnership, User
    from maca.web.accounts.roles import Role

    built = make_audit("moderation_open")
    other = Partnership.objects.create(name="Elsewhere SCP")
    team = Agency.objects.create(partnership=other, name="Business team", kind="business_team")
    User.objects.create_user(
        "other.admin", partnership=other, agency=team, role=Role.PARTNERSHIP_ADMIN
    )
    client = client_for("other.admin")
    for url in (
        reverse("audits:audit-overview", args=[built.audit.pk]),
        reverse("audits:case-identifying", args=[built.c001.pk]),
        reverse("audits:summary-csv", args=[built.audit.pk]),
        reverse("audits:return-overview", args=[built.hv_return.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert "Test audit" not in client.get(reverse("audits:audit-list")).content.decode()


def test_refusals_are_recorded_in_the_trail(make_audit, client_for):
    from maca.web.trail.models import Action, AuditEvent

    built = make_audit("returns_open")
    client_for("csc.practitioner").get(reverse("audits:case-identifying", args=[built.c001.pk]))
    assert AuditEvent.objects.filter(
        actor_username="csc.practitioner",
        action=Action.DENIED,
        object_ref="audits:case-identifying",
    ).exists()


def test_every_page_sends_a_signed_out_visitor_to_sign_in(make_audit, client):
    built = _with_records(make_audit("moderation_open"))
    sign_in = reverse("sign-in")
    for page, method, target, _, _ in _rows():
        url = _url(page, target, built)
        response = client.post(url) if method == "POST" else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(sign_in), page


@pytest.mark.parametrize("letter", ["R", "M"])
def test_nonsense_posted_to_any_page_is_never_a_server_error(letter, make_audit, client_for):
    built = _with_records(make_audit(STAGES[letter]))
    junk = {
        "version": "abc",
        "from_stage": "zz",
        "due_date": "31/31/2031",
        "practitioner": "x",
        "agencies": ["x"],
        "cases": ["0"],
        "kind": "nope",
        "themes": ["x"],
        "case": "x",
        "A_evidenced": "perhaps",
        "A_themes": ["999"],
        "date_text": "?",
        "complete": "1",
        "reason": "x" * 3000,
        "confirm": "1",
        "checked": "zz",
        "escalated_to_email": "not an email",
        "all_shown": "on",
    }
    clients = {
        u: client_for(u) for u in ("admin", "hv.lead", "police.practitioner", "panel.member")
    }
    for page, _, target, stages, expected in _rows():
        if letter not in stages:
            continue
        for username, client in clients.items():
            if expected[username] == 403:
                continue
            status = status_rolled_back(client, "POST", _url(page, target, built), junk)
            assert status < 500, (page, username)

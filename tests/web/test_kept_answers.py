"""No typed work lost (issue 12; seen: after the 30-minute idle timeout, or after signing in again
in another tab, saving a section lost the text: a sign-in page with no message, or Django's raw
CSRF 403 page). What was sent is kept server-side, given back once after sign-in to the same
person on the same form, and never put in a web address."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maca.web.accounts.sessions import SessionStore
from maca.web.common import kept
from tests.web.sign_in import demo_code

Session = SessionStore.get_model_class()  # sessions have their own table (accounts.sessions)

TYPED = "Mother seen alone at the second contact; father not recorded as seen"


def _sign_in(client: Client, username: str, password: str, url: str = "", **fields):
    """The password, then the second factor (every role has one); the last answer."""
    response = client.post(
        url or reverse("sign-in"), {"username": username, "password": password, **fields}
    )
    assert response.status_code == 302
    if response["Location"].startswith(reverse("two-factor-verify")):
        token = _token(client.get(response["Location"]).content.decode())
        response = client.post(
            response["Location"], {"code": demo_code(username), "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
    return response


def _signed_in(username: str, password: str, **options) -> Client:
    client = Client(**options)
    token = _token(client.get(reverse("sign-in")).content.decode())
    _sign_in(client, username, password, csrfmiddlewaretoken=token)
    return client


def _expire_sessions() -> None:
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


def _section(built) -> str:
    return reverse("audits:return-section", args=[built.police_return.pk, "A"])


def test_text_sent_after_the_session_ended_is_given_back_after_sign_in(make_audit, demo_password):
    built = make_audit("returns_open")
    client = _signed_in("police.practitioner", demo_password)
    url = _section(built)
    assert client.get(url).status_code == 200
    _expire_sessions()
    response = client.post(url, {"version": "0", "A_narrative": TYPED, "draft": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))
    assert "narrative" not in response["Location"] and "Mother" not in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Your session ended, so what you sent was not saved yet" in page
    built.police_return.refresh_from_db()
    assert built.police_return.answers == {}

    back = _sign_in(client, "police.practitioner", demo_password, response["Location"], next=url)
    assert back["Location"] == url
    form = client.get(url).content.decode()
    assert TYPED in form
    assert "Your answers were kept: check them and save" in form
    assert TYPED not in client.get(url).content.decode()  # given back once


def test_kept_text_is_not_given_to_someone_else_who_signs_in(make_audit, demo_password):
    built = make_audit("returns_open")
    client = _signed_in("police.practitioner", demo_password)
    url = _section(built)
    client.get(url)
    _expire_sessions()
    client.post(url, {"version": "0", "A_narrative": TYPED, "draft": "1"})
    _sign_in(client, "police.lead", demo_password)
    page = client.get(url)
    assert page.status_code == 200 and TYPED not in page.content.decode()  # the lead sees it


def test_kept_text_lasts_only_so_long(make_audit, demo_password, monkeypatch):
    built = make_audit("returns_open")
    client = _signed_in("police.practitioner", demo_password)
    url = _section(built)
    client.get(url)
    _expire_sessions()
    client.post(url, {"version": "0", "A_narrative": TYPED, "draft": "1"})
    monkeypatch.setattr(kept, "KEEP_SECONDS", -1)
    _sign_in(client, "police.practitioner", demo_password)
    page = client.get(url)
    assert page.status_code == 200 and TYPED not in page.content.decode()


def test_the_kept_text_is_sealed_in_the_session_store(make_audit, demo_password):
    built = make_audit("returns_open")
    client = _signed_in("police.practitioner", demo_password)
    url = _section(built)
    client.get(url)
    _expire_sessions()
    client.post(url, {"version": "0", "A_narrative": TYPED, "draft": "1"})
    stored = [s.get_decoded().get(kept.SESSION_KEY) for s in Session.objects.all()]
    stored = [s for s in stored if s]
    assert len(stored) == 1 and stored[0]["path"] == url
    assert TYPED not in str(stored[0])  # signed and compressed, not readable as it is


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]


def test_a_stale_security_token_keeps_the_text_and_gives_it_back(make_audit, demo_password):
    built = make_audit("returns_open")
    client = _signed_in("police.practitioner", demo_password, enforce_csrf_checks=True)
    url = _section(built)
    token = _token(client.get(url).content.decode())
    client.cookies["csrftoken"] = "Z" * 32  # signed in again in another tab: a new token
    response = client.post(
        url,
        {"csrfmiddlewaretoken": token, "version": "0", "A_narrative": TYPED, "draft": "1"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert TYPED in page and "Your answers were kept: check them and save" in page
    built.police_return.refresh_from_db()
    assert built.police_return.answers == {}  # kept, not saved: the person checks and saves


def test_a_form_from_elsewhere_is_refused_in_plain_words_and_not_kept(make_audit, demo_password):
    built = make_audit("returns_open")
    client = _signed_in("police.practitioner", demo_password, enforce_csrf_checks=True)
    url = _section(built)
    client.get(url)
    response = client.post(
        url, {"A_narrative": "planted", "version": "0"}, HTTP_ORIGIN="https://elsewhere.example"
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "Sorry, the form could not be sent" in body and "nothing was changed" in body
    assert "CSRF" not in body and "Forbidden" not in body
    assert "planted" not in client.get(url).content.decode()


@pytest.mark.parametrize("header", [{"HTTP_X_REQUESTED_WITH": "fetch"}, {}])
def test_stay_signed_in_renews_the_session(header, make_audit, client_for):
    client = client_for("police.practitioner")
    response = client.post(reverse("session-extend"), {"next": "/returns/"}, **header)
    assert response.status_code == (204 if header else 302)
    signed_out = Client().post(reverse("session-extend"), **header)
    assert signed_out.status_code == 302 and signed_out["Location"].startswith(reverse("sign-in"))


def test_the_timeout_warning_is_on_every_signed_in_page(client_for, settings):
    settings.SESSION_COOKIE_AGE = 1800
    page = client_for("hv.practitioner").get(reverse("home")).content.decode()
    assert 'data-module="maca-timeout-warning"' in page
    # The countdown is the time the person is sure of: 30 minutes less the minute between two
    # writes of the session (common/timeout.py), never more than the server gives.
    assert 'data-timeout-seconds="1740"' in page and 'data-warn-seconds="120"' in page
    assert "<script>" not in page  # the dialog's script is a module file (strict CSP)


def _expiry(client):
    from maca.web.accounts.models import SignedInSession

    return SignedInSession.objects.get(session_key=client.session.session_key).expire_date


def test_each_request_renews_the_session_but_writes_it_at_most_once_a_minute(
    client_for, settings, monkeypatch
):
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SESSION_COOKIE_AGE = 1800
    client = client_for("hv.practitioner")
    client.get(reverse("audits:my-returns"))  # the first request after sign-in writes the session
    first = _expiry(client)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("audits:my-returns"))
    assert not [q for q in queries if "UPDATE" in q["sql"] and "signedinsession" in q["sql"]]
    assert _expiry(client) == first
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    client.get(reverse("audits:my-returns"))
    assert _expiry(client) > first  # a minute on: renewed, from now


def test_stay_signed_in_always_writes_the_session(client_for, settings):
    settings.SESSION_COOKIE_AGE = 1800
    client = client_for("hv.practitioner")
    client.get(reverse("audits:my-returns"))
    first = _expiry(client)
    client.get(reverse("audits:my-returns"))
    assert _expiry(client) == first  # within the minute: not written
    client.post(reverse("session-extend"), HTTP_X_REQUESTED_WITH="fetch")
    assert _expiry(client) > first  # written, with a new expiry


def test_a_visitor_who_is_not_signed_in_gets_no_session(db):
    from maca.web.accounts.models import SignedInSession

    response = Client().get("/accessibility/")
    assert response.status_code == 200 and not response.cookies.get("sessionid")
    assert not SignedInSession.objects.exists()

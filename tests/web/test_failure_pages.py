"""The pages and log lines of failures: 400, 413, 500 and 503 (the database down), each a
GOV.UK page with a reference to quote, and log lines an operator can act on without data."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.urls import reverse

from maca.web.logs import REQUEST_ID_HEADER, NoPersonalDataFilter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def logged(caplog):
    """caplog, its records passed through the filter of the console handler (settings)."""
    caplog.handler.addFilter(NoPersonalDataFilter())
    caplog.set_level(logging.ERROR)
    return caplog


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1 failed: child C001 Smith")


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    first = client.get(reverse("sign-in"))[REQUEST_ID_HEADER]
    second = client.get(reverse("sign-in"))[REQUEST_ID_HEADER]
    assert len(first) == 32 and first != second


@pytest.mark.django_db
def test_database_down_is_a_503_with_retry_after_and_a_reference(client_for, logged):
    client = client_for("hv.practitioner")
    client.raise_request_exception = False
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("audits:my-returns"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "Sorry, the service is unavailable" in body and "govuk-template" in body
    reference = response[REQUEST_ID_HEADER]
    assert f'quote this reference: <strong class="maca-reference">{reference}</strong>' in body
    assert "Traceback" not in body and "Smith" not in body
    lines = [r for r in logged.records if r.name == "django.request"]
    assert lines, "the failure is logged"
    text = lines[-1].getMessage()
    assert "django.db.utils.OperationalError" in text
    assert "in maca." in text  # the innermost frame in maca's code
    assert "Smith" not in text and "C001" not in text
    assert lines[-1].context.startswith(f"request={reference} user=")


@pytest.mark.django_db
def test_a_log_line_names_the_signed_in_user_by_id_only(client_for, demo, logged):
    _, users = demo
    client = client_for("hv.practitioner")
    client.raise_request_exception = False
    with mock.patch("maca.web.accounts.views.render", side_effect=RuntimeError("Smith family")):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, there is a problem with the service" in body and "Smith" not in body
    assert response[REQUEST_ID_HEADER] in body
    record = [r for r in logged.records if r.name == "django.request"][-1]
    user = users["hv.practitioner"]
    assert record.context == f"request={response[REQUEST_ID_HEADER]} user={user.pk}"
    message = record.getMessage()
    assert "RuntimeError in maca.web.accounts.views:home:" in message
    assert "raised in unittest.mock:" in message
    assert "Smith" not in message and user.username not in message


@pytest.mark.django_db
def test_too_large_forms_and_uploads_get_the_413_page(client_for):
    client = client_for("audit.lead")
    response = client.post(reverse("audits:audit-commission"), {"title": "x" * 3_000_000})
    assert response.status_code == 413
    assert "The file or form you sent is too large" in response.content.decode()


@pytest.mark.django_db
def test_a_malformed_body_gets_the_400_page(client_for):
    client = client_for("audit.lead")
    response = client.post(
        reverse("audits:audit-commission"),
        data=b"--x\r\nContent-Disposition: form-data\r\n\r\nbroken",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "could not read what was sent" in body and "Bad Request (400)" not in body


@pytest.mark.django_db
def test_a_form_without_its_security_token_is_refused_with_a_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("sign-in"), {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "govuk-template" in response.content.decode()


@override_settings(MACA_TRUSTED_PROXIES=["10.0.0.1"])
@pytest.mark.django_db
def test_a_request_id_is_taken_only_from_a_trusted_proxy(client):
    offered = "proxy-id-0123456789"
    from_proxy = client.get(reverse("sign-in"), HTTP_X_REQUEST_ID=offered, REMOTE_ADDR="10.0.0.1")
    assert from_proxy[REQUEST_ID_HEADER] == offered
    direct = client.get(reverse("sign-in"), HTTP_X_REQUEST_ID=offered, REMOTE_ADDR="10.0.0.9")
    assert direct[REQUEST_ID_HEADER] != offered
    odd = client.get(
        reverse("sign-in"), HTTP_X_REQUEST_ID="has spaces in it", REMOTE_ADDR="10.0.0.1"
    )
    assert odd[REQUEST_ID_HEADER] != "has spaces in it"


DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for path in ("/healthz", "/readyz", "/sign-in/", "/accessibility/"):
    response = client.get(path, HTTP_HOST="127.0.0.1")
    out[path] = [response.status_code, response.get("Retry-After"), response.content.decode()]
print(json.dumps(out))
"""


def test_with_the_database_down_pages_are_503_and_liveness_still_answers(tmp_path):
    """A real database that is not there: PostgreSQL on a port where nothing listens."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maca.web.settings.development",
        "DATABASE_URL": "postgres://maca@127.0.0.1:9/maca",
        "MACA_HOME": str(tmp_path),
        "MACA_DEBUG": "",
    }
    done = subprocess.run(
        [sys.executable, "-c", DOWN_SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pages = json.loads(done.stdout.strip().splitlines()[-1])
    assert pages["/healthz"][:2] == [200, None]
    assert pages["/readyz"][:2] == [503, "10"]
    status, retry_after, body = pages["/sign-in/"]
    assert (status, retry_after) == (503, "10")
    assert "Sorry, the service is unavailable" in body and "Traceback" not in body
    assert pages["/accessibility/"][:2] == [503, "10"]  # its header names the partnership
    assert "Traceback" not in done.stderr


@pytest.mark.django_db
def test_a_session_that_cannot_be_saved_for_the_database_is_the_503_page(client_for):
    """Django answers a failed session save with SessionInterrupted (a 400) whatever the cause;
    with the database gone it is the 503 page."""
    from importlib import import_module

    from django.conf import settings

    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    client = client_for("hv.practitioner")
    client.raise_request_exception = False
    lost = OperationalError("the server closed the connection")
    with mock.patch.object(session_model, "save", side_effect=lost):
        response = client.get(reverse("accessibility"))
    assert response.status_code == 503 and response["Retry-After"] == "10"

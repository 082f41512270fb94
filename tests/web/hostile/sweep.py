"""The sweep: every page as every role, then hostile values into every field of every form,
each attempt inside a transaction that is rolled back, with what it changed compared."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import lxml.html
from django.conf import settings
from django.db import connection, transaction
from django.test import Client

from maca.web.trail.models import Action
from tests.web.sign_in import pass_second_factor

from .discovery import Form, forms_on
from .values import FIFTEEN_MB, Hostile, field_values, file_values, multipart, urlencoded

LEAKS = (
    "Traceback",
    "Exception Value",
    'File "/',
    "django.db.utils",
    "psycopg",
    "IntegrityError",
    "OperationalError",
    "Bad Request (400)",
    "Server Error (500)",
)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# The session engine's table (sessions are written on every request).
SESSIONS = '"ACCOUNTS_SIGNEDINSESSION"'
# Trail entries that record a read or a refusal, which happen whatever was sent.
RECORDED = {
    Action.DENIED.value,
    Action.SIGN_IN_FAILED.value,
    Action.VIEW_IDENTIFYING.value,
    Action.EXPORT.value,
}
# A wrong two-factor or recovery code slows the next try: only these two counters are written.
WRONG_CODE_COUNT = re.compile(
    r'^UPDATE "ACCOUNTS_(AUTHENTICATORAPP|RECOVERYCODES)" SET "THROTTLING_FAILURE_TIMESTAMP" = '
    r'%S, "THROTTLING_FAILURE_COUNT" = %S WHERE'
)


class WriteWatch:
    """Notes every statement that writes, but for sessions and the trail's records of reads and
    refusals."""

    def __init__(self):
        self.writes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith(WRITES) and SESSIONS not in statement:
            recorded = (
                '"TRAIL_AUDITEVENT"' in statement and params and RECORDED & set(map(str, params))
            )
            if not recorded and not WRONG_CODE_COUNT.match(statement):
                self.writes.append(statement[:80])
        return execute(sql, params, many, context)


def files_under_home() -> list[str]:
    home = Path(settings.MACA_HOME)
    return sorted(
        f"{Path(folder, name).relative_to(home)}:{Path(folder, name).stat().st_size}"
        for folder, _, names in os.walk(home)
        for name in names
    )


@dataclass
class Sweep:
    users: dict  # role name -> user (None: signed out)
    failures: list[str] = field(default_factory=list)
    attempts: int = 0
    clients: dict = field(default_factory=dict)

    def __post_init__(self):
        # Signed in once each, outside the attempts' transactions, so that an attempt that
        # signs out (or in) is undone with the rest; the cookies are put back every time.
        # Clients check CSRF tokens as production does: a body is read before any view runs.
        for who, user in self.users.items():
            client = Client(enforce_csrf_checks=True)
            if user is not None:
                client.force_login(user)
                pass_second_factor(client, user)
            client.get("/accessibility/" if user else "/sign-in/")  # a form: the CSRF cookie
            assert "csrftoken" in client.cookies
            self.clients[who] = (client, copy.deepcopy(client.cookies))
        self.tokens: dict[str, str] = {}

    def request(self, who: str, method: str, path: str, body=b"", content_type="", *, hostile=None):
        """One request as ``who``; returns (status, body text) after checking it."""
        client, cookies = self.clients[who]
        client.cookies = copy.deepcopy(cookies)
        self.attempts += 1
        watch = WriteWatch()
        try:
            with transaction.atomic():
                files = files_under_home() if hostile is not None else []
                with connection.execute_wrapper(watch):
                    response = client.generic(method, path, body, content_type)
                changed = hostile is not None and (watch.writes or files_under_home() != files)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - every failure is reported, none hidden
            self.failures.append(f"raised {error!r}"[:200] + f" {who} {method} {path}"[:200])
            return 0, ""
        text = _text(response)
        where = f"{who} {method} {path} {_label(hostile)}"
        if response.status_code >= 500:
            self.failures.append(f"{where}: status {response.status_code}")
        if any(leak in text for leak in LEAKS):
            self.failures.append(f"{where}: internals in the page")
        if changed:
            refused = response.status_code < 300 or response.status_code >= 400
            if refused or getattr(hostile, "must_be_refused", False):
                self.failures.append(
                    f"{where}: refused (status {response.status_code}) but something was written"
                )
        return response.status_code, text

    def discover(self, paths: list[str]) -> list[Form]:
        forms: dict[tuple, Form] = {}
        for path in paths:
            for who in self.users:
                status, text = self.request(who, "GET", path)
                if status == 200 and "<form" in text:
                    for form in forms_on(path, text):
                        token = dict(form.fields).get("csrfmiddlewaretoken")
                        if token:
                            self.tokens.setdefault(who, token)
                        seen = forms.setdefault(form.key, form)
                        if who not in seen.roles:
                            seen.roles.append(who)
        return list(forms.values())

    def attack(self, form: Form) -> None:
        who = form.roles[0]
        send = self._sender(form, who)
        typed = [n for n in form.text_fields + form.choice_fields if n != "csrfmiddlewaretoken"]
        for name in sorted(set(typed)):
            for hostile in field_values(form.maxlengths.get(name)):
                send(_replace(form.fields, name, hostile.value), [], hostile)
            if form.method == "post" and name not in form.checkboxes and not _admin(form):
                # Over every field's bound but under the form's: the field itself says no.
                hostile = Hostile("1 MB in the field", b"x" * 1_000_000, True)
                status, text = send(_replace(form.fields, name, hostile.value), [], hostile, True)
                if status == 200 and _shows_field(text, name) and not _field_refused(text, name):
                    self.failures.append(f"{who} POST {form.action} {name}: 1 MB accepted")
        if form.method == "post":
            status, _ = send(
                _replace(form.fields, (typed or ["x"])[0], b"u" * FIFTEEN_MB),
                [],
                Hostile("15 MB in a field", b"", True),
            )
            if status not in (413, 0):
                self.failures.append(f"{who} POST {form.action} 15 MB in a field: status {status}")
        for name in form.file_fields:
            for label, file_name, content_type, content in file_values(
                settings.MACA_UPLOAD_MAX_BYTES
            ):
                send(
                    _base(form.fields),
                    [(name, file_name, content_type, content)],
                    Hostile(f"upload: {label}", b"", True),
                )
        if form.method == "post":
            for content_type, body in (
                ("application/json", b'{"a": ' + b"[" * 100_000 + b"}"),
                ("text/plain", bytes(range(256))),
                ("multipart/form-data", b"--no-boundary\r\n"),
                (
                    "multipart/form-data; boundary=x",
                    b"--x\r\nContent-Disposition: form-data\r\n\r\n",
                ),
                ("application/x-www-form-urlencoded", b"a=%ZZ&&=&%00=\xff" + b"&f=1" * 2000),
            ):
                self.request(
                    who,
                    "POST",
                    form.action,
                    body,
                    content_type,
                    hostile=Hostile(f"body as {content_type}", b"", True),
                )

    def _sender(self, form: Form, who: str):
        def send(fields, files, hostile, with_text=False):
            if form.method == "get":
                path = f"{form.action.split('?')[0]}?{urlencoded(fields).decode()}"
                answer = self.request(who, "GET", path, hostile=hostile)
            else:
                if form.multipart or files:
                    body, content_type = multipart(fields, files)
                else:
                    body, content_type = urlencoded(fields), "application/x-www-form-urlencoded"
                answer = self.request(who, "POST", form.action, body, content_type, hostile=hostile)
            return answer if with_text else (answer[0], "")

        return send

    def post_blind(self, path: str) -> None:
        """A POST-only page (no form found for it): hostile bodies with likely field names."""
        for who in self.users:
            fields = [("csrfmiddlewaretoken", self.tokens.get(who, "").encode())] + [
                (n, b"\x00" + b"9" * 5000) for n in ("version", "from_stage", "reason", "next")
            ]
            self.request(
                who,
                "POST",
                path,
                urlencoded(fields),
                "application/x-www-form-urlencoded",
                hostile=Hostile("blind post", b""),
            )


def _admin(form: Form) -> bool:
    return form.action.startswith("/admin/")


def _controls(text: str, name: str):
    try:
        return lxml.html.fromstring(text).xpath("//*[@name=$name]", name=name)
    except (ValueError, lxml.etree.ParserError):
        return []


def _shows_field(text: str, name: str) -> bool:
    return bool(text) and any(c.get("type") != "hidden" for c in _controls(text, name))


def _field_refused(text: str, name: str) -> bool:
    """Whether the page marks the field as in error (GOV.UK's form-group error class)."""
    for control in _controls(text, name):
        for ancestor in control.iterancestors():
            if "govuk-form-group--error" in (ancestor.get("class") or ""):
                return True
    return False


def _base(fields):
    return [(n, v.encode("utf-8")) for n, v in fields]


def _replace(fields, name: str, value: bytes):
    out, done = [], False
    for n, v in fields:
        if n == name:
            if not done:
                out.append((n, value))
                done = True
            continue
        out.append((n, v.encode("utf-8")))
    if not done:
        out.append((name, value))
    return out


def _label(hostile) -> str:
    return f"[{hostile.label}]" if hostile is not None else ""


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return ""
    if not response.get("Content-Type", "").startswith("text/"):
        return ""
    return response.content.decode("utf-8", "replace")

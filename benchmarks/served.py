"""What the load and fault benchmarks share: a PostgreSQL database of their own with the demo
partnership, the demo audit and bench practitioners, `maca serve --production` in front of it,
and a small HTTP client that plays a browser behind a TLS proxy.

Everything stays on 127.0.0.1. The bench practitioners (``bench.practitioner.NNN``) are made here
and only here, never by the demo loaders: each gets a case of their own in the demo audit, an
assignment of the health visiting service and so a return nobody else writes to, and an
authenticator whose codes the load generator works out (``bench_code``).
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
MACA = Path(sys.executable).parent / "maca"
BENCH_PASSWORD = "bench-only-synthetic-pass-1001"  # noqa: S105 - synthetic bench accounts
BENCH_AGENCY = "0-19 health visiting service"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HOST = "127.0.0.1"


def bench_secret(username: str) -> str:
    """The authenticator secret of a bench practitioner: fixed, so that the load generator can
    work out the code their phone would show (bench accounts only, never the demo's)."""
    import base64
    import hashlib

    digest = hashlib.sha256(f"maca bench totp {username}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii").rstrip("=")


def bench_code(username: str, after_step: int = -1) -> tuple[str, int]:
    """(The code, its time step) of the bench practitioner's authenticator: this step's, or the
    next one's when this step's was used already (a code works once; maca accepts a step either
    side, as for a phone whose clock is a little out)."""
    from maca.web.accounts.totp import STEP, totp_code

    step = max(int(time.time()) // STEP, after_step + 1)
    return totp_code(bench_secret(username), at=step * STEP), step


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def database_url(name: str, port: int = 5432) -> str:
    return f"postgres://postgres@{HOST}:{port}/{name}"


def recreate_database(name: str, port: int = 5432) -> None:
    import psycopg

    with psycopg.connect(f"host={HOST} port={port} user=postgres dbname=postgres") as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_env(url: str, home: Path) -> dict:
    """The environment of the set-up steps (development settings: the demo may be loaded)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maca.web.settings.development",
        "DATABASE_URL": url,
        "MACA_HOME": str(home),
    }


def prepare(url: str, home: Path, users: int) -> None:
    """Migrate, load the demo partnership and audit, and add the bench practitioners."""
    env = setup_env(url, home)
    for args in (["migrate", "--no-input"], ["load_demo_partnership"], ["load_demo_audit"]):
        subprocess.run([str(MACA), "manage", *args, "-v", "0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "add-practitioners", str(users)],
        env=env,
        cwd=ROOT,
        check=True,
    )


def add_practitioners(count: int) -> None:
    """(In a process with Django set up on the bench database.) Bench practitioners, each with
    a case and a return of their own; one password hash, made once, shared by all."""
    import django

    django.setup()
    from datetime import date, timedelta

    from django.contrib.auth.hashers import make_password

    from maca.web.accounts.models import Agency, AuthenticatorApp, User
    from maca.web.accounts.roles import Role
    from maca.web.audits.demo import DEMO_AUDIT_TITLE
    from maca.web.audits.models import Assignment, Audit, Case, SingleAgencyReturn

    audit = Audit.objects.get(title=DEMO_AUDIT_TITLE)
    agency = Agency.objects.get(partnership=audit.partnership, name=BENCH_AGENCY)
    password = make_password(BENCH_PASSWORD)
    for number in range(1, count + 1):
        username = f"bench.practitioner.{number:03d}"
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "partnership": audit.partnership, "agency": agency, "role": Role.PRACTITIONER,
                "first_name": "Bench", "last_name": f"Practitioner {number:03d}",
                "password": password,
            },
        )  # fmt: skip
        AuthenticatorApp.objects.get_or_create(
            user=user,
            defaults={"name": "Bench authenticator", "confirmed": True,
                      "secret": bench_secret(username)},
        )  # fmt: skip
        case, _ = Case.objects.get_or_create(
            audit=audit,
            case_ref=f"C9{number:03d}",
            defaults={"family_ref": f"F9{number:03d}", "removal_date": date(2023, 10, 2),
                      "removal_kind": "pp_invoked"},
        )  # fmt: skip
        if not case.assignments.exists():
            assignment = Assignment.objects.create(
                case=case, agency=agency, practitioner=user,
                due_date=date.today() + timedelta(days=14),
            )  # fmt: skip
            SingleAgencyReturn.objects.create(
                assignment=assignment, tool_version=audit.tool_version
            )


def server_env(url: str, home: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maca.web.settings.production",
        "DATABASE_URL": url,
        "MACA_HOME": str(home),
        "MACA_SECRET_KEY": "bench-only-secret-key-" + "b" * 40,
        "MACA_ALLOWED_HOSTS": HOST,
        "MACA_TRUSTED_PROXIES": HOST,
        # The keys of the identifying fields: the file the set-up (development settings) made
        # in the bench's own home, named explicitly as production requires (ADR 0510).
        "MACA_FIELD_KEY_FILE": str(home / "field_keys"),
    }


@dataclass
class Server:
    """`maca serve --production` as a child process group (killed whole when stopped)."""

    url: str
    home: Path
    workers: int = 4
    threads: int = 4
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> None:
        log = (self.home / "server.log").open("a")
        self.process = subprocess.Popen(
            [str(MACA), "serve", "--production", "--bind", f"{HOST}:{self.port}",
             "--workers", str(self.workers), "--threads", str(self.threads)],
            env=server_env(self.url, self.home), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.wait_until_live(timeout)

    def wait_until_live(self, timeout: float = 120) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            try:
                if Browser(self.port).get("/healthz").status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within {timeout:.0f}s; see {self.home}")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """One person's browser behind the TLS proxy: its own connection and cookies, and the
    proxy's X-Forwarded-Proto: https (trusted from 127.0.0.1)."""

    def __init__(self, port: int, timeout: float = 30):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def _send(self, method: str, path: str, body: bytes | None = None) -> Answer:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}{path}"
        start = time.perf_counter()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()  # a kept-alive connection the server closed: open a new one once
                if attempt == 2:
                    raise
        seconds = time.perf_counter() - start
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return Answer(
            response.status, {k.lower(): v for k, v in response.getheaders()}, text, seconds
        )

    def get(self, path: str) -> Answer:
        return self._send("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]]) -> Answer:
        return self._send("POST", path, urlencode(fields).encode())

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def csrf_token(page: str) -> str:
    match = CSRF.search(page)
    return match.group(1) if match else ""


if __name__ == "__main__" and sys.argv[1:2] == ["add-practitioners"]:
    add_practitioners(int(sys.argv[2]))

"""`maca serve --production` for real: gunicorn, production settings, a TLS proxy in front.

The test plays the proxy from 127.0.0.1 (trusted) and a direct client from 127.0.0.2 (not
trusted): https is believed from the first only, and the first sees no redirect loop."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, *, source: str = "127.0.0.1", headers=None):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("GET", path, headers={"Host": "maca.example.org", **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("production-home")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "maca.web.settings.production",
        "MACA_SECRET_KEY": "production-test-key-" + "z" * 40,
        "MACA_ALLOWED_HOSTS": "maca.example.org",
        "MACA_TRUSTED_PROXIES": "127.0.0.1",
        # A field key made up for this test only (production refuses to start without one).
        "MACA_FIELD_KEYS": "kserve01:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=",
        "MACA_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'maca.sqlite3'}",
    }
    log = (home / "server.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "maca"), "serve", "--production", "--bind",
         f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if _get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(
                "maca serve --production did not start: "
                + (home / "server.log").read_text()[-2000:]
            )
        yield port, home / "server.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


def test_https_from_the_trusted_proxy_serves_the_page_without_a_redirect(server):
    port, _ = server
    status, headers, body = _get(port, "/sign-in/", headers={"X-Forwarded-Proto": "https"})
    assert status == 200, headers
    assert b"Sign in" in body and "Strict-Transport-Security" in headers


def test_https_claimed_by_a_direct_client_is_not_believed(server):
    port, _ = server
    status, headers, _ = _get(
        port, "/sign-in/", source="127.0.0.2", headers={"X-Forwarded-Proto": "https"}
    )
    assert status == 301 and headers["Location"].startswith("https://maca.example.org/")


def test_plain_http_from_the_proxy_is_redirected_once_to_https(server):
    port, _ = server
    status, headers, _ = _get(port, "/sign-in/", headers={"X-Forwarded-Proto": "http"})
    assert status == 301 and headers["Location"] == "https://maca.example.org/sign-in/"


def test_probes_and_the_access_log_carry_no_client_address(server):
    port, log = server
    status, headers, _ = _get(port, "/readyz", source="127.0.0.2")
    assert status == 200
    request_id = headers["X-Request-ID"]
    time.sleep(0.5)
    lines = [line for line in log.read_text().splitlines() if request_id in line]
    assert lines and '"GET /readyz" 200' in lines[0]
    assert "127.0.0.2" not in lines[0]

"""CI's security scans: `make security` (bandit, pip-audit on the lock, check --deploy) runs in
.ci/run, and the pip-audit step fails on a vulnerability but not for want of network."""

from __future__ import annotations

import importlib.util

from tests.conftest import ROOT


def _pip_audit_lock():
    spec = importlib.util.spec_from_file_location(
        "pip_audit_lock", ROOT / "scripts" / "pip_audit_lock.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ci_runs_the_security_scans():
    assert "\nmake security\n" in (ROOT / ".ci" / "run").read_text()
    target = (ROOT / "Makefile").read_text().split("\nsecurity:")[1].split("\n\n")[0]
    assert "bandit -c pyproject.toml -r src" in target
    assert "scripts/pip_audit_lock.py" in target
    assert "maca.web.settings.production" in target and "check --deploy" in target


def test_a_vulnerable_locked_package_fails_the_scan():
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-0", "fix_versions": ["5.2.1"]}],
            },
            {"name": "rules", "version": "3.5", "vulns": []},
        ]
    }
    code, lines = _pip_audit_lock().judge(report, "")
    assert code == 1
    assert lines == [
        "ci: django 5.2.0: PYSEC-0 (fix: 5.2.1)",
        "ci: pip-audit checked 2 locked packages: 1 vulnerable",
    ]
    assert _pip_audit_lock().judge({"dependencies": [report["dependencies"][1]]}, "")[0] == 0


def test_no_network_for_pip_audit_is_said_and_does_not_fail():
    stderr = "requests.exceptions.ConnectionError: HTTPSConnectionPool: Max retries exceeded"
    code, lines = _pip_audit_lock().judge(None, stderr)
    assert code == 0 and "could not reach its vulnerability data" in lines[0]
    assert _pip_audit_lock().judge(None, "pip-audit: some other failure")[0] == 1

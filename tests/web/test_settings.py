from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def _clean_environ() -> dict[str, str]:
    """This process's environment without test-only switches (the browser tests set one)."""
    return {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MACA_", "DATABASE"))
    }


# A field key made up for this test only (32 bytes, base64).
FIELD_KEYS = "kcheck01:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY="


def test_production_settings_pass_check_deploy():
    env = {
        **_clean_environ(),
        "DJANGO_SETTINGS_MODULE": "maca.web.settings.production",
        "MACA_SECRET_KEY": "a-long-random-production-secret-" + "k9" * 30,
        "MACA_ALLOWED_HOSTS": "maca.example.org",
        "MACA_FIELD_KEYS": FIELD_KEYS,
        "DATABASE_URL": "sqlite:////tmp/maca-check-deploy.sqlite3",
        "PYTHONPATH": str(ROOT / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = _clean_environ()
    env.update(DJANGO_SETTINGS_MODULE="maca.web.settings.production", PYTHONPATH=str(ROOT / "src"))
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Set MACA_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_field_keys():
    env = _clean_environ()
    env.update(
        DJANGO_SETTINGS_MODULE="maca.web.settings.production",
        MACA_SECRET_KEY="a-long-random-production-secret-" + "k9" * 30,
        MACA_ALLOWED_HOSTS="maca.example.org",
        PYTHONPATH=str(ROOT / "src"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Set MACA_FIELD_KEYS or MACA_FIELD_KEY_FILE" in result.stderr

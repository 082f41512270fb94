from __future__ import annotations

import subprocess
import sys

from maca import __version__


def run_maca(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maca", *args], capture_output=True, text=True, check=False
    )


def test_version():
    result = run_maca("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"maca {__version__}"


def test_help_lists_commands():
    result = run_maca("--help")
    assert result.returncode == 0
    assert "serve" in result.stdout


def test_unknown_command_is_a_usage_error_without_traceback():
    result = run_maca("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr

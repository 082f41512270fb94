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


def test_every_expected_problem_is_a_problem():
    """One base for the one-line problems (maca.problems); the CLI catches it once."""
    from maca.briefing import BriefingInputError, DisclosureError
    from maca.cohort.decisions import AccountingError
    from maca.cohort.finder import CohortProblem
    from maca.data.errors import DataFolderError
    from maca.problems import Problem
    from maca.synth import SynthProblem
    from maca.web.audits.fetchers import NotFound
    from maca.web.audits.loading import LoadProblem
    from maca.web.briefings.commands import CommandProblem
    from maca.web.briefings.services import StoreProblem

    kinds = [
        AccountingError, BriefingInputError, CohortProblem, CommandProblem, DataFolderError,
        DisclosureError, LoadProblem, NotFound, StoreProblem, SynthProblem,
    ]  # fmt: skip
    assert [k.__name__ for k in kinds if not issubclass(k, Problem)] == []


def test_any_problem_of_a_command_is_one_line_and_exit_2(monkeypatch):
    from typer.testing import CliRunner

    from maca.cli import app
    from maca.problems import Problem

    def refuse(*args, **kwargs):
        raise Problem("the store is a folder of cats")

    monkeypatch.setattr("maca.cohort.command.cohort_command", refuse)
    result = CliRunner().invoke(app, ["cohort", "--from", "2023-09-01", "--to", "2023-12-31"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["maca: the store is a folder of cats"]

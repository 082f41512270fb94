"""`.ci/check-clean-tree`, which `.ci/run` calls after the suite: a test that writes into the
checkout fails CI. Shown here failing on purpose, in a git repository of its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHECK = ROOT / ".ci" / "check-clean-tree"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "checkout"
    folder.mkdir()
    _git(folder, "init", "-q")
    (folder / ".gitignore").write_text("/var/\n")
    (folder / "README.md").write_text("maca\n")
    _git(folder, "add", ".")
    _git(folder, "commit", "-q", "-m", "first")
    return folder


def check(repo: Path, *before: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(CHECK), str(repo), *map(str, before)], capture_output=True, text=True
    )


def test_a_clean_tree_passes(repo):
    (repo / "var").mkdir()
    (repo / "var" / "maca.sqlite3").write_text("ignored")  # MACA_HOME under var/ is ignored
    result = check(repo)
    assert result.returncode == 0, result.stderr


def test_a_stray_file_or_a_changed_file_fails(repo):
    report = repo / "r"
    report.mkdir()
    (report / "load_report.json").write_text("{}")
    (repo / "README.md").write_text("changed by a test\n")
    result = check(repo)
    assert result.returncode == 1
    assert "left the working tree changed" in result.stderr
    assert "?? r/load_report.json" in result.stderr
    assert " M README.md" in result.stderr


def test_only_what_changed_since_before_counts(repo, tmp_path):
    (repo / "notes.txt").write_text("the developer's own, before the tests\n")
    before = tmp_path / "before.txt"
    before.write_text(
        subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=all"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert check(repo, before).returncode == 0
    (repo / "rejects.csv").write_text("file,row\n")
    result = check(repo, before)
    assert result.returncode == 1
    assert "rejects.csv" in result.stderr and "notes.txt" not in result.stderr


def test_ci_runs_the_check_after_the_tests():
    run = (ROOT / ".ci" / "run").read_text()
    assert run.rstrip().endswith('.ci/check-clean-tree . "$tree_before"')

"""Tests share builders through helper modules and fixtures, never by importing from another
test module or a conftest (tests.conftest's skip_or_fail and ROOT excepted)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def borrowed(path: Path, root: Path = TESTS) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = ("." * node.level) + node.module
            last = module.rsplit(".", 1)[-1]
            if last.startswith("test_") or (last == "conftest" and module != "tests.conftest"):
                found.append(f"{path.relative_to(root)}:{node.lineno} {module}")
    return found


def test_no_test_module_imports_another_test_module_or_a_conftest():
    assert [b for path in sorted(TESTS.rglob("*.py")) for b in borrowed(path)] == []


def test_the_check_finds_a_borrowed_builder(tmp_path):
    module = tmp_path / "test_x.py"
    module.write_text(
        "from tests.cohort.test_cli import briefing_like_store\n"
        "from .conftest import DATA\n"
        "from tests.conftest import skip_or_fail\n"
    )
    assert borrowed(module, tmp_path) == [
        "test_x.py:1 tests.cohort.test_cli",
        "test_x.py:2 .conftest",
    ]

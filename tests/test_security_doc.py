"""docs/security.md names a test for each threat: each named test must exist (and, being in the
suite, pass)."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

NAMED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def named_tests(text: str) -> list[tuple[str, str]]:
    return NAMED.findall(text)


def missing(root, pairs) -> list[str]:
    absent = []
    for path, name in pairs:
        file = root / path
        if not file.exists():
            absent.append(f"{path} (no such file)")
            continue
        names = {
            node.name
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef)
        }
        if name not in names:
            absent.append(f"{path}::{name}")
    return absent


def test_every_test_named_in_the_threat_model_exists():
    pairs = named_tests((ROOT / "docs" / "security.md").read_text(encoding="utf-8"))
    assert len(pairs) > 30
    assert missing(ROOT, pairs) == []


def test_every_threat_section_names_a_test():
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    threats = text.split("## Threats and how each is met")[1].split("\n## ")[0]
    sections = threats.split("\n### ")[1:]
    assert len(sections) >= 9
    assert [s.splitlines()[0] for s in sections if not named_tests(s)] == []


def test_the_check_finds_a_test_that_does_not_exist(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("def test_real():\n    pass\n")
    pairs = named_tests("`tests/test_x.py::test_real` `tests/test_x.py::test_gone`")
    assert missing(tmp_path, pairs) == ["tests/test_x.py::test_gone"]

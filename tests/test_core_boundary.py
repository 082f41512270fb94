"""The data core never imports Django (docs/decisions/0001)."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = ["data", "cohort", "synth", "chronology", "briefing", "profile"]
SRC = Path(__file__).resolve().parent.parent / "src" / "maca"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_packages_do_not_import_django_or_the_web_app():
    offenders = []
    for package in CORE:
        for path in (SRC / package).rglob("*.py"):
            bad = {
                n for n in _imports(path) if n.split(".")[0] == "django" or n.startswith("maca.web")
            }
            if bad:
                offenders.append(f"{path.relative_to(SRC)}: {sorted(bad)}")
    assert offenders == []

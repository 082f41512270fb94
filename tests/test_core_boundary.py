"""The rooms of the house and what each may import (docs/architecture.md, ADR 0001): the data core
never imports Django or the web app, and each core room imports only the rooms below it."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = [
    "data",
    "cohort",
    "synth",
    "chronology",
    "profile",
    "briefing",
    "safe_input",
    "output_folder",
]
SRC = Path(__file__).resolve().parent.parent / "src" / "maca"
# Every room may import the kit of small modules: problems, config, the bounded readers of
# uploads, whole output folders, and the version.
EVERYONE = (
    "maca.problems",
    "maca.config",
    "maca.safe_input",
    "maca.output_folder",
    "maca.__version__",
)
MAY_IMPORT = {
    "data": (),
    "cohort": ("maca.data",),
    # Synthetic data is written in the canonical tables' names and checked against the cohort's
    # and the profile's output names, never by running ingest or the rules (that is maca.demo).
    "synth": ("maca.data.schema", "maca.cohort.contract", "maca.profile.contract"),
    "chronology": ("maca.data", "maca.cohort"),
    # The profile draws its charts with the briefing's drawing and words small numbers as the
    # briefing does; the briefing never imports the profile (the web adapts one to the other).
    "profile": ("maca.data", "maca.cohort", "maca.briefing.charts", "maca.briefing.numbers"),
    "briefing": ("maca.cohort.contract", "maca.cohort.scope"),
    "demo": ("maca.synth", "maca.data", "maca.cohort", "maca.profile"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "maca":  # from maca import config
                names.update(f"maca.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


def _room_files(room: str) -> list[Path]:
    folder, module = SRC / room, SRC / f"{room}.py"
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [module] * module.is_file()


def test_core_packages_do_not_import_django_or_the_web_app():
    offenders = []
    for package in CORE:
        for path in _room_files(package):
            bad = {
                n for n in _imports(path) if n.split(".")[0] == "django" or n.startswith("maca.web")
            }
            if bad:
                offenders.append(f"{path.relative_to(SRC)}: {sorted(bad)}")
    assert offenders == []


def test_each_core_room_imports_only_the_rooms_it_may():
    offenders = []
    for room, allowed in MAY_IMPORT.items():
        own = (f"maca.{room}", *allowed, *EVERYONE)
        for path in _room_files(room):
            bad = {
                name
                for name in _imports(path)
                if name.startswith("maca.") and not any(_within(name, a) for a in own)
            }
            if bad:
                offenders.append(f"{path.relative_to(SRC)}: {sorted(bad)}")
    assert offenders == []


def _within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")

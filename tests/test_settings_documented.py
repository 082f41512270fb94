"""One documented list of maca's settings (docs/settings.md), read in one place each: the web app's
in maca.web.settings, the data core's in maca.config."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"\bMACA_[A-Z_]+")
SCANNED = ["src", "tests", "benchmarks", ".ci", "Makefile"]
READERS = {"src/maca/config.py"} | {
    str(p.relative_to(ROOT)) for p in (ROOT / "src" / "maca" / "web" / "settings").glob("*.py")
}


def _files(root: Path, parts: list[str]) -> list[Path]:
    found = []
    for part in parts:
        path = root / part
        found += [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return [p for p in found if "__pycache__" not in p.parts and p.suffix not in {".pyc"}]


def undocumented(root: Path, doc: Path, parts: list[str]) -> list[str]:
    """Names in the code that the page does not list; a name the code builds (``MACA_REQUIRE_``
    + a kind) needs at least one listed name that starts with it."""
    listed = set(NAME.findall(doc.read_text(encoding="utf-8")))
    missing = set()
    for path in _files(root, parts):
        for name in NAME.findall(path.read_text(encoding="utf-8", errors="replace")):
            known = (
                any(n.startswith(name) for n in listed) if name.endswith("_") else name in listed
            )
            if not known:
                missing.add(f"{name} ({path.relative_to(root)})")
    return sorted(missing)


def environment_reads(path: Path) -> list[int]:
    """Lines that read the environment: os.environ.get, os.getenv, os.environ[...], `in`."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = ast.unparse(node) if isinstance(node, ast.expr) else ""
        if isinstance(node, ast.Call) and text.startswith(("os.environ.get(", "os.getenv(")):
            lines.append(node.lineno)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            lines += [node.lineno] if ast.unparse(node.value) == "os.environ" else []
        elif isinstance(node, ast.Compare) and "in os.environ" in text:
            lines.append(node.lineno)
    return lines


def test_every_maca_setting_in_the_code_is_documented():
    assert undocumented(ROOT, ROOT / "docs" / "settings.md", SCANNED) == []


def test_the_check_finds_an_undocumented_setting(tmp_path):
    name = "MACA_" + "NOT_ON_THE_PAGE"
    (tmp_path / "doc.md").write_text("| `MACA_" + "REQUIRE_POSTGRES` |\n")
    (tmp_path / "code.py").write_text(f'os.environ.get("{name}")\nf"MACA_REQUIRE_{{kind}}"\n')
    assert undocumented(tmp_path, tmp_path / "doc.md", ["code.py"]) == [f"{name} (code.py)"]


def test_only_the_settings_read_the_environment():
    readers = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.py")
        if environment_reads(path)
    }
    assert readers <= READERS


def test_the_check_finds_a_read_of_the_environment(tmp_path):
    code = tmp_path / "code.py"
    code.write_text(
        'import os\nos.environ.setdefault("X", "1")\na = os.environ["X"]\n'
        'b = os.getenv("Y")\nc = "Z" in os.environ\nos.environ["W"] = "2"\n'
    )
    assert environment_reads(code) == [3, 4, 5]

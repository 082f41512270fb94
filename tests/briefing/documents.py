"""Reading what the briefing tests make: the shipped example, PDF text, headings in order."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

EXAMPLE = resources.files("maca.briefing") / "examples" / "first-1001-days.json"


def pdf_text(path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def flat(text: str) -> str:
    """Whitespace collapsed, so phrases wrapped across lines are still found."""
    return " ".join(text.split())


def assert_in_order(text: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        assert found >= 0, (
            f"{needle!r} missing after position {position}: ...{text[position : position + 200]!r}"
        )
        position = found + len(needle)


def heading_lines(text: str, headings: list[str]) -> list[str]:
    """The headings that stand alone on a line, in the order they occur."""
    pattern = re.compile(r"^\s*(" + "|".join(re.escape(h) for h in headings) + r")\s*$", re.M)
    return [m.group(1) for m in pattern.finditer(text)]

"""Reading a briefing's input files for the command line: the briefing JSON and identifiers."""

from __future__ import annotations

import json
from pathlib import Path

from maca.briefing.model import Briefing, BriefingInputError, Scope


def load_briefing(path: Path) -> Briefing:
    """A :class:`Briefing` from a JSON file; every problem names the file (and field)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise BriefingInputError(f"{path}: cannot read ({error.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BriefingInputError(
            f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    try:
        return Briefing.from_dict(data)
    except BriefingInputError as error:
        raise BriefingInputError(f"{path}: {error}") from None


def load_identifiers(path: Path) -> set[str]:
    """Names and identifiers to look for, one a line; blank lines and '#' comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise BriefingInputError(f"{path}: cannot read ({error.strerror})") from None
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def load_scope(path: Path) -> Scope:
    """The scope of a cohort from the ``scope.json`` that ``maca cohort`` wrote."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise BriefingInputError(f"{path}: cannot read ({error.strerror})") from None
    except json.JSONDecodeError as error:
        raise BriefingInputError(
            f"{path}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    try:
        return Scope.from_scope_json(data)
    except BriefingInputError as error:
        raise BriefingInputError(f"{path}: {error}") from None

"""``sources.yaml``: the optional manifest of a data folder (data contract §4).

It says how a council's own files differ from the contract: a file name that does not follow the
contract (and which table it fills), column renames, local code descriptions mapped to national
codes, the date format, and the partnership's home LA.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from maca.data.errors import DataFolderError
from maca.data.schema import TABLES

MANIFEST = "sources.yaml"

# Besides the canonical tables a file may be declared as one of the national return formats.
FORMATS = ("ssda903_header", "ssda903_episodes", "ssda903_xml", "cin_census")


@dataclass(frozen=True)
class FileSource:
    """What sources.yaml says about one file."""

    table: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None


@dataclass(frozen=True)
class Sources:
    home_la: str | None = None
    date_format: str = "auto"
    files: dict[str, FileSource] = field(default_factory=dict)  # keyed by lower-case name
    code_maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_file(self, name: str) -> FileSource:
        return self.files.get(name.lower(), FileSource())

    def date_format_for(self, name: str) -> str:
        return self.for_file(name).date_format or self.date_format


def load_sources(folder: Path) -> Sources:
    """Read ``sources.yaml`` from the folder, or the defaults when there is none."""
    path = next((p for p in folder.iterdir() if p.name.lower() == MANIFEST), None)
    if path is None:
        return Sources()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataFolderError(f"{path.name}: cannot be read ({error})") from error
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        raise DataFolderError(f"{path.name}: not valid YAML{line}") from error
    return _parse(data or {}, path.name)


def _parse(data: Any, name: str) -> Sources:
    if not isinstance(data, dict):
        raise DataFolderError(f"{name}: expected settings such as 'home_la:' and 'files:'")
    unknown = set(data) - {"home_la", "date_format", "files", "code_maps"}
    if unknown:
        raise DataFolderError(f"{name}: unknown setting {sorted(unknown)[0]!r}")
    home_la = data.get("home_la")
    date_format = data.get("date_format") or "auto"
    _check_date_format(date_format, name, "date_format")
    files = {
        str(file).lower(): _file_source(str(file), spec, name)
        for file, spec in _mapping(data.get("files"), name, "files").items()
    }
    code_maps = {
        str(column): {str(k): str(v) for k, v in _mapping(values, name, column).items()}
        for column, values in _mapping(data.get("code_maps"), name, "code_maps").items()
    }
    return Sources(
        home_la=None if home_la is None else str(home_la),
        date_format=str(date_format),
        files=files,
        code_maps=code_maps,
    )


def _file_source(file: str, spec: Any, name: str) -> FileSource:
    spec = _mapping(spec, name, file)
    table = spec.get("table")
    if table is not None and table not in TABLES and table not in FORMATS:
        raise DataFolderError(f"{name}: file {file!r} names unknown table {table!r}")
    columns = {str(k): str(v) for k, v in _mapping(spec.get("columns"), name, file).items()}
    date_format = spec.get("date_format")
    if date_format is not None:
        _check_date_format(date_format, name, f"{file} date_format")
    return FileSource(table=table, columns=columns, date_format=date_format)


def _mapping(value: Any, name: str, key: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DataFolderError(f"{name}: {key!r} must be a list of 'name: value' pairs")
    return value


def _check_date_format(value: Any, name: str, key: str) -> None:
    if value == "auto":
        return
    if not isinstance(value, str) or "%" not in value or "'" in value:
        raise DataFolderError(f"{name}: {key} must be 'auto' or a format such as '%d/%m/%Y'")

"""Which reader a file of the data folder goes to, and which return year it belongs to."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from maca.data.cin_census import read_cin_census
from maca.data.loading import Loading
from maca.data.report import FileReport
from maca.data.schema import TABLES
from maca.data.sources import MANIFEST, Sources
from maca.data.ssd_csv import read_ssd_csv
from maca.data.ssda903 import read_903_episodes, read_903_header, read_903_xml

Reader = Callable[[Loading, Path], FileReport]

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")

FORMAT_READERS: dict[str, Reader] = {
    "ssda903_header": read_903_header,
    "ssda903_episodes": read_903_episodes,
    "ssda903_xml": read_903_xml,
    "cin_census": read_cin_census,
}


# The canonical tables each national format fills.
FORMAT_TABLES: dict[str, tuple[str, ...]] = {
    "ssda903_header": ("ssd_person",),
    "ssda903_episodes": ("ssd_cla_episodes",),
    "ssda903_xml": ("ssd_person", "ssd_cla_episodes"),
    "cin_census": ("ssd_person", "ssd_cin_episodes", "ssd_cp_plans"),
}


@dataclass(frozen=True)
class InputFile:
    path: Path
    reader: Reader
    tables: tuple[str, ...]
    year: int | None  # from the file name; CIN census files may also say it inside


def classify(folder_files: list[Path], sources: Sources) -> tuple[list[InputFile], list[str]]:
    """The files maca reads (in reading order) and the names of those it leaves alone."""
    chosen, ignored = [], []
    for path in folder_files:
        if path.name.lower() == MANIFEST:
            continue
        kind = _kind(path, sources)
        if kind is None:
            ignored.append(path.name)
            continue
        match = _YEAR.search(path.stem)
        year = int(match.group(1)) if match else None
        if kind in FORMAT_READERS:
            chosen.append(InputFile(path, FORMAT_READERS[kind], FORMAT_TABLES[kind], year))
        else:
            chosen.append(InputFile(path, _ssd(kind), (kind,), year))
    return chosen, ignored


def _kind(path: Path, sources: Sources) -> str | None:
    """A national format (``FORMAT_READERS``) or a canonical table name; None to leave alone."""
    declared = sources.for_file(path.name).table
    if declared in FORMAT_READERS or declared in TABLES:
        return declared
    name, suffix = path.stem.lower(), path.suffix.lower()
    if suffix == ".xml":
        if name.startswith("cin_census"):
            return "cin_census"
        return "ssda903_xml" if name.startswith("ssda903") else None
    if suffix != ".csv":
        return None
    for stem in ("ssda903_header", "ssda903_episodes"):
        if name.startswith(stem):
            return stem
    tables = sorted((t for t in TABLES if name.startswith(t)), key=len, reverse=True)
    return tables[0] if tables else None


def single_source_tables(inputs: list[InputFile]) -> frozenset[str]:
    """Tables exactly one input file fills (nothing to de-duplicate across returns)."""
    counts: dict[str, int] = {}
    for item in inputs:
        for table in item.tables:
            counts[table] = counts.get(table, 0) + 1
    return frozenset(t for t, n in counts.items() if n == 1)


def _ssd(table: str) -> Reader:
    def read(loading: Loading, path: Path) -> FileReport:
        return read_ssd_csv(loading, path, table)

    return read


def rank_files(reports: list[FileReport]) -> dict[str, int]:
    """Later returns win: order by return year; files without a year count as the latest
    (a current extract from the case management system), then by name."""
    ordered = sorted(
        reports, key=lambda r: (r.return_year is None, r.return_year or 0, r.file.lower())
    )
    return {r.file: position for position, r in enumerate(ordered)}

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


@dataclass(frozen=True)
class InputFile:
    path: Path
    reader: Reader
    year: int | None  # from the file name; CIN census files may also say it inside


def classify(folder_files: list[Path], sources: Sources) -> tuple[list[InputFile], list[str]]:
    """The files maca reads (in reading order) and the names of those it leaves alone."""
    chosen, ignored = [], []
    for path in folder_files:
        if path.name.lower() == MANIFEST:
            continue
        reader = _reader(path, sources)
        if reader is None:
            ignored.append(path.name)
        else:
            match = _YEAR.search(path.stem)
            chosen.append(InputFile(path, reader, int(match.group(1)) if match else None))
    return chosen, ignored


def _reader(path: Path, sources: Sources) -> Reader | None:
    declared = sources.for_file(path.name).table
    if declared in FORMAT_READERS:
        return FORMAT_READERS[declared]
    if declared in TABLES:
        return _ssd(declared)
    name, suffix = path.stem.lower(), path.suffix.lower()
    if suffix == ".xml":
        if name.startswith("cin_census"):
            return read_cin_census
        if name.startswith("ssda903"):
            return read_903_xml
        return None
    if suffix != ".csv":
        return None
    for stem in ("ssda903_header", "ssda903_episodes"):
        if name.startswith(stem):
            return FORMAT_READERS[stem]
    tables = sorted((t for t in TABLES if name.startswith(t)), key=len, reverse=True)
    return _ssd(tables[0]) if tables else None


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

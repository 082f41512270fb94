"""``ingest_folder``: read a council's data folder into the canonical store, reporting every row.

The store is rebuilt from the folder on every run (docs/decisions/0100, "rebuilds the store"):
the folder is the one source of truth, so loading it twice gives the same store, and stacked
years' returns are de-duplicated here, later returns winning.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import duckdb
from lxml import etree

from maca import config
from maca.data.checks import PROBLEMS_SQL
from maca.data.dates import MACROS
from maca.data.errors import DataFolderError, cannot_write
from maca.data.files import InputFile, classify, rank_files, single_source_tables
from maca.data.loading import Loading, scratch_folder
from maca.data.report import FileReport, LoadReport, Problem, write_report
from maca.data.sources import Sources, load_sources
from maca.data.store import WORKING, build_store, open_store


def ingest_folder(
    data_dir: Path, store: Path, report_dir: Path | None = None, *, progress: bool = False
) -> LoadReport:
    """Read every contract file in ``data_dir`` into a new DuckDB store at ``store``.

    Rows that cannot be loaded are rejects, loaded rows with a data-quality issue are warnings;
    both are in the returned report (and in ``report_dir`` when given). Raises
    ``DataFolderError`` only when the folder, a file or sources.yaml cannot be read at all.
    """
    folder, store = Path(data_dir), Path(store)
    if not folder.is_dir():
        raise DataFolderError(f"{folder}: no such folder")
    sources = load_sources(folder)
    inputs, ignored = _inputs(folder, sources)
    if store.is_dir():
        raise DataFolderError(f"{store}: the store must be a file, not a folder")
    report = LoadReport(store=str(store), home_la=sources.home_la, ignored_files=ignored)
    # The new store is built beside the old one and replaces it only when complete.
    building = store.with_name(store.name + ".building")
    with scratch_folder() as scratch:
        con = _connect(Path(scratch))
        direct = single_source_tables(inputs) - WORKING
        loading = Loading(con, sources, Path(scratch), direct=direct)
        try:
            _writing(lambda: _open(con, store, building))
            report.files = _read_all(loading, inputs, progress)
            _writing(loading.finish_writing)
            _writing(lambda: _finish(con, loading, report, store, building))
            if report_dir is not None:
                _writing(lambda: write_report(report, Path(report_dir), con))
        finally:
            with contextlib.suppress(Exception):  # a failed write was raised above already
                loading.close()
            con.close()
            with contextlib.suppress(OSError):  # nothing to tidy when the folder is unusable
                building.unlink(missing_ok=True)
    return report


def _writing(step: Callable[[], None]) -> None:
    """Run a step that writes files; a failure to write is one clear line."""
    try:
        step()
    except (OSError, duckdb.IOException) as error:
        raise cannot_write(error) from error


def _open(con: duckdb.DuckDBPyConnection, store: Path, building: Path) -> None:
    store.parent.mkdir(parents=True, exist_ok=True)
    building.unlink(missing_ok=True)
    open_store(con, building)


def _inputs(folder: Path, sources: Sources) -> tuple[list[InputFile], list[str]]:
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError as error:
        raise DataFolderError(f"{folder}: cannot be read ({error.strerror or error})") from error
    inputs, ignored = classify(entries, sources)
    for item in inputs:
        if not os.access(item.path, os.R_OK):
            raise DataFolderError(f"{item.path.name}: cannot be read (permission denied)")
    return inputs, ignored


def _connect(scratch: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET temp_directory = '{scratch}'")
    con.execute(f"SET memory_limit = '{config.memory_limit()}'")
    con.execute("SET preserve_insertion_order = true")
    for macro in MACROS:
        con.execute(macro)
    con.execute(PROBLEMS_SQL)
    return con


def _read_all(loading: Loading, inputs: list[InputFile], progress: bool) -> list[FileReport]:
    reports = []
    with _Progress(inputs, progress) as bar:
        for item in inputs:
            bar.start(item)
            try:
                file_report = item.reader(loading, item.path)
            except (duckdb.Error, etree.LxmlError, OSError, UnicodeError) as error:
                first_line = (
                    str(error).strip().splitlines()[0]
                    if str(error).strip()
                    else type(error).__name__
                )
                raise DataFolderError(
                    f"{item.path.name}: could not be read ({first_line})"
                ) from error
            if item.year is not None:  # the year in the name wins over one inside the file
                file_report.return_year = item.year
            reports.append(file_report)
            bar.done(item)
    return reports


def _finish(
    con: duckdb.DuckDBPyConnection,
    loading: Loading,
    report: LoadReport,
    store: Path,
    building: Path,
) -> None:
    built = build_store(con, loading.loaded, rank_files(report.files))
    os.replace(building, store)
    report.tables = built.tables
    report.unlinked_police_protection = built.unlinked_police_protection
    _count_warnings(con, report, built.superseded)
    report.rejects = _problems(con, "reject")
    report.warnings = _problems(con, "warning")


def _count_warnings(
    con: duckdb.DuckDBPyConnection, report: LoadReport, superseded: dict[str, int]
) -> None:
    rows = con.execute(
        "SELECT file, tbl, count(*) FROM problems WHERE kind = 'warning' GROUP BY ALL"
    ).fetchall()
    for file_report in report.files:
        file_report.rows_superseded = superseded.get(file_report.file, 0)
        mine = [(tbl, n) for file, tbl, n in rows if file == file_report.file]
        file_report.warnings = sum(n for _, n in mine)
        for tbl, counts in file_report.records.items():
            counts.warnings = sum(n for t, n in mine if t == tbl)


def _problems(con: duckdb.DuckDBPyConnection, kind: str) -> list[Problem]:
    return [
        Problem(file, int(row), column or "", value or "", reason)
        for file, row, column, value, reason in con.execute(
            'SELECT file, "row", "column", value, reason FROM problems WHERE kind = ? '
            'ORDER BY file, "row", seq, "column", reason',
            [kind],
        ).fetchall()
    ]


class _Progress:
    """A rich progress bar over the folder's bytes, shown only when asked for."""

    def __init__(self, inputs: list[InputFile], enabled: bool):
        self.enabled = enabled
        self.total = sum(i.path.stat().st_size for i in inputs) or 1

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), transient=True
            )
            self.bar.start()
            self.task = self.bar.add_task("reading", total=self.total)
        return self

    def start(self, item: InputFile) -> None:
        if self.enabled:
            self.bar.update(self.task, description=f"reading {item.path.name}")

    def done(self, item: InputFile) -> None:
        if self.enabled:
            self.bar.advance(self.task, item.path.stat().st_size)

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

"""The state one ingest run shares between the format readers."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from maca.data.checks import Counts, Reading, judge
from maca.data.dates import sql_text
from maca.data.errors import cannot_write
from maca.data.records import RecordSpec
from maca.data.sources import Sources
from maca.data.store import insert_single_source


@dataclass
class Loading:
    con: duckdb.DuckDBPyConnection
    sources: Sources
    scratch: Path  # a private temporary folder for XML records on their way to DuckDB
    direct: frozenset[str] = frozenset()  # tables one file fills: straight into the store
    loaded: dict[str, list[str]] = field(default_factory=dict)  # table -> judged tables
    _count: int = 0
    _pending: tuple[Future[None], str] | None = None
    _pool: ThreadPoolExecutor = field(  # a thread starts at the first write, not before
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="maca-store")
    )

    def new_name(self, stem: str) -> str:
        self._count += 1
        return f"{stem}_{self._count}"

    def reading(
        self,
        file: str,
        labels: dict[str, str],
        absent: frozenset[str] = frozenset(),
        *,
        xml_lines: bool = False,
    ) -> Reading:
        return Reading(
            date_format=self.sources.date_format_for(file),
            code_maps=self.sources.code_maps,
            labels=labels,
            absent=absent,
            xml_lines=xml_lines,
        )

    def judge_into_store(
        self,
        stage: str,
        spec: RecordSpec,
        how: Reading,
        after: Callable[[str], None] | None = None,
    ) -> Counts:
        """Judge a staging table (dropped afterwards) or a subquery reading a file (``(...)``)."""
        out = self.new_name(f"judged_{spec.table}")
        counts = judge(self.con, stage, spec, out, how, after)
        if not stage.startswith("("):
            self.con.execute(f"DROP TABLE {stage}")
        if spec.table in self.direct:
            self._write_behind(out, spec.table)
        else:
            self.loaded.setdefault(spec.table, []).append(out)
        return counts

    def _write_behind(self, judged: str, table: str) -> None:
        """Write a judged table into the store on a second connection while the next file is
        read (one write at a time, in the order of the files): on two cores, reading and
        writing overlap instead of taking turns."""
        self.finish_writing()
        writer = self.con.cursor()

        def write() -> None:
            try:
                insert_single_source(writer, judged, table)
            finally:
                writer.close()

        self._pending = (self._pool.submit(write), judged)

    def finish_writing(self) -> None:
        """Wait for the store write under way (its failure is raised here), then drop the
        judged table it wrote (on this connection: only one connection changes the catalog)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            future, judged = pending
            try:
                future.result()
            except (OSError, duckdb.IOException) as error:  # not the file being read: the store
                raise cannot_write(error) from error
            self.con.execute(f"DROP TABLE {judged}")

    def close(self) -> None:
        try:
            self.finish_writing()
        finally:
            self._pool.shutdown(wait=True)

    def warn(self, file: str, row: int, column: str, value: str, reason: str, table: str) -> None:
        self.problem("warning", file, row, column, value, reason, table)

    def problem(
        self, kind: str, file: str, row: int, column: str, value: str, reason: str, table: str
    ) -> None:
        self.con.execute(
            "INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?, -1)",
            [kind, file, row, column, value[:200], reason, table],
        )


class RecordSink:
    """Collects records parsed from XML in a temporary CSV, then stages them in DuckDB.

    Writing to disk keeps memory flat however large the XML; DuckDB reads the CSV back fast.
    """

    def __init__(self, loading: Loading, fields: list[str]):
        self.loading = loading
        self.fields = fields
        self.name = loading.new_name("stage")
        self.path = loading.scratch / f"{self.name}.csv"
        self._handle = self.path.open("w", newline="", encoding="utf-8")
        self._writer = csv.writer(self._handle)
        self._writer.writerow(["source_row", "_seq", *fields, "_lines"])
        self.count = 0

    def add(
        self, source_row: int, values: dict[str, str | None], lines: dict[str, int] | None = None
    ) -> None:
        """One record; ``lines`` (field -> line) lets a reject point at the element at fault."""
        where = ";".join([f"{f}={n}" for f, n in lines.items()]) if lines else ""
        self._writer.writerow([source_row, self.count, *map(values.get, self.fields), where])
        self.count += 1

    def stage(self, display: str) -> str:
        """Close the file and create the staging table; returns its name."""
        self._handle.close()
        columns = ", ".join(f"'{f}': 'VARCHAR'" for f in [*self.fields, "_lines"])
        self.loading.con.execute(
            f"CREATE OR REPLACE TEMP TABLE {self.name} AS "
            f"SELECT {sql_text(display)} AS source_file, "
            f"* FROM read_csv({sql_text(str(self.path))}, header = true, auto_detect = false, "
            f"columns = {{'source_row': 'BIGINT', '_seq': 'BIGINT', {columns}}}, "
            f"quote = '\"', escape = '\"', delim = ',', strict_mode = false, "
            f"max_line_size = 1000000000)"
        )
        self.path.unlink()
        return self.name


def scratch_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="maca-ingest-")


def is_empty(path: Path) -> bool:
    """True for a file with nothing but white space in it (checked without reading it all)."""
    with path.open("rb") as handle:
        return not handle.read(4096).strip()

"""What a load tells the analyst: counts per file, rejects and warnings, written as files."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from maca.data.checks import Counts

PROBLEM_COLUMNS = ("file", "row", "column", "value", "reason")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    value: str
    reason: str


@dataclass
class FileReport:
    """One input file. For XML, ``rows_*`` count its top-level records (a ``Child`` or
    ``CHILD``) and ``records`` counts the nested records each table received."""

    file: str
    table: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    warnings: int = 0
    rows_superseded: int = 0  # loaded, then replaced by the same record in a later return
    return_year: int | None = None
    records: dict[str, Counts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, counts: Counts) -> None:
        self.rows_read += counts.rows_read
        self.rows_loaded += counts.rows_loaded
        self.rows_rejected += counts.rows_rejected


@dataclass
class LoadReport:
    store: str
    home_la: str | None = None  # from sources.yaml, for the cohort's "moved in"
    files: list[FileReport] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)
    tables: dict[str, int] = field(default_factory=dict)  # rows in the store
    unlinked_police_protection: list[str] = field(default_factory=list)  # pp_ref values
    rejects: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def as_json(self) -> dict:
        return {
            "store": self.store,
            "home_la": self.home_la,
            "files": {
                f.file: {
                    k: v
                    for k, v in asdict(f).items()
                    if k != "file" and (k not in ("records", "notes", "return_year") or v)
                }
                for f in self.files
            },
            "ignored_files": self.ignored_files,
            "tables": self.tables,
            "unlinked_police_protection": {
                "count": len(self.unlinked_police_protection),
                "pp_refs": self.unlinked_police_protection,
            },
            "rejects": len(self.rejects),
            "warnings": len(self.warnings),
        }


def write_report(report: LoadReport, folder: Path, con: duckdb.DuckDBPyConnection) -> None:
    """``load_report.json``, ``rejects.csv`` and ``warnings.csv`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "load_report.json").write_text(json.dumps(report.as_json(), indent=2) + "\n")
    for kind, name in (("reject", "rejects.csv"), ("warning", "warnings.csv")):
        target = str(folder / name).replace("'", "''")
        con.execute(
            f'COPY (SELECT file, "row", "column", value, reason FROM problems '
            f'WHERE kind = \'{kind}\' ORDER BY file, "row", seq, "column", reason) '
            f"TO '{target}' (HEADER, DELIMITER ',')"
        )

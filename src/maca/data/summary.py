"""The terminal summary of a load: one line per file, then where the details are."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from maca.data.report import LoadReport


def print_summary(
    report: LoadReport, report_dir: Path | None, console: Console | None = None
) -> None:
    console = console or Console(width=None if Console().is_terminal else 120)
    table = Table(title=f"Loaded into {report.store}", title_justify="left")
    for heading in ("file", "table", "rows read", "loaded", "rejected", "warnings", "superseded"):
        table.add_column(heading, justify="left" if heading in ("file", "table") else "right")
    for f in report.files:
        table.add_row(
            f.file,
            f.table,
            *(
                str(n)
                for n in (
                    f.rows_read,
                    f.rows_loaded,
                    f.rows_rejected,
                    f.warnings,
                    f.rows_superseded,
                )
            ),
        )
        for name, counts in f.records.items():
            table.add_row(
                "",
                f"  + {name}",
                str(counts.rows_read),
                str(counts.rows_loaded),
                str(counts.rows_rejected),
                str(counts.warnings),
                "",
            )
    console.print(table)
    if report.ignored_files:
        console.print(f"Not a data contract file, left alone: {', '.join(report.ignored_files)}")
    if report.unlinked_police_protection:
        console.print(
            f"{len(report.unlinked_police_protection)} police protection events are not linked "
            "to a CSC person (see warnings)."
        )
    where = f" in {report_dir}" if report_dir else ""
    console.print(
        f"{report.rows_read:,} rows read, {report.rows_rejected:,} rejected "
        f"({_lines(len(report.rejects))} in rejects.csv{where}), "
        f"{_lines(len(report.warnings))} in warnings.csv."
    )


def _lines(count: int) -> str:
    return f"{count:,} line" + ("" if count == 1 else "s")

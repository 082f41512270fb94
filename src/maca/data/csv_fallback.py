"""The careful way through a CSV file that DuckDB's fast reader gives up on.

DuckDB stops on a few pathological files (for example a multi-megabyte value in a file that
mixes line endings). Such a file is read again here with Python's csv module, record by record:
slower, but every record is still either staged or rejected with its row number.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from maca.data.csv_reader import Header, Layout
from maca.data.loading import Loading, RecordSink

LONGEST_VALUE = 1_000_000


def stage_csv_carefully(
    loading: Loading,
    path: Path,
    display: str,
    header: Header,
    plan: Layout,
    fields: list[str],
    table: str,
) -> tuple[str, int]:
    """Stage the file's records; return the staging table and the number of rows rejected."""
    sink = RecordSink(loading, fields)
    rejected = 0
    width = len(header.names)
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        records = csv.reader(handle, delimiter=header.delimiter)
        next(records, None)  # the header
        row = 1
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except csv.Error as error:
                row += 1
                rejected += 1
                loading.problem(
                    "reject",
                    display,
                    row,
                    "",
                    "",
                    f"the row could not be read as CSV ({error})",
                    table,
                )
                continue
            row += 1
            reason = _problem(record, width)
            if reason:
                rejected += 1
                loading.problem("reject", display, row, "", _shown(record), reason, table)
                continue
            sink.add(row, {f: record[p] for p, f in plan.positions.items()})
    return sink.stage(display), rejected


def _problem(record: list[str], width: int) -> str | None:
    if len(record) < width:
        return "the row has fewer values than the header has columns"
    if len(record) > width:
        return "the row has more values than the header has columns"
    if any(len(value) > LONGEST_VALUE for value in record):
        return "a value is longer than 1 MB; the row could not be read"
    return None


def _shown(record: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow([v[:50] for v in record])
    return out.getvalue().strip()[:200]

"""CSV files named after the contract: ``ssd_<table>*.csv`` and ``police_protection*.csv``.

Column names are the SSD's own (any case, spaces for underscores); sources.yaml may rename a
council's headers to them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from maca.data.csv_fallback import stage_csv_carefully
from maca.data.csv_reader import (
    Header,
    as_utf8,
    csv_stage_sql,
    drop_stage,
    layout,
    read_header,
    settle_unreadable,
)
from maca.data.loading import Loading
from maca.data.records import SPECS, RecordSpec
from maca.data.report import FileReport


def read_ssd_csv(loading: Loading, path: Path, table: str) -> FileReport:
    spec = SPECS[table]
    fields = [f.name for f in spec.fields]
    renames = {k.strip().lower(): v for k, v in loading.sources.for_file(path.name).columns.items()}

    def field_for(name: str) -> str | None:
        target = renames.get(name.lower(), name).strip().lower().replace(" ", "_")
        return target if target in fields else None

    return read_csv_file(loading, path, table, spec, field_for)


def read_csv_file(
    loading: Loading,
    path: Path,
    table: str,
    spec: RecordSpec,
    field_for: Callable[[str], str | None],
    quiet_columns: frozenset[str] = frozenset(),
) -> FileReport:
    """Stage, judge and count one CSV file of ``table`` records."""
    report = FileReport(path.name, table)
    header = read_header(path)
    if header is None:
        report.notes.append("empty file: no header and no rows")
        return report
    fields = [f.name for f in spec.fields]
    plan = layout(header, field_for, fields)
    _warn_header(loading, path.name, header, plan.notes, quiet_columns, table)
    stage = loading.new_name("stage")
    source = path if header.encoding == "utf-8" else as_utf8(path, header.encoding, loading.scratch)
    how = loading.reading(path.name, {**_labels(spec), **plan.labels}, plan.absent)
    unreadable = 0

    def settle(judged: str) -> None:
        nonlocal unreadable
        unreadable = settle_unreadable(loading.con, stage, path.name, plan, table, judged)

    try:  # read, typed and judged in one pass over the file
        counts = loading.judge_into_store(
            csv_stage_sql(source, path.name, stage, header, plan, fields), spec, how, settle
        )
    except duckdb.Error:
        drop_stage(loading.con, stage)
        loading.con.execute(
            "DELETE FROM problems WHERE file = ? AND seq = -1 AND kind = 'reject'", [path.name]
        )
        careful, unreadable = stage_csv_carefully(
            loading, source, path.name, header, plan, fields, table
        )
        counts = loading.judge_into_store(careful, spec, how)
    if source != path:
        source.unlink()
    counts.rows_read += unreadable
    counts.rows_rejected += unreadable
    report.count(counts)
    return report


def _labels(spec: RecordSpec) -> dict[str, str]:
    if spec.synthetic_id is None:
        return {}
    return {spec.synthetic_id[0]: spec.synthetic_id[0]}


def _warn_header(
    loading: Loading,
    file: str,
    header: Header,
    notes: list[tuple[str, str]],
    quiet: frozenset[str],
    table: str,
) -> None:
    for note in header.notes:
        loading.warn(file, 1, "", "", note, table)
    for column, reason in notes:
        if column.upper() not in quiet:
            loading.warn(file, 1, column, column, reason, table)

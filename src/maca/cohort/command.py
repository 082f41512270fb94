"""What ``maca cohort`` does beyond the rules: read DATA_DIR through ingest, pick ``home_la``.

A folder that cannot be read is ingest's ``DataFolderError``: a ``Problem`` like this module's."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import yaml

from maca.cohort.finder import CohortOutcome, CohortProblem, input_checksums, run_cohort
from maca.cohort.query import CohortParameters
from maca.data.ingest import ingest_folder


def parse_date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CohortProblem(f"{option} {text!r} is not a date like 2023-09-01") from None


def home_la_of(data_dir: Path | None) -> str | None:
    """``home_la`` from DATA_DIR's optional sources.yaml (data-contract §4)."""
    if data_dir is None:
        return None
    manifest = next((p for p in data_dir.iterdir() if p.name.lower() == "sources.yaml"), None)
    if manifest is None:
        return None
    try:
        settings = yaml.safe_load(manifest.read_text("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CohortProblem(f"{manifest}: not readable YAML ({type(error).__name__})") from None
    value = settings.get("home_la") if isinstance(settings, dict) else None
    return str(value) if value is not None else None


@contextmanager
def store_for(data_dir: Path | None, store: Path | None) -> Iterator[tuple[Path, dict | None]]:
    """The store to read and the inputs' checksums: STORE as it is, or DATA_DIR ingested into
    STORE (if given) or into a scratch store removed afterwards (checksums of DATA_DIR's files;
    None for a store as it is: its own checksum is recorded)."""
    if data_dir is None and store is None:
        raise CohortProblem("give DATA_DIR, or --store STORE for an already-ingested store")
    if data_dir is not None and not data_dir.is_dir():
        raise CohortProblem(f"{data_dir}: no such folder")
    if data_dir is None:
        assert store is not None  # checked above
        yield store, None
        return
    inputs = input_checksums([p for p in data_dir.iterdir() if p.is_file()], data_dir)
    if store is not None:
        ingest_folder(data_dir, store)
        yield store, inputs
        return
    with tempfile.TemporaryDirectory(prefix="maca-cohort-") as scratch:
        scratch_store = Path(scratch) / "store.duckdb"
        ingest_folder(data_dir, scratch_store)
        yield scratch_store, inputs


def cohort_command(
    data_dir: Path | None,
    store: Path | None,
    out_dir: Path,
    period: tuple[str, str],
    home_la: str | None,
    pseudonymise: bool,
) -> CohortOutcome:
    """``maca cohort``: ingest DATA_DIR (into STORE if given) or use STORE, then find the cohort."""
    if data_dir is None and store is None:
        raise CohortProblem("give DATA_DIR, or --store STORE for an already-ingested store")
    parameters = CohortParameters(
        period_from=parse_date(period[0], "--from"),
        period_to=parse_date(period[1], "--to"),
        home_la=home_la or home_la_of(data_dir if data_dir and data_dir.is_dir() else None),
    )
    with store_for(data_dir, store) as (path, inputs):
        return run_cohort(path, out_dir, parameters, pseudonymise=pseudonymise, inputs=inputs)

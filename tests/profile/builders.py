"""What the profile tests build: ``maca synth`` data (both input forms) read by ``maca ingest``,
with the cohort found by ``maca cohort``; and a small CSV reader."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from maca.cohort.query import CohortParameters

PARAMETERS = CohortParameters(date(2023, 9, 1), date(2023, 12, 31), home_la="840")
FAMILIES = 300  # background families: the planted children are what the profile counts


@dataclass(frozen=True)
class Synthetic:
    data: Path
    truth: Path
    store: Path
    cohort: Path


def build_synthetic(base: Path, fmt: str) -> Synthetic:
    import shutil

    from maca.cohort.finder import run_cohort
    from maca.data.ingest import ingest_folder
    from maca.synth import generate

    data = base / "data"
    generate(data, fmt=fmt, families=FAMILIES)
    truth = base / "truth"
    shutil.move(data / "truth", truth)  # the data folder holds only what an LA would have
    store = base / "store.duckdb"
    ingest_folder(data, store)
    cohort = base / "cohort"
    run_cohort(store, cohort, PARAMETERS, pseudonymise=True)
    return Synthetic(data, truth, store, cohort)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))

"""Shared helpers for the data-in tests."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from maca.data.schema import TABLES

FIXTURES = Path(__file__).parent / "fixtures"


def _shared_samples() -> Path | None:
    """``shared/samples/d2i`` beside the clone (or beside a folder holding the clone)."""
    for folder in Path(__file__).resolve().parents[3:]:
        candidate = folder / "shared" / "samples" / "d2i"
        if candidate.is_dir():
            return candidate
    return None


def _store_contents(store: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return {name: con.execute(f"SELECT * FROM {name}").fetchall() for name in TABLES}
    finally:
        con.close()


@pytest.fixture
def store_contents():
    """Every canonical table's rows of a store, in the store's order."""
    return _store_contents


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def d2i() -> Path:
    folder = _shared_samples()
    if folder is None:
        pytest.skip("../shared/samples/d2i is not here (only on the project's machines)")
    return folder

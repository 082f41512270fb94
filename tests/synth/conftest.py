"""Small synthetic datasets shared by the synth tests (a few hundred background families)."""

from __future__ import annotations

import pytest

from maca.synth import generate

SMALL = 400  # background families: enough for every kind of record, quick to write and check


@pytest.fixture(scope="session")
def ssd_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "ssd"
    generate(out, scale="la", seed=11, families=SMALL)
    return out


@pytest.fixture(scope="session")
def returns_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "returns"
    generate(out, scale="la", seed=11, fmt="returns", families=SMALL)
    return out


@pytest.fixture(scope="session")
def faults_dirs(tmp_path_factory):
    base = tmp_path_factory.mktemp("synth")
    generate(base / "ssd", scale="la", seed=5, families=SMALL, faults=True)
    generate(base / "returns", scale="la", seed=5, fmt="returns", families=SMALL, faults=True)
    return base / "ssd", base / "returns"

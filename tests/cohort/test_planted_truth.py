"""The cohort of ``maca synth`` data equals the planted truth (``maca.synth.compare``)."""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest

from maca.cohort.finder import run_cohort
from maca.cohort.query import CohortParameters
from tests.cohort.ssd_folder import load_ssd_folder

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("maca.synth.generate") is None, reason="maca synth not in this build"
)


@pytest.mark.parametrize("seed", [1, 2])
def test_cohort_of_synthetic_la_equals_planted_truth(tmp_path, seed):
    from maca.synth import generate
    from maca.synth.compare import compare_with_truth

    data = tmp_path / "data"
    generate(data, scale="la", seed=seed, fmt="ssd")
    store = load_ssd_folder(data, tmp_path / "store.duckdb")
    out = tmp_path / "out"
    parameters = CohortParameters(date(2023, 9, 1), date(2023, 12, 31), home_la="840")
    outcome = run_cohort(store, out, parameters)
    assert outcome.scope["children"] > 0
    assert compare_with_truth(out, data / "truth") == []

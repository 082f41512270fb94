"""The demo's data steps: synthetic data run through the real pipeline (ADR 0010).

`make run` (the part-way demo audit, and an earlier audit of the year before with its action
plan) and `maca demo` (the published briefing) both start from the same thing: one council's
synthetic data (`synth`, `la` scale, fixed seed), read by `ingest` into a canonical store, the
First 1001 Days cohort found by `cohort`, pseudonymised, and its profile (`profile`). These are
the steps that need no web app; the web's demos (``maca.web.audits.demo``,
``maca.web.briefings.demo``, ``maca.web.actions.demo``) add the audits, the briefing and the
action plan.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from maca.cohort import CohortParameters, run_cohort
from maca.data.ingest import ingest_folder
from maca.profile import read_cohort_folder, run_profile
from maca.synth import DEFAULT_PERIOD, generate

DEMO_HOME_LA = "840"


@dataclass(frozen=True)
class DemoCohort:
    data_dir: Path
    store: Path
    cohort_dir: Path  # cohort.csv, key.csv, exclusions.csv, scope.json, scope.md
    profile_dir: Path  # profile.json, profile.md, profile.xlsx, charts/

    @property
    def cohort_csv(self) -> Path:
        return self.cohort_dir / "cohort.csv"

    @property
    def key_csv(self) -> Path:
        return self.cohort_dir / "key.csv"

    @property
    def scope_json(self) -> Path:
        return self.cohort_dir / "scope.json"

    @property
    def exclusions_csv(self) -> Path:
        return self.cohort_dir / "exclusions.csv"

    @property
    def profile_json(self) -> Path:
        return self.profile_dir / "profile.json"


def demo_cohort(work: Path, *, seed: int = 1, say=lambda _: None) -> DemoCohort:
    """Synthesise, ingest, find the cohort and profile it under ``work`` (reused when there)."""
    made = DemoCohort(work / "data", work / "store.duckdb", work / "cohort", work / "profile")
    if made.profile_json.exists() and made.scope_json.exists() and made.store.exists():
        return made
    for leftover in (
        made.data_dir,
        made.cohort_dir,
        made.profile_dir,
    ):  # from a run that was interrupted
        shutil.rmtree(leftover, ignore_errors=True)
    made.store.unlink(missing_ok=True)
    say(f"synthetic data (la scale, seed {seed})")
    generate(made.data_dir, scale="la", seed=seed)
    say("ingest into the canonical store")
    ingest_folder(made.data_dir, made.store)
    say("cohort (pseudonymised)")
    period_from, period_to = DEFAULT_PERIOD
    parameters = CohortParameters(
        period_from=period_from, period_to=period_to, home_la=DEMO_HOME_LA
    )
    run_cohort(made.store, made.cohort_dir, parameters, pseudonymise=True)
    say("profile of the cohort")
    run_profile(
        made.store, made.profile_dir, parameters, cohort=read_cohort_folder(made.cohort_dir)
    )
    return made


def period_cohort(made: DemoCohort, period_from: date, period_to: date) -> DemoCohort:
    """The cohort of another period in the same store, by the same rules, and its profile (a
    re-audit's, or the audit a re-audit repeats): folders beside the demo's, reused when there."""
    dates = f"{period_from:%Y-%m-%d}-{period_to:%Y-%m-%d}"
    other = DemoCohort(
        made.data_dir,
        made.store,
        made.cohort_dir.with_name(f"cohort-{dates}"),
        made.profile_dir.with_name(f"profile-{dates}"),
    )
    if other.scope_json.exists() and other.profile_json.exists():
        return other
    for leftover in (other.cohort_dir, other.profile_dir):
        shutil.rmtree(leftover, ignore_errors=True)
    parameters = CohortParameters(
        period_from=period_from, period_to=period_to, home_la=DEMO_HOME_LA
    )
    run_cohort(made.store, other.cohort_dir, parameters, pseudonymise=True)
    run_profile(
        made.store, other.profile_dir, parameters, cohort=read_cohort_folder(other.cohort_dir)
    )
    return other

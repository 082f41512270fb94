"""What ``maca profile`` does: take the cohort's parameters from COHORT_DIR (or --from/--to),
read the store (or DATA_DIR through ingest, as ``maca cohort`` does), profile, write."""

from __future__ import annotations

from pathlib import Path

from maca.cohort.command import home_la_of, parse_date, store_for
from maca.cohort.query import CohortParameters
from maca.profile.build import ProfileOutcome, ProfileProblem, read_cohort_folder, run_profile


def profile_command(
    data_dir: Path | None,
    store: Path | None,
    cohort_dir: Path | None,
    out_dir: Path,
    period: tuple[str, str],
    home_la: str | None,
    threshold: int,
) -> ProfileOutcome:
    """``maca profile``: the profile of the cohort in COHORT_DIR (or of the period given)."""
    if data_dir is None and store is None:
        raise ProfileProblem("give --store STORE (an ingested store), or DATA_DIR")
    cohort = None
    if cohort_dir is not None:
        if any(period) or home_la:
            raise ProfileProblem(
                "give either --cohort COHORT_DIR or --from/--to (the cohort's own parameters "
                "are in its scope.json)"
            )
        cohort = read_cohort_folder(cohort_dir)
        parameters = cohort.parameters
    else:
        if not all(period):
            raise ProfileProblem("give --cohort COHORT_DIR, or the audit period: --from --to")
        parameters = CohortParameters(
            period_from=parse_date(period[0], "--from"),
            period_to=parse_date(period[1], "--to"),
            home_la=home_la or home_la_of(data_dir if data_dir and data_dir.is_dir() else None),
        )
    with store_for(data_dir, store) as (path, inputs):
        return run_profile(
            path, out_dir, parameters, threshold=threshold, cohort=cohort, inputs=inputs
        )

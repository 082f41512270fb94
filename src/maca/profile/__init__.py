"""The cohort profile: what the data tell us about the cohort's children, side by side with the
children who were open to CSC (issue 16). No Django here (the data core).

``profile_store(store, CohortParameters(...))`` (DuckDB), ``profile_postgres`` and
``profile_spark`` give a ``ProfileOutcome`` whose ``document`` is ``profile.json``;
``run_profile`` also writes ``profile.md``, ``profile.xlsx`` and ``charts/*.svg``;
``read_profile(bytes)`` reads a ``profile.json`` back, validated.
"""

from maca.profile.build import (
    ProfileOutcome,
    ProfileProblem,
    profile_postgres,
    profile_spark,
    profile_store,
    read_cohort_folder,
    run_profile,
)
from maca.profile.reader import CohortProfile, ProfileFileError, read_profile

__all__ = [
    "CohortProfile",
    "ProfileFileError",
    "ProfileOutcome",
    "ProfileProblem",
    "profile_postgres",
    "profile_spark",
    "profile_store",
    "read_cohort_folder",
    "read_profile",
    "run_profile",
]

"""The cohort finder: shared/spec/cohort.md's rules as one query, every child explained.

Call ``find_cohort(store, CohortParameters(...))`` for the decisions and scope, or
``run_cohort(store, out_dir, parameters)`` to also write the files the spec names.
"""

from maca.cohort.finder import CohortOutcome, CohortProblem, find_cohort, run_cohort
from maca.cohort.query import CohortParameters

__all__ = ["CohortOutcome", "CohortParameters", "CohortProblem", "find_cohort", "run_cohort"]

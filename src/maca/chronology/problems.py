"""The one exception a caller of the chronology core has to expect."""

from __future__ import annotations

from maca.problems import Problem


class ChronologyProblem(Problem):
    """Something the user can put right (a store or cohort folder that is not there, a name
    kept for system records), told in one readable line. Problems inside a submission are never
    raised: they are rejects with file, row, column and reason."""

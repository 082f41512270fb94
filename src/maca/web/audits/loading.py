"""`maca audit load`: the same cohort load as the browser's upload, from files."""

from __future__ import annotations

from pathlib import Path

from maca.problems import Problem
from maca.web.profiles.services import read_cohort_files

from . import services
from .fetchers import audit_numbered, partnership_user
from .stages import Stage, at_least


class LoadProblem(Problem):
    """An expected problem, told in one line (or one line per file problem)."""


def _read(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as error:
        raise LoadProblem(f"{path}: cannot be read ({error.strerror})") from None


def load_from_files(
    audit_id: int,
    cohort_csv: Path | None,
    key_csv: Path | None = None,
    username: str = "",
    *,
    profile_json: Path | None = None,
    exclusions_csv: Path | None = None,
) -> services.CohortLoad:
    audit = audit_numbered(audit_id)
    if at_least(audit.stage, Stage.MODERATION_OPEN):
        raise LoadProblem(f"audit {audit_id} is past returns; cases can no longer be loaded")
    user = partnership_user(audit, username)
    result = services.load_cohort(
        audit,
        _read(cohort_csv),
        _read(key_csv),
        user,
        cohort_name=cohort_csv.name if cohort_csv else "cohort.csv",
        key_name=key_csv.name if key_csv else "key.csv",
        files=read_cohort_files(
            _read(profile_json),
            _read(exclusions_csv),
            profile_name=profile_json.name if profile_json else "profile.json",
            exclusions_name=exclusions_csv.name if exclusions_csv else "exclusions.csv",
        ),
    )
    if result.problems:
        raise LoadProblem(
            "nothing was loaded:\n  "
            + "\n  ".join(result.problems[:50])
            + (f"\n  … and {len(result.problems) - 50} more" if len(result.problems) > 50 else "")
        )
    return result

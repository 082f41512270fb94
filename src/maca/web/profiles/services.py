"""Every change to an audit's cohort profile and exclusions, each with its trail entry in the
same transaction; and the recorded download.

The cohort upload (``audits.services.load_cohort``) reads the two files with
:func:`read_cohort_files` before its transaction and stores them with :func:`store_cohort_files`
inside it, after the cases: a refusal (:class:`CohortFilesRefused`) undoes the cases too.
The "Upload the cohort profile" page calls the same two for an audit whose cases are already
loaded.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from maca.cohort.exclusions_file import ExclusionsFile as ReadExclusions
from maca.cohort.exclusions_file import read_exclusions
from maca.problems import Problem
from maca.profile import CohortProfile, ProfileFileError, read_profile
from maca.profile.outputs import profile_workbook
from maca.web.audits.models import Audit
from maca.web.trail import log_event
from maca.web.trail.models import Action

from . import matching
from .models import Exclusion, ExclusionsFile, ProfileFile
from .queries import as_profile, current_exclusions_file, current_profile_file, profile_for


@dataclass
class CohortFiles:
    """``profile.json`` and ``exclusions.csv`` as read (validated), before anything is stored."""

    profile: CohortProfile | None = None
    profile_name: str = "profile.json"
    profile_sha256: str = ""
    exclusions: ReadExclusions | None = None
    exclusions_name: str = "exclusions.csv"
    exclusions_sha256: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def given(self) -> bool:
        return self.profile is not None or self.exclusions is not None


@dataclass
class StoredFiles:
    profile: ProfileFile | None = None
    exclusions: ExclusionsFile | None = None
    replaced: list[str] = field(default_factory=list)  # "profile", "exclusions"


def stored_message(stored: StoredFiles) -> str:
    """What was stored, in words, for the page that follows the upload."""
    parts = []
    if stored.profile is not None:
        verb = "replaced" if "profile" in stored.replaced else "stored"
        parts.append(f"The cohort profile is {verb}")
    if stored.exclusions is not None:
        verb = "replaced" if "exclusions" in stored.replaced else "stored"
        rows = stored.exclusions.rows.count()
        parts.append(f"{rows} exclusion{'s' if rows != 1 else ''} {verb}")
    return "; ".join(parts)


class CohortFilesRefused(Problem):
    """The files do not belong to the audit's cohort: nothing is stored (the problems say why)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _name(name: str) -> str:
    return name[:200] or "file"


def read_cohort_files(
    profile: bytes | None,
    exclusions: bytes | None,
    *,
    profile_name: str = "profile.json",
    exclusions_name: str = "exclusions.csv",
) -> CohortFiles:
    """Both files read by the core's bounded, validated readers; problems by file and row."""
    files = CohortFiles(profile_name=_name(profile_name), exclusions_name=_name(exclusions_name))
    if profile is not None:
        try:
            files.profile = read_profile(profile)
        except ProfileFileError as problem:
            # The reader names the file profile.json; say the name it was uploaded as.
            files.problems.append(str(problem).replace("profile.json", files.profile_name, 1))
        files.profile_sha256 = hashlib.sha256(profile).hexdigest()
    if exclusions is not None:
        parsed = read_exclusions(exclusions, files.exclusions_name)
        files.problems += parsed.problems
        if not parsed.problems:
            files.exclusions = parsed
        files.exclusions_sha256 = hashlib.sha256(exclusions).hexdigest()
    return files


def _replace(current, now) -> bool:
    if current is None:
        return False
    current.replaced_at = now
    current.save(update_fields=["replaced_at"])
    return True


def _summary(what: str, name: str, sha256: str, replaced: bool, extra: str = "") -> str:
    verb = "Replaced" if replaced else "Stored"
    return f"{verb} the {what} from {name}{extra} (sha256 {sha256[:12]})"


@transaction.atomic
def store_cohort_files(audit: Audit, files: CohortFiles, user, *, request=None) -> StoredFiles:
    """Store what ``files`` holds for ``audit``, replacing the current ones (kept, marked), after
    checking they are of the audit's cohort as it now is. Raises :class:`CohortFilesRefused`."""
    stored = StoredFiles()
    if files.problems:
        raise CohortFilesRefused(files.problems)
    problems: list[str] = []
    if files.profile is not None:
        problems += matching.profile_mismatches(audit, files.profile, files.profile_name)
    if files.exclusions is not None:
        profile = files.profile or profile_for(audit)
        problems += matching.exclusions_mismatches(
            profile,
            matching.cohort_period(audit, profile),
            files.exclusions.rows,
            files.exclusions_name,
        )
    if problems:
        raise CohortFilesRefused(problems)
    now = timezone.now()
    actor = user if getattr(user, "is_authenticated", False) else None
    if files.profile is not None:
        replaced = _replace(current_profile_file(audit), now)
        stored.profile = ProfileFile.objects.create(
            audit=audit,
            document=files.profile.document,
            file_name=files.profile_name,
            sha256=files.profile_sha256,
            uploaded_by=actor,
            uploaded_at=now,
        )
        if replaced:
            stored.replaced.append("profile")
        log_event(
            user,
            Action.CHANGE if replaced else Action.CREATE,
            obj=stored.profile,
            request=request,
            summary=_summary("cohort profile", files.profile_name, files.profile_sha256, replaced),
        )
    if files.exclusions is not None:
        replaced = _replace(current_exclusions_file(audit), now)
        stored.exclusions = ExclusionsFile.objects.create(
            audit=audit,
            file_name=files.exclusions_name,
            sha256=files.exclusions_sha256,
            uploaded_by=actor,
            uploaded_at=now,
        )
        Exclusion.objects.bulk_create(
            [Exclusion.from_row(stored.exclusions, row) for row in files.exclusions.rows],
            batch_size=1000,
        )
        if replaced:
            stored.replaced.append("exclusions")
        rows = len(files.exclusions.rows)
        log_event(
            user,
            Action.CHANGE if replaced else Action.CREATE,
            obj=stored.exclusions,
            request=request,
            summary=_summary(
                "exclusions",
                files.exclusions_name,
                files.exclusions_sha256,
                replaced,
                f", {rows} row{'s' if rows != 1 else ''}",
            ),
        )
    return stored


def profile_xlsx(audit: Audit, stored: ProfileFile, user, *, request=None) -> bytes:
    """The profile as the core's workbook, recorded in the trail as an export."""
    buffer = io.BytesIO()
    profile_workbook(as_profile(stored), buffer)
    log_event(
        user,
        Action.EXPORT,
        obj=stored,
        request=request,
        summary=f"Cohort profile as XLSX (suppressed, aggregate) for A{audit.pk}",
    )
    return buffer.getvalue()

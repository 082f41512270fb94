"""What the ``maca chronology`` commands do beyond the core: files in, files out.

``merge`` reads agencies' files (each file's agency from ``--agency``, in the order of the files,
or else from its name: ``health-visiting.xlsx`` is "Health visiting", ``system-records.csv`` the
system records from ``maca chronology extract``), merges them into one timeline per family
(or per case with no known family) and writes ``timeline.csv``, ``timeline.html`` and
``rejects.csv`` (and, when asked, ``timeline.xlsx`` and ``timeline.docx``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from maca.chronology.exports import export_csv, export_docx, export_xlsx
from maca.chronology.page import render_page
from maca.chronology.problems import ChronologyProblem
from maca.chronology.submission import Submission, read_submission
from maca.chronology.timeline import CaseFacts, Parameters, Timeline, timelines
from maca.data.report import PROBLEM_COLUMNS, Problem

READABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


@dataclass
class MergeResult:
    submissions: list[Submission]
    timelines: list[Timeline]
    written: list[Path] = field(default_factory=list)

    @property
    def rejects(self) -> list[Problem]:
        return [p for s in self.submissions for p in s.rejects]

    @property
    def entries(self) -> int:
        return sum(len(s.entries) for s in self.submissions)


def agency_from_filename(path: Path) -> str:
    """``health-visiting.xlsx`` -> ``Health visiting``; a name with capitals stays as written."""
    words = " ".join(path.stem.replace("_", " ").replace("-", " ").split())
    if not words:
        raise ChronologyProblem(f"{path}: give its agency with --agency NAME")
    return words[0].upper() + words[1:] if words.islower() else words


def agencies_for(files: Sequence[Path], given: Sequence[str]) -> list[str]:
    if len(given) > len(files):
        raise ChronologyProblem(
            f"{len(given)} --agency names for {len(files)} files: give one name per file, "
            "in the order of the files"
        )
    return [*given, *(agency_from_filename(p) for p in files[len(given) :])]


def _check_file(path: Path) -> bytes:
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ChronologyProblem(f"{path}: an old Excel file (.xls); save it as .xlsx or CSV")
    if suffix not in READABLE_SUFFIXES:
        raise ChronologyProblem(f"{path}: not a CSV or Excel file (.csv or .xlsx)")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ChronologyProblem(f"{path}: no such file") from None
    except OSError as error:
        raise ChronologyProblem(f"{path}: cannot be read ({error.strerror or error})") from None


def cohort_cases(cohort_dir: Path) -> list[CaseFacts]:
    """Case facts from a cohort folder's cohort.csv (family, removal date, date of birth
    from ``age_days``); no person ids are needed."""
    path = cohort_dir / "cohort.csv"
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ChronologyProblem(f"{path}: no such file (run `maca cohort` first)") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ChronologyProblem(f"{path}: cannot be read ({error})") from None
    cases = []
    for row in rows:
        try:
            removal = dt.date.fromisoformat(row["removal_date"])
            born = removal - dt.timedelta(days=int(row["age_days"]))
            cases.append(CaseFacts(row["case_ref"], row["family_ref"], removal, born))
        except (KeyError, ValueError):
            raise ChronologyProblem(
                f"{path}: not a cohort.csv of `maca cohort` (case_ref, family_ref, "
                "removal_date, age_days)"
            ) from None
    return cases


def merge_files(
    files: Sequence[Path],
    agencies: Sequence[str] = (),
    *,
    cohort_dir: Path | None = None,
    parameters: Parameters | None = None,
) -> MergeResult:
    """Read and merge the files (nothing is written)."""
    if not files:
        raise ChronologyProblem("give the files to merge: maca chronology merge FILE... --out DIR")
    names = agencies_for(files, agencies)
    cases = cohort_cases(cohort_dir) if cohort_dir else []
    case_refs = {c.case_ref for c in cases} if cases else None
    contents = [_check_file(path) for path in files]
    submissions = [
        read_submission(data, path.name, agency, case_refs=case_refs)
        for path, data, agency in zip(files, contents, names, strict=True)
    ]
    entries = [e for s in submissions for e in s.entries]
    merged = timelines(entries, cases, parameters=parameters or Parameters())
    return MergeResult(submissions, merged)


def rejects_csv(rejects: Sequence[Problem]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(PROBLEM_COLUMNS)
    writer.writerows((p.file, p.row, p.column, p.value, p.reason) for p in rejects)
    return buffer.getvalue().encode("utf-8-sig")


def summary_lines(result: MergeResult) -> list[str]:
    files = len(result.submissions)
    agencies = sorted({e.agency for s in result.submissions for e in s.entries}, key=str.casefold)
    lines = [
        f"{_count(result.entries, 'entry', 'entries')} from {_count(files, 'file')} "
        f"({'; '.join(agencies) or 'no agency'}), in {_count(len(result.timelines), 'timeline')}."
    ]
    rejected = sum(s.rows_rejected for s in result.submissions)
    if result.rejects:
        lines.append(
            f"{_count(rejected, 'row')} not read ({_count(len(result.rejects), 'problem')}): "
            "each is in rejects.csv with its file, row, column and reason."
        )
    for submission in result.submissions:
        lines += [f"{submission.file}: {note}." for note in submission.notes]
    return lines


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def write_merge(
    result: MergeResult, out_dir: Path, *, xlsx: bool = False, docx: bool = False
) -> list[Path]:
    """Write the merge's files into ``out_dir`` (created if need be)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        files = {
            "timeline.csv": export_csv(result.timelines),
            "timeline.html": render_page(result.timelines, summary=summary_lines(result)).encode(
                "utf-8"
            ),
            "rejects.csv": rejects_csv(result.rejects),
        }
        if xlsx:
            files["timeline.xlsx"] = export_xlsx(result.timelines)
        if docx:
            files["timeline.docx"] = export_docx(result.timelines)
        for name, content in files.items():
            (out_dir / name).write_bytes(content)
    except OSError as error:
        raise ChronologyProblem(f"cannot write to {out_dir}: {error.strerror or error}") from None
    result.written = [out_dir / name for name in files]
    return result.written

"""Build a briefing's four files, and publish only when the disclosure check passes.

:func:`preview` writes draft files whatever the check finds (marked as drafts) and returns the
report for the author to work through; :func:`publish` refuses with :class:`DisclosureError`
listing every finding, and otherwise writes the files and ``publication.json``: who published,
when, a hash of every file and the small-number decisions, so that each published version can be
kept and traced.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from maca.briefing.content import Prepared, prepare
from maca.briefing.disclosure import DisclosureError, DisclosureReport, Identifier, check
from maca.briefing.model import Briefing
from maca.briefing.render import render_html, render_pdf
from maca.briefing.seven_minute import render_seven_minute_pdf
from maca.briefing.word import render_docx
from maca.output_folder import written_whole

FILES = ("briefing.html", "briefing.pdf", "briefing.docx", "seven-minute-briefing.pdf")


@dataclass
class BuiltBriefing:
    out_dir: Path
    report: DisclosureReport
    draft: bool
    checked: bool = False  # the footer's promise is printed (the check passed)
    files: dict[str, Path] = field(default_factory=dict)
    published_by: str = ""
    published_at: str = ""

    def record(self) -> dict:
        return {
            "published_by": self.published_by,
            "published_at": self.published_at,
            "files": {name: _sha256(path) for name, path in self.files.items()},
            "small_numbers": [
                {"key": n.key, "value": n.value, "decision": n.decision}
                for n in self.report.small_numbers
            ],
        }


def preview(
    briefing: Briefing, out_dir: Path, identifiers: Iterable[Identifier | str] = ()
) -> BuiltBriefing:
    """Draft files, written even when the check fails; the report says what to fix."""
    prepared = prepare(briefing)
    report = check(prepared, identifiers)
    built = BuiltBriefing(Path(out_dir), report, draft=True)
    with written_whole(built.out_dir) as staging:
        _write(prepared, built, staging)
    return _moved_in(built)


def publish(
    briefing: Briefing,
    out_dir: Path,
    identifiers: Iterable[Identifier | str] = (),
    published_by: str = "",
    now: datetime | None = None,
    *,
    promise: bool = True,
) -> BuiltBriefing:
    """Write the published files, or raise :class:`DisclosureError` and write nothing.

    The footer promises that the briefing holds nothing identifying only when the check passed
    and ``promise`` is true: a caller with checks of its own (the web app's confirmation that a
    person read every passage) passes whether they passed too."""
    prepared = prepare(briefing)
    report = check(prepared, identifiers)
    if not report.passed:
        raise DisclosureError(report)
    built = BuiltBriefing(
        Path(out_dir), report, draft=False, checked=promise, published_by=published_by
    )
    built.published_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    with written_whole(built.out_dir) as staging:
        _write(prepared, built, staging)
        record = staging / "publication.json"
        record.write_text(json.dumps(built.record(), indent=2) + "\n", encoding="utf-8")
    return _moved_in(built)


def _write(prepared: Prepared, built: BuiltBriefing, out: Path) -> None:
    """Every file into ``out``, a staging folder (:func:`_moved_in` names the final places)."""
    draft, checked = built.draft, built.checked and not built.draft
    html = out / "briefing.html"
    html.write_text(render_html(prepared, draft=draft, checked=checked), encoding="utf-8")
    built.files = {
        "briefing.html": html,
        "briefing.pdf": render_pdf(prepared, out / "briefing.pdf", draft=draft, checked=checked),
        "briefing.docx": render_docx(prepared, out / "briefing.docx", draft=draft, checked=checked),
        "seven-minute-briefing.pdf": render_seven_minute_pdf(
            prepared, out / "seven-minute-briefing.pdf", draft=draft
        ),
    }


def _moved_in(built: BuiltBriefing) -> BuiltBriefing:
    built.files = {name: built.out_dir / name for name in built.files}
    return built


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

"""What `maca briefing --audit` and `maca demo` do, behind their thin command-line shells."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from maca.problems import Problem


class CommandProblem(Problem):
    """An expected problem, told in one line."""


def briefing_for_audit(audit_id: int, out: Path, *, draft: bool = False, by: str = "") -> str:
    """Publish (or with ``draft`` preview) the audit's briefing into ``out``; a line to print."""
    from maca.web.serve import setup_django

    setup_django()
    from maca.briefing import preview
    from maca.web.audits.fetchers import audit_numbered, partnership_user
    from maca.web.audits.stages import Stage, at_least

    from . import services
    from .build import build_briefing

    audit = audit_numbered(audit_id)
    user = partnership_user(audit, by)
    try:
        if draft:
            built = preview(build_briefing(audit).briefing, out, services.audit_identifiers(audit))
            problems = built.report.problems()
            return f"draft briefing of A{audit_id} written to {out}" + "".join(
                f"\nfix before publishing: {p}" for p in problems
            )
        if not at_least(audit.stage, Stage.FINDINGS_AGREED):
            raise CommandProblem(
                f"audit {audit_id} has not agreed its findings yet; use --draft for a preview"
            )
        if user is None or not user.has_perm("briefings.publish_briefing", audit):
            raise CommandProblem("publishing needs --by USERNAME of the audit's business team")
        version = services.publish_audit(audit, user)
        services.write_version(version, out)
    except OSError as error:
        raise CommandProblem(f"cannot write the briefing to {out}: {error.strerror}") from None
    return f"version {version.version} of the briefing of A{audit_id} published to {out}"


@contextmanager
def _throwaway_database(work: Path):
    """A fresh SQLite database under ``work`` for this process only."""
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'demo.sqlite3'}"
    os.environ.setdefault("MACA_HOME", str(work))
    os.environ.setdefault("MACA_SECRET_KEY", secrets.token_urlsafe(50))
    yield


def demo(
    out: Path,
    *,
    seed: int = 1,
    work: Path | None = None,
    configured_database: bool = False,
    say: Callable[[str], None] = lambda _: None,
):
    """The whole pipeline on synthetic data; returns :class:`demo.DemoResult`."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CommandProblem(f"{out}: give a new or empty folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandProblem(f"cannot create {out}: {error.strerror}") from None
    with tempfile.TemporaryDirectory(prefix="maca-demo-") as scratch:
        folder = Path(work) if work else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if any(folder.iterdir()) and work:
            raise CommandProblem(f"{folder}: give a new or empty folder for --work")
        if not configured_database:
            with _throwaway_database(folder):
                return _run(out, folder, seed, say)
        return _run(out, folder, seed, say)


def _run(out: Path, folder: Path, seed: int, say):
    from maca.web.serve import setup_django

    setup_django()
    from django.core.management import call_command

    say("database")
    call_command("migrate", interactive=False, verbosity=0)
    from .demo import run_demo

    return run_demo(out, folder, seed=seed, say=say)

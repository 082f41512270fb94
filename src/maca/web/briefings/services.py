"""What the briefing pages do, each change with its audit trail entry in one transaction: save
the narrative, store scope.json, record small-number decisions, check, and publish a new
version; and the record of each download."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from maca.briefing import (
    DisclosureError,
    DisclosureReport,
    Identifier,
    check,
    identifiers_from_store,
    prepare,
    publish,
)
from maca.briefing.render import render_html
from maca.output_folder import written_whole
from maca.problems import Problem
from maca.web.audits.models import Audit
from maca.web.trail import log_event
from maca.web.trail.models import Action

from .build import Built, build_briefing, draft_for
from .models import BriefingDraft, PublishedBriefing, SmallNumberDecision


class StoreProblem(Problem):
    """The configured canonical store cannot be read for identifiers."""


def audit_identifiers(audit: Audit, store: str | Path | None = None) -> set[Identifier]:
    """The audit's person ids, and from the canonical store (``store``, else the configured
    ``MACA_STORE``, if any) the names, dates of birth, postcodes, family and police references
    of those children and their families."""
    person_ids = [p for p in audit.cases.values_list("person_id", flat=True) if p]
    found = {Identifier("person_id", p) for p in person_ids}
    path = str(store or settings.MACA_STORE)
    if path and person_ids:
        import duckdb

        try:
            with duckdb.connect(path, read_only=True) as connection:
                found |= identifiers_from_store(connection, person_ids)
        except duckdb.Error as error:
            raise StoreProblem(
                f"the store {Path(path).name} cannot be read for identifiers "
                f"({type(error).__name__}); publishing needs it"
            ) from None
    return found


def check_audit(
    audit: Audit, built: Built | None = None, *, store: str | Path | None = None
) -> tuple[Built, DisclosureReport]:
    built = built or build_briefing(audit)
    return built, check(prepare(built.briefing), audit_identifiers(audit, store))


def preview_html(built: Built) -> str:
    return render_html(prepare(built.briefing), draft=True)


@transaction.atomic
def save_draft(draft: BriefingDraft, user, request=None, **fields) -> None:
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.updated_by = user if getattr(user, "is_authenticated", False) else None
    draft.updated_at = timezone.now()
    draft.save()
    log_event(user, Action.CHANGE, obj=draft, request=request, summary="Edited the narrative")


@transaction.atomic
def store_scope(draft: BriefingDraft, scope: dict, file_name: str, user, request=None) -> None:
    draft.scope_json = scope
    draft.scope_file_name = file_name[:200]
    draft.scope_uploaded_by = user if getattr(user, "is_authenticated", False) else None
    draft.scope_uploaded_at = timezone.now()
    draft.save()
    log_event(
        user, Action.CHANGE, obj=draft, request=request, summary=f"Stored scope from {file_name}"
    )


@transaction.atomic
def record_decisions(
    draft: BriefingDraft, choices: dict[str, tuple[int, str]], user, request=None
) -> int:
    """Record each changed choice (key → (value, choice)) with who and when."""
    from .build import decisions

    current = decisions(draft)
    recorded = 0
    for key, (value, choice) in choices.items():
        if current.get(key) == choice:
            continue
        decision = SmallNumberDecision.objects.create(
            draft=draft,
            key=key,
            value=value,
            choice=choice,
            decided_by=user if getattr(user, "is_authenticated", False) else None,
            decided_by_name=getattr(user, "username", "") or str(user or ""),
        )
        log_event(
            user,
            Action.CHANGE,
            obj=decision,
            request=request,
            summary=f"Small number {'confirmed' if choice == 'confirm' else 'suppressed'}",
        )
        recorded += 1
    return recorded


def publish_audit(
    audit: Audit,
    user,
    published_by_name: str = "",
    request=None,
    *,
    store: str | Path | None = None,
) -> PublishedBriefing:
    """Check and publish a new version; raises DisclosureError (and keeps nothing) if refused."""
    draft = draft_for(audit)
    built = build_briefing(audit, draft)
    identifiers = audit_identifiers(audit, store)
    name = published_by_name or getattr(user, "username", "") or "maca"
    with tempfile.TemporaryDirectory(prefix="maca-briefing-") as scratch:
        result = publish(built.briefing, Path(scratch), identifiers, published_by=name)
        files = {key: path.read_bytes() for key, path in result.files.items()}
        record = result.record()
    with transaction.atomic():
        # Two authors publishing at once get consecutive versions, not the same one.
        Audit.objects.select_for_update().filter(pk=audit.pk).first()
        latest = PublishedBriefing.objects.filter(audit=audit).aggregate(n=Max("version"))["n"]
        version = PublishedBriefing.objects.create(
            audit=audit,
            version=(latest or 0) + 1,
            title=f"{built.briefing.priority}: {built.briefing.title}",
            published_by=user if getattr(user, "is_authenticated", False) else None,
            published_by_name=name,
            html=files["briefing.html"].decode("utf-8"),
            pdf=files["briefing.pdf"],
            docx=files["briefing.docx"],
            seven_minute_pdf=files["seven-minute-briefing.pdf"],
            record=record,
            source=json.loads(json.dumps(built.briefing.to_dict(), default=str)),
        )
        log_event(
            user,
            Action.PUBLISH,
            obj=version,
            request=request,
            summary=f"Published the learning briefing, version {version.version}",
            partnership=audit.partnership,
        )
    return version


FILES = {
    "briefing.html": ("html", "text/html; charset=utf-8"),
    "briefing.pdf": ("pdf", "application/pdf"),
    "briefing.docx": (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "seven-minute-briefing.pdf": ("seven_minute_pdf", "application/pdf"),
}


def file_bytes(version: PublishedBriefing, name: str) -> bytes:
    value = getattr(version, FILES[name][0])
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def record_download(version: PublishedBriefing, name: str, user, request=None) -> None:
    log_event(
        user,
        Action.EXPORT,
        obj=version,
        request=request,
        summary=f"Downloaded {name} of the published briefing",
    )


def write_version(version: PublishedBriefing, out_dir: Path) -> list[Path]:
    """The four files of a published version (and publication.json) into a folder, all whole or
    none (maca.output_folder)."""
    with written_whole(out_dir) as staging:
        for name in FILES:
            (staging / name).write_bytes(file_bytes(version, name))
        record = {**version.record, "version": version.version, "audit": version.audit.trail_ref}
        (staging / "publication.json").write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    return [out_dir / name for name in FILES]


__all__ = [
    "DisclosureError",
    "StoreProblem",
    "audit_identifiers",
    "check_audit",
    "publish_audit",
    "record_decisions",
    "record_download",
    "save_draft",
    "store_scope",
    "write_version",
]

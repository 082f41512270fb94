"""What the briefing pages do, each change with its audit trail entry in one transaction: save
the narrative, store scope.json, record small-number decisions, confirm that passages were read
for identifying details, change a passage where it is, check, publish a new version and
withdraw one; and the record of each download."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from maca.briefing import DisclosureError, DisclosureReport, check, prepare, publish
from maca.briefing.disclosure import KnownIdentifiers
from maca.briefing.render import render_html
from maca.output_folder import written_whole
from maca.problems import Problem
from maca.web.audits import services as audit_services
from maca.web.audits.models import Audit, FamilyVoice, Finding
from maca.web.trail import log_event
from maca.web.trail.models import Action

from . import passages as passage_list
from .build import Built, build_briefing, check_buildable, draft_for
from .guard import StoreProblem, audit_identifiers
from .models import BriefingDraft, PassageConfirmation, PublishedBriefing, SmallNumberDecision
from .passages import Passage, ReadPassage, Refusal


class PublishRefused(Problem):
    """Publishing refused: what to put right, in words, each with the page to do it on."""

    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__(
            f"publishing refused: {len(refusals)} thing(s) to put right first:\n  - "
            + "\n  - ".join(r.text for r in refusals)
        )


class PassageProblem(Problem):
    """A change to a passage that cannot be made as asked (gone, or changed meanwhile)."""


def check_audit(
    audit: Audit, built: Built | None = None, *, store: str | Path | None = None
) -> tuple[Built, DisclosureReport]:
    built = built or build_briefing(audit)
    return built, check(prepare(built.briefing), audit_identifiers(audit, store))


def preview_html(built: Built) -> str:
    return render_html(prepare(built.briefing), draft=True)


@transaction.atomic
def save_draft(
    draft: BriefingDraft, user, request=None, *, summary: str = "Edited the narrative", **fields
) -> None:
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.updated_by = _person(user)
    draft.updated_at = timezone.now()
    draft.save()
    log_event(user, Action.CHANGE, obj=draft, request=request, summary=summary)


def _person(user):
    return user if getattr(user, "is_authenticated", False) else None


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
    """Check and publish a new version. Refused, keeping nothing, with :class:`PublishRefused`
    until every passage of the briefing is free of identifying details and confirmed as read by
    a person and every small number is decided; the core's check of the whole briefing then
    runs again (:class:`DisclosureError`)."""
    draft = draft_for(audit)
    built = build_briefing(audit, draft)
    problems = check_buildable(built)
    if problems:
        raise PublishRefused([Refusal(p, "") for p in problems])
    identifiers = audit_identifiers(audit, store)
    known = KnownIdentifiers(identifiers)
    reading = passage_list.read_passages(audit, draft, known=known, store=store)
    report = check(prepare(built.briefing), known)
    refusals = passage_list.refusals(audit, reading, report.small_numbers, report)
    if refusals:
        raise PublishRefused(refusals)
    name = published_by_name or getattr(user, "username", "") or "maca"
    with tempfile.TemporaryDirectory(prefix="maca-briefing-") as scratch:
        # The footer's promise: the check passed and a person read every passage.
        result = publish(
            built.briefing,
            Path(scratch),
            identifiers,
            published_by=name,
            promise=reading.briefing_ready,
        )
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
            published_by=_person(user),
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


@transaction.atomic
def withdraw_version(version: PublishedBriefing, user, *, reason: str, request=None) -> bool:
    """Withdraw a published version: kept in the history with who, when and why, but no longer
    offered to anyone outside the business team. False if it was withdrawn already."""
    updated = PublishedBriefing.objects.filter(pk=version.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(),
        withdrawn_by=_person(user),
        withdrawn_by_name=getattr(user, "username", "") or str(user or ""),
        withdrawal_reason=reason,
    )
    if updated:
        version.refresh_from_db(fields=["withdrawn_at", "withdrawn_by", "withdrawn_by_name",
                                        "withdrawal_reason"])  # fmt: skip
        log_event(
            user,
            Action.CHANGE,
            obj=version,
            request=request,
            summary=f"Withdrew version {version.version} of the learning briefing "
            "(the reason is kept with the version)",
        )
    return bool(updated)


@transaction.atomic
def confirm_passages(
    audit: Audit, reads: list[ReadPassage], user, *, request=None, all_shown: bool = False
) -> int:
    """Record that the user read each of these passages for identifying details (each text
    once; none with a finding). Returns how many were recorded."""
    name = getattr(user, "username", "") or str(user or "")
    recorded = 0
    for read in reads:
        if read.findings:
            raise PassageProblem(f"{read.passage.where}: has identifying details to change first")
        _, made = PassageConfirmation.objects.get_or_create(
            audit=audit,
            fingerprint=read.passage.fingerprint,
            defaults={
                "where": read.passage.where[:200],
                "confirmed_by": _person(user),
                "confirmed_by_name": name,
            },
        )
        recorded += made
    if recorded:
        log_event(
            user,
            Action.CHANGE,
            object_type="passage confirmation",
            object_ref=f"passages of A{audit.pk}",
            request=request,
            partnership=audit.partnership,
            summary=f"Confirmed {recorded} passage{'s' if recorded != 1 else ''} as read for "
            f"identifying details{' (all shown with nothing found)' if all_shown else ''}",
        )
    return recorded


@transaction.atomic
def fix_passage(audit: Audit, key: str, text: str, shown: str, user, *, request=None) -> Passage:
    """Change one passage where it is, through the service of the record that holds it: the
    draft's (:func:`save_draft`), or the audit's for a finding, a family view or the question
    (``audits.services.correct_text``). ``shown`` is the fingerprint of the text the author
    changed: if it has changed since, nothing is changed."""
    draft = draft_for(audit)
    passage = passage_list.passage_at(audit, draft, key)
    if passage is None:
        raise PassageProblem("This passage is no longer in the briefing or the findings summary")
    if passage.fingerprint != shown:
        raise PassageProblem(
            f"{passage.where}: it was changed by someone else since you read it; read it again"
        )
    kind, _, rest = key.partition(".")
    if kind == "draft":
        save_draft(
            draft,
            user,
            request,
            summary=f"Changed a passage ({passage.where}) to take out identifying details",
            **passage_list.draft_change(draft, key, text),
        )
        return passage
    record: Audit | Finding | FamilyVoice
    if kind == "audit":
        record, name = audit, rest
    else:
        pk, _, name = rest.partition(".")
        if kind == "finding":
            record = Finding.objects.get(pk=pk, case__audit=audit)
        else:
            record = FamilyVoice.objects.get(pk=pk, audit=audit)
    audit_services.correct_text(record, name, text.strip(), user, request=request)
    return passage


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
        summary=f"Downloaded {name} of the published briefing"
        + (" (withdrawn)" if version.withdrawn else ""),
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
    "DisclosureReport",
    "PassageProblem",
    "PublishRefused",
    "StoreProblem",
    "audit_identifiers",
    "check_audit",
    "confirm_passages",
    "fix_passage",
    "publish_audit",
    "record_decisions",
    "record_download",
    "save_draft",
    "store_scope",
    "withdraw_version",
    "write_version",
]

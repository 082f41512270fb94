"""Putting a mistake right, each correction a service like every other write (one transaction
with its trail entry), and each recorded as a :class:`Correction`: who, when, why, and what the
record said before.

- A whole upload undone: before returns open its cases are removed; afterwards they are withdrawn
  (returns are never deleted once they could hold work). Person ids the upload added are cleared.
- A case removed (before returns open) or withdrawn with a reason (afterwards): a withdrawn case
  leaves counts, lists and the briefing but stays visible, marked withdrawn.
- The commissioning details edited; chronology entries, findings and family views edited or
  deleted while they are editable (``rules.py`` says when).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from maca.web.common.words import plural
from maca.web.trail import log_event
from maca.web.trail.models import Action

from .models import (
    CHRONOLOGY_FIELDS,
    COMMISSIONING_FIELDS,
    FAMILY_VOICE_FIELDS,
    FINDING_FIELDS,
    Audit,
    Case,
    ChronologyEntry,
    CohortUpload,
    Correction,
    FamilyVoice,
    Finding,
    SingleAgencyReturn,
)
from .stages import Stage

# What a correction keeps of each record as it was (never the person id).
AUDIT_FIELDS = COMMISSIONING_FIELDS
CASE_FIELDS = ("case_ref", "family_ref", "removal_date", "removal_kind", "added_by_hand")
ENTRY_FIELDS = CHRONOLOGY_FIELDS
VOICE_FIELDS = FAMILY_VOICE_FIELDS


class NotAllowed(Exception):
    """A correction the record's state no longer allows (the page checked, then it changed)."""


def _value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def stored(obj):
    """The record as the database holds it (a model form has already changed ``obj``)."""
    return type(obj)._default_manager.get(pk=obj.pk)


def snapshot(obj, names) -> dict:
    """The named fields of a record as plain values (many-to-many as lists of names)."""
    out = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            out[name] = sorted(str(o) for o in getattr(obj, name).all())
        else:
            out[name] = _value(getattr(obj, name))
    return out


def _record(
    audit: Audit,
    obj,
    user,
    *,
    change: str,
    reason: str,
    before: dict,
    action: str = Action.CHANGE,
    request=None,
) -> Correction:
    """The correction and its trail entry (call before a deletion: the record's name is read)."""
    correction = Correction.objects.create(
        audit=audit,
        object_type=obj._meta.verbose_name[:60],
        object_ref=str(obj.trail_ref)[:100],
        change=change[:200],
        reason=reason,
        before=before,
        made_by=user if getattr(user, "is_authenticated", False) else None,
    )
    log_event(
        user,
        action,
        obj=obj,
        request=request,
        summary=f"{change} (correction {correction.pk}: why is recorded with it)",
        partnership=audit.partnership,
    )
    return correction


# Cases and uploads.


def removable(case: Case) -> bool:
    """Before returns open a case can go altogether, unless a safeguarding concern was
    escalated about it (that record stays, so the case does)."""
    return case.audit.stage == Stage.COMMISSIONED and not case.escalations.exists()


def _drop_case(case: Case, user, reason: str, *, change: str, request=None) -> None:
    _record(
        case.audit,
        case,
        user,
        change=change,
        reason=reason,
        before=snapshot(case, CASE_FIELDS),
        action=Action.DELETE,
        request=request,
    )
    case.delete()  # its assignments and their (empty) returns go with it


def _withdraw(case: Case, user, reason: str) -> None:
    case.withdrawn_at, case.withdrawn_by, case.withdrawal_reason = timezone.now(), user, reason
    case.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])


@transaction.atomic
def remove_case(case: Case, user, *, reason: str, request=None) -> None:
    if not removable(case):
        raise NotAllowed("the case can no longer be removed: withdraw it instead")
    _drop_case(case, user, reason, change=f"Removed case {case.case_ref}", request=request)


@transaction.atomic
def withdraw_case(case: Case, user, *, reason: str, request=None) -> None:
    """The case leaves the audit's counts, lists and briefing; its returns stay as they are."""
    if case.withdrawn:
        raise NotAllowed("the case is withdrawn already")
    _withdraw(case, user, reason)
    _record(
        case.audit,
        case,
        user,
        change=f"Withdrew case {case.case_ref}",
        reason=reason,
        before=snapshot(case, CASE_FIELDS),
        request=request,
    )


@transaction.atomic
def undo_upload(upload: CohortUpload, user, *, reason: str, request=None) -> str:
    """Undo an upload as a whole; what was done, in words."""
    upload = CohortUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.undone_at is not None:
        raise NotAllowed("the upload was undone already")
    audit = upload.audit
    removed = withdrawn = 0
    for case in upload.cases.select_related("audit").order_by("case_ref"):
        if removable(case):
            _drop_case(case, user, reason, change=f"Removed case {case.case_ref}", request=request)
            removed += 1
        elif not case.withdrawn:
            _withdraw(case, user, reason)
            withdrawn += 1
    cleared = (
        Case.objects.filter(pk__in=upload.identified_cases)
        .exclude(person_id="")
        .update(person_id="", person_id_index="")  # blank is stored blank, and so is its index
    )
    parts = []
    if removed:
        parts.append(f"{plural(removed, 'case')} removed")
    if withdrawn:
        parts.append(f"{plural(withdrawn, 'case')} withdrawn")
    if cleared:
        parts.append(f"person ids cleared from {plural(cleared, 'case')}")
    done = "; ".join(parts) or "nothing left to undo"
    upload.undone_at, upload.undone_by, upload.undo_reason = timezone.now(), user, reason
    upload.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    _record(
        audit,
        upload,
        user,
        change=f"Undid the upload of {upload.cohort_name or upload.key_name}: {done}",
        reason=reason,
        before={
            "cases_created": upload.cases_created,
            "cases_identified": len(upload.identified_cases),
        },
        request=request,
    )
    return done


# The commissioning details.


@transaction.atomic
def edit_audit(audit: Audit, user, *, reason: str, request=None, **fields) -> list[str]:
    """Change the commissioning details; the names of the fields that changed."""
    before = snapshot(stored(audit), AUDIT_FIELDS)
    for name, value in fields.items():
        setattr(audit, name, value)
    after = snapshot(audit, AUDIT_FIELDS)
    changed = [name for name in AUDIT_FIELDS if before[name] != after[name]]
    if not changed:
        return []
    audit.save(update_fields=changed)
    if "tool_version" in changed:
        # Only possible while commissioned: the returns asked for so far are still empty.
        SingleAgencyReturn.objects.filter(
            assignment__case__audit=audit, version=0, answers={}
        ).update(tool_version=audit.tool_version)
    labels = [str(getattr(Audit._meta.get_field(n), "verbose_name", n)) for n in changed]
    _record(
        audit,
        audit,
        user,
        change="Changed the commissioning details: " + ", ".join(labels),
        reason=reason,
        before={n: before[n] for n in changed},
        request=request,
    )
    return changed


# Chronology entries, findings and family views.


def _edit(obj, audit: Audit, user, names, *, change, reason, request, fields, m2m=None) -> None:
    before = snapshot(stored(obj), names)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    _record(audit, obj, user, change=change, reason=reason, before=before, request=request)


def _delete(obj, audit: Audit, user, names, *, change, reason, request) -> None:
    before = snapshot(obj, names)
    _record(
        audit,
        obj,
        user,
        change=change,
        reason=reason,
        before=before,
        action=Action.DELETE,
        request=request,
    )
    obj.delete()


@transaction.atomic
def edit_chronology_entry(
    entry: ChronologyEntry, user, *, reason: str, sort_date, date_uncertain, request=None, **fields
) -> None:
    fields.update(sort_date=sort_date, date_uncertain=date_uncertain)
    audit = entry.single_agency_return.assignment.case.audit
    _edit(entry, audit, user, ENTRY_FIELDS, change="Changed a chronology entry", reason=reason,
          request=request, fields=fields)  # fmt: skip


@transaction.atomic
def delete_chronology_entry(entry: ChronologyEntry, user, *, reason: str, request=None) -> None:
    audit = entry.single_agency_return.assignment.case.audit
    _delete(entry, audit, user, ENTRY_FIELDS, change="Deleted a chronology entry", reason=reason,
            request=request)  # fmt: skip


@transaction.atomic
def edit_finding(
    finding: Finding, user, *, reason: str, themes, agencies=(), request=None, **fields
) -> None:
    _edit(finding, finding.case.audit, user, FINDING_FIELDS,
          change=f"Changed a finding for {finding.case.case_ref}", reason=reason,
          request=request, fields=fields, m2m={"themes": themes, "agencies": agencies})  # fmt: skip


@transaction.atomic
def delete_finding(finding: Finding, user, *, reason: str, request=None) -> None:
    _delete(finding, finding.case.audit, user, FINDING_FIELDS,
            change=f"Deleted a finding for {finding.case.case_ref}", reason=reason,
            request=request)  # fmt: skip


@transaction.atomic
def edit_family_voice(voice: FamilyVoice, user, *, reason: str, request=None, **fields) -> None:
    _edit(voice, voice.audit, user, VOICE_FIELDS,
          change=f"Changed the {voice.role.lower()}'s view", reason=reason, request=request,
          fields=fields)  # fmt: skip


@transaction.atomic
def delete_family_voice(voice: FamilyVoice, user, *, reason: str, request=None) -> None:
    _delete(voice, voice.audit, user, VOICE_FIELDS,
            change=f"Deleted the {voice.role.lower()}'s view", reason=reason,
            request=request)  # fmt: skip

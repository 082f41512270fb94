"""Every change to an audit's chronology, each with its trail entry in one transaction."""

from __future__ import annotations

from dataclasses import asdict, replace

from django.db import transaction
from django.utils import timezone

from maca.chronology.submission import read_submission
from maca.chronology.system_events import SYSTEM_RECORDS
from maca.web.audits.models import Audit
from maca.web.trail import log_event
from maca.web.trail.models import Action

from .models import Upload, UploadedEntry


def cases_open_to(audit: Audit, user, *, system_records: bool) -> dict:
    """The cases an upload may give entries for: the audit's cases assigned to the uploader's
    agency, or every case of the audit for the system records."""
    cases = audit.cases.all()
    if not system_records:
        cases = cases.filter(assignments__agency_id=user.agency_id)
    return {case.case_ref: case for case in cases.distinct()}


@transaction.atomic
def upload_chronology(
    audit: Audit, user, *, data: bytes, file_name: str, system_records: bool = False, request=None
) -> Upload:
    """Read one file (CSV or XLSX) with the core; keep its good rows and every rejected row
    (row, column, value, reason); replace the same agency's earlier entries for each case the
    file gives entries for. The agency is the uploader's, never the file's. A file with no
    good row changes nothing: the upload is returned unsaved, with its rejects to show."""
    cases = cases_open_to(audit, user, system_records=system_records)
    agency_name = SYSTEM_RECORDS if system_records else user.agency.name
    read = read_submission(
        data, file_name, agency_name, case_refs=set(cases), today=timezone.localdate()
    )
    others = set(audit.cases.values_list("case_ref", flat=True)) - set(cases)
    read.rejects = [
        replace(problem, reason="not a case your agency is assigned to in this audit")
        if problem.column == "case_ref" and problem.value.upper() in others
        else problem
        for problem in read.rejects
    ]
    refs = sorted({entry.case_ref for entry in read.entries})
    upload = Upload(
        audit=audit,
        agency=None if system_records else user.agency,
        system_records=system_records,
        file_name=file_name[:255],
        uploaded_by=user,
        rows_read=read.rows_read,
        entries_kept=len(read.entries),
        case_refs=refs,
        rejects=[
            {k: v for k, v in asdict(problem).items() if k != "file"} for problem in read.rejects
        ],
        notes=list(read.notes),
    )
    if not read.entries:
        return upload  # nothing to keep: nothing is written, and the page shows the rejects
    upload.save()
    earlier = UploadedEntry.objects.filter(
        upload__audit=audit, case__case_ref__in=refs, upload__system_records=system_records
    ).exclude(upload=upload)
    if not system_records:
        earlier = earlier.filter(upload__agency=user.agency)
    replaced = earlier.count()
    if replaced:
        earlier.delete()
        Upload.objects.filter(pk=upload.pk).update(entries_replaced=replaced)
        upload.entries_replaced = replaced
    UploadedEntry.objects.bulk_create(
        UploadedEntry(
            upload=upload,
            case=cases[entry.case_ref],
            agency_name=entry.agency,
            row=entry.provenance.row if entry.provenance else 0,
            date=entry.date.value,
            date_uncertain=entry.date.uncertain,
            date_month_only=entry.date.month_only,
            end_date=entry.end_date.value if entry.end_date else None,
            end_date_uncertain=bool(entry.end_date and entry.end_date.uncertain),
            end_date_month_only=bool(entry.end_date and entry.end_date.month_only),
            time=entry.time,
            sequence=entry.sequence,
            subject=entry.subject,
            source=entry.source,
            event=entry.event,
            significance=entry.significance,
            impact_on_child=entry.impact_on_child,
            action_taken=entry.action_taken,
            practitioner_role=entry.practitioner_role,
            system_event=entry.system_event,
            record_ref=entry.record_ref,
            family_ref=entry.family_ref,
        )
        for entry in read.entries
    )
    whose = "System records" if system_records else f"{agency_name}'s chronology"
    summary = (
        f"{whose} uploaded: {len(read.entries)} entries kept for "
        f"{len(refs)} cases ({', '.join(refs[:20]) or 'none'}), "
        f"{upload.rows_rejected} rows rejected"
    )
    if replaced:
        summary += f"; {replaced} earlier entries of these cases replaced"
    log_event(user, Action.CREATE, obj=upload, request=request, summary=summary)
    return upload


def record_timeline_export(case, user, *, kind: str, family: bool, entries: int, request=None):
    """Who exported a timeline (always pseudonymised), and when."""
    what = f"family {case.family_ref}" if family else f"case {case.case_ref}"
    log_event(
        user,
        Action.EXPORT,
        obj=case,
        request=request,
        summary=f"Chronology of {what} as {kind} ({entries} entries, pseudonymised)",
    )

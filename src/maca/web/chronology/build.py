"""An audit's stored chronology as the core's entries and timelines, for whoever looks.

The entries of a case are its uploaded entries (agencies' and the system records) and the ones
typed into its returns. A user who may not see every agency's entries of a case
(``chronology.view_every_agency``) gets only their own agency's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from maca.chronology.dates import DAY, MONTH, DateReading
from maca.chronology.entry import Entry, Provenance
from maca.chronology.timeline import CaseFacts, Timeline, merge
from maca.web.audits.models import Case, ChronologyEntry

from .models import UploadedEntry


def _reading(value, uncertain: bool, month_only: bool) -> DateReading:
    return DateReading(value, uncertain, MONTH if month_only else DAY)


def _uploaded(row: UploadedEntry, case_ref: str) -> Entry:
    return Entry(
        case_ref=case_ref,
        agency=row.agency_name,
        date=_reading(row.date, row.date_uncertain, row.date_month_only),
        subject=row.subject,
        source=row.source,
        event=row.event,
        time=row.time,
        end_date=_reading(row.end_date, row.end_date_uncertain, row.end_date_month_only)
        if row.end_date
        else None,
        sequence=row.sequence,
        significance=row.significance,
        impact_on_child=row.impact_on_child,
        action_taken=row.action_taken,
        practitioner_role=row.practitioner_role,
        system_record=bool(row.system_event),
        system_event=row.system_event,
        record_ref=row.record_ref,
        family_ref=row.family_ref,
        provenance=Provenance(row.upload.file_name, row.row),
    )


def _typed(row: ChronologyEntry, case_ref: str) -> Entry:
    return Entry(
        case_ref=case_ref,
        agency=row.agency.name,
        date=DateReading(row.sort_date, row.date_uncertain, DAY),
        subject=row.subject,
        source=row.source,
        event=row.event,
        time=row.time,
        end_date=DateReading(row.end_date) if row.end_date else None,
        sequence=row.sequence,
        significance=row.significance,
        impact_on_child=row.impact_on_child,
        action_taken=row.action_taken,
        practitioner_role=row.practitioner_role,
        provenance=Provenance("typed", row.pk),
    )


def case_facts(case: Case) -> CaseFacts:
    born = (
        case.removal_date - timedelta(days=case.age_days)
        if (case.removal_date and case.age_days is not None)
        else None
    )
    return CaseFacts(case.case_ref, case.family_ref, case.removal_date, born)


def visible_entries(cases: Iterable[Case], user) -> list[Entry]:
    """The entries of the cases the user may see: every agency's where the user may see them
    all, else only the user's own agency's (system records are no agency's own)."""
    entries: list[Entry] = []
    for case in cases:
        uploaded = UploadedEntry.objects.filter(case=case).select_related("upload")
        typed = ChronologyEntry.objects.filter(
            single_agency_return__assignment__case=case
        ).select_related("agency")
        if not user.has_perm("chronology.view_every_agency", case):
            uploaded = uploaded.filter(upload__agency_id=user.agency_id)
            typed = typed.filter(agency_id=user.agency_id)
        entries += [_uploaded(row, case.case_ref) for row in uploaded]
        entries += [_typed(row, case.case_ref) for row in typed]
    return entries


def family_cases(case: Case, user) -> list[Case]:
    """The cases of the case's family in its audit that the user may see the timeline of
    (the case alone when it has no family)."""
    if not case.family_ref:
        return [case]
    family = case.audit.cases.filter(family_ref=case.family_ref).order_by("case_ref")
    return [c for c in family if c.pk == case.pk or user.has_perm("chronology.view_timeline", c)]


def timeline_for(cases: list[Case], user, *, family: bool) -> Timeline:
    title = (
        f"Family {cases[0].family_ref} (cases {', '.join(c.case_ref for c in cases)})"
        if family
        else f"Case {cases[0].case_ref}"
    )
    return merge(visible_entries(cases, user), [case_facts(c) for c in cases], title=title)

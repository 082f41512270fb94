"""What the pages do to an audit, in one place: every change, with its audit trail entry, in one
transaction (a trail entry that cannot be written undoes the change). Views parse the form, call
one of these and redirect (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from maca.web.accounts.models import Agency, User
from maca.web.accounts.roles import Role
from maca.web.common.words import plural, with_article
from maca.web.encryption import equal_to
from maca.web.profiles import services as profiles
from maca.web.trail import log_event
from maca.web.trail.models import Action

from . import cohort_file, escalations
from .models import (
    Assignment,
    Audit,
    Case,
    ChronologyEntry,
    CohortUpload,
    FamilyVoice,
    Finding,
    SafeguardingEscalation,
    SingleAgencyReturn,
)
from .stages import Stage, next_stage


@dataclass
class CohortLoad:
    created: int = 0
    identified: int = 0
    key_rows_skipped: int = 0
    problems: list[str] = field(default_factory=list)
    upload: CohortUpload | None = None
    stored: profiles.StoredFiles | None = None  # the profile and exclusions, when given

    def message(self) -> str:
        """What was loaded, in words: "4 cases loaded; identifying details added for 4 cases"."""
        upload = self.upload
        parts = []
        if upload is None or upload.cohort_name:
            parts.append(f"{plural(self.created, 'case')} loaded")
        if upload is not None and upload.key_name:
            parts.append(f"identifying details added for {plural(self.identified, 'case')}")
        if self.key_rows_skipped:
            parts.append(
                f"{plural(self.key_rows_skipped, 'key row')} of children who are not cases of "
                "this audit skipped (not kept)"
            )
        if self.stored is not None:
            parts.append(profiles.stored_message(self.stored))
        text = "; ".join(p for p in parts if p)
        return text[:1].upper() + text[1:]


@transaction.atomic
def commission_audit(user, *, request=None, **fields) -> Audit:
    """A new audit of the user's partnership, at the first stage (``fields``: the audit form's)."""
    audit = Audit.objects.create(partnership=user.partnership, created_by=user, **fields)
    log_event(user, Action.CREATE, obj=audit, request=request, summary="Commissioned")
    return audit


@transaction.atomic
def add_case(audit: Audit, user, *, request=None, **fields) -> Case:
    """A case typed in by the business team rather than loaded from cohort.csv."""
    case = Case.objects.create(audit=audit, added_by_hand=True, **fields)
    log_event(user, Action.CREATE, obj=case, request=request, summary="Added by hand")
    return case


def load_cohort(
    audit: Audit,
    cohort: bytes | None,
    key: bytes | None,
    user,
    *,
    cohort_name: str = "cohort.csv",
    key_name: str = "key.csv",
    request=None,
    files: profiles.CohortFiles | None = None,
) -> CohortLoad:
    """Create the cases of cohort.csv and/or add person ids from key.csv, as one upload that can
    be undone (:func:`corrections.undo_upload`), and store the cohort's profile.json and
    exclusions.csv (``files``, read by ``profiles.services``) of the cohort as it is then. All
    or nothing.

    Only the key rows of the audit's cases (those there already and those of this cohort.csv)
    are read; the rows of siblings and excluded children are counted as skipped, never kept."""
    result = CohortLoad()
    rows: list[dict] = []
    if cohort is not None:
        parsed = cohort_file.read_cohort(cohort, cohort_name)
        result.problems += parsed.problems
        rows = parsed.rows
        existing = set(audit.cases.values_list("case_ref", flat=True))
        for row in rows:
            if row["case_ref"] in existing:
                result.problems.append(
                    f"{cohort_name} row {row['row']}, column case_ref: "
                    f"{row['case_ref']} is already a case of this audit"
                )
    key_rows: list[dict] = []
    if key is not None:
        wanted = set(audit.cases.current().values_list("case_ref", flat=True))
        wanted |= {row["case_ref"] for row in rows}
        parsed_key = cohort_file.read_key(key, key_name, cases=wanted)
        result.problems += parsed_key.problems
        key_rows = parsed_key.rows
        result.key_rows_skipped = parsed_key.skipped
        result.problems += _person_ids_of_other_cases(audit, key_rows, key_name)
    if files is not None:
        result.problems += files.problems
    if result.problems:
        return result
    with transaction.atomic():
        upload = CohortUpload.objects.create(
            audit=audit,
            cohort_name=cohort_name if cohort is not None else "",
            key_name=key_name if key is not None else "",
            uploaded_by=_person(user),
        )
        for row in rows:
            fields = {k: v for k, v in row.items() if k != "row"}
            Case.objects.create(audit=audit, cohort_upload=upload, **fields)
        result.created = len(rows)
        cases = {c.case_ref: c for c in audit.cases.current()}
        identified = []
        for key_row in key_rows:
            case = cases[key_row["case_ref"]]
            case.person_id = key_row["person_id"]
            case.save(update_fields=["person_id", "person_id_index"])
            identified.append(case.pk)
        result.identified = len(identified)
        upload.cases_created, upload.identified_cases = result.created, identified
        upload.save(update_fields=["cases_created", "identified_cases"])
        result.upload = upload
        if result.created:
            log_event(
                user,
                Action.CREATE,
                obj=upload,
                request=request,
                summary=f"Loaded {plural(result.created, 'case')} from {cohort_name}",
            )
        if result.identified:
            log_event(
                user,
                Action.CHANGE,
                obj=upload,
                request=request,
                summary=(
                    f"Added identifying details for {plural(result.identified, 'case')} "
                    f"from {key_name}"
                    + (
                        f"; {plural(result.key_rows_skipped, 'key row')} of other children "
                        "skipped, not kept"
                        if result.key_rows_skipped
                        else ""
                    )
                ),
            )
        if files is not None and files.given:
            try:
                result.stored = profiles.store_cohort_files(audit, files, user, request=request)
            except profiles.CohortFilesRefused as refused:
                transaction.set_rollback(True)  # the cases go too: the files are not theirs
                return CohortLoad(problems=refused.problems)
    return result


def _person(user) -> User | None:
    """The user to record as having done something (none for the command line without --by)."""
    return user if getattr(user, "is_authenticated", False) else None


def _person_ids_of_other_cases(audit: Audit, key_rows: list[dict], key_name: str) -> list[str]:
    """A person id already held for another case of the audit is one child twice: refused. The
    ids are encrypted, so the lookup goes through their blind index."""
    problems = []
    for key_row in key_rows:
        holder = (
            audit.cases.filter(equal_to(Case, "person_id", key_row["person_id"]))
            .exclude(case_ref=key_row["case_ref"])
            .values_list("case_ref", flat=True)
            .first()
        )
        if holder:
            problems.append(
                f"{key_name} row {key_row['row']}, column pers_person_id: is the person id of "
                f"case {holder} already (one child cannot be two cases)"
            )
    return problems


def default_agency_lead(agency: Agency) -> User | None:
    return agency.users.filter(role=Role.AGENCY_LEAD, is_active=True).order_by("username").first()


def default_practitioner(agency: Agency) -> User | None:
    """An agency with exactly one practitioner gets the return allocated to them; otherwise the
    agency lead allocates it."""
    practitioners = list(agency.users.filter(role=Role.PRACTITIONER, is_active=True)[:2])
    return practitioners[0] if len(practitioners) == 1 else None


@transaction.atomic
def assign_agencies(case: Case, agencies, due_date, user, *, request=None) -> list[Assignment]:
    """Add an assignment (and its empty return) for each agency not yet assigned to the case."""
    added = []
    assigned = set(case.assignments.values_list("agency_id", flat=True))
    for agency in agencies:
        if agency.pk in assigned:
            continue
        assignment = Assignment.objects.create(
            case=case,
            agency=agency,
            agency_lead=default_agency_lead(agency),
            practitioner=default_practitioner(agency),
            due_date=due_date,
        )
        SingleAgencyReturn.objects.create(
            assignment=assignment, tool_version=case.audit.tool_version
        )
        log_event(
            user,
            Action.CREATE,
            obj=assignment,
            request=request,
            summary=f"Assigned {agency.name} to case {case.case_ref}",
        )
        added.append(assignment)
    return added


@transaction.atomic
def assign_agencies_to_cases(cases, agencies, due_date, user, *, request=None) -> int:
    """:func:`assign_agencies` for each case, all or nothing; how many assignments were added."""
    return sum(
        len(assign_agencies(case, agencies, due_date, user, request=request)) for case in cases
    )


@transaction.atomic
def allocate(assignment: Assignment, practitioner: User, due_date, user, *, request=None) -> None:
    """The agency lead's choice of who completes the return, and by when."""
    assignment.practitioner = practitioner
    assignment.due_date = due_date
    assignment.save(update_fields=["practitioner", "due_date"])
    log_event(
        user,
        Action.CHANGE,
        obj=assignment,
        request=request,
        summary="Allocated a practitioner and due date",
    )


@transaction.atomic
def save_answers(
    single_agency_return: SingleAgencyReturn,
    values: dict,
    expected_version: int,
    user,
    *,
    section_key: str = "",
    request=None,
) -> bool:
    """Merge one section's answers into the return, only if nobody saved it since the form was
    shown (``expected_version``). False means a conflict: nothing was written."""
    current = (
        SingleAgencyReturn.objects.filter(pk=single_agency_return.pk)
        .values("answers", "version")
        .first()
    )
    if current is None or current["version"] != expected_version:
        return False
    answers = {**(current["answers"] or {}), **values}
    updated = SingleAgencyReturn.objects.filter(
        pk=single_agency_return.pk,
        version=expected_version,
        status__in=[SingleAgencyReturn.Status.DRAFT, SingleAgencyReturn.Status.REOPENED],
    ).update(answers=answers, version=F("version") + 1, updated_at=timezone.now(), updated_by=user)
    if updated != 1:
        return False
    summary = f"Saved section {section_key}" if section_key else "Saved answers"
    log_event(user, Action.CHANGE, obj=single_agency_return, request=request, summary=summary)
    return True


@transaction.atomic
def add_chronology_entry(
    single_agency_return: SingleAgencyReturn,
    user,
    *,
    sort_date,
    date_uncertain: bool,
    request=None,
    **fields,
) -> ChronologyEntry:
    """An entry of the agency's chronology; its agency is the return's, never typed."""
    entry = ChronologyEntry.objects.create(
        single_agency_return=single_agency_return,
        agency=single_agency_return.assignment.agency,
        sort_date=sort_date,
        date_uncertain=date_uncertain,
        added_by=user,
        **fields,
    )
    log_event(user, Action.CREATE, obj=entry, request=request, summary="Added")
    return entry


def _transition(ret: SingleAgencyReturn, expected_version: int, to: str, **fields) -> bool:
    updated = SingleAgencyReturn.objects.filter(pk=ret.pk, version=expected_version).update(
        status=to, version=F("version") + 1, **fields
    )
    return updated == 1


@transaction.atomic
def submit_return(ret, expected_version: int, user, *, request=None) -> bool:
    done = _transition(
        ret,
        expected_version,
        SingleAgencyReturn.Status.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user,
    )
    if done:
        log_event(user, Action.CHANGE, obj=ret, request=request, summary="Submitted the return")
    return done


@transaction.atomic
def sign_off_return(ret, expected_version: int, user, *, request=None) -> bool:
    """Sign the return off and lock it. The agency lead does; for an agency with no lead the
    business team signs off on the agency's behalf, and the return and the trail say so."""
    on_behalf = user.role != Role.AGENCY_LEAD
    done = _transition(
        ret,
        expected_version,
        SingleAgencyReturn.Status.SIGNED_OFF,
        signed_off_at=timezone.now(),
        signed_off_by=user,
        signed_off_on_behalf=on_behalf,
    )
    if done:
        agency = ret.assignment.agency.name
        summary = (
            f"Signed off on behalf of {agency}, which has no agency lead (return locked)"
            if on_behalf
            else "Signed off (return locked)"
        )
        log_event(user, Action.CHANGE, obj=ret, request=request, summary=summary)
    return done


@transaction.atomic
def send_back_return(ret, expected_version: int, reason: str, user, *, request=None) -> bool:
    """A submitted return goes back to the practitioner, with the reason they will read."""
    done = _transition(
        ret,
        expected_version,
        SingleAgencyReturn.Status.SENT_BACK,
        sent_back_at=timezone.now(),
        sent_back_by=user,
        sent_back_reason=reason,
        send_back_count=F("send_back_count") + 1,
    )
    if done:
        log_event(
            user,
            Action.CHANGE,
            obj=ret,
            request=request,
            summary="Sent the return back to the practitioner (the reason is on the return)",
        )
    return done


@transaction.atomic
def reopen_return(ret, expected_version: int, reason: str, user, *, request=None) -> bool:
    done = _transition(
        ret,
        expected_version,
        SingleAgencyReturn.Status.REOPENED,
        reopened_at=timezone.now(),
        reopened_by=user,
        reopen_reason=reason,
        reopen_count=F("reopen_count") + 1,
    )
    if done:
        log_event(
            user,
            Action.CHANGE,
            obj=ret,
            request=request,
            summary=f"Re-opened the return (was {ret.get_status_display().lower()})",
        )
    return done


@transaction.atomic
def advance_stage(audit: Audit, expected: str, user, *, request=None) -> bool:
    """Move the audit to its next stage, if it is still at ``expected``. The view has shown
    what is not ready and refused a stage that cannot work (``readiness.stage_checks``)."""
    target = next_stage(expected) if expected in Stage.values else None
    if target is None:
        return False
    updated = Audit.objects.filter(pk=audit.pk, stage=expected).update(
        stage=target, stage_changed_at=timezone.now()
    )
    if updated:
        log_event(
            user,
            Action.CHANGE,
            obj=audit,
            request=request,
            summary=f"Stage: {Stage(expected).label} → {target.label}",
        )
    return updated == 1


@transaction.atomic
def record_finding(case: Case, user, *, themes, agencies=(), request=None, **fields) -> Finding:
    """A finding the panel agreed for a case, tagged to themes and the agencies it concerns."""
    finding = Finding.objects.create(case=case, recorded_by=user, **fields)
    finding.themes.set(themes)
    finding.agencies.set(agencies)
    log_event(
        user,
        Action.CREATE,
        obj=finding,
        request=request,
        summary=f"Recorded {with_article(finding.get_kind_display().lower())}",
    )
    return finding


def escalate_concern(case: Case, user, *, request=None, **fields) -> SafeguardingEscalation:
    """A live safeguarding concern seen at the audit, recorded with who raised it and when, then
    the named recipient emailed. The record stands even if the email cannot be sent
    (``escalation.notified_at`` stays empty and the page says so)."""
    with transaction.atomic():
        escalation = SafeguardingEscalation.objects.create(case=case, raised_by=user, **fields)
        log_event(
            user,
            Action.ESCALATE,
            obj=escalation,
            request=request,
            summary=f"Escalated a live safeguarding concern about {case.case_ref}",
        )
    if escalation.escalated_to_email:
        notify_escalation(escalation, request=request)
    return escalation


def notify_escalation(escalation: SafeguardingEscalation, *, request=None) -> bool:
    """Email the recipient that the concern was escalated to them; True when sent (and then
    recorded on the escalation and in the trail)."""
    if not escalations.send(escalation):
        return False
    with transaction.atomic():
        now = timezone.now()
        SafeguardingEscalation.objects.filter(pk=escalation.pk).update(notified_at=now)
        escalation.notified_at = now
        log_event(
            escalation.raised_by,
            Action.CHANGE,
            obj=escalation,
            request=request,
            summary="Emailed the recipient that the concern was escalated to them",
        )
    return True


@transaction.atomic
def record_escalation_outcome(
    escalation: SafeguardingEscalation, user, *, outcome: str, follow_up: str, request=None
) -> None:
    """What came of an escalation and what follows; recorded again it replaces the last."""
    again = bool(escalation.outcome_recorded_at)
    escalation.outcome, escalation.follow_up = outcome, follow_up
    escalation.outcome_recorded_at, escalation.outcome_recorded_by = timezone.now(), user
    escalation.save(
        update_fields=["outcome", "follow_up", "outcome_recorded_at", "outcome_recorded_by"]
    )
    log_event(
        user,
        Action.CHANGE,
        obj=escalation,
        request=request,
        summary="Updated the outcome and follow-up"
        if again
        else "Recorded the outcome and follow-up",
    )


@transaction.atomic
def record_family_voice(audit: Audit, user, *, request=None, **fields) -> FamilyVoice:
    """What a family member said, with the consent recorded by the user."""
    voice = FamilyVoice.objects.create(audit=audit, consent_recorded_by=user, **fields)
    log_event(user, Action.CREATE, obj=voice, request=request, summary="Recorded")
    return voice


# What people wrote in an audit that the briefing's author may change where the disclosure check
# or their own reading finds identifying details (briefings.services.fix_passage): per kind of
# record, its free-text fields and how the trail names them.
CORRECTABLE_TEXT = {
    Finding: {"text": "the finding", "dissent": "the dissent"},
    FamilyVoice: {"quote": "the family member's words", "role": "who gave the view"},
    Audit: {"question": "the question the audit asked"},
}


@transaction.atomic
def correct_text(obj: Finding | FamilyVoice | Audit, field: str, text: str, user, *, request=None):
    """One free-text field of a finding, a family view or the audit changed, e.g. to take out a
    name before it is published or shown to the board. The trail names the record and the field,
    never the words."""
    label = CORRECTABLE_TEXT[type(obj)][field]
    setattr(obj, field, text)
    obj.save(update_fields=[field])
    log_event(
        user,
        Action.CHANGE,
        obj=obj,
        request=request,
        summary=f"Changed {label} to take out identifying details",
    )


def record_identifying_view(case: Case, user, *, request=None) -> None:
    """Who saw the person id of a case, and when (the page shows it only after this)."""
    log_event(
        user, Action.VIEW_IDENTIFYING, obj=case, request=request, summary="Viewed the person id"
    )


def record_findings_export(audit: Audit, kind: str, findings: int, user, *, request=None) -> None:
    log_event(
        user,
        Action.EXPORT,
        obj=audit,
        request=request,
        summary=f"Findings summary as {kind} ({findings} findings, pseudonymised)",
    )

"""Check before you continue: what is not ready before a stage change, a submission, a sign-off
or a publication, in plain words, and what makes a step impossible.

A :class:`Check` that ``blocks`` refuses the step with its reason (opening returns with nothing
assigned); the others are shown on the confirmation page and the person decides. Who signs off
an agency's returns is here too: its agency lead, or, for an agency with no lead, the business
team on the agency's behalf (ADR 0301).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from maca.web.accounts.models import Agency, User
from maca.web.accounts.readiness import with_people_counted
from maca.web.accounts.roles import Role
from maca.web.common.words import plural

from .models import (
    EDITABLE_STATUSES,
    Assignment,
    Audit,
    SafeguardingEscalation,
    SingleAgencyReturn,
)
from .stages import Stage

Status = SingleAgencyReturn.Status
SHOWN = 10  # at most this many references named in one check ("C001, C002 … and 8 more")


@dataclass(frozen=True)
class Check:
    """``blocks``: the step cannot work and is refused; ``note``: not a problem, what the step
    means (a submitted return is locked); otherwise something not ready, to confirm."""

    text: str
    blocks: bool = False
    href: str = ""
    note: bool = False


def blocking(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.blocks]


def not_ready(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.blocks and not c.note]


def notes(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.note]


def fingerprint(checks: list[Check]) -> str:
    """What the person was shown, so a confirmation of an older list is asked again."""
    return hashlib.sha256("\n".join(c.text for c in checks).encode()).hexdigest()[:16]


def _refs(refs: list[str]) -> str:
    shown = ", ".join(refs[:SHOWN])
    return shown + (f" and {len(refs) - SHOWN} more" if len(refs) > SHOWN else "")


# Who signs off.


def agency_leads(agency: Agency) -> list[User]:
    return list(agency.users.filter(role=Role.AGENCY_LEAD, is_active=True).order_by("username"))


def has_agency_lead(agency_id: int) -> bool:
    return User.objects.filter(agency_id=agency_id, role=Role.AGENCY_LEAD, is_active=True).exists()


def who_signs_off(agency: Agency) -> str:
    """``Priya Shah (agency lead)``, or the business team on the agency's behalf."""
    leads = agency_leads(agency)
    if not leads:
        return f"the audit lead, on behalf of {agency.name} (it has no agency lead in maca)"
    names = [u.get_full_name() or u.username for u in leads]
    return " or ".join(names) + (" (agency lead)" if len(names) == 1 else " (agency leads)")


@dataclass(frozen=True)
class Staffing:
    agency: Agency
    leads: int
    users: int

    @property
    def checks(self) -> list[Check]:
        name = self.agency.name
        if not self.users:
            return [
                Check(f"{name} has no users in maca: nobody there will see or complete its returns")
            ]
        if not self.leads:
            return [
                Check(
                    f"{name} has no agency lead: the audit lead signs off its returns on the "
                    "agency's behalf"
                )
            ]
        return []


def staffing(agencies) -> list[Staffing]:
    """For each agency: its active agency leads and users (counted as accounts.readiness does)."""
    counted = with_people_counted(Agency.objects.filter(pk__in=[a.pk for a in agencies]))
    return [
        Staffing(a, a.lead_count, a.user_count)  # type: ignore[attr-defined]
        for a in counted.order_by("name")
    ]


def assignment_checks(agencies) -> list[Check]:
    """Agencies that would get returns nobody sees, or nobody signs off, when assigned."""
    return [check for s in staffing(agencies) for check in s.checks]


# A stage change.


def _assigned_agencies(audit: Audit):
    return Agency.objects.filter(assignments__case__in=audit.cases.current()).distinct()


def _returns(audit: Audit):
    return SingleAgencyReturn.objects.filter(
        assignment__case__audit=audit, assignment__case__withdrawn_at__isnull=True
    )


def stage_checks(audit: Audit) -> list[Check]:
    """What is not ready for the audit's next stage, and what makes it impossible."""
    stage = Stage(audit.stage)
    cases = audit.cases.current()
    checks: list[Check] = []
    if stage in (Stage.COMMISSIONED, Stage.RETURNS_OPEN) and not cases.exists():
        checks.append(Check("There are no cases: load the cohort or add a case first", True))
        return checks
    if stage == Stage.COMMISSIONED:
        checks += _before_returns_open(audit)
    elif stage == Stage.RETURNS_OPEN:
        checks += _before_moderation(audit)
    elif stage == Stage.MODERATION_OPEN:
        checks += _before_findings_agreed(audit)
    elif stage == Stage.FINDINGS_AGREED:
        checks += _before_closing(audit)
    return checks


def _before_returns_open(audit: Audit) -> list[Check]:
    checks: list[Check] = []
    cases = audit.cases.current()
    assign = reverse("audits:assign-agencies", args=[audit.pk])
    if not Assignment.objects.filter(case__in=cases).exists():
        return [Check("No agency is assigned to any case: assign agencies first", True, assign)]
    unassigned = list(cases.filter(assignments__isnull=True).values_list("case_ref", flat=True))
    if unassigned:
        checks.append(
            Check(
                f"{plural(len(unassigned), 'case')} with no agency assigned: {_refs(unassigned)}",
                href=assign,
            )
        )
    checks += assignment_checks(_assigned_agencies(audit))
    unallocated = Assignment.objects.filter(case__in=cases, practitioner__isnull=True).count()
    if unallocated:
        checks.append(
            Check(
                f"{plural(unallocated, 'return')} not yet allocated to a practitioner: the "
                "agency lead allocates them"
            )
        )
    past = Assignment.objects.filter(case__in=cases, due_date__lt=timezone.localdate()).count()
    if past:
        checks.append(Check(f"{plural(past, 'return')} due on a date already past"))
    return checks


def _before_moderation(audit: Audit) -> list[Check]:
    returns = _returns(audit)
    checks: list[Check] = []
    if not returns.exists():
        return [Check("No returns were asked for: there is nothing for the panel to read", True)]
    unfinished = returns.filter(status__in=EDITABLE_STATUSES).count()
    if unfinished:
        checks.append(
            Check(
                f"{plural(unfinished, 'return')} not submitted (draft, sent back or "
                "re-opened): once moderation opens practitioners cannot change them, and the "
                "panel reads them as they are"
            )
        )
    submitted = returns.filter(status=Status.SUBMITTED)
    unsigned = submitted.count()
    if unsigned:
        checks.append(Check(f"{plural(unsigned, 'submitted return')} not signed off"))
    without_lead = [
        a.name
        for a in Agency.objects.filter(assignments__single_agency_return__in=submitted)
        .distinct()
        .order_by("name")
        if not has_agency_lead(a.pk)
    ]
    if without_lead:
        checks.append(
            Check(
                "Submitted returns of agencies with no agency lead, which only the audit lead "
                f"can sign off: {', '.join(without_lead)}"
            )
        )
    checks += [c for s in staffing(_assigned_agencies(audit)) if not s.users for c in s.checks]
    return checks


def _open_escalations(audit: Audit) -> list[Check]:
    count = SafeguardingEscalation.objects.filter(
        case__audit=audit, outcome_recorded_at__isnull=True
    ).count()
    if not count:
        return []
    return [Check(f"{plural(count, 'safeguarding escalation')} with no outcome recorded")]


def _before_findings_agreed(audit: Audit) -> list[Check]:
    cases = audit.cases.current()
    if not cases.filter(findings__isnull=False).exists():
        return [Check("The panel has recorded no findings: there is nothing to agree", True)]
    checks: list[Check] = []
    without = list(cases.filter(findings__isnull=True).values_list("case_ref", flat=True))
    if without:
        checks.append(
            Check(f"{plural(len(without), 'case')} with no finding recorded: {_refs(without)}")
        )
    checks.append(
        Check("Once findings are agreed the panel cannot add, change or delete findings", note=True)
    )
    return checks + _open_escalations(audit)


def _before_closing(audit: Audit) -> list[Check]:
    checks: list[Check] = []
    if not audit.published_briefings.exists():
        checks.append(
            Check(
                "No learning briefing has been published for this audit",
                href=reverse("briefings:edit", args=[audit.pk]),
            )
        )
    checks.append(Check("Once closed, nothing in the audit can be changed", note=True))
    return checks + _open_escalations(audit)


# A return.


def submit_checks(ret: SingleAgencyReturn) -> list[Check]:
    checks = []
    if not ret.chronology_entries.exists():
        checks.append(
            Check(
                "The return has no chronology entries: add your agency's events first if your "
                "records have any",
                href=reverse("audits:chronology-add", args=[ret.pk]),
            )
        )
    checks.append(
        Check(
            f"You cannot change the return once submitted; {who_signs_off(ret.assignment.agency)} "
            "signs it off, or sends it back to you with a reason",
            note=True,
        )
    )
    return checks


def sign_off_checks(ret: SingleAgencyReturn, user) -> list[Check]:
    checks = []
    if not ret.chronology_entries.exists():
        checks.append(Check("The return has no chronology entries"))
    if user.role != Role.AGENCY_LEAD:
        checks.append(
            Check(
                f"You sign off on behalf of {ret.assignment.agency.name}, which has no agency "
                "lead: the return and the audit trail record that",
                note=True,
            )
        )
    checks.append(
        Check("Signing off locks the return: changing it then needs it re-opened", note=True)
    )
    return checks


# A publication.


def publish_checks(audit: Audit) -> list[Check]:
    checks = []
    cases = audit.cases.current()
    without = list(cases.filter(findings__isnull=True).values_list("case_ref", flat=True))
    if without:
        checks.append(
            Check(f"{plural(len(without), 'case')} with no finding recorded: {_refs(without)}")
        )
    withdrawn = audit.cases.withdrawn().count()
    if withdrawn:
        checks.append(
            Check(
                f"{plural(withdrawn, 'withdrawn case')} left out of the briefing's counts",
                note=True,
            )
        )
    checks.append(
        Check(
            "Everyone in the partnership, the board included, can read and download the "
            "published version; a later version does not replace it",
            note=True,
        )
    )
    return checks + _open_escalations(audit)


def confirmation(checks: list[Check], request=None) -> dict:
    """The context of ``common/confirm.html`` for these checks; ``confirmed`` is true when the
    POST confirms the same list the page showed (``checked`` is its fingerprint)."""
    seen = fingerprint(checks)
    posted = request is not None and request.method == "POST" and "confirm" in request.POST
    same = posted and request.POST.get("checked") == seen
    return {
        "refused": blocking(checks),
        "not_ready": not_ready(checks),
        "notes": notes(checks),
        "checked": seen,
        "confirmed": bool(same and not blocking(checks)),
        "changed": bool(posted and not same),
    }

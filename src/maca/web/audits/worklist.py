"""What each person has to do next, for the home page: returns due or overdue, sent back, to
sign off or to allocate; what blocks each audit's next stage; cases waiting for the panel;
escalations with no outcome; briefings to read. Every list comes through the ``visible_to``
queries, so the home page shows nothing its pages would refuse."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from maca.web.accounts.roles import Role
from maca.web.common.words import day, plural

from . import readiness
from .models import EDITABLE_STATUSES, SafeguardingEscalation, SingleAgencyReturn
from .queries import BUSINESS_TEAM, my_returns, visible_audits
from .stages import NEXT_STEP_LABEL, Stage

Status = SingleAgencyReturn.Status
SOON_DAYS = 14
SHOWN = 10


@dataclass
class Task:
    text: str
    href: str
    hint: str = ""
    tag: str = ""  # "Overdue", "Sent back" …
    tag_class: str = ""


@dataclass
class Section:
    title: str
    tasks: list[Task] = field(default_factory=list)
    more: int = 0  # tasks not listed (the page linked from ``more_href`` has them)
    more_href: str = ""


def _section(title: str, tasks: list[Task], more_href: str = "") -> Section:
    return Section(title, tasks[:SHOWN], max(0, len(tasks) - SHOWN), more_href)


def _return_task(ret, *, hint: str = "", tag: str = "", tag_class: str = "") -> Task:
    assignment = ret.assignment
    return Task(
        f"Child {assignment.case.case_ref}: {assignment.agency} return",
        reverse("audits:return-overview", args=[ret.pk]),
        hint or f"{assignment.case.audit.title}, due {day(assignment.due_date)}",
        tag,
        tag_class,
    )


def _practitioner(ret) -> str:
    person = ret.assignment.practitioner
    return (person.get_full_name() or person.username) if person else "Not allocated"


def _returns_work(user) -> list[Section]:
    today = timezone.localdate()
    mine = my_returns(user).filter(assignment__case__withdrawn_at__isnull=True)
    open_returns = mine.filter(
        assignment__case__audit__stage=Stage.RETURNS_OPEN, status__in=EDITABLE_STATUSES
    )
    if user.role == Role.AGENCY_LEAD:
        # The lead's own allocated returns to complete; the agency's others are to oversee.
        own = open_returns.filter(assignment__practitioner=user)
    else:
        own = open_returns
    sections = []
    sent_back = [
        _return_task(
            r,
            hint=f"Sent back {day(r.sent_back_at)}: {r.sent_back_reason[:140]}",
            tag="Sent back",
            tag_class="govuk-tag--orange",
        )
        for r in own.filter(status=Status.SENT_BACK)
    ]
    if sent_back:
        sections.append(_section("Sent back to you to change", sent_back))
    overdue = [
        _return_task(r, tag="Overdue", tag_class="govuk-tag--red")
        for r in own.exclude(status=Status.SENT_BACK).filter(assignment__due_date__lt=today)
    ]
    soon = [
        _return_task(r)
        for r in own.exclude(status=Status.SENT_BACK).filter(assignment__due_date__gte=today)
    ]
    returns_page = reverse("audits:my-returns")
    if overdue:
        sections.append(_section("Returns overdue", overdue, f"{returns_page}?due=overdue"))
    if soon:
        sections.append(_section("Returns to complete", soon, f"{returns_page}?status=to_do"))
    if user.role == Role.AGENCY_LEAD:
        to_sign = [
            _return_task(r, hint=f"Submitted {day(r.submitted_at)}")
            for r in mine.filter(
                status=Status.SUBMITTED, assignment__case__audit__stage=Stage.RETURNS_OPEN
            )
        ]
        if to_sign:
            sections.append(
                _section("Returns to sign off", to_sign, f"{returns_page}?status=submitted")
            )
        unallocated = [
            Task(
                f"Child {r.assignment.case.case_ref}: allocate the return",
                reverse("audits:allocate", args=[r.assignment_id]),
                f"{r.assignment.case.audit.title}, due {day(r.assignment.due_date)}",
            )
            for r in open_returns.filter(assignment__practitioner__isnull=True)
        ]
        if unallocated:
            sections.append(_section("Returns to allocate to a practitioner", unallocated))
        others = open_returns.exclude(assignment__practitioner=user).filter(
            assignment__due_date__lt=today + timedelta(days=SOON_DAYS)
        )
        late = [
            _return_task(
                r,
                hint=f"{_practitioner(r)}, due {day(r.assignment.due_date)}",
                tag="Overdue" if r.assignment.due_date < today else "",
                tag_class="govuk-tag--red",
            )
            for r in others
        ]
        if late:
            sections.append(_section("Your agency's returns due soon or overdue", late))
    return sections


def _team_work(user) -> list[Section]:
    sections = []
    audits = visible_audits(user).exclude(stage=Stage.CLOSED).order_by("-created_at")
    next_steps = []
    for audit in audits:
        step = NEXT_STEP_LABEL[Stage(audit.stage)]  # every stage but closed has a next
        checks = readiness.stage_checks(audit)
        refused, waiting = readiness.blocking(checks), readiness.not_ready(checks)
        if refused:
            hint = f"{step} is not possible yet: {refused[0].text}"
        elif waiting:
            hint = (
                f"Before you {step[:1].lower()}{step[1:]}: "
                + "; ".join(c.text.split(":")[0] for c in waiting[:3])
                + (f" (and {len(waiting) - 3} more)" if len(waiting) > 3 else "")
            )
        else:
            hint = f"Ready to {step[:1].lower()}{step[1:]}"
        next_steps.append(
            Task(
                audit.title,
                reverse("audits:audit-overview", args=[audit.pk]),
                hint,
                audit.get_stage_display(),
                "govuk-tag--blue",
            )
        )
    if next_steps:
        sections.append(_section("Your audits: what blocks the next stage", next_steps))
    on_behalf = [
        _return_task(r, hint=f"{r.assignment.agency} has no agency lead: you sign off for it")
        for r in SingleAgencyReturn.objects.filter(
            assignment__case__audit__in=audits.filter(stage=Stage.RETURNS_OPEN),
            assignment__case__withdrawn_at__isnull=True,
            status=Status.SUBMITTED,
        ).select_related("assignment__case__audit", "assignment__agency")
        if not readiness.has_agency_lead(r.assignment.agency_id)
    ]
    if on_behalf:
        sections.append(_section("Returns to sign off on an agency's behalf", on_behalf))
    return sections


def _escalations(user) -> list[Section]:
    if user.role not in BUSINESS_TEAM:
        return []
    open_ones = SafeguardingEscalation.objects.filter(
        case__audit__partnership_id=user.partnership_id, outcome_recorded_at__isnull=True
    ).select_related("case__audit")
    tasks = [
        Task(
            f"Child {e.case.case_ref}: record what came of the escalation",
            reverse("audits:escalation-outcome", args=[e.pk]),
            f"Escalated to {e.escalated_to} on {day(e.raised_at)}",
            "No outcome yet",
            "govuk-tag--orange",
        )
        for e in open_ones
    ]
    return [_section("Safeguarding escalations with no outcome", tasks)] if tasks else []


def _panel_work(user) -> list[Section]:
    tasks = []
    for audit in visible_audits(user).filter(stage=Stage.MODERATION_OPEN):
        waiting = audit.cases.current().filter(findings__isnull=True).count()
        tasks.append(
            Task(
                audit.title,
                reverse("audits:audit-overview", args=[audit.pk]),
                f"Moderation is open: {plural(waiting, 'case')} with no finding yet",
            )
        )
    return [_section("Audit day: cases to moderate", tasks)] if tasks else []


def _briefings(user) -> list[Section]:
    from maca.web.briefings.queries import visible_published

    published = list(visible_published(user)[:5])
    tasks = [
        Task(
            f"{v.title} (version {v.version})",
            reverse("briefings:published", args=[v.pk]),
            f"Published {day(v.published_at)}",
        )
        for v in published
    ]
    return (
        [_section("Learning briefings to read", tasks, reverse("briefings:published-list"))]
        if tasks
        else []
    )


def work_for(user) -> list[Section]:
    """The home page's sections for this person, most urgent first."""
    if not getattr(user, "is_authenticated", False) or not user.partnership_id:
        return []
    sections: list[Section] = []
    if user.role in (Role.PRACTITIONER, Role.AGENCY_LEAD):
        sections += _returns_work(user)
    if user.role in BUSINESS_TEAM:
        sections += _team_work(user)
    sections += _escalations(user)
    if user.role in (Role.PANEL_MEMBER, *BUSINESS_TEAM):
        sections += _panel_work(user)
    sections += _briefings(user)
    return sections

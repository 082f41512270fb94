"""A demo audit part-way through, for `make run` (after the demo partnership).

Its cases are the cohort found by the real pipeline in synthetic data. Everything is invented.
The content is the same on every run; due dates are set relative to the
day it is loaded so that the dashboard shows returns due soon and overdue.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maca.demo import demo_cohort
from maca.web.accounts.demo import DEMO_PARTNERSHIP
from maca.web.accounts.models import Agency, Partnership, User
from maca.web.profiles.services import read_cohort_files

from . import services
from .models import Audit, ChronologyEntry, SingleAgencyReturn, ToolVersion
from .queries import themes_of
from .stages import Stage

DEMO_AUDIT_TITLE = "First 1001 Days: children removed when unknown to CSC"
DEMO_QUESTION = (
    "What do we know about children who are taken into Police Protection within their first "
    "1001 days, who are not known to safeguarding services ahead of this intervention?"
)
DEMO_AGENCIES = ["0-19 health visiting service", "Northmoor Police", "Children's social care"]

DEMO_NARRATIVE = {
    "0-19 health visiting service": (
        "New birth visit completed at day 12; mother seen alone at a second contact. Father "
        "not recorded as seen. No information requested from the previous area's health team."
    ),
    "Northmoor Police": (
        "Two domestic abuse notifications in the six months before removal, both graded "
        "standard risk; the baby was not named on the first notification."
    ),
    "Children's social care": (
        "No open episode at removal. A contact about an older sibling was closed with "
        "universal services' advice two months earlier, without a step-down plan."
    ),
}


def demo_audit_fields(partnership: Partnership) -> dict:
    """What both demos' audits say about themselves (`make run`'s and `maca demo`'s), with the
    partnership's own First 1001 Days tool."""
    return {
        "title": DEMO_AUDIT_TITLE,
        "priority": "Priority Three: First 1001 Days",
        "question": DEMO_QUESTION,
        "lawful_basis": "Children Act 2004 s.16E; UK GDPR Article 6(1)(e) and 9(2)(g).",
        "isa_reference": "NSCP-ISA-2023-07",
        "tool_version": ToolVersion.objects.get(
            tool__partnership=partnership, tool__name="First 1001 Days", version=1
        ),
    }


def demo_answers(tool_version: ToolVersion, agency: str, *, complete: bool) -> dict:
    """Plausible answers for every section (or only the first three for a draft)."""
    themes = list(
        themes_of(tool_version.tool.partnership).order_by("order").values_list("pk", flat=True)[:4]
    )
    answers: dict = {}
    sections = tool_version.sections if complete else tool_version.sections[:3]
    for index, section in enumerate(sections):
        key = section["key"]
        answers[f"{key}_evidenced"] = ["yes", "partly", "no"][index % 3]
        answers[f"{key}_narrative"] = DEMO_NARRATIVE[agency]
        answers[f"{key}_strengths"] = "Consistent practitioner; relationship with mother."
        answers[f"{key}_learning"] = "Information taken at face value; father not engaged."
        answers[f"{key}_themes"] = [str(themes[index % len(themes)])]
    return answers


def _cases(audit: Audit, lead: User) -> None:
    """The cohort `maca cohort` finds in one council's synthetic data (built once, in
    MACA_HOME/demo), loaded with its key, its profile and its exclusions as the business team
    would."""
    made = demo_cohort(Path(settings.MACA_HOME) / "demo")
    files = read_cohort_files(made.profile_json.read_bytes(), made.exclusions_csv.read_bytes())
    loaded = services.load_cohort(
        audit, made.cohort_csv.read_bytes(), made.key_csv.read_bytes(), lead, files=files
    )
    if loaded.problems:
        raise ValueError("the demo cohort did not load: " + "; ".join(loaded.problems[:3]))


def _progress(audit: Audit, lead: User) -> None:
    """C001 health visiting signed off, C001 police and C002 health visiting submitted,
    C003 health visiting in draft, with a few chronology entries."""
    now = timezone.now()
    plan = {
        ("C001", "0-19 health visiting service"): SingleAgencyReturn.Status.SIGNED_OFF,
        ("C001", "Northmoor Police"): SingleAgencyReturn.Status.SUBMITTED,
        ("C002", "0-19 health visiting service"): SingleAgencyReturn.Status.SUBMITTED,
        ("C003", "0-19 health visiting service"): SingleAgencyReturn.Status.DRAFT,
    }
    for (ref, agency), status in plan.items():
        ret = SingleAgencyReturn.objects.get(
            assignment__case__audit=audit,
            assignment__case__case_ref=ref,
            assignment__agency__name=agency,
        )
        practitioner = ret.assignment.practitioner
        ret.answers = demo_answers(ret.tool_version, agency, complete=status != "draft")
        ret.status, ret.version, ret.updated_by = status, 1, practitioner
        if status != SingleAgencyReturn.Status.DRAFT:
            ret.submitted_at, ret.submitted_by = now, practitioner
        if status == SingleAgencyReturn.Status.SIGNED_OFF:
            ret.signed_off_at, ret.signed_off_by = now, ret.assignment.agency_lead or lead
        ret.save()
        if ref == "C001" and practitioner is not None:
            _chronology(ret, practitioner)


def _chronology(ret: SingleAgencyReturn, user: User) -> None:
    police = ret.assignment.agency.kind == Agency.Kind.POLICE
    rows = (
        [("2023-08-20", "mother", "Domestic abuse notification", "Standard risk; baby not named")]
        if police
        else [
            ("2023-07-16", "child", "HV new birth visit record", "New birth visit; mother seen"),
            ("2023-08-24", "mother", "HV contact record", "Mother seen alone; father absent"),
        ]
    )
    for when, subject, source, event in rows:
        ChronologyEntry.objects.create(
            single_agency_return=ret,
            agency=ret.assignment.agency,
            date_text=when,
            sort_date=date.fromisoformat(when),
            subject=subject,
            source=source,
            event=event,
            significance="medium",
            added_by=user,
        )


@transaction.atomic
def load_demo_audit() -> Audit:
    """The demo audit, created once (an existing one is left as it is)."""
    partnership = Partnership.objects.get(name=DEMO_PARTNERSHIP)
    existing = Audit.objects.filter(partnership=partnership, title=DEMO_AUDIT_TITLE).first()
    if existing is not None:
        return existing
    lead = User.objects.get(username="audit.lead")
    today = timezone.localdate()
    audit = Audit.objects.create(
        partnership=partnership,
        **demo_audit_fields(partnership),
        terms_of_reference="Practitioner-led multi-agency audit of removals Sept–Dec 2023.",
        returns_due=today + timedelta(days=14),
        audit_day=today + timedelta(days=28),
        stage=Stage.RETURNS_OPEN,
        created_by=lead,
    )
    _cases(audit, lead)
    agencies = list(partnership.agencies.filter(name__in=DEMO_AGENCIES))
    for case in audit.cases.all():
        services.assign_agencies(case, agencies, audit.returns_due, lead)
    # One return overdue, so that the dashboard and the reminders have something to show.
    audit.cases.get(case_ref="C004").assignments.filter(agency__name="Northmoor Police").update(
        due_date=today - timedelta(days=3)
    )
    _progress(audit, lead)
    return audit

"""`make run`'s learning into practice: the resource library, an earlier audit with its action
plan part-way, the teams that discussed its briefing, and the part-way demo audit
(``audits.demo.load_demo_audit``, loaded here after the earlier one) as its re-audit.

The earlier audit is the same First 1001 Days audit of the year before (removals in 2022, found
by the same rules in the same synthetic store, with its cohort profile and exclusions), run
through to a published briefing that chose its next steps and resources from the library.
Everything is invented; dates are set relative to the day it is loaded so that the tracker shows
actions due soon and overdue. The actions, their history, the discussions and the re-audit are
seed data, made directly (no trail entries): nobody's change.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from maca.cohort.rerun import rerun_parameters
from maca.demo import demo_cohort, period_cohort
from maca.web.accounts.demo import DEMO_PARTNERSHIP
from maca.web.accounts.models import Partnership, User
from maca.web.audits.demo import load_demo_audit
from maca.web.audits.models import Audit
from maca.web.audits.stages import Stage
from maca.web.briefings.build import draft_for, theme_uses
from maca.web.briefings.demo import build_audit, publish_demo_briefing
from maca.web.briefings.models import PublishedBriefing
from maca.web.profiles.services import read_cohort_files, store_cohort_files

from .models import Action, BriefingDiscussion, ImpactEvidence, ReAudit, Resource, StatusChange

EARLIER_TITLE = "First 1001 Days: removals in 2022"
EARLIER_PERIOD = (date(2022, 1, 1), date(2022, 12, 31))
LINKS = "https://example.org/northmoor-scp"


@dataclass(frozen=True)
class LibraryItem:
    kind: str
    title: str
    path: str
    description: str
    themes: tuple[str, ...]
    placement: str  # where the earlier audit's briefing puts it (as the seed briefing does)


# The seed briefing's own next steps and resources (synthetic links).
DEMO_LIBRARY = (
    LibraryItem(Resource.Kind.BRIEFING, "Safe sleeping and safe handling",
                "briefings/safe-sleeping",
                "Seven-minute briefing on safe sleep and handling a baby, for every contact.",
                ("Safe sleeping and safe handling", "Non-mobile baby protocol"), "next_steps"),
    LibraryItem(Resource.Kind.TRAINING, "Enhanced parent support programme",
                "training/enhanced-parent-support",
                "Half-day course on the programme and how to refer to it.",
                ("Working in partnership with parents", "Right help at the right time"),
                "next_steps"),
    LibraryItem(Resource.Kind.BRIEFING, "Concealed pregnancies", "briefings/concealed-pregnancies",
                "Briefing on late booking, concealed and denied pregnancies.",
                ("Concealed and multiple pregnancies",), "next_steps"),
    LibraryItem(Resource.Kind.TRAINING,
                "Professional curiosity and cross-boundary information sharing",
                "training/professional-curiosity",
                "Multi-agency workshop: verifying what you are told, asking other areas.",
                ("Professional curiosity", "Cross-boundary working and information sharing"),
                "next_steps"),
    LibraryItem(Resource.Kind.E_LEARNING, "Clarify, verify and reflect: professional curiosity",
                "e-learning/clarify-verify-reflect", "Forty-minute e-learning module.",
                ("Professional curiosity", "Professional challenge"), "next_steps"),
    LibraryItem(Resource.Kind.BRIEFING, "Learning from practice: fathers and male carers",
                "learning/fathers-and-male-carers",
                "Why fathers and male carers must be seen, engaged and checked.",
                ("Fathers and male carers", "Information gathering and the whole family"),
                "strengths"),
    LibraryItem(Resource.Kind.GUIDANCE, "Northmoor early help strategy 2024-2026",
                "guidance/early-help-strategy", "The partnership's early help strategy.",
                ("Right help at the right time", "Closure and step-down planning"),
                "family_voice"),
    LibraryItem(Resource.Kind.E_LEARNING,
                "Information sharing to safeguard children: how we work in Northmoor",
                "e-learning/information-sharing",
                "When and how to share information, and with whom.",
                ("Cross-boundary working and information sharing",
                 "Information gathering and the whole family"), "end"),
)  # fmt: skip


@dataclass(frozen=True)
class DemoAction:
    theme: str
    text: str
    measure: str
    agency: str
    lead_username: str
    lead_role: str
    due_in_days: int
    statuses: tuple[tuple[str, str], ...]  # (status, why) after "not started"
    impact: tuple[tuple[str, str], ...] = ()
    no_impact_reason: str = ""


DEMO_ACTIONS = (
    DemoAction(
        "Professional curiosity",
        "Every health visitor and early help practitioner completes the clarify, verify and "
        "reflect e-learning and uses its three questions in supervision.",
        "90% of practitioners complete it; a dip sample of new birth visit records shows how "
        "information from parents was verified.",
        "0-19 health visiting service",
        "hv.lead",
        "",
        -30,
        (
            ("green", "E-learning launched at the locality meetings."),
            ("complete", "92% completed; supervision template updated."),
        ),
        (
            (
                "Records now say how what parents said was checked: 17 of 20 sampled records, "
                "against 5 of 20 before the e-learning.",
                "Dip sample of 20 new birth visit records by the named nurse, before and after.",
            ),
        ),
    ),
    DemoAction(
        "Professional challenge",
        "Publish the partnership's professional challenge and escalation protocol and brief "
        "every agency's safeguarding leads on it.",
        "Escalations recorded under the protocol are counted each quarter and reported to "
        "the board.",
        "Partnership business team",
        "",
        "Partnership business manager",
        10,
        (("green", "Protocol agreed at the executive; briefings booked."),),
    ),
    DemoAction(
        "Cross-boundary working and information sharing",
        "Children's social care asks the previous area for its records within five working "
        "days whenever a family with a young baby moves in.",
        "Monthly audit of moves in: requests made and records received within five days.",
        "Children's social care",
        "",
        "Head of service, front door",
        -5,
        (
            ("amber", "Requests made in most cases; no tracking yet."),
            ("red", "Staffing gaps at the front door: requests not being made."),
        ),
    ),
    DemoAction(
        "Closure and step-down planning",
        "Step-down meetings include the universal services and end with a written plan, "
        "contingency and bottom lines.",
        "Step-down plans sampled each quarter for a contingency and bottom lines.",
        "Children's social care",
        "",
        "Service manager, assessment",
        45,
        (("amber", "New template in use in two of four teams."),),
    ),
    DemoAction(
        "Right help at the right time",
        "Relaunch the referral route to the enhanced parent support programme for parents of "
        "babies known to universal services only.",
        "Referrals to the programme per quarter, and parents' feedback at the end of it.",
        "Early help",
        "",
        "Early help service manager",
        60,
        (),
    ),
    DemoAction(
        "Concealed and multiple pregnancies",
        "Midwifery guidance on late booking asks about earlier pregnancies and who else is "
        "in the household, and shares a late booking with the health visitor.",
        "Guidance published and in the booking record.",
        "Midwifery",
        "",
        "Named midwife for safeguarding",
        -14,
        (("complete", "Guidance published in the booking record."),),
        (),
        "Published and in use; its difference for babies will be measured by the re-audit.",
    ),
)

DEMO_DISCUSSIONS = (
    ("0-19 health visiting service", "North locality health visiting team", 14, 100,
     "Ask every family who else lives in or visits the home, and record how we checked.",
     "Parents' accounts were often written down without being checked."),
    ("0-19 health visiting service", "South locality health visiting team", 11, 96,
     "Use the clarify, verify and reflect questions at every safeguarding supervision.",
     "We rarely ask what if they are wrong."),
    ("Northmoor Police", "Public protection unit", 9, 80,
     "Name the baby on every domestic abuse notification where a baby is in the household.",
     "A baby was not named on a notification."),
    ("Children's social care", "Front door team", 16, 70,
     "Ask the previous area for its records whenever a family moves in.",
     "Records from other areas were not requested."),
    ("Early help", "Early help hub", 8, 45,
     "Check the step-down plan has bottom lines before accepting a case.",
     "Plans at step-down lacked a contingency."),
)  # fmt: skip


def load_demo_library(partnership: Partnership) -> dict[str, Resource]:
    """The seed briefing's own resources in the partnership's library. Idempotent."""
    themes = {t.name: t for t in partnership.themes.all()}
    lead = User.objects.filter(username="admin").first()
    made = {}
    for item in DEMO_LIBRARY:
        resource, created = Resource.objects.get_or_create(
            partnership=partnership,
            title=item.title,
            defaults={
                "kind": item.kind,
                "url": f"{LINKS}/{item.path}",
                "description": item.description,
                "added_by": lead,
            },
        )
        if created:
            resource.themes.set([themes[n] for n in item.themes if n in themes])
        made[item.title] = resource
    return made


def library_choices(library: dict[str, Resource]) -> list[dict]:
    """The earlier briefing's picks from the library, placed as the seed briefing places them."""
    return [
        {"resource": library[item.title].pk, "placement": item.placement} for item in DEMO_LIBRARY
    ]


@transaction.atomic
def load_demo_actions() -> Audit | None:
    """The earlier audit, its plan, reach and re-audit, created once (None without the demo
    partnership)."""
    partnership = Partnership.objects.filter(name=DEMO_PARTNERSHIP).first()
    if partnership is None:
        return None
    library = load_demo_library(partnership)
    existing = Audit.objects.filter(partnership=partnership, title=EARLIER_TITLE).first()
    if existing is not None:
        return existing
    made = demo_cohort(Path(settings.MACA_HOME) / "demo")
    earlier_made = period_cohort(made, *EARLIER_PERIOD)
    cohort_dir = earlier_made.cohort_dir
    today = timezone.localdate()
    earlier, lead = build_audit(
        cohort_dir,
        random.Random(2022),
        partnership=partnership,
        title=EARLIER_TITLE,
        terms_of_reference="Practitioner-led multi-agency audit of removals January to "
        "December 2022 of children unknown to children's social care.",
        returns_due=today - timedelta(days=200),
        audit_day=today - timedelta(days=180),
    )
    # Its cohort's profile and exclusions, stored as the business team uploads them.
    store_cohort_files(
        earlier,
        read_cohort_files(
            earlier_made.profile_json.read_bytes(), earlier_made.exclusions_csv.read_bytes()
        ),
        lead,
    )
    version = publish_demo_briefing(
        earlier,
        lead,
        cohort_dir / "scope.json",
        store=made.store,
        narrative={"resources": library_choices(library), "next_steps_items": []},
    )
    published_at = timezone.now() - timedelta(days=150)
    PublishedBriefing.objects.filter(pk=version.pk).update(published_at=published_at)
    Audit.objects.filter(pk=earlier.pk).update(stage=Stage.CLOSED)
    earlier.refresh_from_db()
    _actions(earlier, lead, today)
    _discussions(version, today)
    # The part-way demo audit comes after the audit it repeats (and so has the higher number).
    _reaudit(earlier, load_demo_audit(), made.scope_json, lead)
    return earlier


def _actions(audit: Audit, lead: User, today: date) -> None:
    learning = {u.theme.name: u.theme for u in theme_uses(audit) if u.learning_cases}
    agencies = {a.name: a for a in audit.partnership.agencies.all()}
    start = timezone.now() - timedelta(days=140)
    for step, planned in enumerate(DEMO_ACTIONS):
        theme = learning.get(planned.theme)
        if theme is None:
            continue
        action = Action.objects.create(
            audit=audit,
            theme=theme,
            area=planned.theme,
            text=planned.text,
            measure=planned.measure,
            owner_agency=agencies[planned.agency],
            lead_user=User.objects.filter(username=planned.lead_username).first(),
            lead_role=planned.lead_role,
            due_date=today + timedelta(days=planned.due_in_days),
            created_by=lead,
            created_at=start,
        )
        when = start
        StatusChange.objects.create(
            action=action, to_status="not_started", reason="Action agreed", changed_by=lead,
            changed_at=when,
        )  # fmt: skip
        for evidence, measured in planned.impact:
            ImpactEvidence.objects.create(
                action=action, what_changed=evidence, how_measured=measured,
                recorded_by=action.lead_user or lead,
                recorded_at=when + timedelta(days=80),
            )  # fmt: skip
        status = "not_started"
        for number, (new, why) in enumerate(planned.statuses, 1):
            when = start + timedelta(days=30 * number + step)
            StatusChange.objects.create(
                action=action, from_status=status, to_status=new, reason=why,
                changed_by=action.lead_user or lead, changed_at=when,
            )  # fmt: skip
            status = new
        Action.objects.filter(pk=action.pk).update(
            status=status,
            status_changed_at=when,
            completed_at=when if status == "complete" else None,
            no_impact_reason=planned.no_impact_reason,
        )


def _discussions(version: PublishedBriefing, today: date) -> None:
    agencies = {a.name: a for a in version.audit.partnership.agencies.all()}
    questions = (version.source.get("seven_minute") or {}).get("reflective_questions") or []
    for agency, team, people, days_ago, will_do, answer in DEMO_DISCUSSIONS:
        lead = (
            User.objects.filter(agency=agencies[agency], role="agency_lead").first()
            or User.objects.filter(agency=agencies[agency]).first()
        )
        BriefingDiscussion.objects.create(
            published=version,
            agency=agencies[agency],
            team=team,
            discussed_on=today - timedelta(days=days_ago),
            attendees=people,
            answers=[{"question": q, "answer": answer if i == 0 else ""}
                     for i, q in enumerate(questions)],
            will_do=will_do,
            recorded_by=lead,
        )  # fmt: skip


def _reaudit(earlier: Audit, later: Audit, later_scope: Path, lead: User) -> None:
    """The part-way demo audit (removals September to December 2023) as the re-audit, with
    its cohort's scope.json stored as the business team would upload it."""
    if ReAudit.objects.filter(audit=later).exists():
        return
    scope = json.loads(later_scope.read_text("utf-8"))
    draft = draft_for(later)
    draft.scope_json, draft.scope_file_name = scope, "scope.json"
    draft.scope_uploaded_by, draft.scope_uploaded_at = lead, timezone.now()
    draft.save()
    period_from = date.fromisoformat(scope["period"]["from"])
    period_to = date.fromisoformat(scope["period"]["to"])
    earlier_scope = draft_for(earlier).scope_json or {}
    ReAudit.objects.create(
        audit=later,
        earlier=earlier,
        period_from=period_from,
        period_to=period_to,
        cohort_parameters=rerun_parameters(
            earlier_scope.get("parameters") or {}, period_from, period_to
        ),
        created_by=lead,
    )

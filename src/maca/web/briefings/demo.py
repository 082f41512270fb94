"""`maca demo`: the whole pipeline on synthetic data, ending in a published learning briefing.

synth (la scale, fixed seed) → ingest → cohort (pseudonymised) → an audit with the cohort loaded,
agencies assigned, returns completed and signed off, findings tagged to themes, family voice →
the briefing narrative → small-number decisions → publish. Everything here is invented; the
seeded random choices make the same briefing on every run.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from maca.demo import demo_cohort
from maca.web.accounts.demo import load_demo_partnership
from maca.web.accounts.models import Agency, User
from maca.web.audits import services as audit_services
from maca.web.audits import tool_schema
from maca.web.audits.demo import demo_audit_fields
from maca.web.audits.models import (
    Audit,
    Case,
    FamilyVoice,
    Finding,
    SingleAgencyReturn,
)
from maca.web.audits.queries import themes_of
from maca.web.audits.stages import Stage

from . import services
from .build import build_briefing, check_buildable, draft_for
from .passages import read_passages

# Findings the demo panel records: (theme, probability for any case, extra probability when
# the case has the flag, the flag, the finding's words).
LEARNING = [
    ("Professional curiosity", 0.45, 0, "", "Information was taken at face value."),
    ("Information gathering and the whole family", 0.25, 0.35, "has_sibling_group",
     "The child was seen apart from the rest of the family."),
    ("Professional challenge", 0.3, 0, "", "A decision was not challenged when it could be."),
    ("Cross-boundary working and information sharing", 0.03, 0.8, "moved_in",
     "Information was not requested from the previous area."),
    ("Right help at the right time", 0.12, 0.5, "known_historically",
     "Support stopped before the family's needs were met."),
    ("Closure and step-down planning", 0, 0.7, "recent_closure",
     "The case closed without a plan or bottom lines for universal services."),
    ("Concealed and multiple pregnancies", 0, 0.25, "infant",
     "A late booking was not explored with the mother."),
    ("Safe sleeping and safe handling", 0, 0.3, "infant", "Safe sleeping advice not recorded."),
]  # fmt: skip
STRENGTHS = [
    ("Multi-agency response", 0.55, 0, "", "Agencies spoke to one another once risk was known."),
    ("Consistency of practitioner", 0.4, 0, "", "The same practitioner stayed with the family."),
    ("Safeguarding supervision", 0.3, 0, "", "Safeguarding supervision held and recorded."),
    ("Non-mobile baby protocol", 0, 0.45, "young_infant", "The protocol was followed."),
    ("Fathers and male carers", 0.15, 0, "", "The health visitor made efforts to engage father."),
    ("Working in partnership with parents", 0.2, 0, "", "Visits were made to support mother."),
]
# The example briefing's learning headings, by the theme they are written for.
LEARNING_HEADINGS = {
    "Professional curiosity": "Professional curiosity",
    "Importance of information gathering": "Information gathering and the whole family",
    "Professional challenge": "Professional challenge",
    "Cross-boundary working and information sharing": (
        "Cross-boundary working and information sharing"
    ),
    "Children need to receive the right help, at the right time, from an appropriately "
    "skilled practitioner": "Right help at the right time",
}
# What the demo author writes for learning themes the example briefing folds into others.
MORE_LEARNING = {
    "Closure and step-down planning": "When a case closed to statutory services, universal "
    "services were not always given a plan with a contingency and bottom lines.",
    "Safe sleeping and safe handling": "Safe sleeping and safe handling advice was not always "
    "given or recorded at each contact with a young baby.",
    "Concealed and multiple pregnancies": "Late booking and the risk of a concealed pregnancy "
    "were not always explored with parents.",
}
NARRATIVE: dict[str, str] = {
    Agency.Kind.POLICE: "Police protection used; strategy discussion held the same day.",
    Agency.Kind.CSC: "No open episode at removal; historical contacts about a sibling.",
    Agency.Kind.HEALTH_VISITING: "New birth visit and one further contact; mother seen alone.",
    Agency.Kind.MIDWIFERY: "Booked late in pregnancy; two antenatal contacts missed.",
    Agency.Kind.GP: "Registered with the practice; routine immunisations given.",
    Agency.Kind.EDUCATION: "Attending nursery; attendance dropped in the month before.",
    Agency.Kind.DOMESTIC_ABUSE: "Referral received; mother declined the service.",
    Agency.Kind.HOUSING: "Temporary accommodation after a move into the area.",
    Agency.Kind.EARLY_HELP: "Early help assessment closed after the family disengaged.",
}


@dataclass
class DemoResult:
    out_dir: Path
    pipeline: str  # how the cohort was found
    cases: int = 0
    returns: int = 0
    findings: int = 0
    voices: int = 0
    version: int = 0
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0


def run_demo(
    out: Path, work: Path, *, seed: int = 1, say: Callable[[str], None] = lambda _: None
) -> DemoResult:
    """Run the pipeline in ``work`` (synthetic data, store, cohort) and write the briefing's
    four files to ``out``. Django must be set up, its database migrated."""
    started = time.perf_counter()
    made = demo_cohort(work, seed=seed, say=say)
    pipeline = "maca ingest and maca cohort"
    rng = random.Random(seed)
    say("audit: cohort, agencies, returns, findings and family voice")
    audit, lead = build_audit(made.cohort_dir, rng)
    say("briefing: narrative, small numbers, publish")
    # The disclosure check looks for the store's identifiers of these children too.
    version = publish_demo_briefing(audit, lead, made.scope_json, store=made.store)
    result = DemoResult(Path(out), pipeline)
    result.files = services.write_version(version, Path(out))
    result.cases = audit.cases.count()
    result.returns = SingleAgencyReturn.objects.filter(assignment__case__audit=audit).count()
    result.findings = Finding.objects.filter(case__audit=audit).count()
    result.voices = audit.family_voices.count()
    result.version = version.version
    result.seconds = time.perf_counter() - started
    return result


@transaction.atomic
def build_audit(
    cohort_dir: Path, rng: random.Random, *, partnership=None, **fields
) -> tuple[Audit, User]:
    """The audit run through to findings agreed, in the demo partnership (``partnership``, or
    loaded afresh); ``fields`` say otherwise what the demo audit says of itself."""
    if partnership is None:
        partnership, _ = load_demo_partnership()
    lead = User.objects.get(username="audit.lead")
    today = timezone.localdate()
    described = {
        **demo_audit_fields(partnership),
        "terms_of_reference": "Practitioner-led multi-agency audit of removals September to "
        "December 2023 of children unknown to children's social care.",
        "returns_due": today + timedelta(days=14),
        "audit_day": today + timedelta(days=28),
        **fields,
    }
    audit = Audit.objects.create(partnership=partnership, created_by=lead, **described)
    loaded = audit_services.load_cohort(
        audit,
        (cohort_dir / "cohort.csv").read_bytes(),
        (cohort_dir / "key.csv").read_bytes(),
        lead,
    )
    if loaded.problems:
        raise ValueError("the demo cohort did not load: " + "; ".join(loaded.problems[:3]))
    agencies = {a.kind: a for a in partnership.agencies.all()}
    cases = list(audit.cases.order_by("case_ref"))
    for case in cases:
        audit_services.assign_agencies(
            case, _agencies_for(case, agencies, rng), audit.returns_due, lead
        )
    _complete_returns(audit, rng)
    themes = {t.name: t for t in themes_of(partnership)}
    for case in cases:
        _findings(case, themes, rng, lead)
    _family_voice(audit, cases, rng, lead)
    Audit.objects.filter(pk=audit.pk).update(stage=Stage.FINDINGS_AGREED)
    audit.refresh_from_db()
    return audit, lead


def _agencies_for(case: Case, agencies: dict, rng: random.Random) -> list[Agency]:
    age = case.age_days or 0
    kinds = [Agency.Kind.POLICE, Agency.Kind.CSC]
    if age < 1826:
        kinds.append(Agency.Kind.HEALTH_VISITING)
    if age <= 60:
        kinds.append(Agency.Kind.MIDWIFERY)
    if rng.random() < 0.7:
        kinds.append(Agency.Kind.GP)
    if age >= 730:
        kinds.append(Agency.Kind.EDUCATION)
    if rng.random() < 0.25:
        kinds.append(Agency.Kind.DOMESTIC_ABUSE)
    if case.moved_in:
        kinds.append(Agency.Kind.HOUSING)
    if case.known_historically:
        kinds.append(Agency.Kind.EARLY_HELP)
    return [agencies[k] for k in kinds if k in agencies]


def _complete_returns(audit: Audit, rng: random.Random) -> None:
    """Every return answered and signed off, as if each agency had done its part."""
    theme_ids = [str(pk) for pk in themes_of(audit.partnership).values_list("pk", flat=True)]
    now = timezone.now()
    returns = SingleAgencyReturn.objects.filter(assignment__case__audit=audit).select_related(
        "assignment__agency", "assignment__agency_lead", "assignment__practitioner"
    )
    for ret in returns:
        answers: dict = {}
        kind = ret.assignment.agency.kind
        for section in ret.tool_version.sections:
            for question in tool_schema.questions_of(section, graded=False):
                qtype, key = question["type"], question["key"]
                if qtype == "evidenced":
                    answers[key] = rng.choice(["yes", "yes", "partly", "no"])
                elif qtype == "text" and question.get("required"):
                    answers[key] = NARRATIVE.get(kind, "Involvement recorded; no concerns noted.")
                elif qtype == "themes":
                    answers[key] = rng.sample(theme_ids, 1)
                elif qtype in ("choice", "grade"):
                    answers[key] = tool_schema.choices_for(question)[0][0]
        who = ret.assignment.practitioner or ret.assignment.agency_lead
        ret.answers, ret.status, ret.version = answers, SingleAgencyReturn.Status.SIGNED_OFF, 3
        ret.updated_by = ret.submitted_by = who
        ret.submitted_at = ret.signed_off_at = now
        ret.signed_off_by = ret.assignment.agency_lead or who
        ret.save()


def _flag(case: Case, flag: str) -> bool:
    if flag == "infant":
        return (case.age_days or 10**6) < 365
    if flag == "young_infant":
        return (case.age_days or 10**6) < 183
    return bool(flag and getattr(case, flag))


def _findings(case: Case, themes: dict, rng: random.Random, lead: User) -> None:
    assigned = list(case.assignments.select_related("agency"))
    for kind, table in (
        (Finding.Kind.STRENGTH, STRENGTHS),
        (Finding.Kind.AREA_FOR_LEARNING, LEARNING),
    ):
        for name, base, extra, flag, text in table:
            if rng.random() >= base + (extra if _flag(case, flag) else 0):
                continue
            finding = Finding.objects.create(case=case, kind=kind, text=text, recorded_by=lead)
            finding.themes.add(themes[name])
            agency = (
                next(
                    (a.agency for a in assigned if a.agency.kind == Agency.Kind.HEALTH_VISITING),
                    None,
                )
                if name == "Fathers and male carers"
                else rng.choice(assigned).agency
            )
            if agency is not None:
                finding.agencies.add(agency)


def _example() -> dict:
    """The example briefing's narrative, told as the demo partnership's own."""
    text = (resources.files("maca.briefing") / "examples" / "first-1001-days.json").read_text(
        encoding="utf-8"
    )
    return json.loads(text.replace("Northshire", "Northmoor").replace("northshire", "northmoor"))


def _family_voice(audit: Audit, cases: list[Case], rng: random.Random, lead: User) -> None:
    for quote in _example()["family_voice"]:
        FamilyVoice.objects.create(
            audit=audit,
            case=rng.choice(cases),
            role=quote["role"],
            quote=quote["text"],
            consent_given=quote["consent"],
            consent_recorded_by=lead,
        )


def narrative_from_example(draft) -> dict:
    """The author's words for the demo: the example briefing's narrative, matched to themes."""
    example = _example()
    themes = {t.name.lower(): t for t in themes_of(draft.audit.partnership)}
    texts: dict[str, dict] = {}
    for strength in example["strengths"]:
        theme = themes.get(strength["theme"].lower())
        if theme is not None:
            texts.setdefault(str(theme.pk), {}).update(
                key_phrase=strength["key_phrase"],
                sentence=strength["sentence"],
                agency=strength.get("agency") or "",
            )
    for learning in example["learning"]:
        theme = themes.get(LEARNING_HEADINGS.get(learning["title"], "").lower())
        if theme is not None:
            texts.setdefault(str(theme.pk), {}).update(
                learning_title=learning["title"],
                learning_text=learning.get("text", ""),
                bullets=list(learning.get("bullets", [])),
            )
    for name, words in MORE_LEARNING.items():
        theme = themes.get(name.lower())
        if theme is not None:
            texts.setdefault(str(theme.pk), {}).setdefault("learning_text", words)
    seven = dict(example.get("seven_minute") or {})
    seven.pop("background", None)  # its numbers are the example's: let the scope say it
    seven.pop("key_findings", None)
    return {
        "priority": example["priority"],
        "title": example["title"],
        "partnership_short": "NSCP",
        "social_care_name": example.get("social_care_name", "CYPS"),
        "overview": example["overview"],
        "methodology": example["methodology"],
        "definitions": example["definitions"],
        "theme_texts": texts,
        "next_steps_intro": example["next_steps"]["intro"],
        "next_steps_items": example["next_steps"]["items"],
        "resources": example["resources"] + example["next_steps"]["links"],
        "seven_minute": seven,
    }


def publish_demo_briefing(
    audit: Audit, lead: User, scope_json: Path, *, store: Path, narrative: dict | None = None
):
    """Store the scope, write the narrative (the example's, with ``narrative`` over it), decide
    the small numbers as the demo author does and publish."""
    draft = draft_for(audit)
    services.store_scope(draft, json.loads(scope_json.read_text("utf-8")), "scope.json", lead)
    services.save_draft(draft, lead, **{**narrative_from_example(draft), **(narrative or {})})
    built = build_briefing(audit, draft)
    problems = check_buildable(built)
    if problems:
        raise ValueError("the demo briefing cannot be built: " + "; ".join(problems))
    _, report = services.check_audit(audit, built, store=store)
    # The author's choices: chart bars may show small counts, counts in the text are suppressed.
    choices = {
        n.key: (n.value, "confirm" if n.key.startswith("chart.") else "suppress")
        for n in report.small_numbers
    }
    services.record_decisions(draft, choices, lead)
    # The demo's author reads every passage (invented text) and confirms it, as on the page.
    reading = read_passages(audit, draft, store=store)
    fingerprints = [read.passage.fingerprint for read in reading.unread]
    services.confirm_passages(audit, reading.confirmable(fingerprints), lead)
    return services.publish_audit(audit, lead, store=store)

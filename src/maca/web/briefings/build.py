"""An audit and its briefing draft → :class:`maca.briefing.Briefing`.

The narrative is the author's (the draft); everything counted comes from the audit as it is now:
the scope from the stored scope.json (or, without one, from the cases' cohort flags), strengths
and learning from findings (themes ordered by how many cases showed them), family voice with
consent only, and the charts from cases and assignments.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.utils import timezone

from maca.briefing import Briefing, BriefingInputError, Scope
from maca.briefing.model import (
    CaseFacts,
    ChartData,
    DataCount,
    DataFinding,
    Definition,
    FamilyQuote,
    LearningTheme,
    NextSteps,
    Resource,
    SevenMinute,
    Strength,
    ThemeCount,
)
from maca.briefing.scope import MONTHS
from maca.cohort.contract import TRUE_FALSE_COLUMNS
from maca.cohort.scope import scope_counts
from maca.profile import CohortProfile
from maca.profile.contract import MEASURE_BY_KEY, Measure
from maca.profile.findings import Words, measure_finding
from maca.profile.small_numbers import SHOWN, Cell
from maca.web.actions.models import Resource as LibraryResource
from maca.web.audits.models import Audit, FamilyVoice, Finding, Theme
from maca.web.profiles.queries import profile_for

from .models import BriefingDraft, SmallNumberDecision


@dataclass
class ThemeUse:
    """A theme as the findings show it: distinct cases with a strength / area for learning."""

    theme: Theme
    strength_cases: int = 0
    learning_cases: int = 0
    agencies: list[str] = field(default_factory=list)


@dataclass
class Built:
    briefing: Briefing
    scope_derived: bool
    notes: list[str]  # what the author should know about how the numbers were found
    strengths: list[ThemeUse]
    learning: list[ThemeUse]


def draft_for(audit: Audit) -> BriefingDraft:
    """The audit's draft, created with defaults taken from the audit on first use."""
    draft = BriefingDraft.objects.filter(audit=audit).first()
    if draft is not None:
        return draft
    priority, _, title = audit.priority.partition(":")
    return BriefingDraft.objects.create(
        audit=audit,
        priority=priority.strip() if title else audit.priority,
        title=title.strip() or audit.title,
        partnership_short=initials(audit.partnership.name),
    )


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def theme_uses(audit: Audit) -> list[ThemeUse]:
    """Every theme the audit's findings were tagged with, with distinct case counts."""
    strength: dict[int, set] = defaultdict(set)
    learning: dict[int, set] = defaultdict(set)
    agencies: dict[int, set] = defaultdict(set)
    themes: dict[int, Theme] = {}
    findings = (
        Finding.objects.filter(case__audit=audit).current().prefetch_related("themes", "agencies")
    )
    for finding in findings:
        for theme in finding.themes.all():
            themes[theme.pk] = theme
            if finding.kind == Finding.Kind.STRENGTH:
                strength[theme.pk].add(finding.case_id)
                agencies[theme.pk].update(a.name for a in finding.agencies.all())
            elif finding.kind == Finding.Kind.AREA_FOR_LEARNING:
                learning[theme.pk].add(finding.case_id)
    return [
        ThemeUse(theme, len(strength[pk]), len(learning[pk]), sorted(agencies[pk]))
        for pk, theme in sorted(themes.items(), key=lambda item: (item[1].order, item[1].name))
    ]


def cohort_rows(cases) -> list[dict[str, str]]:
    """Cases as the cohort.csv rows the core's ``scope_counts`` reads: flags as true/false, and
    a case without a family reference a family of its own."""
    return [
        {
            "family_ref": case.family_ref or case.case_ref,
            "removal_kind": case.removal_kind,
            **{name: "true" if getattr(case, name) else "false" for name in TRUE_FALSE_COLUMNS},
        }
        for case in cases
    ]


def derived_scope(audit: Audit) -> Scope:
    """What the cases' cohort flags say, counted as ``maca cohort`` counts scope.json; the period
    is the months of the first and last removal (the cohort's own period is only in scope.json).
    Exclusions are not on cases: unknown, so left out rather than counted as none."""
    cases = list(audit.cases.current())
    dates = [c.removal_date for c in cases if c.removal_date]
    start = min(dates) if dates else timezone.localdate()
    end = max(dates) if dates else start
    counts = scope_counts(cohort_rows(cases), [], (start.replace(day=1), _month_end(end)))
    del counts["excluded"]
    return Scope.from_scope_json(
        {**counts, "parameters": {"derived_from": "the cases' cohort flags"}}
    )


def scope_for(audit: Audit, draft: BriefingDraft | None) -> tuple[Scope, bool]:
    """The stored scope.json's scope, else the one derived from the cases (and True)."""
    if draft is not None and draft.scope_json is not None:
        return Scope.from_scope_json(draft.scope_json), False
    return derived_scope(audit), True


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


class _MarkedCounts(Words):
    """A finding's counts as markers, so that its words come apart into text and counts."""

    MARK = "\x00"

    def __init__(self, profile: CohortProfile, measure: Measure):
        self.measure = measure
        self.counts: list[DataCount] = []
        self.groups = {g.key: g.label for g in profile.groups}

    def _mark(self, count: DataCount) -> str:
        self.counts.append(count)
        return f"{self.MARK}{len(self.counts) - 1}{self.MARK}"

    @staticmethod
    def _value(cell: Cell) -> int | None:
        return cell.count if cell.status == SHOWN else None

    def total(self, group: str, cell: Cell) -> str:
        return self._mark(
            DataCount(
                key=f"groups.{group}",
                value=self._value(cell),
                shown=cell.shown,
                label=f"children ({self.groups[group]})",
                article="the ",
            )
        )

    def amount(self, category: str, group: str, cell: Cell) -> str:
        return self._mark(
            DataCount(
                key=f"{self.measure.key}.{category}.{group}",
                value=self._value(cell),
                shown=cell.shown,
                label=f"{self.measure.label(category)} ({self.groups[group]})",
                percent=cell.percent_shown,
                of=f"groups.{group}",
            )
        )


def data_finding(profile: CohortProfile, key: str) -> DataFinding:
    """One of the profile's findings in the briefing's model: the core's words (the profile's
    own ``measure_finding``), each count apart, so that the briefing's small-number check and
    disclosure check read it (the briefing core never reads a profile)."""
    measure = MEASURE_BY_KEY[key]
    published = profile.measure(key)
    marked = _MarkedCounts(profile, measure)
    text = measure_finding(
        measure,
        {row.category: row.cells for row in published.rows},
        {g.key: g.children for g in profile.groups},
        marked,
    )
    if not text.startswith(measure.title):
        text = f"{measure.title}: {text}"
    parts: list[str | DataCount] = []
    for i, piece in enumerate(text.split(marked.MARK)):
        if i % 2:
            parts.append(marked.counts[int(piece)])
        elif piece:
            parts.append(piece)
    return DataFinding(key, measure.title, parts)


def data_findings(profile: CohortProfile | None, keys: list[str]) -> list[DataFinding]:
    """The findings the author chose, in the profile's order."""
    if profile is None:
        return []
    chosen = set(keys)
    return [data_finding(profile, m.key) for m in profile.measures if m.key in chosen]


def consented_voices(audit: Audit):
    return (
        FamilyVoice.objects.filter(audit=audit, consent_given=True)
        .current()
        .order_by("consent_recorded_at", "id")
    )


def published_voices(audit: Audit, draft: BriefingDraft):
    """Views given with consent, less those the author leaves out."""
    return consented_voices(audit).exclude(pk__in=draft.left_out_voices or [])


def chart_cases(audit: Audit) -> tuple[list[CaseFacts], str]:
    """Per case: agencies assigned, age at removal, removal date. Empty (with a reason) when a
    case lacks its age or removal date, rather than charts that disagree with the scope."""
    cases = audit.cases.current().annotate(agency_count=Count("assignments")).order_by("case_ref")
    facts, missing = [], 0
    for case in cases:
        if case.age_days is None or case.removal_date is None:
            missing += 1
            continue
        facts.append(
            CaseFacts(
                case.case_ref, case.agency_count, case.age_days, case.removal_date.isoformat()
            )
        )
    if missing:
        return [], (
            f"{missing} case(s) have no age or removal date, so the age and removal charts "
            "are left out: load them from the cohort file to draw them."
        )
    return facts, ""


def decisions(draft: BriefingDraft) -> dict[str, str]:
    """The latest choice per key."""
    latest: dict[str, str] = {}
    for decision in SmallNumberDecision.objects.filter(draft=draft).order_by("decided_at", "id"):
        latest[decision.key] = decision.choice
    return latest


def build_briefing(audit: Audit, draft: BriefingDraft | None = None, now=None) -> Built:
    draft = draft or draft_for(audit)
    notes: list[str] = []
    scope, derived = scope_for(audit, draft)
    if derived:
        notes.append(
            "No scope.json is stored with this audit, so the scope is derived from the cases' "
            "cohort flags: the period runs from the month of the first removal to the month of "
            "the last, and exclusions are not known. Upload the cohort's scope.json for the "
            "cohort's own figures."
        )
    profile = profile_for(audit)
    if draft.profile_findings and profile is None:
        notes.append(
            "Findings of the cohort profile were chosen for the Scope, but the audit has no "
            "cohort profile now, so they are left out."
        )
    uses = theme_uses(audit)
    texts = draft.theme_texts or {}
    strengths_used = sorted((u for u in uses if u.strength_cases), key=lambda u: -u.strength_cases)
    learning_used = sorted((u for u in uses if u.learning_cases), key=lambda u: -u.learning_cases)
    cases, missing = chart_cases(audit)
    if missing:
        notes.append(missing)
    if cases and len(cases) != scope.children:
        notes.append(
            f"The audit has {len(cases)} cases but the scope counts {scope.children} children, "
            "so the age and removal charts are left out."
        )
        cases = []
    resources, withdrawn = chosen_resources(audit, draft)
    if withdrawn:
        notes.append(
            f"{withdrawn} resource(s) chosen from the library were withdrawn from it since, so "
            "the briefing leaves them out."
        )
    when = now or timezone.localtime()
    briefing = Briefing(
        partnership=audit.partnership.name,
        partnership_short=draft.partnership_short,
        priority=draft.priority,
        title=draft.title or audit.title,
        question=audit.question,
        overview=draft.overview,
        methodology=draft.methodology,
        scope=scope,
        definitions=[
            Definition(d.get("term", ""), d.get("text", ""), d.get("placement", "overview"))
            for d in draft.definitions
            if d.get("term") and d.get("text")
        ],
        strengths=[_strength(u, texts.get(str(u.theme.pk), {})) for u in strengths_used],
        family_voice=[
            FamilyQuote(v.quote, v.role, consent=True) for v in published_voices(audit, draft)
        ],
        next_steps=NextSteps(
            intro=draft.next_steps_intro,
            items=list(draft.next_steps_items),
            links=[_resource(r) for r in resources if r.get("placement") == "next_steps"],
        ),
        learning=[_learning(u, texts.get(str(u.theme.pk), {})) for u in learning_used],
        resources=[_resource(r) for r in resources if r.get("placement") != "next_steps"],
        charts=ChartData(
            theme_cases=[
                ThemeCount(u.theme.name, u.strength_cases, u.learning_cases) for u in uses
            ],
            cases=cases,
        ),
        seven_minute=_seven_minute(draft.seven_minute or {}),
        small_numbers=decisions(draft),  # type: ignore[arg-type]
        small_number_threshold=draft.small_number_threshold,
        published=draft.published_month or f"{MONTHS[when.month - 1]} {when.year}",
        social_care_name=draft.social_care_name or "CYPS",
        data_findings=data_findings(profile, list(draft.profile_findings or [])),
    )
    return Built(briefing, derived, notes, strengths_used, learning_used)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _strength(use: ThemeUse, text: dict) -> Strength:
    name = use.theme.name
    key_phrase = text.get("key_phrase") or _sentence_case(name)
    sentence = text.get("sentence") or f"{key_phrase} was seen as a strength in practice."
    return Strength(name, key_phrase, sentence, use.strength_cases, text.get("agency", ""))


def _learning(use: ThemeUse, text: dict) -> LearningTheme:
    return LearningTheme(
        title=text.get("learning_title") or _sentence_case(use.theme.name),
        text=text.get("learning_text", ""),
        cases=use.learning_cases,
        bullets=[b for b in text.get("bullets", []) if b.strip()],
    )


def chosen_resources(audit: Audit, draft: BriefingDraft) -> tuple[list[dict], int]:
    """The draft's resources as title, link and placement: those chosen from the partnership's
    library read from it (in the draft's order), the typed ones as typed; and how many chosen
    ones the library no longer offers."""
    chosen = [r for r in draft.resources or [] if "resource" in r]
    library = {
        r.pk: r
        for r in LibraryResource.objects.filter(
            partnership=audit.partnership, active=True, pk__in=[r["resource"] for r in chosen]
        )
    }
    resources, withdrawn = [], 0
    for entry in draft.resources or []:
        if "resource" not in entry:
            resources.append(entry)
        elif entry["resource"] in library:
            found = library[entry["resource"]]
            resources.append(
                {"title": found.title, "url": found.url, "placement": entry.get("placement", "end")}
            )
        else:
            withdrawn += 1
    return resources, withdrawn


def _resource(data: dict) -> Resource:
    return Resource(data.get("title", ""), data.get("url", ""), data.get("placement", "end"))


def _seven_minute(data: dict) -> SevenMinute:
    return SevenMinute(
        background=data.get("background", ""),
        why_it_matters=data.get("why_it_matters", ""),
        things_to_remember=list(data.get("things_to_remember", [])),
        what_to_do=list(data.get("what_to_do", [])),
        reflective_questions=list(data.get("reflective_questions", [])),
    )


def check_buildable(built: Built) -> list[str]:
    """Problems that stop the briefing being rendered at all (not disclosure problems)."""
    from maca.briefing import prepare

    try:
        prepare(built.briefing)
    except BriefingInputError as problem:
        return [str(problem)]
    return []

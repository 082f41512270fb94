"""The input of a learning briefing: plain dataclasses, with a JSON round trip.

The audit web app builds a :class:`Briefing` from its database (audit, findings, family voice,
actions, resource library, the cohort's ``scope.json``); the CLI reads one from a JSON file.
Everything the renderers and the disclosure check need is here, and nothing else: the core never
reaches back into the store while rendering.

Section order follows the seed briefing (``shared/seed/first-1001-days-learning-briefing.md``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from maca.cohort.contract import SCOPE_COUNTS
from maca.problems import Problem

# Where a definition sits: the seed defines "first 1001 days" after the overview and "unknown"
# after the scope, because that definition only makes sense once the cohort is described.
DefinitionPlacement = Literal["overview", "scope"]
# Where a resource link sits; the seed puts links after strengths, after the voice of the family
# and at the very end.
ResourcePlacement = Literal["strengths", "family_voice", "next_steps", "learning", "end"]
SmallNumberChoice = Literal["confirm", "suppress"]

DEFINITION_PLACEMENTS = ("overview", "scope")
RESOURCE_PLACEMENTS = ("strengths", "family_voice", "next_steps", "learning", "end")
SMALL_NUMBER_CHOICES = ("confirm", "suppress")


class BriefingInputError(Problem, ValueError):
    """The briefing input is malformed; the message names the field."""


@dataclass
class Period:
    start: str  # ISO date, "from" in scope.json
    end: str  # ISO date, "to" in scope.json


@dataclass
class Scope:
    """The cohort as ``maca cohort`` wrote it to ``scope.json``."""

    period: Period
    children: int
    families: int
    in_first_1001_days: int
    in_first_1001_days_with_sibling_group: int
    pp_invoked: int
    pp_considered_s20: int
    known_historically: int = 0
    sibling_known: int = 0
    recent_closure: int = 0
    moved_in: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_scope_json(cls, data: dict[str, Any]) -> Scope:
        """Build from the dict ``maca cohort`` writes (``period`` has ``from``/``to`` keys)."""
        period = _require(data, "period", "scope")
        if not isinstance(period, dict):
            raise BriefingInputError("scope.period: expected an object with 'from' and 'to'")
        counts = {}
        for name in SCOPE_COUNTS:
            value = data.get(name, 0 if name in _OPTIONAL_SCOPE_COUNTS else None)
            counts[name] = _scope_count(value, f"scope.{name}")
        return cls(
            period=Period(
                start=_iso_date(_require(period, "from", "scope.period"), "scope.period.from"),
                end=_iso_date(_require(period, "to", "scope.period"), "scope.period.to"),
            ),
            excluded={
                str(k): _scope_count(v, f"scope.excluded.{k}")
                for k, v in _object(data, "excluded").items()
            },
            parameters=_object(data, "parameters"),
            inputs=_object(data, "inputs"),
            **counts,
        )

    def to_scope_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"period": {"from": self.period.start, "to": self.period.end}}
        for name in SCOPE_COUNTS:
            data[name] = getattr(self, name)
        data["excluded"] = dict(self.excluded)
        data["parameters"] = dict(self.parameters)
        data["inputs"] = dict(self.inputs)
        return data


_OPTIONAL_SCOPE_COUNTS = ("known_historically", "sibling_known", "recent_closure", "moved_in")


@dataclass
class Definition:
    term: str  # "First 1001 days", "unknown"
    text: str
    placement: DefinitionPlacement = "overview"


@dataclass
class Strength:
    """A strength theme across cases. ``key_phrase`` is bolded where it occurs in ``sentence``."""

    theme: str
    key_phrase: str
    sentence: str
    cases: int
    agency: str = ""  # the agency whose finding it was, e.g. "HDFT"


@dataclass
class FamilyQuote:
    text: str
    role: str  # "Mother", "Father", "Carer": never a name
    consent: bool


@dataclass
class LearningTheme:
    title: str
    text: str
    cases: int = 0
    bullets: list[str] = field(default_factory=list)


@dataclass
class Resource:
    title: str
    url: str
    placement: ResourcePlacement = "end"


@dataclass
class NextSteps:
    intro: str = ""
    items: list[str] = field(default_factory=list)  # briefings and training offered
    links: list[Resource] = field(default_factory=list)


@dataclass
class ThemeCount:
    theme: str
    strength: int
    learning: int


@dataclass
class CaseFacts:
    """One cohort case, for charts only: never printed as a row."""

    case_ref: str
    agencies: int
    age_days: int
    removal_date: str  # ISO date; charts show months only


@dataclass(frozen=True)
class DataCount:
    """One count in a finding from the cohort profile ("what the data tell us").

    ``value`` is None when the profile had already suppressed it (``shown`` then says how: "fewer
    than 5", "withheld"); otherwise it goes through the briefing's own small-number check under
    ``profile.{key}``. ``of`` names the group-size count it is a share of: its ``percent`` is
    published only while both are published as numbers. ``article`` ("the ") goes before a
    number ("of the 22 children", but "of fewer than 5 children")."""

    key: str  # "age_at_removal.12_to_24_months.unknown_first_1001_days", "groups.open_to_csc"
    value: int | None
    shown: str
    label: str  # for the small-number list: "Age at removal: 12 to 24 months (Unknown ...)"
    percent: str = ""  # "40.9%"
    of: str = ""
    article: str = ""


@dataclass
class DataFinding:
    """A finding of the cohort profile the author chose for the Scope: its words and counts in
    reading order (the web's adapter builds it from the profile; the briefing never reads a
    profile itself)."""

    key: str  # the profile measure's key
    title: str
    parts: list[str | DataCount] = field(default_factory=list)


@dataclass
class ChartData:
    theme_cases: list[ThemeCount] = field(default_factory=list)
    cases: list[CaseFacts] = field(default_factory=list)


@dataclass
class KeyFinding:
    title: str
    text: str


@dataclass
class SevenMinute:
    """The 7-minute briefing's own short texts; empty ones are derived from the briefing."""

    background: str = ""
    why_it_matters: str = ""
    key_findings: list[KeyFinding] = field(default_factory=list)
    things_to_remember: list[str] = field(default_factory=list)
    what_to_do: list[str] = field(default_factory=list)
    reflective_questions: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    partnership: str  # "Northshire Safeguarding Children Partnership"
    partnership_short: str  # "NSCP"
    priority: str  # "Priority Three"
    title: str  # "First 1001 Days"
    question: str
    overview: str
    methodology: str
    scope: Scope
    definitions: list[Definition] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    family_voice: list[FamilyQuote] = field(default_factory=list)
    next_steps: NextSteps = field(default_factory=NextSteps)
    learning: list[LearningTheme] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    charts: ChartData = field(default_factory=ChartData)
    seven_minute: SevenMinute = field(default_factory=SevenMinute)
    # The author's choice per flagged small number: key -> "confirm" | "suppress".
    small_numbers: dict[str, SmallNumberChoice] = field(default_factory=dict)
    small_number_threshold: int = 5
    published: str = ""  # month of publication, e.g. "March 2024"
    # What the partnership calls children's social care in its briefings ("CYPS" in the seed).
    social_care_name: str = "CYPS"
    # Findings of the cohort profile in the Scope, "what the data tell us" (the author's choice).
    data_findings: list[DataFinding] = field(default_factory=list)

    def strengths_by_cases(self) -> list[Strength]:
        """Strengths ordered by how many cases showed them (ties keep the author's order)."""
        return sorted(self.strengths, key=lambda strength: -strength.cases)

    def quotes_with_consent(self) -> list[FamilyQuote]:
        return [quote for quote in self.family_voice if quote.consent]

    def resources_at(self, placement: str) -> list[Resource]:
        return [resource for resource in self.resources if resource.placement == placement]

    def definitions_at(self, placement: str) -> list[Definition]:
        return [d for d in self.definitions if d.placement == placement]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["scope"] = self.scope.to_scope_json()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Briefing:
        if not isinstance(data, dict):
            raise BriefingInputError("briefing: expected a JSON object")
        scope = Scope.from_scope_json(_require(data, "scope", "briefing"))
        return cls(
            partnership=_text(data, "partnership"),
            partnership_short=_text(data, "partnership_short", required=False),
            priority=_text(data, "priority"),
            title=_text(data, "title"),
            question=_text(data, "question"),
            overview=_text(data, "overview"),
            methodology=_text(data, "methodology"),
            scope=scope,
            definitions=[
                _definition(item, f"definitions[{i}]")
                for i, item in enumerate(_list(data, "definitions"))
            ],
            strengths=[
                Strength(
                    theme=_text(item, "theme", f"strengths[{i}]"),
                    key_phrase=_text(item, "key_phrase", f"strengths[{i}]"),
                    sentence=_text(item, "sentence", f"strengths[{i}]"),
                    cases=_count(item, "cases", f"strengths[{i}]"),
                    agency=_text(item, "agency", f"strengths[{i}]", required=False),
                )
                for i, item in enumerate(_list(data, "strengths"))
            ],
            family_voice=[
                FamilyQuote(
                    text=_text(item, "text", f"family_voice[{i}]"),
                    role=_text(item, "role", f"family_voice[{i}]"),
                    consent=bool(_require(item, "consent", f"family_voice[{i}]")),
                )
                for i, item in enumerate(_list(data, "family_voice"))
            ],
            next_steps=_next_steps(data.get("next_steps") or {}),
            learning=[
                LearningTheme(
                    title=_text(item, "title", f"learning[{i}]"),
                    text=_text(item, "text", f"learning[{i}]", required=False),
                    cases=_count(item, "cases", f"learning[{i}]", required=False),
                    bullets=[str(b) for b in _list(item, "bullets", f"learning[{i}]")],
                )
                for i, item in enumerate(_list(data, "learning"))
            ],
            resources=[
                _resource(item, f"resources[{i}]")
                for i, item in enumerate(_list(data, "resources"))
            ],
            charts=_charts(data.get("charts") or {}),
            seven_minute=_seven_minute(data.get("seven_minute") or {}),
            small_numbers=_small_numbers(data.get("small_numbers") or {}),
            small_number_threshold=_count(
                data, "small_number_threshold", "briefing", required=False, default=5
            ),
            published=_text(data, "published", required=False),
            social_care_name=_text(data, "social_care_name", required=False) or "CYPS",
            data_findings=[
                _data_finding(item, f"data_findings[{i}]")
                for i, item in enumerate(_list(data, "data_findings"))
            ],
        )


def _object(data: dict[str, Any], key: str) -> dict[str, Any]:
    """An optional object of scope.json (a hand-edited file may hold anything there)."""
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise BriefingInputError(f"scope.{key}: expected an object")
    return dict(value)


def _iso_date(value: Any, where: str) -> str:
    problem = BriefingInputError(f"{where}: expected a date like 2023-09-01")
    if not isinstance(value, str):
        raise problem
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise problem from None


def _scope_count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BriefingInputError(f"{where}: expected a count, got {value!r}"[:200])
    return value


def _require(data: dict[str, Any], key: str, where: str) -> Any:
    if not isinstance(data, dict):
        raise BriefingInputError(f"{where}: expected an object")
    if key not in data or data[key] is None:
        raise BriefingInputError(f"{where}.{key}: missing")
    return data[key]


def _text(data: dict[str, Any], key: str, where: str = "briefing", required: bool = True) -> str:
    if not required and data.get(key) is None:
        return ""
    value = _require(data, key, where)
    if not isinstance(value, str):
        raise BriefingInputError(f"{where}.{key}: expected text, got {type(value).__name__}")
    return value


def _count(
    data: dict[str, Any], key: str, where: str, required: bool = True, default: int = 0
) -> int:
    if not required and data.get(key) is None:
        return default
    value = _require(data, key, where)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BriefingInputError(f"{where}.{key}: expected a count, got {value!r}")
    return value


def _list(data: dict[str, Any], key: str, where: str = "briefing") -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise BriefingInputError(f"{where}.{key}: expected a list")
    return value


def _choice(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise BriefingInputError(f"{where}: expected one of {', '.join(allowed)}, got {value!r}")
    return value


def _definition(item: dict[str, Any], where: str) -> Definition:
    placement = _text(item, "placement", where, required=False) or "overview"
    return Definition(
        term=_text(item, "term", where),
        text=_text(item, "text", where),
        placement=_choice(placement, DEFINITION_PLACEMENTS, f"{where}.placement"),  # type: ignore[arg-type]
    )


def _resource(item: dict[str, Any], where: str) -> Resource:
    placement = _text(item, "placement", where, required=False) or "end"
    return Resource(
        title=_text(item, "title", where),
        url=_text(item, "url", where),
        placement=_choice(placement, RESOURCE_PLACEMENTS, f"{where}.placement"),  # type: ignore[arg-type]
    )


def _next_steps(data: dict[str, Any]) -> NextSteps:
    return NextSteps(
        intro=_text(data, "intro", "next_steps", required=False),
        items=[str(item) for item in _list(data, "items", "next_steps")],
        links=[
            _resource(item, f"next_steps.links[{i}]")
            for i, item in enumerate(_list(data, "links", "next_steps"))
        ],
    )


def _charts(data: dict[str, Any]) -> ChartData:
    return ChartData(
        theme_cases=[
            ThemeCount(
                theme=_text(item, "theme", f"charts.theme_cases[{i}]"),
                strength=_count(item, "strength", f"charts.theme_cases[{i}]"),
                learning=_count(item, "learning", f"charts.theme_cases[{i}]"),
            )
            for i, item in enumerate(_list(data, "theme_cases", "charts"))
        ],
        cases=[
            CaseFacts(
                case_ref=_text(item, "case_ref", f"charts.cases[{i}]"),
                agencies=_count(item, "agencies", f"charts.cases[{i}]"),
                age_days=_count(item, "age_days", f"charts.cases[{i}]"),
                removal_date=_text(item, "removal_date", f"charts.cases[{i}]"),
            )
            for i, item in enumerate(_list(data, "cases", "charts"))
        ],
    )


def _seven_minute(data: dict[str, Any]) -> SevenMinute:
    where = "seven_minute"
    return SevenMinute(
        background=_text(data, "background", where, required=False),
        why_it_matters=_text(data, "why_it_matters", where, required=False),
        key_findings=[
            KeyFinding(
                title=_text(item, "title", f"{where}.key_findings[{i}]"),
                text=_text(item, "text", f"{where}.key_findings[{i}]"),
            )
            for i, item in enumerate(_list(data, "key_findings", where))
        ],
        things_to_remember=[str(x) for x in _list(data, "things_to_remember", where)],
        what_to_do=[str(x) for x in _list(data, "what_to_do", where)],
        reflective_questions=[str(x) for x in _list(data, "reflective_questions", where)],
    )


def _data_finding(data: dict[str, Any], where: str) -> DataFinding:
    parts: list[str | DataCount] = []
    for j, part in enumerate(_list(data, "parts", where)):
        at = f"{where}.parts[{j}]"
        if isinstance(part, str):
            parts.append(part)
            continue
        parts.append(
            DataCount(
                key=_text(part, "key", at),
                value=_count(part, "value", at) if part.get("value") is not None else None,
                shown=_text(part, "shown", at),
                label=_text(part, "label", at, required=False),
                percent=_text(part, "percent", at, required=False),
                of=_text(part, "of", at, required=False),
                article=_text(part, "article", at, required=False),
            )
        )
    return DataFinding(_text(data, "key", where), _text(data, "title", where), parts)


def _small_numbers(data: dict[str, Any]) -> dict[str, SmallNumberChoice]:
    if not isinstance(data, dict):
        raise BriefingInputError("briefing.small_numbers: expected an object of key -> choice")
    return {
        str(key): _choice(str(value), SMALL_NUMBER_CHOICES, f"small_numbers[{key!r}]")  # type: ignore[misc]
        for key, value in data.items()
    }

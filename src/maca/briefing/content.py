"""The briefing as it will be published: every text after small-number decisions, in order.

:func:`prepare` turns the input model into one :class:`Prepared` view that all renderers (HTML,
PDF, Word, 7-minute briefing) draw from, so they say the same thing, and that the disclosure check
scans, so it checks exactly what would be published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from maca.briefing.charts import Figure, build_figures
from maca.briefing.data_findings import HEADING as DATA_HEADING
from maca.briefing.data_findings import data_lines
from maca.briefing.model import Briefing, BriefingInputError, Resource
from maca.briefing.numbers import Numbers, suppress_narrative
from maca.briefing.passages import passage_fingerprint
from maca.briefing.scope import scope_lines

# The seed briefing's sections, in its order: (id, heading). Every renderer and test uses this.
SECTIONS = (
    ("title", ""),
    ("question", ""),
    ("overview", "Overview"),
    ("methodology", "Methodology"),
    ("scope", "Scope"),
    ("strengths", "Strengths"),
    ("family_voice", "Voice of the family"),
    ("next_steps", "Next steps and tools"),
    ("learning", "Learning"),
    ("resources", "Resources"),
)
HEADINGS = dict(SECTIONS)
# Headings within a section: the Scope's findings of the cohort profile.
HEADINGS["scope_data"] = DATA_HEADING
# The footer's promise: printed only on a version whose check passed (``checked`` renderings).
PROMISE = (
    "This briefing contains no names or identifying details of children or families; small "
    "numbers have been checked before publication."
)


@dataclass(frozen=True)
class TextUnit:
    """One piece of published text and where it sits, for the disclosure check's findings.

    ``generated``: made by maca from counts or settings (scope lines, chart summaries, the
    partnership's name), not written by a person; the check reads it, but nobody needs to
    confirm having read it.
    """

    section: str
    item: str
    text: str
    generated: bool = False

    @property
    def fingerprint(self) -> str:
        return passage_fingerprint(self.text)


@dataclass
class LabelledText:
    label: str
    text: str


@dataclass
class StrengthView:
    number: int
    theme: str
    before: str
    key_phrase: str
    after: str
    agency_note: str

    @property
    def text(self) -> str:
        return f"{self.before}{self.key_phrase}{self.after}{self.agency_note}"


@dataclass
class QuoteView:
    text: str
    role: str


@dataclass
class LearningView:
    number: int
    title: str
    text: str
    bullets: list[str]


@dataclass
class Panel:
    number: int
    name: str  # fixed ("Key finding 1"): findings name panels by it, never by author text
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    briefing: Briefing
    numbers: Numbers
    title: str
    question: str
    overview: str
    overview_definitions: list[LabelledText]
    methodology: str
    scope_lines: list[str]
    scope_definitions: list[LabelledText]
    data_lines: list[str]  # the Scope's "what the data tell us", from the cohort profile
    strengths: list[StrengthView]
    quotes: list[QuoteView]
    next_steps_intro: str
    next_steps_items: list[str]
    next_steps_links: list[Resource]
    learning: list[LearningView]
    resources: dict[str, list[Resource]]
    figures: dict[str, Figure]
    panels: list[Panel]

    @property
    def partnership(self) -> str:
        return self.briefing.partnership

    @property
    def partnership_short(self) -> str:
        return self.briefing.partnership_short

    def text_units(self) -> list[TextUnit]:
        """Every published text, in reading order, with the section and item it belongs to."""
        units = [
            TextUnit("title", "title", self.title),
            TextUnit("title", "partnership", self.partnership, generated=True),
            TextUnit("title", "partnership short name", self.partnership_short, generated=True),
            TextUnit("title", "publication month", self.briefing.published, generated=True),
            TextUnit("question", "question", self.question),
            TextUnit("overview", "overview", self.overview),
        ]
        units += [
            TextUnit("overview", f"definition {i}", f"{d.label}: {d.text}")
            for i, d in enumerate(self.overview_definitions, 1)
        ]
        units.append(TextUnit("methodology", "methodology", self.methodology))
        units += [
            TextUnit("scope", f"line {i}", t, generated=True)
            for i, t in enumerate(self.scope_lines, 1)
        ]
        units += [
            TextUnit("scope", f"definition {i}", f"{d.label}: {d.text}")
            for i, d in enumerate(self.scope_definitions, 1)
        ]
        units += [
            # maca's words (the profile contract's labels) around the profile's counts
            TextUnit("scope", f"what the data tell us {i}", t, generated=True)
            for i, t in enumerate(self.data_lines, 1)
        ]
        units += [TextUnit("strengths", f"strength {s.number}", s.text) for s in self.strengths]
        for i, quote in enumerate(self.quotes, 1):
            units.append(TextUnit("family_voice", f"quote {i}", quote.text))
            units.append(TextUnit("family_voice", f"quote {i}, attribution", quote.role))
        units.append(TextUnit("next_steps", "introduction", self.next_steps_intro))
        units += [
            TextUnit("next_steps", f"item {i}", t) for i, t in enumerate(self.next_steps_items, 1)
        ]
        for theme in self.learning:
            item = f"learning {theme.number}"
            units.append(TextUnit("learning", item, f"{theme.title}: {theme.text}"))
            units += [
                TextUnit("learning", f"{item}, bullet {j}", b)
                for j, b in enumerate(theme.bullets, 1)
            ]
        for placement, resources in self.resources.items():
            section = "resources" if placement == "end" else placement
            units += [
                TextUnit(section, f"resource {k}", r.title) for k, r in enumerate(resources, 1)
            ]
        units += [
            TextUnit("next_steps", f"link {k}", r.title)
            for k, r in enumerate(self.next_steps_links, 1)
        ]
        for figure in self.figures.values():
            units.append(TextUnit("charts", figure.title, figure.summary, generated=True))
            units += [
                TextUnit("charts", figure.title, label, generated=True) for label in figure.labels
            ]
        for panel in self.panels:
            item = f"panel {panel.number} ({panel.name})"
            units += [
                TextUnit("seven_minute", item, t)
                for t in [panel.heading, *panel.paragraphs, *panel.bullets, *panel.questions]
            ]
        return [unit for unit in units if unit.text]

    def free_text_passages(self) -> list[TextUnit]:
        """The published passages a person wrote, each once, in reading order."""
        seen: set[str] = set()
        passages = []
        for unit in self.text_units():
            if not unit.generated and unit.fingerprint not in seen:
                seen.add(unit.fingerprint)
                passages.append(unit)
        return passages

    def urls(self) -> list[TextUnit]:
        links = [r for rs in self.resources.values() for r in rs] + self.next_steps_links
        return [TextUnit("links", f"link {k} address", r.url) for k, r in enumerate(links, 1)]


def prepare(briefing: Briefing) -> Prepared:
    _check_in_step(briefing)
    numbers = Numbers(briefing.small_number_threshold, dict(briefing.small_numbers))

    def say(text: str, section: str, item: str) -> str:
        return suppress_narrative(numbers, text, section, item)

    overview_definitions = [
        LabelledText(_definition_label(d.term, d.text), say(d.text, "overview", f"definition {i}"))
        for i, d in enumerate(briefing.definitions_at("overview"), 1)
    ]
    scope_definitions = [
        LabelledText(_definition_label(d.term, d.text), say(d.text, "scope", f"definition {i}"))
        for i, d in enumerate(briefing.definitions_at("scope"), 1)
    ]
    strengths = [
        _strength_view(i, s.theme, s.key_phrase, say(s.sentence, "strengths", s.theme), s.agency)
        for i, s in enumerate(briefing.strengths_by_cases(), 1)
    ]
    quotes = [
        QuoteView(say(q.text, "family_voice", f"quote {i}"), q.role)
        for i, q in enumerate(briefing.quotes_with_consent(), 1)
    ]
    learning = [
        LearningView(
            i,
            say(t.title, "learning", f"learning {i}"),
            say(t.text, "learning", f"learning {i}"),
            [say(b, "learning", f"learning {i}") for b in t.bullets],
        )
        for i, t in enumerate(briefing.learning, 1)
    ]
    prepared = Prepared(
        briefing=briefing,
        numbers=numbers,
        title=f"{briefing.priority}: {briefing.title}",
        question=say(briefing.question, "question", "question"),
        overview=say(briefing.overview, "overview", "overview"),
        overview_definitions=overview_definitions,
        methodology=say(briefing.methodology, "methodology", "methodology"),
        scope_lines=scope_lines(briefing.scope, numbers, briefing.social_care_name),
        scope_definitions=scope_definitions,
        data_lines=data_lines(briefing.data_findings, numbers),
        strengths=strengths,
        quotes=quotes,
        next_steps_intro=say(briefing.next_steps.intro, "next_steps", "introduction"),
        next_steps_items=[say(t, "next_steps", "item") for t in briefing.next_steps.items],
        next_steps_links=list(briefing.next_steps.links),
        learning=learning,
        resources={
            placement: briefing.resources_at(placement)
            for placement in ("strengths", "family_voice", "next_steps", "learning", "end")
        },
        figures=build_figures(briefing, numbers),
        panels=[],
    )
    prepared.panels = _seven_minute_panels(prepared, say)
    return prepared


def _check_in_step(briefing: Briefing) -> None:
    """The charts and the scope come from the same cohort: refuse numbers that disagree."""
    cases = len(briefing.charts.cases)
    if cases and cases != briefing.scope.children:
        raise BriefingInputError(
            f"charts.cases: {cases} cases, but scope.children is {briefing.scope.children}; "
            "rebuild the briefing from the same cohort"
        )


def _definition_label(term: str, text: str) -> str:
    # The seed writes "Definition: First 1001 days looks at …" when the text names the term,
    # and "Definition of unknown: These children …" when it does not.
    return "Definition" if text.lower().startswith(term.lower()) else f"Definition of {term}"


def _strength_view(
    number: int, theme: str, key_phrase: str, sentence: str, agency: str
) -> StrengthView:
    note = f" This was a key finding by {agency}." if agency else ""
    found = re.search(re.escape(key_phrase), sentence, re.IGNORECASE) if key_phrase else None
    if found:
        return StrengthView(
            number,
            theme,
            sentence[: found.start()],
            sentence[found.start() : found.end()],
            sentence[found.end() :],
            note,
        )
    return StrengthView(number, theme, "", key_phrase, f": {sentence}" if sentence else "", note)


def _first_sentences(text: str, limit: int = 240) -> str:
    """Whole sentences up to ``limit`` characters, for the short 7-minute panels."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = ""
    for sentence in sentences:
        if kept and len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept


def _offered(prepared: Prepared) -> list[str]:
    """The briefings and training offered: typed items, then the resources chosen for them."""
    return [*prepared.next_steps_items, *(link.title for link in prepared.next_steps_links)]


def _seven_minute_panels(prepared: Prepared, say) -> list[Panel]:  # noqa: ANN001
    seven = prepared.briefing.seven_minute
    background = say(seven.background, "seven_minute", "background") or " ".join(
        [prepared.scope_lines[0], prepared.question]
    )
    why = say(seven.why_it_matters, "seven_minute", "why it matters") or " ".join(
        d.text for d in prepared.overview_definitions
    )
    findings = [(f.title, f.text) for f in seven.key_findings][:3]
    if not findings:
        # Three key findings always: the learning seen in most cases, then strengths if needed.
        ranked = sorted(prepared.briefing.learning, key=lambda t: -t.cases)[:3]
        findings = [(t.title, t.text or "; ".join(t.bullets)) for t in ranked]
        for strength in prepared.briefing.strengths_by_cases()[: 3 - len(findings)]:
            findings.append((f"Strength: {strength.key_phrase}", strength.sentence))
    panels = [
        Panel(1, "Background", "Background", [background]),
        Panel(2, "Why it matters", "Why it matters", [why]),
    ]
    for i, (title, text) in enumerate(findings, 1):
        item = f"key finding {i}"
        panels.append(
            Panel(
                2 + i,
                f"Key finding {i}",
                f"Key finding {i}: {say(title, 'seven_minute', item)}",
                [_first_sentences(say(text, "seven_minute", item))],
            )
        )
    remember = seven.things_to_remember or [
        f"{s.key_phrase[0].upper()}{s.key_phrase[1:]}" for s in prepared.strengths[:3]
    ]
    panels.append(
        Panel(
            len(panels) + 1,
            "Things to remember",
            "Things to remember",
            bullets=[say(t, "seven_minute", "things to remember") for t in remember],
        )
    )
    panels.append(
        Panel(
            len(panels) + 1,
            "What to do",
            "What to do",
            bullets=[
                say(t, "seven_minute", "what to do")
                for t in (seven.what_to_do or _offered(prepared))
            ],
            questions=[
                say(t, "seven_minute", "reflective questions") for t in seven.reflective_questions
            ],
        )
    )
    return panels

"""A small number in the words of the briefing's reader, for the author who confirms or
suppresses it: "2 children removed by Police Protection, in the Scope", never its stored key
("scope.pp_invoked").

The keys are made where the counts are formatted (:mod:`~maca.briefing.scope`,
:mod:`~maca.briefing.charts`, :func:`~maca.briefing.numbers.suppress_narrative`, the cohort
profile's findings); a key of a kind not known here is still worded from its section and item.
"""

from __future__ import annotations

from maca.briefing.content import HEADINGS
from maca.briefing.scope import SCOPE_WORDS

# A chart's counts: (its words, given the bar's label; the chart in words).
CHART_WORDS = {
    "theme_cases.strength": ("cases with the strength “{label}”", "cases per theme"),
    "theme_cases.learning": ("cases with learning about “{label}”", "cases per theme"),
    "agencies_per_case": ("cases with {label} involved", "agencies involved per case"),
    "age_at_removal": ("children removed aged “{label}”", "age at removal"),
    "removals_by_month": ("removals in {label}", "removals in the period, by month"),
}


def _heading(section: str) -> str:
    words = {"charts": "a chart", "seven_minute": "the 7-minute briefing"}
    heading = HEADINGS.get(section) or words.get(section) or section.replace("_", " ")
    return heading if section in words else f"the {heading}" if heading else "the title"


def _unslug(text: str) -> str:
    return text.replace("-", " ").strip()


_ONE = {"children": "child", "cases": "case", "families": "family", "removals": "removal"}


def _counted(value: int, words: str) -> str:
    """ "2 children …", "1 child …"."""
    first, _, rest = words.partition(" ")
    if value == 1:
        first = _ONE.get(first, first)
    return f"{value} {first} {rest}".rstrip()


def small_number_words(key: str, value: int, item: str = "") -> str:
    """The count ``value`` stored under ``key`` in words; ``item`` (the
    :class:`~maca.briefing.numbers.SmallNumber`'s) makes a chart's bar or a passage plainer."""
    kind, _, rest = key.partition(".")
    if kind == "scope" and rest in SCOPE_WORDS:
        return f"{_counted(value, SCOPE_WORDS[rest])}, in the Scope"
    if kind == "chart":
        for series, (words, chart) in CHART_WORDS.items():
            if rest.startswith(series + "."):
                label = item.partition(": ")[2] if item else _unslug(rest[len(series) + 1 :])
                return f"{_counted(value, words.format(label=label))}, in the chart of {chart}"
    if kind == "text":
        section, _, place = rest.partition(".")
        passage, _, phrase = place.rpartition(".")
        place = item or _unslug(passage)
        where = _heading(section) + (f", {place}" if place != section else "")
        return f"“{_unslug(phrase)}”, in {where}"
    if kind == "profile":
        return f"{value}: {item or _unslug(rest)}, in the Scope"
    return f"{value} in the briefing" + (f", {item}" if item else "")

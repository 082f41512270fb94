"""``profile.json``: the published profile, suppression applied, everything a page needs.

The structure (``"format": "maca-profile"``, ``"version": 1``; documented in
docs/user-guide/profile.md and read back by ``maca.profile.reader``)::

    {"format", "version", "title",
     "period": {"from", "to", "words"},
     "small_number_threshold", "small_text", "withheld_text",
     "groups": [{"key", "label", "short", "description",
                 "children": CELL, "families": CELL}],
     "measures": [{"key", "title", "kind", "question", "finding",
                   "chart": {"file", "title", "description"},
                   "rows": [{"category", "label", "cells": {GROUP_KEY: CELL}}]}],
     "notes": [TEXT],
     "cohort": {"parameters": {...}, "rules_sha256", "profile_sha256", "inputs": {...}},
     "maca_version"}

    CELL = {"count": int | null, "shown": TEXT, "percent": float | null,
            "percent_shown": TEXT, "status": "shown" | "small" | "withheld"}

A suppressed cell carries no count and no percentage: what is in the file may be published.
Nothing names a child: no references, no dates but the period's.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date
from typing import Any

from maca import __version__
from maca.cohort.query import CohortParameters
from maca.cohort.rules_sql import RULES_SQL
from maca.cohort.scope import period_words
from maca.profile.contract import FORMAT, FORMAT_VERSION, GROUPS, MEASURES, Measure
from maca.profile.counts import ProfileCounts
from maca.profile.findings import Cells, measure_finding
from maca.profile.profile_sql import PROFILE_SQL
from maca.profile.small_numbers import WITHHELD_TEXT, Cell, SmallNumbers

TITLE = "Cohort profile"


def chart_file(measure: Measure) -> str:
    return f"charts/{measure.key}.svg"


def chart_description(measure: Measure, cells: Cells, children: dict[str, Cell]) -> str:
    """The chart's text alternative: what it shows, then the finding."""
    return (
        f"Bar chart: the percentage of children in each group, by {measure.title.lower()}. "
        "Counts that are small or could reveal a small count are not drawn. "
        + measure_finding(measure, cells, children)
    )


def parameters_json(parameters: CohortParameters) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(parameters).items()}


def notes(threshold: int) -> list[str]:
    small = f"fewer than {threshold}"
    return [
        f"Counts from 1 to {threshold - 1} are shown as “{small}” and their percentages are "
        "not shown; a count that would let one of them be worked out is “withheld”.",
        "Percentages are of the children in the group.",
        "Earlier involvement is any record of the child that started before the removal date, "
        "whether it had ended or not; what starts on the removal date is a consequence of the "
        "intervention, not knowledge ahead of it.",
        "Each child is counted once, at their first removal in the period.",
    ]


def build_profile(
    counts: ProfileCounts,
    parameters: CohortParameters,
    *,
    threshold: int,
    inputs: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The profile document for ``profile.json``, from true counts, suppression applied here."""
    numbers = SmallNumbers(threshold)
    children = {g.key: numbers.total(counts.children[g.key]) for g in GROUPS}
    groups = [
        {
            "key": g.key,
            "label": g.label,
            "short": g.short,
            "description": g.description,
            "children": children[g.key].as_json(),
            "families": numbers.total(counts.families[g.key]).as_json(),
        }
        for g in GROUPS
    ]
    measures = []
    for measure in MEASURES:
        cells = numbers.measure_cells(measure, counts)
        measures.append(
            {
                "key": measure.key,
                "title": measure.title,
                "kind": measure.kind,
                "question": measure.question,
                "finding": measure_finding(measure, cells, children),
                "chart": {
                    "file": chart_file(measure),
                    "title": f"{measure.title}, by group",
                    "description": chart_description(measure, cells, children),
                },
                "rows": [
                    {
                        "category": key,
                        "label": label,
                        "cells": {g.key: cells[key][g.key].as_json() for g in GROUPS},
                    }
                    for key, label in measure.categories
                ],
            }
        )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "title": TITLE,
        "period": {
            "from": parameters.period_from.isoformat(),
            "to": parameters.period_to.isoformat(),
            "words": period_words(parameters.period_from, parameters.period_to),
        },
        "small_number_threshold": threshold,
        "small_text": numbers.small_text,
        "withheld_text": WITHHELD_TEXT,
        "groups": groups,
        "measures": measures,
        "notes": notes(threshold),
        "cohort": {
            "parameters": parameters_json(parameters),
            "rules_sha256": hashlib.sha256(RULES_SQL.encode()).hexdigest(),
            "profile_sha256": hashlib.sha256(PROFILE_SQL.encode()).hexdigest(),
            "inputs": dict(inputs or {}),
        },
        "maca_version": __version__,
    }

"""The scope of a cohort: counts for ``scope.json``, the briefing's sentences for ``scope.md``."""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date
from operator import itemgetter
from typing import Any

from maca.cohort.contract import EXCLUSION_REASONS


def _count(rows: list[dict[str, Any]], column: str, value: str = "true") -> int:
    return list(map(itemgetter(column), rows)).count(value)


def scope_counts(
    cohort: list[dict[str, Any]], exclusions: list[dict[str, Any]], period: tuple[date, date]
) -> dict[str, Any]:
    in_1001 = [row for row in cohort if row["in_first_1001_days"] == "true"]
    excluded = Counter(map(itemgetter("reason"), exclusions))
    return {
        "period": {"from": period[0].isoformat(), "to": period[1].isoformat()},
        "children": len(cohort),
        "families": len({row["family_ref"] for row in cohort}),
        "in_first_1001_days": len(in_1001),
        "in_first_1001_days_with_sibling_group": _count(in_1001, "has_sibling_group"),
        "with_sibling_group": _count(cohort, "has_sibling_group"),
        "pp_invoked": _count(cohort, "removal_kind", "pp_invoked"),
        "pp_considered_s20": _count(cohort, "removal_kind", "pp_considered_s20"),
        "known_historically": _count(cohort, "known_historically"),
        "sibling_known": _count(cohort, "sibling_known"),
        "recent_closure": _count(cohort, "recent_closure"),
        "moved_in": _count(cohort, "moved_in"),
        "post_removal_involvement": _count(cohort, "post_removal_involvement"),
        "excluded": {reason: excluded.get(reason, 0) for reason in EXCLUSION_REASONS},
    }


def period_words(period_from: date, period_to: date) -> str:
    """'September – December 2023' for whole months, else '3 September 2023 – 15 December 2023'."""
    whole_months = (
        period_from.day == 1
        and period_to.day == calendar.monthrange(period_to.year, period_to.month)[1]
    )
    if not whole_months:
        return f"{period_from:%-d %B %Y} – {period_to:%-d %B %Y}"
    if (period_from.year, period_from.month) == (period_to.year, period_to.month):
        return f"{period_from:%B %Y}"
    if period_from.year == period_to.year:
        return f"{period_from:%B} – {period_to:%B %Y}"
    return f"{period_from:%B %Y} – {period_to:%B %Y}"


def _children(n: int) -> str:
    return f"{n} child" if n == 1 else f"{n} children"


def _families(n: int) -> str:
    return f"{n} family" if n == 1 else f"{n} families"


def scope_markdown(scope: dict[str, Any]) -> str:
    """The scope in the words of the First 1001 Days learning briefing."""
    n = scope["children"]
    was = "was" if n == 1 else "were"
    period = period_words(
        date.fromisoformat(scope["period"]["from"]), date.fromisoformat(scope["period"]["to"])
    )
    lines = [
        "# Scope",
        "",
        f"- There {was} {_children(n)} identified who {was} removed from parent's care when "
        f"they were unknown to CYPS ({_families(scope['families'])}) between {period}.",
        f"- {scope['in_first_1001_days']} of these {n} children "
        f"{'was' if scope['in_first_1001_days'] == 1 else 'were'} within the first 1001-day "
        "age bracket.",
        f"- Sibling links: {_children(scope['with_sibling_group'])} had sibling groups "
        f"({scope['in_first_1001_days_with_sibling_group']} of those within the first 1001 days).",
        f"- {_children(scope['pp_invoked'])} removed by Police Protection (PP); "
        f"{_children(scope['pp_considered_s20'])} where PP was considered but Section 20 was "
        "given by the parents.",
        f"- Not open to Children's Social Care at the time of removal: "
        f"{scope['known_historically']} known historically, {scope['sibling_known']} with "
        f"siblings known to Children's Social Care, {scope['recent_closure']} with a recent "
        f"closure (within 180 days), {scope['moved_in']} moved in within the year before.",
        "",
        "Excluded police rows and removal events: "
        + ", ".join(f"{reason} {count}" for reason, count in scope["excluded"].items())
        + ". Every child is listed in cohort.csv and every exclusion, with its reason, in "
        "exclusions.csv.",
        "",
    ]
    return "\n".join(lines)

"""Is this the profile (and these the exclusions) of the audit's cohort? Each refusal says why.

- The period: the profile's must be the period of the cohort's ``scope.json`` stored with the
  audit's briefing, when there is one, and every case loaded from ``cohort.csv`` must have been
  removed within it.
- The children: the two unknown groups of the profile together are the cohort, so they must
  count as many children as the audit has cases loaded from ``cohort.csv`` (cases added by hand
  are not from ``maca cohort``). A group shown as "fewer than 5" allows the range it stands for.
- The exclusions: the profile's comparison group is made of ``open_to_csc`` exclusions (each
  child once), so ``exclusions.csv`` must list at least as many; an open or repeat removal is in
  the period.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from maca.cohort.exclusions_file import Exclusion as ExclusionRow
from maca.profile import CohortProfile
from maca.profile.contract import GROUP_KEYS
from maca.profile.small_numbers import SHOWN, Cell
from maca.web.audits.models import Audit
from maca.web.briefings.models import BriefingDraft

FIX = "upload the files made from the same run of maca cohort (maca profile --cohort COHORT_DIR)"
IN_PERIOD_REASONS = ("open_to_csc", "repeat_removal")


def period_words(start: date, end: date) -> str:
    """Exact dates: two periods a few days apart must not read the same."""
    return f"{start.isoformat()} to {end.isoformat()}"


def _range(cell: Cell, threshold: int) -> tuple[int, int]:
    if cell.status == SHOWN and cell.count is not None:
        return cell.count, cell.count
    return 1, threshold - 1  # "fewer than N": a small count, never zero


def _scope_period(audit: Audit) -> tuple[date, date] | None:
    scope: Any = (
        BriefingDraft.objects.filter(audit=audit).values_list("scope_json", flat=True).first()
    )
    try:
        period = scope["period"]
        return date.fromisoformat(period["from"]), date.fromisoformat(period["to"])
    except (TypeError, KeyError, ValueError):
        return None


def cohort_period(audit: Audit, profile: CohortProfile | None) -> tuple[date, date] | None:
    """The cohort's period: its scope.json's, else the profile's."""
    scope = _scope_period(audit)
    if scope is not None:
        return scope
    return (profile.period_from, profile.period_to) if profile else None


def profile_mismatches(audit: Audit, profile: CohortProfile, name: str) -> list[str]:
    problems = []
    period = (profile.period_from, profile.period_to)
    words = period_words(*period)
    scope = _scope_period(audit)
    if scope is not None and scope != period:
        problems.append(
            f"{name}: covers {words} but the audit's cohort (its scope.json) covers "
            f"{period_words(*scope)}; {FIX}"
        )
    cohort_cases = audit.cases.filter(added_by_hand=False)
    outside = list(
        cohort_cases.exclude(removal_date__isnull=True)
        .exclude(removal_date__range=period)
        .order_by("case_ref")
        .values_list("case_ref", flat=True)
    )
    if outside:
        listed = ", ".join(outside[:3]) + (
            f" and {len(outside) - 3} more" if len(outside) > 3 else ""
        )
        problems.append(
            f"{name}: covers {words} but case{'s' if len(outside) > 1 else ''} {listed} "
            f"{'were' if len(outside) > 1 else 'was'} removed outside it; {FIX}"
        )
    loaded = cohort_cases.count()
    if loaded:
        groups = {g.key: g for g in profile.groups}
        cohort_groups = [groups[key] for key in GROUP_KEYS[:2]]
        low = high = 0
        for group in cohort_groups:
            lo, hi = _range(group.children, profile.threshold)
            low, high = low + lo, high + hi
        if not low <= loaded <= high:
            counted = str(low) if low == high else f"between {low} and {high}"
            parts = "; ".join(f"{g.children.shown} {g.short}" for g in cohort_groups)
            problems.append(
                f"{name}: counts {counted} children in the cohort ({parts}) but the audit has "
                f"{loaded} case{'s' if loaded != 1 else ''} loaded from cohort.csv; {FIX}"
            )
    return problems


def exclusions_mismatches(
    profile: CohortProfile | None,
    period: tuple[date, date] | None,
    rows: list[ExclusionRow],
    name: str,
) -> list[str]:
    problems = []
    if period is not None:
        for row in rows:
            if (
                row.reason in IN_PERIOD_REASONS
                and row.removal_date is not None
                and not period[0] <= row.removal_date <= period[1]
            ):
                problems.append(
                    f"{name} row {row.row}, column removal_date: an {row.reason} exclusion "
                    f"outside the cohort's period {period_words(*period)}; {FIX}"
                )
    if profile is not None:
        comparison = next(g for g in profile.groups if g.key == GROUP_KEYS[2]).children
        low, _ = _range(comparison, profile.threshold)
        listed = sum(1 for row in rows if row.reason == "open_to_csc")
        if listed < low:
            problems.append(
                f"{name}: lists {listed} open_to_csc exclusion{'s' if listed != 1 else ''} but "
                f"the profile's comparison group has {comparison.shown} children open to CSC "
                f"(each one of them); {FIX}"
            )
    return problems[:50]

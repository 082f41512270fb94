"""The scope section in the briefing's words, generated from the cohort's ``scope.json``.

The seed briefing's scope reads: "There were 34 children identified who were removed from
parent's care when they were unknown to CYPS (17 families) between September – December 2023."
Every number here comes from the cohort and goes through :class:`Numbers` so that small ones are
confirmed or suppressed.
"""

from __future__ import annotations

import calendar
from datetime import date

from maca.briefing.model import BriefingInputError, Scope
from maca.briefing.numbers import Numbers
from maca.cohort.scope import period_words

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# Each count of scope.json in words, for the author's list of small numbers ("3 children
# removed by Police Protection"); the scope's sentences below say the same in the seed's words.
SCOPE_WORDS = {
    "children": "children in the audit",
    "families": "families",
    "in_first_1001_days": "children within the first 1001 days",
    "in_first_1001_days_with_sibling_group": "children within the first 1001 days with a "
    "sibling group",
    "pp_invoked": "children removed by Police Protection",
    "pp_considered_s20": "children for whom Police Protection was considered and Section 20 "
    "was given",
    "known_historically": "children known historically to children's social care",
    "sibling_known": "children whose siblings had social care records",
    "recent_closure": "children with a child in need episode closed in the six months before "
    "removal",
    "moved_in": "children who had moved into the area in the year before removal",
}


def parse_iso_date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BriefingInputError(f"{where}: expected a date YYYY-MM-DD, got {text!r}") from None


def period_in_words(scope: Scope) -> str:
    """Months only ("September – December 2023"): never a date narrower than a month."""
    start = parse_iso_date(scope.period.start, "scope.period.from")
    end = parse_iso_date(scope.period.end, "scope.period.to")
    if end < start:
        raise BriefingInputError("scope.period: 'to' is before 'from'")
    months = period_words(
        start.replace(day=1), end.replace(day=calendar.monthrange(end.year, end.month)[1])
    )
    one_month = (start.year, start.month) == (end.year, end.month)
    return f"in {months}" if one_month else f"between {months}"


def _children(count: str, value: int) -> str:
    return f"{count} child" if value == 1 else f"{count} children"


def scope_lines(scope: Scope, numbers: Numbers, social_care: str = "CYPS") -> list[str]:
    section = "scope"

    def n(name: str) -> str:
        return numbers.show(f"scope.{name}", getattr(scope, name), section, name)

    total = scope.children
    families = f"{n('families')} {'family' if scope.families == 1 else 'families'}"
    verb = "was" if total == 1 else "were"
    lines = [
        f"There {verb} {_children(n('children'), total)} identified who {verb} removed from "
        f"parent's care when they were unknown to {social_care} ({families}) "
        f"{period_in_words(scope)}."
    ]
    lines.append(_first_1001_days_line(scope, n))
    grouped = scope.in_first_1001_days_with_sibling_group
    if grouped:
        grouped_children = _children(n("in_first_1001_days_with_sibling_group"), grouped)
        lines.append(f"Sibling links were considered ({grouped_children} had sibling groups).")
    else:
        lines.append(
            "Sibling links were considered; none of the children within the first 1001 days "
            "had a sibling group among the cases."
        )
    lines.append(_removal_kind_line(scope, n))
    history = _history_line(scope, n, social_care)
    if history:
        lines.append(history)
    return lines


def _first_1001_days_line(scope: Scope, n) -> str:  # noqa: ANN001 - local formatter
    within, total = scope.in_first_1001_days, scope.children
    if total == 0:
        return "No children were within the first 1001-day age bracket."
    if within == total == 1:
        return "The child was within the first 1001-day age bracket."
    if within == total:
        return f"All {n('children')} children were within the first 1001-day age bracket."
    if within == 0:
        return "None of these children were within the first 1001-day age bracket."
    line = (
        f"{n('in_first_1001_days')} of these {n('children')} children "
        f"{'was' if within == 1 else 'were'} within the first 1001-day age bracket. "
        "The other children were all older than 1001 days"
    )
    if scope.in_first_1001_days_with_sibling_group:
        return (
            line + f", however some within the {n('children')} cases had a sibling link to the "
            f"{n('in_first_1001_days')} children identified."
        )
    return line + "."


def _removal_kind_line(scope: Scope, n) -> str:  # noqa: ANN001 - local formatter
    invoked, s20 = scope.pp_invoked, scope.pp_considered_s20
    if s20 == 0:
        return (
            "All the children identified were removed from parent's care by Police Protection (PP)."
        )
    if invoked == 0:
        return (
            "For all the children identified, Police Protection (PP) was considered but "
            "Section 20 was given by the parents."
        )
    return (
        "The children identified were children removed from parent's care by Police Protection "
        f"(PP) ({_children(n('pp_invoked'), invoked)}) or PP was considered but Section 20 was "
        f"given by the parents ({_children(n('pp_considered_s20'), s20)})."
    )


def _history_line(scope: Scope, n, social_care: str) -> str:  # noqa: ANN001
    parts = []
    if scope.known_historically:
        verb = "was" if scope.known_historically == 1 else "were"
        parts.append(f"{n('known_historically')} {verb} known historically to {social_care}")
    if scope.sibling_known:
        parts.append(f"{n('sibling_known')} had siblings with records on {social_care} records")
    if scope.recent_closure:
        parts.append(
            f"{n('recent_closure')} had a child in need episode (their own or a sibling's) "
            "closed in the six months before removal"
        )
    if scope.moved_in:
        parts.append(f"{n('moved_in')} had moved into the area in the year before removal")
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Of the {n('children')} children, {listed}."

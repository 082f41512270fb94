"""The small-number rule for the profile: what may be published of each count.

A count from 1 to threshold − 1 could let a reader who knows the area recognise a child, so it is
shown as "fewer than 5" (``maca.briefing.numbers.SUPPRESSED``, the briefing's wording) and its
percentage is withheld. Zero discloses nobody. Because a group's size is published, a count that
would let a small one be worked out back is withheld too ("withheld", never the number):

- ``one_of`` measures add up to the group: when exactly one category is small, the smallest other
  non-zero category is withheld as well;
- ``any_of`` categories are a yes and a no of their own: when the children *without* it are
  1 to threshold − 1, the count *with* it is withheld.

When a group itself is small, its size reads "fewer than 5" and so does every non-zero count.
"""

from __future__ import annotations

from dataclasses import dataclass

from maca.briefing.numbers import SUPPRESSED
from maca.profile.contract import GROUP_KEYS, MEASURES, ONE_OF, Measure
from maca.profile.counts import ProfileCounts

SHOWN, SMALL, WITHHELD = "shown", "small", "withheld"
STATUSES = (SHOWN, SMALL, WITHHELD)
WITHHELD_TEXT = "withheld"


@dataclass(frozen=True)
class Cell:
    """One published count: ``count`` and ``percent`` are None unless ``status`` is shown."""

    count: int | None
    shown: str
    percent: float | None
    status: str

    @property
    def percent_shown(self) -> str:
        return "" if self.percent is None else f"{self.percent:g}%"

    def as_json(self) -> dict:
        return {
            "count": self.count,
            "shown": self.shown,
            "percent": self.percent,
            "percent_shown": self.percent_shown,
            "status": self.status,
        }


def is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def percent_of(count: int, children: int) -> float | None:
    return round(100 * count / children, 1) if children else None


class SmallNumbers:
    """Publishes a profile's counts under one threshold."""

    def __init__(self, threshold: int):
        if threshold < 1:
            raise ValueError("the small-number threshold is a whole number of at least 1")
        self.threshold = threshold
        self.small_text = SUPPRESSED.format(threshold=threshold)

    def total(self, value: int) -> Cell:
        """A group's children or families: shown unless small; no percentage."""
        if is_small(value, self.threshold):
            return Cell(None, self.small_text, None, SMALL)
        return Cell(value, str(value), None, SHOWN)

    def _cell(self, count: int, children: int, status: str) -> Cell:
        if is_small(children, self.threshold) and count == 0:
            return Cell(0, "0", None, SHOWN)  # no percentage of a size not published
        if status == SMALL:
            return Cell(None, self.small_text, None, SMALL)
        if status == WITHHELD:
            return Cell(None, WITHHELD_TEXT, None, WITHHELD)
        return Cell(count, str(count), percent_of(count, children), SHOWN)

    def statuses(self, measure: Measure, counts: dict[str, int], children: int) -> dict[str, str]:
        """Each category's status for one group (``counts``: category -> children)."""
        status = {c: SMALL if is_small(n, self.threshold) else SHOWN for c, n in counts.items()}
        if is_small(children, self.threshold):
            return status  # the group's size is not published: nothing can be worked back
        if measure.kind == ONE_OF:
            small = [c for c in counts if status[c] == SMALL]
            if len(small) == 1:
                others = [c for c in counts if status[c] == SHOWN and counts[c] > 0]
                if others:
                    status[min(others, key=lambda c: counts[c])] = WITHHELD
        else:
            for category, count in counts.items():
                if status[category] == SHOWN and is_small(children - count, self.threshold):
                    status[category] = WITHHELD
        return status

    def measure_cells(self, measure: Measure, counts: ProfileCounts) -> dict[str, dict[str, Cell]]:
        """category -> group -> published cell."""
        cells: dict[str, dict[str, Cell]] = {c: {} for c in measure.category_keys}
        for group in GROUP_KEYS:
            children = counts.children[group]
            by_category = counts.cells[measure.key][group]
            status = self.statuses(measure, by_category, children)
            for category, count in by_category.items():
                cells[category][group] = self._cell(count, children, status[category])
        return cells

    def all_cells(self, counts: ProfileCounts) -> dict[str, dict[str, dict[str, Cell]]]:
        return {m.key: self.measure_cells(m, counts) for m in MEASURES}

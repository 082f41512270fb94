"""Count the profile facts per group, measure and category (before any suppression).

``ProfileCounts`` holds true counts, small ones included: it is what the tests compare with the
planted truth, and what ``maca.profile.small_numbers`` turns into the published cells. It is never
written out as it is.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from maca.cohort.families import group_families
from maca.cohort.query import Columns
from maca.profile.contract import ANY_OF, GROUP_KEYS, MEASURES, ONE_OF

COHORT_GROUPS = ("unknown_first_1001_days", "unknown_over_two")  # one cohort, split by age
SIBLING_GROUP = ("family", "sibling_group")  # the one category counted here, not in SQL


class ProfileDefect(RuntimeError):
    """The facts hold a category the contract does not know: a defect in maca, not the data."""


@dataclass
class ProfileCounts:
    children: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUP_KEYS, 0))
    families: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUP_KEYS, 0))
    # measure -> group -> category -> children
    cells: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)

    def count(self, measure: str, group: str, category: str) -> int:
        return self.cells[measure][group][category]


def _links(joined: str | None) -> list[str]:
    return [link for link in (joined or "").split(";") if link]


def family_of(columns: Columns) -> dict[int, str]:
    """Each row's family key (rule 11), grouped within the cohort (both unknown groups together,
    as ``maca cohort`` groups them) and, apart, within the comparison group."""
    keys: dict[int, str] = {}
    for together in (COHORT_GROUPS, ("open_to_csc",)):
        rows = [i for i, g in enumerate(columns["profile_group"]) if g in together]
        people = {columns["person_id"][i]: _links(columns["family_links"][i]) for i in rows}
        grouped = group_families(people)
        for i in rows:
            keys[i] = f"{together[0]}:{grouped[columns['person_id'][i]]}"
    return keys


def count_facts(columns: Columns) -> ProfileCounts:
    """The counts of a profile query's result (``maca.profile.facts``), whichever engine ran it."""
    counts = ProfileCounts()
    groups: list[str] = columns["profile_group"]
    for group in groups:
        if group not in counts.children:
            raise ProfileDefect(f"the profile query gave an unknown group {group!r}")
        counts.children[group] += 1
    family = family_of(columns)
    size = Counter(family.values())
    for group in GROUP_KEYS:
        counts.families[group] = len({family[i] for i, g in enumerate(groups) if g == group})
    for measure in MEASURES:
        table = {g: dict.fromkeys(measure.category_keys, 0) for g in GROUP_KEYS}
        counts.cells[measure.key] = table
        if measure.kind == ONE_OF:
            for i, value in enumerate(columns[measure.key]):
                if value not in table[groups[i]]:
                    raise ProfileDefect(f"{measure.key}: unknown category {value!r}")
                table[groups[i]][value] += 1
            continue
        assert measure.kind == ANY_OF
        for category in measure.category_keys:
            if (measure.key, category) == SIBLING_GROUP:
                flags = [1 if size[family[i]] > 1 else 0 for i in range(len(groups))]
            else:
                flags = columns[f"{measure.key}__{category}"]
            for i, flag in enumerate(flags):
                table[groups[i]][category] += int(flag)
    return counts

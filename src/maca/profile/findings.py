"""The profile's findings in plain words, from published cells only (never a suppressed count).

Every count in a finding is worded by a :class:`Words`: the profile's own (``PUBLISHED``) writes
the published cell; the web's briefing adapter passes one that marks each count, so that the
briefing can put the same sentence through its own small-number check (one home for the words).
"""

from __future__ import annotations

from maca.profile.contract import GROUPS, ONE_OF, Group, Measure
from maca.profile.small_numbers import SHOWN, Cell

Cells = dict[str, dict[str, Cell]]  # category -> group -> cell


class Words:
    """How a finding words its counts: a group's size, and a count of a group's children."""

    def total(self, group: str, cell: Cell) -> str:
        """'the 8' (a number takes the article) or 'fewer than 5'."""
        return f"the {cell.shown}" if cell.status == SHOWN else cell.shown

    def amount(self, category: str, group: str, cell: Cell) -> str:
        """'5 (62.5%)', 'fewer than 5' or 'withheld'."""
        return f"{cell.shown} ({cell.percent_shown})" if cell.percent_shown else cell.shown


PUBLISHED = Words()


def of_group(group: Group, children: Cell, words: Words = PUBLISHED) -> str:
    """'of the 8 children unknown to CSC within the first 1001 days'."""
    return f"of {words.total(group.key, children)} {group.short}"


def _most_common(measure: Measure, cells: Cells, group: Group) -> tuple[str, Cell] | None:
    shown = [
        (cells[c][group.key].count or 0, -i, c)
        for i, c in enumerate(measure.category_keys)
        if cells[c][group.key].status == SHOWN and (cells[c][group.key].count or 0) > 0
    ]
    if not shown:
        return None
    _, _, category = max(shown)
    return category, cells[category][group.key]


def measure_finding(
    measure: Measure, cells: Cells, children: dict[str, Cell], words: Words = PUBLISHED
) -> str:
    """One paragraph: the most common category per group (``one_of``), or each category across
    the groups (``any_of``)."""
    present = [g for g in GROUPS if children[g.key].count != 0]
    if not present:
        return f"{measure.title}: no children in any group."
    if measure.kind == ONE_OF:
        parts = []
        for group in present:
            top = _most_common(measure, cells, group)
            if top is None:
                parts.append(
                    f"{of_group(group, children[group.key], words)}, no category is large "
                    "enough to show"
                )
            else:
                category, cell = top
                parts.append(
                    f"{of_group(group, children[group.key], words)}, the largest category was "
                    f"“{measure.label(category)}” with {words.amount(category, group.key, cell)}"
                )
        text = "; ".join(parts)
        return f"{measure.title}. {text[0].upper()}{text[1:]}."
    sentences = []
    for category, label in measure.categories:
        parts = [
            f"{words.amount(category, g.key, cells[category][g.key])} "
            f"{of_group(g, children[g.key], words)}"
            for g in present
        ]
        sentences.append(f"{label}: " + "; ".join(parts) + ".")
    return " ".join(sentences)

"""The profile's findings in plain words, from published cells only (never a suppressed count)."""

from __future__ import annotations

from maca.profile.contract import GROUPS, ONE_OF, Group, Measure
from maca.profile.small_numbers import SHOWN, Cell

Cells = dict[str, dict[str, Cell]]  # category -> group -> cell


def of_group(group: Group, children: Cell) -> str:
    """'of the 8 children unknown to CSC within the first 1001 days'."""
    if children.status != SHOWN:
        return f"of {children.shown} {group.short}"
    return f"of the {children.shown} {group.short}"


def _amount(cell: Cell) -> str:
    return f"{cell.shown} ({cell.percent_shown})" if cell.percent_shown else cell.shown


def _most_common(measure: Measure, cells: Cells, group: Group) -> tuple[str, Cell] | None:
    shown = [
        (cells[c][group.key].count or 0, -i, c)
        for i, c in enumerate(measure.category_keys)
        if cells[c][group.key].status == SHOWN and (cells[c][group.key].count or 0) > 0
    ]
    if not shown:
        return None
    _, _, category = max(shown)
    return measure.label(category), cells[category][group.key]


def measure_finding(measure: Measure, cells: Cells, children: dict[str, Cell]) -> str:
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
                    f"{of_group(group, children[group.key])}, no category is large enough to show"
                )
            else:
                label, cell = top
                parts.append(
                    f"{of_group(group, children[group.key])}, the largest category was "
                    f"“{label}” with {_amount(cell)}"
                )
        text = "; ".join(parts)
        return f"{measure.title}. {text[0].upper()}{text[1:]}."
    sentences = []
    for category, label in measure.categories:
        parts = [
            f"{_amount(cells[category][g.key])} {of_group(g, children[g.key])}" for g in present
        ]
        sentences.append(f"{label}: " + "; ".join(parts) + ".")
    return " ".join(sentences)

"""Small helpers shared by the XML readers (CIN census, SSDA903)."""

from __future__ import annotations


def first(element, name: str):
    """The first child element called ``name`` (any namespace), or None."""
    return next(element.iterfind("{*}" + name), None)


def texts(element, mapping: dict[str, str]) -> tuple[dict[str, str | None], dict[str, int]]:
    """The text of each child element named in ``mapping`` (element -> field), and its line.

    The first of repeated elements is used; the lines let a reject point at the element."""
    values: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    for item in element:
        tag = item.tag
        if not isinstance(tag, str):  # a comment or processing instruction
            continue
        # The local name without building a QName: this runs for every element of the file.
        target = mapping.get(tag.rpartition("}")[2] if tag[0] == "{" else tag)
        if target and target not in values:
            values[target] = item.text
            if item.sourceline:
                lines[target] = item.sourceline
    return values, lines

"""Small helpers shared by the XML readers (CIN census, SSDA903)."""

from __future__ import annotations

from maca.data.checks import Counts
from maca.data.loading import Loading
from maca.data.report import FileReport


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


def reject_broken_tail(
    loading: Loading, report: FileReport, file: str, broken: tuple[int, str]
) -> None:
    """Where the XML stops being well formed, one reject: the rest of the file is unreadable."""
    line, message = broken
    report.count(Counts(1, 0, 1, 0))
    loading.problem(
        "reject",
        file,
        line,
        "",
        "",
        f"the XML is broken here ({message}); the rest of the file could not be read",
        "ssd_person",
    )

"""A standalone HTML page of one or more timelines (what ``maca chronology merge`` writes): for
each, the picture, its flags at a glance and the table. One file, its stylesheet inside, so that
it can be opened, printed or passed on as it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from markupsafe import escape

from maca.chronology.picture import describe, render_svg, svg_id
from maca.chronology.table import entry_anchor, render_table_html
from maca.chronology.timeline import Timeline

_TEMPLATES = resources.files("maca.chronology") / "templates"


@dataclass(frozen=True)
class FlagLine:
    number: int
    anchor: str
    text: str


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    return (_TEMPLATES / "timeline.css").read_text(encoding="utf-8")


def flag_lines(timeline: Timeline) -> list[FlagLine]:
    """One line per flag of an entry (possible duplicates and signals), in timeline order."""
    lines = []
    for position, flags in sorted(timeline.flags.items()):
        number = position + 1
        anchor = entry_anchor(timeline, number)
        for other in flags.duplicates:
            lines.append(FlagLine(number, anchor, f"possible duplicate of entry {other + 1}"))
        for signal in flags.signals:
            lines.append(FlagLine(number, anchor, f"{signal.rule.title}: {signal.found}"))
    return lines


def render_page(
    timelines: Sequence[Timeline],
    title: str = "Multi-agency chronology",
    summary: Sequence[str] = (),
) -> str:
    """The page, built as a list of strings joined once: a 5,000-entry table is megabytes of
    markup, which a template engine copies several times over (docs/decisions/0600)."""
    heading = _escape(title)
    parts = [
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n<style>\n{_stylesheet()}\n</style>\n</head>\n<body>\n"
        f'<main class="chronology-page">\n<h1>{heading}</h1>\n'
    ]
    parts += [f"<p>{_escape(line)}</p>\n" for line in summary]
    parts.append(_NOT_A_SCORE)
    shown = [(t, svg_id(t), _escape(t.title)) for t in timelines]
    if len(timelines) > 1:
        parts.append('<nav aria-label="Timelines on this page"><h2>Timelines</h2><ul>\n')
        parts += [f'<li><a href="#{ident}-section">{name}</a></li>\n' for _, ident, name in shown]
        parts.append("</ul></nav>\n")
    for timeline, ident, name in shown:
        parts.append(
            f'<section id="{ident}-section" aria-labelledby="{ident}-heading">\n'
            f'<h2 id="{ident}-heading">{name}</h2>\n<p>{_escape(describe(timeline))}</p>\n'
            f'<figure class="chronology-figure">\n{render_svg(timeline)}\n'
            f"<figcaption>The timeline of {name}, one lane per agency. The table below lists\n"
            "every entry, gap and flag in words.</figcaption>\n</figure>\n"
        )
        flagged = flag_lines(timeline)
        if flagged:
            parts.append("<h3>Flags at a glance</h3>\n<ul>\n")
            parts += [
                f'<li><a href="#{_escape(line.anchor)}">Entry {line.number}</a>: '
                f"{_escape(line.text)}</li>\n"
                for line in flagged
            ]
            parts.append("</ul>\n")
        parts.append(
            f'<div class="chronology-table-wrap">\n{render_table_html(timeline)}\n</div>\n'
            "</section>\n"
        )
    parts.append("</main>\n</body>\n</html>")
    return "".join(parts)


_NOT_A_SCORE = (
    '<p class="chronology-note">Signals help auditors ask questions: each is raised by a named '
    "rule and\nshown beside the entry that raised it. They are never a risk score of a family, "
    "and nothing adds\nthem up.</p>\n"
)


def _escape(text: object) -> str:
    """As the templates escape (markupsafe: ``&#34;`` and ``&#39;`` for quotes)."""
    return str(escape(text))

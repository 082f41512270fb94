"""A standalone HTML page of one or more timelines (what ``maca chronology merge`` writes): for
each, the picture, its flags at a glance and the table. One file, its stylesheet inside, so that
it can be opened, printed or passed on as it is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import jinja2

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
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


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
    shown = [
        {
            "timeline": t,
            "ident": svg_id(t),
            "description": describe(t),
            "svg": render_svg(t),
            "flagged": flag_lines(t),
            "table": render_table_html(t),
        }
        for t in timelines
    ]
    return (
        _environment()
        .get_template("timeline.html.j2")
        .render(title=title, summary=summary, timelines=shown, css=_stylesheet())
    )

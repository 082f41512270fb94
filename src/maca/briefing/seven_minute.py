"""The 7-minute briefing: one page, a title cell and seven panels (background; why it matters;
three key findings; things to remember; what to do and reflective questions).

It must stay on one page, so it is rendered at the largest text size that fits, stepping down
from 10pt; if even the smallest size does not fit, the author is told to shorten the panels.
"""

from __future__ import annotations

from pathlib import Path

from maca.briefing.content import Prepared
from maca.briefing.model import BriefingInputError
from maca.briefing.render import _environment, stylesheet

SCALES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)


def render_seven_minute_html(
    prepared: Prepared, scale: float = SCALES[0], draft: bool = False
) -> str:
    template = _environment().get_template("seven_minute.html.j2")
    return template.render(p=prepared, css=stylesheet("seven_minute.css"), scale=scale, draft=draft)


def render_seven_minute_pdf(prepared: Prepared, path: Path, draft: bool = False) -> Path:
    from weasyprint import HTML

    for scale in SCALES:
        html = render_seven_minute_html(prepared, scale=scale, draft=draft)
        document = HTML(string=html).render()
        if len(document.pages) == 1 and not _overflows(document):
            document.metadata.title = f"7-minute briefing: {prepared.title}"
            document.metadata.authors = [prepared.partnership]
            document.write_pdf(path)
            return path
    raise BriefingInputError(
        "seven_minute: the panels do not fit on one page even at 7pt; shorten them"
    )


def _overflows(document) -> bool:  # noqa: ANN001 - weasyprint Document
    """True when text in a panel runs past the panel's box (it would be cut off)."""
    for box in _descendants(document.pages[0]._page_box):
        classes = (getattr(box, "element", None) is not None and box.element.get("class")) or ""
        if "cell" not in classes.split():
            continue
        bottom = box.position_y + box.border_height()
        for child in _descendants(box):
            if child is box or not hasattr(child, "position_y"):
                continue
            if type(child).__name__ == "TextBox" and child.position_y + child.height > bottom + 0.5:
                return True
    return False


def _descendants(box):  # noqa: ANN001, ANN202
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _descendants(child)

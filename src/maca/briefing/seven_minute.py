"""The 7-minute briefing: one page, a title cell and seven panels (background; why it matters;
three key findings; things to remember; what to do and reflective questions).

It must stay on one page, so it is rendered at the largest text size that fits, stepping down
from 10pt (panels grow with their text, so too much text shows as a second page); if even the
smallest size does not fit, the author is told to shorten the panels.
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
        document = HTML(string=html).render(pdf_tags=True)
        if len(document.pages) == 1:
            document.metadata.title = f"7-minute briefing: {prepared.title}"
            document.metadata.authors = [prepared.partnership]
            document.write_pdf(path, pdf_tags=True)
            return path
    raise BriefingInputError(
        "seven_minute: the panels do not fit on one page even at 7pt; shorten them"
    )

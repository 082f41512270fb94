"""HTML and PDF renderings of a prepared briefing (Jinja2 templates in this package, WeasyPrint).

The PDF is the HTML under its print stylesheet, so the two cannot drift apart. WeasyPrint writes
real text (extractable with pdftotext) and keeps the inline SVG charts as vectors.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2

from maca.briefing.content import HEADINGS, PROMISE, Prepared

_TEMPLATES = resources.files("maca.briefing") / "templates"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=4)
def stylesheet(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def render_html(prepared: Prepared, draft: bool = False, checked: bool = False) -> str:
    """``checked``: the version passed the check before publishing, so the footer may promise
    that it holds nothing identifying (never on a draft)."""
    template = _environment().get_template("briefing.html.j2")
    return template.render(
        p=prepared,
        headings=HEADINGS,
        css=stylesheet("briefing.css"),
        draft=draft,
        checked=checked and not draft,
        promise=PROMISE,
    )


def html_to_pdf(html: str, path: Path, title: str, author: str) -> Path:
    # Imported here: WeasyPrint takes a second to load and HTML-only callers need not pay it.
    from weasyprint import HTML

    document = HTML(string=html, base_url=str(_TEMPLATES)).render(pdf_tags=True)
    document.metadata.title = title
    document.metadata.authors = [author]
    # Tagged PDF: headings, lists and reading order for screen readers.
    document.write_pdf(path, pdf_tags=True)
    return path


def render_pdf(prepared: Prepared, path: Path, draft: bool = False, checked: bool = False) -> Path:
    return html_to_pdf(
        render_html(prepared, draft=draft, checked=checked),
        path,
        title=f"{prepared.title}: learning briefing",
        author=prepared.partnership,
    )

"""A chart of the core's (:class:`maca.briefing.charts.Figure`) as inline SVG for a page.

Matplotlib styles its drawing with ``style`` attributes and one ``<style>`` element; the site's
Content-Security-Policy (``style-src 'self'``) does not apply inline styles, so the bars would lose
their colours. Each declaration is written as the SVG presentation attribute of the same name
instead (which the policy does not govern), the ``<style>`` rule for every element goes on the
root, and the metadata (creator, date) is dropped. The drawing, its ``role="img"``, title and
text alternative are unchanged.
"""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe
from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
# lxml keeps the drawing's own namespace prefixes (no process-wide registry to collide with).
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _declarations(css: str) -> list[tuple[str, str]]:
    found = []
    for declaration in css.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip() and value.strip():
            found.append((name.strip(), value.strip()))
    return found


def presentation_svg(svg: str) -> str:
    """``svg`` with presentation attributes in place of inline styles."""
    root = etree.fromstring(svg.encode("utf-8"), PARSER)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{SVG_NS}}}metadata":
                parent.remove(child)
            elif child.tag == f"{{{SVG_NS}}}style":
                for rule in (child.text or "").split("}"):
                    selector, _, body = rule.partition("{")
                    if selector.strip() == "*":
                        for name, value in _declarations(body):
                            root.set(name, value)
                parent.remove(child)
    for element in root.iter():
        css = element.attrib.pop("style", "")
        for name, value in _declarations(css):
            if name not in element.attrib:
                element.set(name, value)
    return etree.tostring(root, encoding="unicode")


def page_svg(figure) -> SafeString:  # noqa: ANN001 - maca.briefing.charts.Figure
    """The figure's SVG, fit for a page under the site's policy (safe: maca drew it)."""
    return mark_safe(presentation_svg(figure.svg()))  # noqa: S308 - our own drawing

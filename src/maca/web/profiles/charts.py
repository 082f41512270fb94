"""The profile's charts as inline SVG a page with a strict Content-Security-Policy can show.

The core draws each chart from the validated profile (``maca.profile.charts.measure_figure``,
never an uploaded SVG). Matplotlib styles its shapes with ``style`` attributes and a ``<style>``
element, which the site's policy (``style-src 'self'``) refuses to apply inline: every
declaration is moved into the SVG presentation attribute of the same name, which the policy does
not govern, and the metadata (creator, date) is left out. The drawing is unchanged.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parses SVG that maca itself just drew

from maca.profile import CohortProfile
from maca.profile.charts import measure_figure
from maca.profile.reader import ProfileMeasure

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"


def _declarations(text: str) -> list[tuple[str, str]]:
    pairs = []
    for declaration in text.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip() and value.strip():
            pairs.append((name.strip(), value.strip()))
    return pairs


def without_inline_styles(svg: str) -> str:
    """The same drawing with presentation attributes in place of ``style``."""
    root = ET.fromstring(svg)  # noqa: S314 - our own drawing, not an upload
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{SVG}}}metadata":
                parent.remove(child)
            elif child.tag == f"{{{SVG}}}style":
                for rule in (child.text or "").split("}"):
                    selector, _, body = rule.partition("{")
                    if selector.strip() == "*":  # matplotlib's only rule: inherited strokes
                        for name, value in _declarations(body):
                            root.set(name, value)
                parent.remove(child)
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for name, value in _declarations(style):
                element.attrib.setdefault(name, value)
    # ElementTree's prefixes are process-wide and other libraries register their own (``svg:``):
    # say, right before writing, that SVG is the default namespace here (``<svg>``).
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return ET.tostring(root, encoding="unicode")


def page_svg(profile: CohortProfile, measure: ProfileMeasure) -> str:
    """One measure's chart (``role="img"``, its title and text alternative) for the page."""
    return without_inline_styles(measure_figure(profile, measure).svg())

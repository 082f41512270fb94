"""Charts on a page: the core's drawing, with presentation attributes for the strict CSP."""

from __future__ import annotations

import re

from maca.briefing.charts import Figure, Series
from maca.web.common.charts import page_svg, presentation_svg


def _figure() -> Figure:
    return Figure(
        key="test", title="Reach", label_header="Agency", labels=["Police", "Health"],
        series=[Series("People", "#1d5d90", [3, 9], [True, True])],
        cells=[["3"], ["9"]], summary="Health reached the most people.", horizontal=True,
    )  # fmt: skip


def test_no_inline_style_is_left_and_the_colours_stay():
    raw = _figure().svg()
    assert ' style="' in raw and "<style" in raw  # matplotlib's own drawing has both
    svg = str(page_svg(_figure()))
    assert ' style="' not in svg and "<style" not in svg and "<metadata" not in svg
    assert 'fill="#1d5d90"' in svg
    assert re.search(r'<svg[^>]*stroke-linejoin="round"', svg)  # the rule for every element
    assert 'role="img"' in svg and '<title id="test-title">Reach</title>' in svg
    assert "Health reached the most people." in svg


def test_an_attribute_already_set_is_kept():
    svg = presentation_svg(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="red" style="fill: blue; '
        'stroke: black"/></svg>'
    )
    assert 'fill="red"' in svg and 'stroke="black"' in svg

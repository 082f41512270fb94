"""axe-core at a desk's width and a phone's: the check every page of a walk passes at both."""

from __future__ import annotations

import os
from pathlib import Path

from tests.browser.axe import axe_violations

WIDTHS = (1200, 390)


def accessible_at_widths(page, shot: str = "") -> None:
    """No axe violation at either width; with MACA_SCREENSHOTS=DIR a full-page picture of each
    (``shot``-1200.png, ``shot``-390.png), for the user guide. Back at the desk's width after."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        problems = axe_violations(page)
        assert problems == [], f"{page.url} at {width}px: {problems}"
        folder = os.environ.get("MACA_SCREENSHOTS")
        if folder and shot:
            page.screenshot(path=str(Path(folder) / f"{shot}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})

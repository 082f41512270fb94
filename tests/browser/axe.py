"""axe-core, the accessibility checker every browser test runs on the pages it visits."""

from __future__ import annotations


def axe_violations(page, *, settle: bool = True) -> list[str]:
    """axe-core (shipped inside axe-playwright-python) run on the current page.

    With ``settle`` it first waits for the page's level-one heading, so that a check right after
    a click judges the page the click led to, not a document half-way through loading.
    """
    from axe_playwright_python.sync_playwright import Axe

    if settle:
        page.wait_for_load_state()
        page.locator("h1").first.wait_for()
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]

"""Each practitioner page's database queries for a fixed scenario (the demo audit, as the health
visiting practitioner), recorded in query_counts.json. A page whose count grows fails here; a
page that needs fewer queries after a change gets its new, lower figure written into the file
by hand. (Issue 18: the pages' queries are to be reduced to what they need; these are the
figures to reduce.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

RECORDED = Path(__file__).with_name("query_counts.json")


def _pages(ret) -> dict[str, tuple[str, str, dict | None]]:
    section = str(ret.tool_version.sections[0]["key"])
    return {
        "my returns": ("GET", reverse("audits:my-returns"), None),
        "return task list": ("GET", reverse("audits:return-overview", args=[ret.pk]), None),
        "return section": ("GET", reverse("audits:return-section", args=[ret.pk, section]), None),
        "save a section as a draft": (
            "POST",
            reverse("audits:return-section", args=[ret.pk, section]),
            {"version": str(ret.version), f"{section}_narrative": "A synthetic answer."},
        ),
        "case": ("GET", reverse("audits:case-detail", args=[ret.assignment.case_id]), None),
    }


@pytest.mark.django_db
def test_no_practitioner_page_needs_more_queries_than_recorded(client_for):
    from maca.web.audits.demo import load_demo_audit
    from maca.web.audits.models import SingleAgencyReturn

    load_demo_audit()
    client = client_for("hv.practitioner")
    ret = (
        SingleAgencyReturn.objects.filter(
            assignment__practitioner__username="hv.practitioner", status="draft"
        )
        .order_by("pk")
        .first()
    )
    counts = {}
    for name, (method, path, data) in _pages(ret).items():
        client.get(path) if method == "GET" else None  # warm: the session, the first read
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path) if method == "GET" else client.post(path, data)
        assert response.status_code in (200, 302), (name, response.status_code)
        counts[name] = len(queries)
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    grown = {n: (recorded.get(n), c) for n, c in counts.items() if c > recorded.get(n, -1)}
    assert grown == {}, f"queries grew (recorded, now): {grown}; all now: {json.dumps(counts)}"

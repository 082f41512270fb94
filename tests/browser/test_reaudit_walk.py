"""A re-audit of the demo audit in Chromium: the audit lead stores the demo cohort's scope.json,
starts a re-audit for a new period, runs the `maca cohort` command the page shows (on the demo's
synthetic data), loads the new cohort and its scope.json, and reads the comparison: charts with
the numbers behind each. axe-core checks every page, at 1200 and 390 pixels wide."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.widths import accessible_at_widths

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def shipped_tool(transactional_db):
    """A transactional test before this one flushed the database, and with it the tool and
    themes the data migration shipped: put them back."""
    from django.apps import apps

    from maca.web.audits.shipped import load_tool_and_themes

    load_tool_and_themes(apps)


def _accessible(page, shot: str) -> None:
    accessible_at_widths(page, f"reaudit-{shot}")


def _run(command: str, data_dir: Path, out: Path) -> None:
    """The command as the page shows it, on the demo's data, writing under the test's folder."""
    from typer.testing import CliRunner

    from maca.cli import app

    words = shlex.split(command)
    assert words[:3] == ["maca", "cohort", "DATA_DIR"]
    words[2] = str(data_dir)
    words[words.index("--out") + 1] = str(out)
    result = CliRunner().invoke(app, words[1:])
    assert result.exit_code == 0, result.output


def _findings(audit, refs, theme_names):
    """Findings agreed on audit day (recorded directly: the audit day has its own walk)."""
    from maca.web.audits.models import Finding, Theme

    for ref in refs:
        for kind, name in zip(("area_for_learning", "strength"), theme_names, strict=True):
            finding = Finding.objects.create(
                case=audit.cases.get(case_ref=ref), kind=kind, text="Agreed.",
                recorded_by=audit.created_by,
            )  # fmt: skip
            finding.themes.add(Theme.objects.get(name=name))


def test_a_re_audit_of_the_demo_audit_compares_the_two(page, sign_in, demo, tmp_path):
    from django.conf import settings

    from maca.demo import demo_cohort
    from maca.web.actions.models import ReAudit
    from maca.web.audits.demo import load_demo_audit

    audit = load_demo_audit()
    refs = sorted(audit.cases.values_list("case_ref", flat=True))[:12]
    _findings(audit, refs, ("Professional curiosity", "Multi-agency response"))
    made = demo_cohort(Path(settings.MACA_HOME) / "demo")
    sign_in("audit.lead")
    page.goto(f"/audits/{audit.pk}/briefing/scope/")
    page.get_by_label("scope.json").set_input_files(str(made.scope_json))
    page.get_by_role("button", name="Store the scope").click()
    page.goto(f"/audits/{audit.pk}/")
    page.get_by_role("link", name="Start a re-audit of this audit").click()
    expect(page.get_by_test_id("parameters")).to_contain_text("home LA 840")
    _accessible(page, "start")
    page.get_by_label("Title of the re-audit").fill("First 1001 Days: re-audit, autumn 2024")
    page.get_by_label("First day of the new period").fill("2024-09-01")
    page.get_by_label("Last day of the new period").fill("2024-12-31")
    page.get_by_label("Returns due").fill("2031-01-31")
    page.get_by_role("button", name="Start the re-audit").click()
    expect(page.get_by_role("heading", name=f"Re-audit of {audit.title}")).to_be_visible()
    command = page.get_by_test_id("command").inner_text()
    assert "--from 2024-09-01 --to 2024-12-31 --home-la 840" in command
    expect(page.get_by_test_id("note").first).to_contain_text("no cases yet")
    _accessible(page, "empty")
    comparison_url = page.url

    out = tmp_path / "cohort-2024"
    _run(command, made.data_dir, out)
    page.get_by_role("link", name="Load the cohort").click()
    page.get_by_label("Cohort file (cohort.csv)").set_input_files(str(out / "cohort.csv"))
    page.get_by_label("Key file (key.csv), business team only").set_input_files(
        str(out / "key.csv")
    )
    page.get_by_role("button", name="Load the files").click()
    expect(page.get_by_text("cases loaded")).to_be_visible()
    page.goto(comparison_url)
    page.get_by_role("link", name="learning briefing's scope page").click()
    page.get_by_label("scope.json").set_input_files(str(out / "scope.json"))
    page.get_by_role("button", name="Store the scope").click()

    later = ReAudit.objects.get(earlier=audit).audit
    _findings(later, ["C001", "C002", "C003"], ("Professional curiosity", "Multi-agency response"))
    page.goto(comparison_url)
    checks = page.get_by_test_id("checks")
    expect(checks).to_contain_text("Yes: the same rules and limits")
    expect(checks).to_contain_text("Yes (First 1001 Days v1)")
    expect(page.get_by_test_id("chart")).to_have_count(4)
    for chart in page.get_by_test_id("chart").all():
        expect(chart.locator("svg[role=img]")).to_be_visible()
    size = page.get_by_test_id("table-cohort_size")
    expect(size).to_contain_text("62")  # the demo audit's children, September to December 2023
    expect(page.get_by_test_id("table-cohort_profile")).to_contain_text(
        "Within the first 1001 days"
    )
    learning = page.get_by_test_id("table-learning_themes")
    expect(learning).to_contain_text("Professional curiosity")
    expect(learning).to_contain_text("fewer than 5")  # three cases in the re-audit
    _accessible(page, "comparison")

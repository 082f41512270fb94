"""The "Cohort profile" page: the groups side by side, each measure as an accessible chart drawn
from the validated profile (no inline style, for the site's policy) with the table behind it,
the exclusions by reason, the exclusions list (business team), the recorded XLSX download."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from maca.profile.contract import MEASURES
from maca.web.trail.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiled(make_audit, with_profile):
    built = make_audit("findings_agreed")
    built.profile = with_profile(built.audit)
    return built


def _page(client, audit) -> str:
    response = client.get(reverse("profiles:profile", args=[audit.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_every_measure_as_a_chart_and_its_table(profiled, client_for):
    html = _page(client_for("panel.member"), profiled.audit)
    for group in profiled.profile.groups:
        assert group.label in html
    charts = re.findall(r"<svg\b[^>]*>", html)
    assert len(charts) == len(MEASURES)
    assert all('role="img"' in tag and "aria-labelledby=" in tag for tag in charts)
    assert html.count('data-testid="measure-table"') == len(MEASURES)
    assert " style=" not in html and "<style" not in html  # the site's CSP applies no inline style
    assert "<metadata" not in html
    for measure in profiled.profile.measures:
        assert f'<title id="profile-{measure.key}-title">{measure.chart_title}</title>' in html
    age = profiled.profile.measure("age_at_removal")
    first = age.rows[5].cells["unknown_first_1001_days"]
    assert f"{first.shown} ({first.percent_shown})" in html  # the table behind the chart
    assert "fewer than 5" in html  # small numbers as the core published them


def test_exclusions_by_reason_in_words_exact_for_the_business_team_only(profiled, client_for):
    lead = _page(client_for("audit.lead"), profiled.audit)
    assert "Open to children&#x27;s social care at removal" in lead
    assert re.search(r"Removed outside the audit period</a></th>\s*<td[^>]*>662<", lead)
    assert re.search(r"A data error[^<]*</a></th>\s*<td[^>]*>3<", lead)
    assert "The list of exclusions" in lead
    board = _page(client_for("board.reader"), profiled.audit)
    assert re.search(r"A data error[^<]*</th>\s*<td[^>]*>fewer than 5<", board)
    assert re.search(r"Removed outside the audit period</th>\s*<td[^>]*>662<", board)
    assert "The list of exclusions" not in board and "PP9" not in board


def test_the_exclusions_list_names_police_references_and_no_person(profiled, client_for):
    client = client_for("audit.lead")
    url = reverse("profiles:exclusions", args=[profiled.audit.pk])
    html = client.get(url, {"reason": "data_error"}).content.decode()
    assert html.count('<th scope="row" class="govuk-table__header">X') == 3
    assert "the person has no date of birth" in html and "PP970000070" in html
    every = client.get(url, {"page": 10}).content.decode()
    assert "973 exclusions, 901 to 973 shown" in every
    assert client.get(url, {"reason": "nonsense", "page": "x"}).status_code == 200


def test_the_download_is_the_core_workbook_recorded_as_an_export(profiled, client_for):
    from openpyxl import load_workbook

    response = client_for("board.reader").get(reverse("profiles:xlsx", args=[profiled.audit.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('profile.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "About" and len(book.sheetnames) == 1 + len(MEASURES)
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.actor_username == "board.reader" and "Cohort profile as XLSX" in event.summary


def test_an_audit_without_a_profile_says_so(make_audit, client_for):
    built = make_audit("returns_open")
    html = _page(client_for("audit.lead"), built.audit)
    assert 'data-testid="no-profile"' in html and 'data-testid="no-exclusions"' in html
    assert "Upload the cohort profile" in html
    response = client_for("audit.lead").get(reverse("profiles:xlsx", args=[built.audit.pk]))
    assert response.status_code == 404


def test_profile_for_is_the_current_validated_profile_or_none(profiled, make_audit):
    from maca.web.profiles.queries import profile_for

    assert profile_for(profiled.audit) == profiled.profile
    assert profile_for(make_audit("returns_open").audit) is None


def test_the_charts_are_plain_svg_whatever_prefixes_other_libraries_registered(cohort_run):
    import xml.etree.ElementTree as ET

    from maca.profile import read_profile
    from maca.web.profiles.charts import SVG, page_svg

    profile = read_profile(cohort_run.profile_json.read_bytes())
    ET.register_namespace("svg", SVG)  # as a document library might
    svg = page_svg(profile, profile.measures[0])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "svg:" not in svg

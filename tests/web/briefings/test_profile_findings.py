"""The briefing's Scope draws on the audit's cohort profile: the author picks findings, the web
adapts them into the briefing's model in the profile's own words, and they go through the
briefing's small-number and disclosure checks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maca.briefing import check, prepare
from maca.briefing.numbers import Numbers

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiled(briefed, with_profile):
    briefed.profile = with_profile(briefed.audit)
    return briefed


def test_each_finding_reads_as_the_profile_says_it(profiled):
    from maca.briefing.data_findings import data_line
    from maca.web.briefings.build import data_finding

    profile = profiled.profile
    for measure in profile.measures:
        finding = data_finding(profile, measure.key)
        line = data_line(finding, Numbers(profile.threshold, {}))
        expected = measure.finding
        if not expected.startswith(measure.title):
            expected = f"{measure.title}: {expected}"
        assert line == expected, measure.key


def test_chosen_findings_are_in_the_scope_and_pass_the_checks(profiled):
    from maca.web.briefings.build import build_briefing, draft_for

    draft = draft_for(profiled.audit)
    draft.profile_findings = ["day_of_week", "age_at_removal"]
    draft.save()
    built = build_briefing(profiled.audit)
    assert [f.key for f in built.briefing.data_findings] == ["age_at_removal", "day_of_week"]
    prepared = prepare(built.briefing)
    assert prepared.data_lines[0].startswith("Age at removal. Of the 22 children unknown to CSC")
    report = check(prepared)
    assert [f for f in report.findings if f.item.startswith("what the data tell us")] == []
    draft.small_number_threshold = 10
    draft.save()
    small = [n for n in check(build_briefing(profiled.audit).briefing).undecided]
    asked = {n.key: n.value for n in small if n.key.startswith("profile.")}
    assert asked["profile.groups.open_to_csc"] == 9  # the comparison group: 9 children
    assert asked["profile.age_at_removal.12_to_24_months.unknown_first_1001_days"] == 9
    assert all(5 <= value < 10 for value in asked.values())
    assert all(k.split(".")[1] in ("groups", "age_at_removal", "day_of_week") for k in asked)


def test_the_author_picks_them_on_the_edit_page(profiled, client_for):
    from maca.web.briefings.build import draft_for

    client = client_for("audit.lead")
    url = reverse("briefings:edit", args=[profiled.audit.pk])
    page = client.get(url).content.decode()
    assert 'name="profile_findings" type="checkbox" value="moves"' in page
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(title="First 1001 Days", social_care_name="CYPS", profile_findings=["moves"])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert draft_for(profiled.audit).profile_findings == ["moves"]


def test_without_a_profile_the_choice_is_left_out_with_a_note(briefed):
    from maca.web.briefings.build import build_briefing, draft_for

    draft = draft_for(briefed.audit)
    draft.profile_findings = ["moves"]
    draft.save()
    built = build_briefing(briefed.audit)
    assert built.briefing.data_findings == []
    assert any("has no cohort profile now" in note for note in built.notes)

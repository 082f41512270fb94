"""Counts under the threshold must be confirmed or suppressed; suppression reads "fewer than 5"."""

from __future__ import annotations

import docx
import pytest

from maca.briefing import DisclosureError, check, prepare, publish
from maca.briefing.numbers import Numbers
from tests.briefing.documents import flat


def test_undecided_small_number_blocks_publishing(example, tmp_path):
    del example.small_numbers["scope.in_first_1001_days_with_sibling_group"]
    report = check(example)
    assert [n.key for n in report.undecided] == ["scope.in_first_1001_days_with_sibling_group"]
    with pytest.raises(DisclosureError, match="a count under 5 needs confirming or suppressing"):
        publish(example, tmp_path)


def test_suppressed_count_reads_fewer_than_5_everywhere(published):
    built = published  # the example decides to suppress this count
    html = built.files["briefing.html"].read_text(encoding="utf-8")
    assert "Sibling links were considered (fewer than 5 children had sibling groups)." in html
    document = docx.Document(str(built.files["briefing.docx"]))
    assert "fewer than 5 children had sibling groups" in flat(
        " ".join(p.text for p in document.paragraphs)
    )
    record = built.record()["small_numbers"]
    assert {
        "key": "scope.in_first_1001_days_with_sibling_group",
        "value": 4,
        "decision": "suppress",
    } in record


def test_confirmed_count_is_shown(example):
    example.small_numbers["scope.in_first_1001_days_with_sibling_group"] = "confirm"
    lines = prepare(example).scope_lines
    assert "Sibling links were considered (4 children had sibling groups)." in lines


def test_chart_bars_suppressed_by_a_group_decision(example):
    figure = prepare(example).figures["age_at_removal"]
    cells = dict(zip(figure.labels, (c[0] for c in figure.cells), strict=True))
    assert cells["Under 3 months"] == "fewer than 5"
    assert cells["5 to 11 years"] == "10"
    assert "fewer than 5" not in figure.summary


def test_threshold_is_the_authors_and_zero_is_never_small(example):
    example.small_number_threshold = 10
    small = {n.key for n in check(example).small_numbers}
    assert "scope.in_first_1001_days" in small  # 9 < 10
    assert "chart.agencies_per_case.1-agency" not in small


def test_narrative_small_numbers_are_flagged_and_suppressed(example):
    example.strengths[
        3
    ].sentence = "The non-mobile baby protocol was used for three of the children."
    report = check(example)
    flagged = [n for n in report.undecided if n.section == "strengths"]
    assert [(n.value, n.key) for n in flagged] == [
        (3, "text.strengths.non-mobile-baby-protocol.three-of-the-children")
    ]
    example.small_numbers[flagged[0].key] = "suppress"
    strength = next(s for s in prepare(example).strengths if s.theme == "non-mobile baby protocol")
    assert (
        strength.text == "The non-mobile baby protocol was used for fewer than 5 of the children."
    )


def test_group_decision_matches_by_prefix():
    numbers = Numbers(5, {"chart.age_at_removal": "suppress"})
    assert numbers.show("chart.age_at_removal.under-3-months", 2, "charts") == "fewer than 5"
    assert numbers.show("chart.age_at_removal_other", 2, "charts") == "2"
    assert numbers.show("chart.age_at_removal.x", 7, "charts") == "7"

"""The 7-minute briefing fits one page with seven panels; charts show months, not days."""

from __future__ import annotations

import pytest

from maca.briefing import BriefingInputError, prepare, seven_minute
from maca.briefing.seven_minute import render_seven_minute_pdf
from tests.briefing.documents import flat, pdf_text

PANELS = [
    "Background",
    "Why it matters",
    "Key finding 1",
    "Key finding 2",
    "Key finding 3",
    "Things to remember",
    "What to do",
]


def test_seven_panels_on_one_page(published):
    path = published.files["seven-minute-briefing.pdf"]
    text = pdf_text(path)
    assert text.count("\f") <= 1, "more than one page"
    flat_text = flat(text)
    for heading in PANELS:
        assert heading in flat_text
    assert "Reflective questions" in flat_text


def test_long_panels_step_text_down_then_refuse(example, tmp_path, monkeypatch):
    example.seven_minute.things_to_remember = ["Verify what you are told. " * 8] * 4
    path = render_seven_minute_pdf(prepare(example), tmp_path / "a.pdf")
    assert pdf_text(path).count("\f") <= 1
    monkeypatch.setattr(seven_minute, "SCALES", (8.0, 7.0))  # two sizes are enough to refuse
    example.seven_minute.things_to_remember = ["Verify what you are told. " * 40] * 6
    with pytest.raises(BriefingInputError, match="do not fit on one page"):
        render_seven_minute_pdf(prepare(example), tmp_path / "b.pdf")


def test_key_findings_derived_from_learning_when_not_written(example):
    example.seven_minute.key_findings = []
    headings = [panel.heading for panel in prepare(example).panels]
    assert headings[2] == "Key finding 1: Professional curiosity"
    assert len(headings) == 7


def test_what_to_do_defaults_to_what_is_offered_typed_and_chosen(example):
    example.seven_minute.what_to_do = []
    example.next_steps.items = ["Safe sleeping and safe handling"]
    panel = prepare(example).panels[-1]
    assert panel.bullets == [
        "Safe sleeping and safe handling",
        *(link.title for link in example.next_steps.links),
    ]
    assert panel.bullets[1:]  # the example briefing offers a link in its next steps


def test_removals_counted_by_month_only(example):
    figure = prepare(example).figures["removals_by_month"]
    assert figure.labels == ["Sep 2023", "Oct 2023", "Nov 2023", "Dec 2023"]
    assert sum(figure.series[0].values) == example.scope.children
    svg = figure.svg()
    for case in example.charts.cases:
        assert case.removal_date not in svg and case.case_ref not in svg


def test_chart_svg_has_text_alternative_and_real_text(example):
    figure = prepare(example).figures["theme_cases"]
    svg = figure.svg()
    assert svg.startswith('<svg role="img" aria-labelledby="theme_cases-title theme_cases-desc"')
    assert f'<desc id="theme_cases-desc">{figure.summary}</desc>' in svg
    assert "Multi-agency response" in svg  # labels are text, not outlines
    assert figure.png().startswith(b"\x89PNG")


def test_three_key_findings_even_with_little_learning(example):
    example.seven_minute.key_findings = []
    example.learning = example.learning[:1]
    headings = [panel.heading for panel in prepare(example).panels]
    assert len(headings) == 7
    assert headings[3] == "Key finding 2: Strength: multi-agency response"

"""An audit and its re-audit side by side: counts, percentages, small numbers and charts."""

from __future__ import annotations

from maca.briefing.comparison import AuditSide, PublishedCell, PublishedMeasure, cells_of, compare
from maca.briefing.model import Scope, ThemeCount


def _scope(children: int, **counts) -> Scope:
    base = {
        "period": {"from": "2023-09-01", "to": "2023-12-31"},
        "children": children,
        "families": children,
        "in_first_1001_days": 0,
        "in_first_1001_days_with_sibling_group": 0,
        "pp_invoked": children,
        "pp_considered_s20": 0,
    }
    return Scope.from_scope_json({**base, **counts})


def _rows(comparison, key):
    return {row[0]: row[1:] for row in cells_of(comparison.table(key))}


def test_counts_and_percentages_side_by_side_with_the_change_in_points():
    earlier = AuditSide(
        "A1", _scope(40, in_first_1001_days=10), 20, [ThemeCount("Professional curiosity", 6, 10)]
    )
    later = AuditSide(
        "A2", _scope(30, in_first_1001_days=12), 10, [ThemeCount("Professional curiosity", 0, 5)]
    )
    comparison = compare(earlier, later)
    assert _rows(comparison, "cohort_size")["Children in the cohort"] == ["40", "30", "−10"]
    assert _rows(comparison, "cohort_profile")["Within the first 1001 days"] == [
        "10 (25%)",
        "12 (40%)",
        "+15 points",
    ]
    assert _rows(comparison, "learning_themes")["Professional curiosity"] == [
        "10 (50%)",
        "5 (50%)",
        "no change",
    ]
    # A theme seen in neither audit as a strength is not a row of the strengths.
    assert _rows(comparison, "strength_themes") == {
        "Professional curiosity": ["6 (30%)", "0 (0%)", "−30 points"]
    }
    assert comparison.table("grades") is None  # neither audit graded


def test_small_counts_are_suppressed_with_no_percentage_and_no_bar():
    earlier = AuditSide(
        "A1", _scope(40, in_first_1001_days=3), 20, [ThemeCount("Fathers and male carers", 0, 2)]
    )
    later = AuditSide(
        "A2", _scope(40, in_first_1001_days=9), 20, [ThemeCount("Fathers and male carers", 0, 8)]
    )
    comparison = compare(earlier, later)
    assert _rows(comparison, "cohort_profile")["Within the first 1001 days"] == [
        "fewer than 5",
        "9 (22%)",
        "–",
    ]
    figure = comparison.table("learning_themes").figure
    earlier_series = figure.series[0]
    assert earlier_series.shown == [False] and earlier_series.values == [0.0]
    assert earlier_series.texts == ["<5"]
    assert {n.key for n in comparison.suppressed} >= {
        "reaudit.cohort_profile.within-the-first-1001-days.earlier",
        "reaudit.learning_themes.fathers-and-male-carers.earlier",
    }
    svg = figure.svg()
    assert "2 (" not in "".join(figure.cells[0]) and ">2<" not in svg


def test_a_small_base_gives_no_percentage_at_all():
    earlier = AuditSide(
        "A1", _scope(4, in_first_1001_days=0), 3, [ThemeCount("Professional curiosity", 0, 3)]
    )
    later = AuditSide("A2", _scope(40), 20, [ThemeCount("Professional curiosity", 0, 10)])
    rows = _rows(compare(earlier, later), "learning_themes")
    # 3 of 3 is "fewer than 5"; and with 4 children nothing of the cohort's make-up is a share.
    assert rows["Professional curiosity"][0] == "fewer than 5"
    size = _rows(compare(earlier, later), "cohort_size")
    assert size["Children in the cohort"][0] == "fewer than 5"


def test_grades_when_either_audit_was_graded_and_who_was_not():
    earlier = AuditSide("A1", _scope(20), 20, [], {"Good": 12, "Inadequate": 8})
    later = AuditSide("A2", _scope(20), 20, [], None)
    table = compare(earlier, later).table("grades")
    assert cells_of(table)[0] == ["Good", "12 (60%)", "0", "–"]
    assert table.note == "Not graded: A2."


def test_the_re_audit_without_findings_says_its_column_fills_in_later():
    earlier = AuditSide("A1", _scope(20), 20, [ThemeCount("Professional curiosity", 0, 10)])
    later = AuditSide("A2", _scope(20), 0, [])
    table = compare(earlier, later).table("learning_themes")
    assert "no findings yet" in table.note
    assert cells_of(table) == [["Professional curiosity", "10 (50%)", "0", "–"]]


def test_every_chart_has_a_title_a_text_alternative_and_its_table():
    earlier = AuditSide(
        "A1", _scope(40, in_first_1001_days=10), 20, [ThemeCount("Professional curiosity", 6, 10)]
    )
    later = AuditSide(
        "A2", _scope(30, in_first_1001_days=20), 10, [ThemeCount("Professional curiosity", 0, 8)]
    )
    comparison = compare(earlier, later)
    for table in comparison.tables:
        figure = table.figure
        svg = figure.svg()
        assert 'role="img"' in svg and f'<title id="{figure.key}-title">' in svg
        assert figure.summary and len(figure.cells) == len(table.rows)
        assert [s.name for s in figure.series] == ["A1", "A2"]
    summary = comparison.table("learning_themes").figure.summary
    assert "the largest rise was professional curiosity (from 50% to 80%)" in summary


def test_measures_published_elsewhere_are_shown_as_published():
    earlier = AuditSide("A1", _scope(20), 20)
    later = AuditSide("A2", _scope(20), 20)
    measure = PublishedMeasure(
        "profile_age_at_removal",
        "Age at removal",
        "Age at removal",
        [
            ("Under 1 month", PublishedCell("fewer than 5"), PublishedCell("6", 30.0)),
            ("Two years or over", PublishedCell("withheld"), PublishedCell("0", 0.0)),
        ],
    )
    table = compare(earlier, later, measures=[measure]).table("profile_age_at_removal")
    assert cells_of(table) == [
        ["Under 1 month", "fewer than 5", "6 (30%)", "–"],
        ["Two years or over", "withheld", "0 (0%)", "–"],
    ]
    earlier_bars = table.figure.series[0]
    assert earlier_bars.shown == [False, False]
    assert earlier_bars.texts == ["fewer than 5", "withheld"]

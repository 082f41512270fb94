"""The small-number rule: small counts read "fewer than 5", and none can be worked back."""

from __future__ import annotations

from maca.profile.contract import MEASURE_BY_KEY
from maca.profile.small_numbers import SMALL, WITHHELD, SmallNumbers

AGE = MEASURE_BY_KEY["age_at_removal"]
FAMILY = MEASURE_BY_KEY["family"]


def _age(**counts: int) -> dict[str, int]:
    return {c: counts.get(c, 0) for c in AGE.category_keys}


def test_one_small_category_withholds_the_next_smallest():
    counts = _age(under_1_month=3, **{"1_to_3_months": 6, "3_to_6_months": 9, "6_to_12_months": 12})
    status = SmallNumbers(5).statuses(AGE, counts, 30)
    assert status["under_1_month"] == SMALL
    assert status["1_to_3_months"] == WITHHELD  # else 30 - 6 - 9 - 12 = 3 comes back
    assert status["3_to_6_months"] == status["6_to_12_months"] == "shown"
    assert status["at_birth"] == "shown"  # zero discloses nobody


def test_two_small_categories_need_nothing_more():
    counts = _age(at_birth=1, under_1_month=2, **{"1_to_3_months": 20})
    status = SmallNumbers(5).statuses(AGE, counts, 23)
    assert [status[c] for c in ("at_birth", "under_1_month", "1_to_3_months")] == [
        SMALL,
        SMALL,
        "shown",
    ]


def test_a_yes_or_no_with_a_small_complement_is_withheld():
    counts = {"sibling_known": 18, "sibling_group": 3, "recent_closure": 0}
    status = SmallNumbers(5).statuses(FAMILY, counts, 20)
    assert status == {"sibling_known": WITHHELD, "sibling_group": SMALL, "recent_closure": "shown"}


def test_a_small_group_publishes_no_count_but_zero():
    numbers = SmallNumbers(5)
    assert numbers.total(3).shown == "fewer than 5" and numbers.total(3).count is None
    assert numbers.total(0).shown == "0" and numbers.total(5).count == 5
    status = numbers.statuses(
        FAMILY, {"sibling_known": 0, "sibling_group": 3, "recent_closure": 3}, 3
    )
    assert status == {"sibling_known": "shown", "sibling_group": SMALL, "recent_closure": SMALL}


def test_the_threshold_is_a_parameter():
    numbers = SmallNumbers(10)
    assert numbers.small_text == "fewer than 10"
    assert numbers.statuses(
        FAMILY, {"sibling_known": 7, "sibling_group": 0, "recent_closure": 20}, 40
    ) == {
        "sibling_known": SMALL,
        "sibling_group": "shown",
        "recent_closure": "shown",
    }
    assert SmallNumbers(1).statuses(AGE, _age(at_birth=1, over_2=1), 2)["at_birth"] == "shown"

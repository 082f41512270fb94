"""The exclusions' order: reason in REASONS order, then pp_refs, then l1_refs, ties kept."""

from hypothesis import given
from hypothesis import strategies as st

from maca.cohort.contract import EXCLUSION_REASONS as REASONS
from maca.cohort.finder import _in_reason_order

refs = st.sampled_from(["", "PP1", "PP1;PP2", "PP10", "PP2", "L1", "L1;L2"])
rows = st.lists(
    st.fixed_dictionaries(
        {"reason": st.sampled_from(REASONS), "pp_refs": refs, "l1_refs": refs, "n": st.integers()}
    ),
    max_size=40,
)


@given(rows)
def test_same_order_as_one_stable_sort_on_the_triple(exclusions):
    order = {reason: n for n, reason in enumerate(REASONS)}
    expected = sorted(exclusions, key=lambda r: (order[r["reason"]], r["pp_refs"], r["l1_refs"]))
    assert _in_reason_order(exclusions) == expected

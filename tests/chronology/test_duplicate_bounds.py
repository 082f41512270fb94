"""The duplicate check's shortcuts (length and letter bounds before difflib, words worked out once
per text) never change which pairs reach the threshold: checked against the token-set ratio
written out plainly, as the module's note defines it."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from maca.chronology.duplicates import token_set_ratio, words


def plain_token_set_ratio(a: str, b: str) -> float:
    one, other = words(a), words(b)
    if not one or not other:
        return 0.0
    common = one & other
    shared = " ".join(sorted(common))
    with_a = f"{shared} {' '.join(sorted(one - common))}".strip()
    with_b = f"{shared} {' '.join(sorted(other - common))}".strip()

    def ratio(x: str, y: str) -> float:
        return SequenceMatcher(None, x, y, autojunk=False).ratio()

    return max(ratio(shared, with_a), ratio(shared, with_b), ratio(with_a, with_b))


VOCABULARY = (
    "home",
    "visit",
    "baby",
    "weighed",
    "kg",
    "seen",
    "mother",
    "bruise",
    "bruises",
    "arm",
    "police",
    "call",
    "12",
    "13",
    "nursery",
    "advice",
    "given",
    "shared",
)
texts = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts, texts, st.sampled_from((0.5, 0.8, 0.9)))
def test_the_bounded_ratio_reaches_the_threshold_exactly_when_the_plain_one_does(a, b, at_least):
    plain = plain_token_set_ratio(a, b)
    assert abs(token_set_ratio(a, b) - plain) < 1e-9
    assert (token_set_ratio(a, b, at_least) >= at_least) == (plain >= at_least)


def test_a_pair_the_bounds_reject_is_one_the_plain_ratio_rejects():
    a = "Home visit; baby weighed 12 kg, feeding and sleep discussed"
    b = "Seen in surgery with cough for 12 days; advice given"
    assert token_set_ratio(a, b, 0.8) < 0.8 and plain_token_set_ratio(a, b) < 0.8


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=12))
def test_the_letters_of_all_pairs_at_once_are_those_of_each_pair_alone(pairs):
    from maca.chronology.duplicates import _letters_in_common, _Words

    known: dict[str, _Words] = {}  # one object per distinct text, as find_duplicates keeps them
    worded = [tuple(known.setdefault(t, _Words(t)) for t in pair) for pair in pairs]
    at_once = _letters_in_common(worded)
    assert at_once == [sum(map(min, a.letters, b.letters)) for a, b in worded]

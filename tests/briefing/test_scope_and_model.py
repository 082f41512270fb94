"""Scope in the briefing's words from scope.json, and the input model's JSON round trip."""

from __future__ import annotations

import copy

import pytest

from maca.briefing import Briefing, BriefingInputError, Scope
from maca.briefing.numbers import Numbers
from maca.briefing.scope import scope_lines

SEED_SCOPE = {
    "period": {"from": "2023-09-01", "to": "2023-12-31"},
    "children": 34,
    "families": 17,
    "in_first_1001_days": 8,
    "in_first_1001_days_with_sibling_group": 3,
    "pp_invoked": 30,
    "pp_considered_s20": 4,
    "known_historically": 0,
    "sibling_known": 0,
    "recent_closure": 0,
    "moved_in": 0,
    "excluded": {"open_to_csc": 12},
    "parameters": {"home_la": "840"},
    "inputs": {"police_protection.csv": "ab" * 32},
}


def lines(data: dict, decisions: dict | None = None) -> list[str]:
    return scope_lines(Scope.from_scope_json(data), Numbers(5, decisions or {}))


def test_seed_scope_lines_reproduced():
    got = lines(SEED_SCOPE)
    assert got[0] == (
        "There were 34 children identified who were removed from parent's care when they were "
        "unknown to CYPS (17 families) between September – December 2023."
    )
    assert got[1] == (
        "8 of these 34 children were within the first 1001-day age bracket. The other children "
        "were all older than 1001 days, however some within the 34 cases had a sibling link to "
        "the 8 children identified."
    )
    assert got[2] == "Sibling links were considered (3 children had sibling groups)."
    assert got[3] == (
        "The children identified were children removed from parent's care by Police Protection "
        "(PP) (30 children) or PP was considered but Section 20 was given by the parents "
        "(4 children)."
    )
    assert len(got) == 4, "no history line when the cohort reports none"


def test_scope_wording_follows_the_numbers():
    data = copy.deepcopy(SEED_SCOPE)
    data.update(children=1, families=1, in_first_1001_days=1, pp_invoked=1, pp_considered_s20=0)
    data.update(in_first_1001_days_with_sibling_group=0)
    data["period"] = {"from": "2023-11-01", "to": "2024-02-29"}
    got = lines(data, {"scope": "confirm"})
    assert got[0].startswith("There was 1 child identified who was removed")
    assert got[0].endswith("(1 family) between November 2023 – February 2024.")
    assert got[1] == "The child was within the first 1001-day age bracket."
    assert got[3] == (
        "All the children identified were removed from parent's care by Police Protection (PP)."
    )


def test_history_line_and_its_small_numbers():
    data = copy.deepcopy(SEED_SCOPE)
    data.update(known_historically=12, sibling_known=9, recent_closure=2, moved_in=6)
    got = lines(data, {"scope.recent_closure": "suppress", "scope": "confirm"})
    assert got[-1] == (
        "Of the 34 children, 12 were known historically to CYPS, 9 had siblings with records on "
        "CYPS records, fewer than 5 had a child in need episode (their own or a sibling's) closed "
        "in the six months before removal and 6 had moved into the area in the year before removal."
    )


def test_period_is_never_narrower_than_a_month():
    got = lines(SEED_SCOPE)[0]
    assert "2023-09-01" not in got and "1 September" not in got


def test_round_trip(example_dict):
    briefing = Briefing.from_dict(copy.deepcopy(example_dict))
    again = Briefing.from_dict(briefing.to_dict())
    assert again == briefing
    assert briefing.to_dict()["scope"]["period"] == {"from": "2023-09-01", "to": "2023-12-31"}


def test_strengths_ordered_by_cases(example):
    ordered = [s.cases for s in example.strengths_by_cases()]
    assert ordered == sorted(ordered, reverse=True)
    assert example.strengths_by_cases()[0].theme == "multi-agency response"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["scope"].pop("children"), "scope.children: expected a count, got None"),
        (lambda d: d["scope"].update(families=-1), "scope.families: expected a count"),
        (lambda d: d["strengths"][2].pop("key_phrase"), "strengths[2].key_phrase: missing"),
        (lambda d: d["family_voice"][0].update(role=7), "family_voice[0].role: expected text"),
        (lambda d: d["resources"][0].update(placement="sidebar"), "resources[0].placement"),
        (lambda d: d.update(small_numbers={"scope.children": "hide"}), "small_numbers['scope"),
        (
            lambda d: d["scope"]["period"].update(to="31/12/2023"),
            "scope.period.to: expected a date",
        ),
        (lambda d: d["charts"]["cases"].pop(), "charts.cases: 35 cases, but scope.children is 36"),
    ],
)
def test_bad_input_names_the_field(example_dict, change, message):
    from maca.briefing import prepare

    data = copy.deepcopy(example_dict)
    change(data)
    with pytest.raises(BriefingInputError, match=message.replace("[", r"\[").replace("(", r"\(")):
        prepare(Briefing.from_dict(data))


def test_scope_read_from_a_cohort_scope_json(tmp_path):
    import json

    from maca.briefing.inputs import load_scope

    path = tmp_path / "scope.json"
    path.write_text(json.dumps(SEED_SCOPE))
    scope = load_scope(path)
    assert (scope.children, scope.families, scope.period.start) == (34, 17, "2023-09-01")
    assert scope.to_scope_json() == SEED_SCOPE
    path.write_text(json.dumps({**SEED_SCOPE, "children": "34"}))
    with pytest.raises(BriefingInputError, match=r"scope.json: scope.children: expected a count"):
        load_scope(path)

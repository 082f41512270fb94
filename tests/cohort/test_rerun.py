"""A re-audit's cohort: the earlier cohort's recorded parameters, a new period, one command."""

from __future__ import annotations

import shlex
from datetime import date

from maca.cohort.rerun import RULE_LIMITS, rerun_command, rerun_parameters, same_rules

EARLIER = {
    "period_from": "2023-09-01",
    "period_to": "2023-12-31",
    "home_la": "840",
    "merge_hours": 72,
    "l1_match_days": 3,
    "recent_closure_days": 180,
    "moved_in_days": 365,
    "pseudonymise": True,
    "engine": "duckdb 1.4.0",
    "maca_version": "0.1.0",
    "rules_sha256": "ab" * 32,
}
NEW = (date(2024, 9, 1), date(2024, 12, 31))


def test_the_command_keeps_the_rules_and_changes_only_the_period():
    rerun = rerun_command(EARLIER, *NEW)
    assert shlex.split(rerun.command) == [
        "maca",
        "cohort",
        "DATA_DIR",
        "--from",
        "2024-09-01",
        "--to",
        "2024-12-31",
        "--home-la",
        "840",
        "--pseudonymise",
        "--out",
        "cohort-2024-09",
    ]
    assert rerun.notes == []
    assert rerun.parameters["period_from"] == "2024-09-01"
    assert rerun.parameters["rules_sha256"] == EARLIER["rules_sha256"]
    assert "engine" not in rerun.parameters and "maca_version" not in rerun.parameters


def test_a_limit_the_command_line_cannot_set_is_said_not_hidden():
    rerun = rerun_command({**EARLIER, "merge_hours": 48}, *NEW)
    assert len(rerun.notes) == 1
    assert "merge_hours = 48, not the rules' 72" in rerun.notes[0]
    assert "CohortParameters(merge_hours=48" in rerun.notes[0]


def test_without_the_earlier_parameters_the_defaults_are_used_and_said():
    rerun = rerun_command({}, *NEW, data_dir="/data/council", out="cohort-new")
    assert "--home-la" not in rerun.command
    assert rerun.command.startswith("maca cohort /data/council --from 2024-09-01")
    assert rerun.command.endswith("--out cohort-new")
    assert "no scope.json" in rerun.notes[0]


def test_a_period_that_ends_before_it_starts_is_told():
    rerun = rerun_command(EARLIER, NEW[1], NEW[0])
    assert any("ends" in note for note in rerun.notes)


def test_addresses_with_spaces_are_quoted_for_the_shell():
    rerun = rerun_command(EARLIER, *NEW, data_dir="My data")
    assert "'My data'" in rerun.command


def test_same_rules_compares_the_rules_text_limits_and_home_la():
    later = {**rerun_parameters(EARLIER, *NEW), "engine": "postgresql 15"}
    assert same_rules(EARLIER, later) is True
    assert same_rules(EARLIER, {**later, "rules_sha256": "cd" * 32}) is False
    assert same_rules(EARLIER, {**later, "home_la": "841"}) is False
    assert same_rules(EARLIER, {**later, "moved_in_days": 180}) is False
    assert same_rules(EARLIER, {"derived_from": "the cases' cohort flags"}) is None
    assert set(RULE_LIMITS) == {
        "merge_hours",
        "l1_match_days",
        "recent_closure_days",
        "moved_in_days",
    }

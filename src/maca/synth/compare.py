"""Compare a ``maca cohort`` output folder with the planted truth of a synthetic dataset.

Used by the cross-check tests once the cohort finder exists::

    problems = compare_with_truth(cohort_out, data_dir / "truth")
    assert problems == []
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from maca.cohort.contract import FLAG_COLUMNS, SCOPE_COUNTS


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _normal(value: str) -> str:
    """Booleans and empty values as the truth writes them (True/true/1 alike)."""
    low = value.strip().lower()
    return {"1": "true", "0": "false", "yes": "true", "no": "false"}.get(low, low)


def compare_children(cohort: pd.DataFrame, truth: pd.DataFrame) -> list[str]:
    problems = []
    found, expected = set(cohort.pers_person_id), set(truth.pers_person_id)
    problems += [f"missing from cohort: {p}" for p in sorted(expected - found)]
    problems += [f"not expected in cohort: {p}" for p in sorted(found - expected)]
    got = cohort.set_index("pers_person_id")
    for row in truth.itertuples():
        if row.pers_person_id not in got.index:
            continue
        for column in FLAG_COLUMNS:
            if column not in got.columns:
                problems.append(f"cohort.csv has no column {column}")
                continue
            mine, theirs = (
                _normal(getattr(row, column)),
                _normal(got.at[row.pers_person_id, column]),
            )
            if mine != theirs:
                problems.append(
                    f"{row.pers_person_id} ({row.scenario}) {column}: expected "
                    f"{mine!r}, cohort has {theirs!r}"
                )
    if "family_ref" in cohort.columns:
        planned = set(truth.groupby("family_key").pers_person_id.apply(frozenset))
        found_groups = set(cohort.groupby("family_ref").pers_person_id.apply(frozenset))
        if planned != found_groups:
            problems.append(f"families differ: {len(planned ^ found_groups)} groups not shared")
    return problems


def compare_exclusions(cohort: pd.DataFrame, truth: pd.DataFrame) -> list[str]:
    def keyed(frame: pd.DataFrame) -> pd.Series:
        return (
            frame.pp_refs.str.split(";").str[0] + "|" + frame.pers_person_id + "|" + frame.reason
        ).value_counts()

    diff = keyed(truth).sub(keyed(cohort), fill_value=0)
    return [
        f"exclusion {key} (ref|person|reason): expected {int(n):+d} more"
        if n > 0
        else f"exclusion {key}: {int(-n)} unexpected"
        for key, n in diff[diff != 0].items()
    ]


def compare_with_truth(cohort_dir: Path, truth_dir: Path) -> list[str]:
    """Readable differences between a cohort output folder and the planted truth (empty: equal)."""
    cohort_dir, truth_dir = Path(cohort_dir), Path(truth_dir)
    problems = compare_children(_read(cohort_dir / "cohort.csv"), _read(truth_dir / "children.csv"))
    problems += compare_exclusions(
        _read(cohort_dir / "exclusions.csv"), _read(truth_dir / "exclusions.csv")
    )
    scope = json.loads((cohort_dir / "scope.json").read_text(encoding="utf-8"))
    expected = json.loads((truth_dir / "scope.json").read_text(encoding="utf-8"))
    for key in SCOPE_COUNTS:
        if scope.get(key) != expected[key]:
            problems.append(f"scope {key}: expected {expected[key]}, cohort has {scope.get(key)}")
    for reason, count in expected["excluded"].items():
        if scope.get("excluded", {}).get(reason, 0) != count:
            problems.append(
                f"scope excluded {reason}: expected {count}, "
                f"cohort has {scope.get('excluded', {}).get(reason, 0)}"
            )
    if scope.get("period") != expected["period"]:
        problems.append(f"period: expected {expected['period']}, cohort has {scope.get('period')}")
    return problems


def compare_profile_with_truth(facts: dict, counts, truth_dir: Path) -> list[str]:
    """Readable differences between a profile (its facts, one row per child, and its true
    counts, ``maca.profile.counts.ProfileCounts``) and the planted profile truth."""
    from maca.profile.contract import MEASURES, ONE_OF

    truth_dir = Path(truth_dir)
    problems = []
    expected = _read(truth_dir / "profile_counts.csv")
    for row in expected.itertuples():
        if row.measure == "group":
            found = getattr(counts, row.category)[row.profile_group]
        else:
            found = counts.count(row.measure, row.profile_group, row.category)
        if found != int(row.children):
            problems.append(
                f"{row.profile_group} {row.measure} {row.category}: expected {row.children}, "
                f"profile has {found}"
            )
    children = _read(truth_dir / "profile_children.csv").set_index("pers_person_id")
    found_children = {str(p): i for i, p in enumerate(facts["person_id"])}
    problems += [
        f"missing from profile: {p}" for p in sorted(set(children.index) - set(found_children))
    ]
    problems += [
        f"not expected in profile: {p}" for p in sorted(set(found_children) - set(children.index))
    ]
    for pid, i in sorted(found_children.items()):
        if pid not in children.index:
            continue
        truth = children.loc[pid]
        if facts["profile_group"][i] != truth.profile_group:
            problems.append(f"{pid} ({truth.scenario}): group {facts['profile_group'][i]}")
        for measure in MEASURES:
            if measure.kind == ONE_OF:
                mine = facts[measure.key][i]
            else:
                mine = ";".join(
                    sorted(
                        c
                        for c in measure.category_keys
                        if f"{measure.key}__{c}" in facts and facts[f"{measure.key}__{c}"][i]
                    )
                )
                if measure.key == "family":  # the sibling group is grouped after the query
                    theirs = ";".join(c for c in truth.family.split(";") if c != "sibling_group")
                    if mine != theirs:
                        problems.append(
                            f"{pid} ({truth.scenario}) family: {mine!r}, expected {theirs!r}"
                        )
                    continue
            if mine != truth[measure.key]:
                problems.append(
                    f"{pid} ({truth.scenario}) {measure.key}: profile {mine!r}, "
                    f"expected {truth[measure.key]!r}"
                )
    return problems

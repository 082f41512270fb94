"""compare_with_truth finds every kind of difference between a cohort output and the truth."""

from __future__ import annotations

import json
import shutil

import pandas as pd

from maca.synth.compare import compare_with_truth


def cohort_from_truth(truth_dir, out):
    """A cohort output folder exactly as the truth says it must be (the perfect finder)."""
    out.mkdir()
    children = pd.read_csv(truth_dir / "children.csv", dtype=str, keep_default_na=False)
    families = {k: f"F{i + 1:02d}" for i, k in enumerate(dict.fromkeys(children.family_key))}
    children.insert(0, "case_ref", [f"C{i + 1:03d}" for i in range(len(children))])
    children.insert(1, "family_ref", children.family_key.map(families))
    children.drop(columns=["family_key", "scenario"]).to_csv(out / "cohort.csv", index=False)
    exclusions = pd.read_csv(truth_dir / "exclusions.csv", dtype=str, keep_default_na=False)
    exclusions.assign(detail="").drop(columns="scenario").to_csv(
        out / "exclusions.csv", index=False
    )
    shutil.copy(truth_dir / "scope.json", out / "scope.json")
    return out


def test_a_perfect_cohort_has_no_differences(ssd_dir, tmp_path):
    out = cohort_from_truth(ssd_dir / "truth", tmp_path / "cohort")
    assert compare_with_truth(out, ssd_dir / "truth") == []


def test_differences_are_named(ssd_dir, tmp_path):
    out = cohort_from_truth(ssd_dir / "truth", tmp_path / "cohort")
    cohort = pd.read_csv(out / "cohort.csv", dtype=str, keep_default_na=False)
    cohort.loc[0, "moved_in"] = "true" if cohort.loc[0, "moved_in"] == "false" else "false"
    cohort.loc[1, "family_ref"] = cohort.loc[2, "family_ref"]
    dropped = cohort.loc[3, "pers_person_id"]
    cohort.drop(index=3).to_csv(out / "cohort.csv", index=False)
    exclusions = pd.read_csv(out / "exclusions.csv", dtype=str, keep_default_na=False)
    exclusions.loc[0, "reason"] = "outside_period"
    exclusions.to_csv(out / "exclusions.csv", index=False)
    scope = json.loads((out / "scope.json").read_text())
    scope["families"] += 1
    (out / "scope.json").write_text(json.dumps(scope))
    problems = compare_with_truth(out, ssd_dir / "truth")
    text = "\n".join(problems)
    assert f"missing from cohort: {dropped}" in text
    assert "moved_in: expected" in text
    assert "families differ" in text
    assert "scope families" in text
    assert sum("exclusion" in p for p in problems) == 2

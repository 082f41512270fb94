"""The planted truth: what ``maca cohort`` must find for the audit period (``DIR/truth/``).

``children.csv`` has the columns of cohort.csv that do not depend on how the cohort numbers its
cases (no ``case_ref``/``family_ref``: ``family_key`` groups children the same way instead);
``exclusions.csv`` has one row per expected exclusion; ``scope.json`` the expected scope counts;
``profile_children.csv`` and ``profile_counts.csv`` the cohort profile's (``profile_truth``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from maca.cohort.contract import EXCLUSION_REASONS, FLAG_COLUMNS
from maca.synth.days import render, to_date
from maca.synth.frames import NO_PERSON
from maca.synth.planted import Expected, Plan
from maca.synth.profile_truth import write_profile_truth
from maca.synth.scale import Window

CHILD_COLUMNS = ["pers_person_id", *FLAG_COLUMNS, "family_key", "scenario"]
EXCLUSION_COLUMNS = ["pp_refs", "pers_person_id", "reason", "scenario"]


def _flag(value: bool) -> str:
    return "true" if value else "false"


def children_frame(children: list[Expected]) -> pd.DataFrame:
    group_size = Counter(c.family_key for c in children)
    rows = [
        {
            "pers_person_id": str(c.pid),
            "removal_date": to_date(c.removal_day).isoformat(),
            "removal_kind": c.kind,
            "pp_refs": ";".join(c.refs),
            "source": c.source,
            "age_days": c.age_days,
            "day_of_1001": c.day_of_1001,
            "in_first_1001_days": _flag(c.in_first_1001_days),
            "known_historically": _flag(bool(c.history)),
            "history_kinds": ";".join(sorted(c.history)),
            "sibling_known": _flag(c.sibling_known),
            "recent_closure": _flag(c.recent_closure),
            "moved_in": _flag(c.moved_in),
            "has_sibling_group": _flag(group_size[c.family_key] > 1),
            "post_removal_involvement": _flag(c.post_removal),
            "family_key": c.family_key,
            "scenario": c.scenario,
        }
        for c in children
    ]
    frame = pd.DataFrame(rows, columns=CHILD_COLUMNS)
    return frame.sort_values(["removal_date", "pers_person_id"], kind="stable", ignore_index=True)


def exclusions_frame(plan: Plan, background: dict[str, np.ndarray]) -> pd.DataFrame:
    planted = pd.DataFrame(
        [
            {
                "pp_refs": ";".join(e.refs),
                "pers_person_id": "" if e.pid == NO_PERSON else str(e.pid),
                "reason": e.reason,
                "scenario": e.scenario,
            }
            for e in plan.exclusions
        ],
        columns=EXCLUSION_COLUMNS,
    )
    pid = np.asarray(background["pid"], dtype=np.int64)
    others = pd.DataFrame(
        {
            "pp_refs": background["ref"],
            "pers_person_id": np.where(pid == NO_PERSON, "", pid.astype(str)),
            "reason": background["reason"],
            "scenario": "background",
        },
        columns=EXCLUSION_COLUMNS,
    )
    return pd.concat([planted, others], ignore_index=True)


def scope(children: pd.DataFrame, exclusions: pd.DataFrame, window: Window, params: dict) -> dict:
    def count(column: str) -> int:
        return int((children[column] == "true").sum())

    first = children["in_first_1001_days"] == "true"
    grouped = children["has_sibling_group"] == "true"
    excluded = Counter(exclusions["reason"])
    return {
        "period": {
            "from": render(np.array([window.period_from]))[0],
            "to": render(np.array([window.period_to]))[0],
        },
        "children": len(children),
        "families": int(children["family_key"].nunique()),
        "in_first_1001_days": int(first.sum()),
        "in_first_1001_days_with_sibling_group": int((first & grouped).sum()),
        "pp_invoked": int((children["removal_kind"] == "pp_invoked").sum()),
        "pp_considered_s20": int((children["removal_kind"] == "pp_considered_s20").sum()),
        "known_historically": count("known_historically"),
        "sibling_known": count("sibling_known"),
        "recent_closure": count("recent_closure"),
        "moved_in": count("moved_in"),
        "excluded": {reason: int(excluded.get(reason, 0)) for reason in EXCLUSION_REASONS},
        "parameters": params,
    }


def write_truth(
    folder: Path, plan: Plan, background: dict[str, np.ndarray], window: Window, params: dict
) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    children = children_frame(plan.children)
    exclusions = exclusions_frame(plan, background)
    children.to_csv(folder / "children.csv", index=False, lineterminator="\n")
    exclusions.to_csv(folder / "exclusions.csv", index=False, lineterminator="\n")
    result = scope(children, exclusions, window, params)
    (folder / "scope.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_profile_truth(folder, plan)
    return result

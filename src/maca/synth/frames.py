"""The generator's own record shapes: one dict of equal-length numpy columns per kind of record.

Both the background population and the planted scenarios produce these; the writers turn them into
SSD tables or national returns. Dates are day numbers (``days.NO_DATE`` when empty), police times
minutes since 1970-01-01, person ids integers (``NO_PERSON`` when the police could not match one).
"""

from __future__ import annotations

import numpy as np

NO_PERSON = -1

COLUMNS: dict[str, tuple[str, ...]] = {
    "person": ("pid", "dob", "expected_dob", "sex", "ethnicity"),
    "family": ("fid", "pid"),
    "mother": ("mother", "child"),
    "address": ("pid", "postcode", "start", "end", "la"),
    "contact": ("id", "pid", "date", "source"),
    "early_help": ("id", "pid", "start", "end"),
    "cin": ("id", "pid", "referral", "source", "close", "reason", "nfa", "need"),
    "cp": ("id", "pid", "start", "end", "ola", "cin_id", "category"),
    "cla": (
        "id",
        "pid",
        "start",
        "end",
        "rne",
        "ls",
        "rec",
        "place",
        "need",
        "postcode",
        "reason_change",
    ),
    "police": ("ref", "pid", "start", "end", "status", "outcome", "home_la"),
}

Frames = dict[str, dict[str, np.ndarray]]


def from_rows(name: str, rows: list[dict]) -> dict[str, np.ndarray]:
    """Columns from a list of row dicts (for the few planted records)."""
    cols = COLUMNS[name]
    out: dict[str, np.ndarray] = {}
    for c in cols:
        values = [r[c] for r in rows]
        is_int = values and all(
            isinstance(v, int | np.integer) and not isinstance(v, bool) for v in values
        )
        out[c] = np.array(values, dtype=np.int64 if is_int else object)
    return out


def length(table: dict[str, np.ndarray]) -> int:
    return len(next(iter(table.values()))) if table else 0


def take(table: dict[str, np.ndarray], mask: np.ndarray) -> dict[str, np.ndarray]:
    return {c: v[mask] for c, v in table.items()}


def concat(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    keyed = [p for p in parts if p]
    filled = [p for p in keyed if length(p)]
    if not filled:
        return keyed[0] if keyed else {}
    return {c: np.concatenate([p[c] for p in filled]) for c in filled[0]}

"""A re-audit's cohort: the same rules as an earlier cohort, for a new period.

``scope.json`` records every parameter the rules ran with (``parameters``: the period, the home
LA, the rules' own day and hour limits, the rules' SHA-256). A re-audit keeps all of them but the
period; :func:`rerun_command` writes the ``maca cohort`` command that finds that cohort, and says
what the command line cannot reproduce (a limit that is not the rules' default, which only the
Python API sets). :func:`same_rules` tells whether two cohorts were found by the same rules.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from maca.cohort.query import CohortParameters

# The parameters the rules take beyond the period and home LA, with their defaults (the rules'
# definition, shared/spec/cohort.md): `maca cohort` always runs with these.
RULE_LIMITS = {
    f.name: f.default
    for f in fields(CohortParameters)
    if f.name not in ("period_from", "period_to", "home_la")
}
# What scope.json's parameters record about the run rather than the rules.
RUN_DETAILS = ("period_from", "period_to", "pseudonymise", "engine", "maca_version")


@dataclass(frozen=True)
class Rerun:
    """The command for the new period, the parameters it runs with, and what to know."""

    command: str
    parameters: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def rerun_parameters(earlier: dict[str, Any], period_from: date, period_to: date) -> dict:
    """The earlier cohort's parameters with the new period (the rest kept as recorded)."""
    kept = {k: v for k, v in (earlier or {}).items() if k not in RUN_DETAILS}
    return {**kept, "period_from": period_from.isoformat(), "period_to": period_to.isoformat()}


def rerun_command(
    earlier: dict[str, Any],
    period_from: date,
    period_to: date,
    *,
    data_dir: str = "DATA_DIR",
    out: str = "",
) -> Rerun:
    """``maca cohort`` for the new period with the earlier cohort's rules.

    ``earlier`` is scope.json's ``parameters`` (empty when the earlier audit has no scope.json:
    then the rules' defaults are all there is to go on, and a note says so).
    """
    parameters = rerun_parameters(earlier, period_from, period_to)
    notes: list[str] = []
    if not earlier:
        notes.append(
            "The earlier audit has no scope.json, so its cohort's parameters are not known: "
            "the command uses the rules' defaults. Check the home LA code."
        )
    words = ["maca", "cohort", data_dir]
    words += ["--from", period_from.isoformat(), "--to", period_to.isoformat()]
    home_la = parameters.get("home_la")
    if home_la:
        words += ["--home-la", str(home_la)]
    words += ["--pseudonymise", "--out", out or f"cohort-{period_from:%Y-%m}"]
    for name, default in RULE_LIMITS.items():
        value = parameters.get(name, default)
        if value != default:
            notes.append(
                f"The earlier cohort ran with {name} = {value}, not the rules' {default}: the "
                "command line always uses the default, so run the cohort from Python "
                f"(maca.cohort.CohortParameters({name}={value!r}, ...)) to keep it."
            )
    if period_to < period_from:
        notes.append(f"The new period ends ({period_to}) before it starts ({period_from}).")
    return Rerun(" ".join(shlex.quote(w) for w in words), parameters, notes)


def same_rules(earlier: dict[str, Any], later: dict[str, Any]) -> bool | None:
    """True when both cohorts ran the same rules text with the same limits and home LA; None
    when either records no rules checksum (a hand-picked list, a derived scope)."""
    if not earlier.get("rules_sha256") or not later.get("rules_sha256"):
        return None
    keys = ("rules_sha256", "home_la", *RULE_LIMITS)
    return all(earlier.get(k, RULE_LIMITS.get(k)) == later.get(k, RULE_LIMITS.get(k)) for k in keys)

"""The profile of a cohort on DuckDB, PostgreSQL or Spark: facts, counts, the document.

``profile_store`` (DuckDB), ``profile_postgres`` and ``profile_spark`` run the same SQL text and
give the same ``profile.json``; ``run_profile`` also writes the files. A cohort folder written by
``maca cohort`` gives the parameters (``scope.json``) and is checked against what the store gives,
so that the profile is the profile of that cohort.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from maca.cohort.finder import CohortProblem, check_period
from maca.cohort.query import CohortParameters, Columns
from maca.cohort.rules_sql import RULES_SQL
from maca.profile.contract import DEFAULT_SMALL_NUMBER
from maca.profile.counts import ProfileCounts, count_facts
from maca.profile.document import build_profile
from maca.profile.facts import facts_from_postgres, facts_from_spark, facts_from_store
from maca.profile.outputs import write_profile


class ProfileProblem(CohortProblem):
    """An expected problem with the profile's inputs, told in one readable line."""


@dataclass
class ProfileOutcome:
    facts: Columns  # one row per profiled child: in memory only (holds person ids)
    counts: ProfileCounts  # true counts, before suppression
    document: dict[str, Any]  # profile.json


def _outcome(
    facts: Columns, parameters: CohortParameters, threshold: int, inputs: dict[str, str] | None
) -> ProfileOutcome:
    if threshold < 1:
        raise ProfileProblem("--small-number must be a whole number of at least 1")
    counts = count_facts(facts)
    document = build_profile(counts, parameters, threshold=threshold, inputs=inputs)
    return ProfileOutcome(facts, counts, document)


def profile_store(
    store: Path,
    parameters: CohortParameters,
    *,
    threshold: int = DEFAULT_SMALL_NUMBER,
    inputs: dict[str, str] | None = None,
) -> ProfileOutcome:
    """The profile of the cohort a canonical DuckDB store gives for ``parameters``."""
    check_period(parameters)
    return _outcome(facts_from_store(store, parameters), parameters, threshold, inputs)


def profile_postgres(
    conn: Any,
    schema: str,
    parameters: CohortParameters,
    *,
    threshold: int = DEFAULT_SMALL_NUMBER,
    inputs: dict[str, str] | None = None,
) -> ProfileOutcome:
    """The same profile from canonical tables in a PostgreSQL schema."""
    check_period(parameters)
    facts = facts_from_postgres(conn, schema, parameters)
    return _outcome(facts, parameters, threshold, inputs)


def profile_spark(
    spark: Any,
    parameters: CohortParameters,
    *,
    threshold: int = DEFAULT_SMALL_NUMBER,
    inputs: dict[str, str] | None = None,
) -> ProfileOutcome:
    """The same profile from canonical tables registered as Spark views."""
    check_period(parameters)
    return _outcome(facts_from_spark(spark, parameters), parameters, threshold, inputs)


# --- a cohort folder written by `maca cohort` -----------------------------------------------
@dataclass(frozen=True)
class CohortFolder:
    folder: Path
    parameters: CohortParameters
    inputs: dict[str, str]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ProfileProblem(f"{path}: not found (is this a folder `maca cohort` wrote?)") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ProfileProblem(f"{path}: not readable JSON") from None


def read_cohort_folder(folder: Path) -> CohortFolder:
    """The parameters and inputs of a cohort folder (its ``scope.json``)."""
    if not folder.is_dir():
        raise ProfileProblem(f"{folder}: no such folder")
    scope_path = folder / "scope.json"
    scope = _read_json(scope_path)
    recorded = scope.get("parameters") if isinstance(scope, dict) else None
    if not isinstance(recorded, dict):
        raise ProfileProblem(f"{scope_path}: has no parameters")
    if recorded.get("rules_sha256") != hashlib.sha256(RULES_SQL.encode()).hexdigest():
        raise ProfileProblem(
            f"{scope_path}: the cohort was found by another version of the rules; "
            "re-run `maca cohort` first"
        )
    values: dict[str, Any] = {}
    for field in fields(CohortParameters):
        if field.name not in recorded:
            raise ProfileProblem(f"{scope_path}: parameter {field.name} is missing")
        value = recorded[field.name]
        if field.name.startswith("period_"):
            try:
                value = date.fromisoformat(str(value))
            except ValueError:
                raise ProfileProblem(f"{scope_path}: {field.name} is not a date") from None
        values[field.name] = value
    inputs = scope.get("inputs") if isinstance(scope.get("inputs"), dict) else {}
    return CohortFolder(
        folder, CohortParameters(**values), {str(k): str(v) for k, v in inputs.items()}
    )


def _first(refs: str) -> str:
    return refs.split(";")[0]


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ProfileProblem(f"{path}: not found (is this a folder `maca cohort` wrote?)") from None
    except (UnicodeDecodeError, csv.Error):
        raise ProfileProblem(f"{path}: not a readable CSV file") from None


def check_same_cohort(facts: Columns, cohort: CohortFolder, store: object) -> None:
    """The store gives the cohort of the folder: the same removals (date and first reference)
    for the cohort children, and an open_to_csc exclusion for every comparison child."""
    rows = _read_csv(cohort.folder / "cohort.csv")
    try:
        listed = Counter(
            (r["removal_date"], _first(r["pp_refs"]) or _first(r["l1_refs"])) for r in rows
        )
        excluded = {
            _first(r["pp_refs"]) or _first(r["l1_refs"])
            for r in _read_csv(cohort.folder / "exclusions.csv")
            if r["reason"] == "open_to_csc"
        }
    except KeyError as missing:
        raise ProfileProblem(f"{cohort.folder}: a cohort file has no column {missing}") from None
    found: Counter[tuple[str, str]] = Counter()
    comparison = set()
    for group, removal, ref in zip(
        facts["profile_group"], facts["removal_date"], facts["lead_ref"], strict=True
    ):
        if group == "open_to_csc":
            comparison.add(ref)
        else:
            found[(removal.isoformat(), ref)] += 1
    if found != listed or not comparison <= excluded:
        raise ProfileProblem(
            f"{store} does not give the cohort in {cohort.folder} "
            f"({sum(listed.values())} children there, {sum(found.values())} here): re-run "
            "`maca cohort` on this store, or give the store the cohort was found in"
        )


def run_profile(
    store: Path,
    out_dir: Path,
    parameters: CohortParameters,
    *,
    threshold: int = DEFAULT_SMALL_NUMBER,
    cohort: CohortFolder | None = None,
    inputs: dict[str, str] | None = None,
) -> ProfileOutcome:
    """The profile of a DuckDB store, checked against ``cohort`` when given, written out."""
    outcome = profile_store(
        store, parameters, threshold=threshold, inputs=cohort.inputs if cohort else inputs
    )
    if cohort is not None:
        check_same_cohort(outcome.facts, cohort, store)
    try:
        write_profile(out_dir, outcome.document)
    except OSError as error:
        raise ProfileProblem(f"cannot write the profile to {out_dir}: {error.strerror}") from None
    return outcome

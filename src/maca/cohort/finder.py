"""Find the cohort in a canonical store and write cohort.csv, exclusions.csv, scope.json/.md."""

from __future__ import annotations

import csv
import gc
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

import duckdb

from maca import __version__
from maca.cohort.contract import COHORT_COLUMNS, EXCLUSION_COLUMNS, EXCLUSION_REASONS
from maca.cohort.decisions import Decisions, decide
from maca.cohort.query import CohortParameters, Columns, run_duckdb
from maca.cohort.rules_sql import RULES_SQL
from maca.cohort.scope import scope_counts, scope_markdown
from maca.data.schema import TABLES, create_table_sql
from maca.problems import Problem


class CohortProblem(Problem):
    """An expected problem with the inputs, told in one readable line."""


@dataclass
class CohortOutcome:
    decisions: Decisions
    scope: dict[str, Any]
    missing_tables: list[str]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_checksums(paths: list[Path], root: Path | None = None) -> dict[str, str]:
    """``{file: sha256}`` for the inputs of a run, names relative to ``root`` when given."""
    return {
        (str(p.relative_to(root)) if root else p.name): sha256_of(p)
        for p in sorted(paths)
        if p.is_file()
    }


def _stand_in_missing_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """A store without (say) addresses is fine: missing tables become empty temp tables."""
    present = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    missing = [name for name in TABLES if name not in present]
    for name in missing:
        con.execute(create_table_sql(TABLES[name]).replace("CREATE TABLE", "CREATE TEMP TABLE"))
    return missing


# What the readers guarantee, checked again because the rules rely on it: one row per key.
_STORE_CHECKS = (
    (
        "SELECT source_file, source_row, pp_ref FROM police_protection WHERE pp_ref IN "
        "(SELECT pp_ref FROM police_protection GROUP BY pp_ref HAVING COUNT(*) > 1) "
        "ORDER BY source_file, source_row LIMIT 1",
        "pp_ref {2!r} appears more than once",
    ),
    (
        "SELECT source_file, source_row, pp_ref FROM police_protection "
        "WHERE pp_start IS NULL ORDER BY source_file, source_row LIMIT 1",
        "police row {2!r} has no pp_start",
    ),
)
# The rules read a person record only for the child of an event in the period (its date of
# birth, rule 4), so one record per person is checked for those children: a national store's
# millions of other person ids cannot change the cohort, and grouping them all cost a tenth of
# the step.
_PERSON_CHECK = (
    "SELECT source_file, source_row, pers_person_id FROM ssd_person WHERE pers_person_id IN "
    "(SELECT pers_person_id FROM ssd_person WHERE pers_person_id IN (SELECT unnest($ids)) "
    "GROUP BY pers_person_id HAVING COUNT(*) > 1) ORDER BY source_file, source_row LIMIT 1"
)


def _problem(found: tuple[Any, ...], store: Path, problem: str) -> CohortProblem:
    where = f"{found[0]} row {found[1]}" if found[0] else str(store)
    return CohortProblem(f"{where}: {problem.format(*found)}; re-run `maca ingest`")


def _check_store(con: duckdb.DuckDBPyConnection, store: Path) -> None:
    for sql, problem in _STORE_CHECKS:
        found = con.execute(sql).fetchone()
        if found:
            raise _problem(found, store, problem)


def check_people(con: duckdb.DuckDBPyConnection, store: Path, children: set[str]) -> None:
    """One person record for each child the rules read a person record for."""
    if not children:
        return
    found = con.execute(_PERSON_CHECK, {"ids": sorted(children)}).fetchone()
    if found:
        raise _problem(found, store, "person id {2!r} has more than one person record")


def _children_in_period(rows: Columns) -> set[str]:
    return {
        person
        for person, in_period in zip(rows["event_person_id"], rows["in_period"], strict=True)
        if in_period == 1 and person is not None
    }


@contextmanager
def open_store(store: Path) -> Iterator[tuple[duckdb.DuckDBPyConnection, list[str]]]:
    """A read-only connection to a checked canonical store, and the tables it lacked (stood in
    for by empty temporary tables)."""
    if not store.is_file():
        raise CohortProblem(f"{store}: no such store (run `maca ingest` first, or give DATA_DIR)")
    try:
        con = duckdb.connect(str(store), read_only=True)
    except duckdb.Error as error:
        raise CohortProblem(f"{store}: cannot be opened as a DuckDB store ({error})") from None
    try:
        con.execute("SET enable_progress_bar = false")  # the CLI reports, not DuckDB
        missing = _stand_in_missing_tables(con)
        if len(missing) == len(TABLES):
            raise CohortProblem(f"{store}: holds none of the canonical tables")
        _check_store(con, store)
        yield con, missing
    finally:
        con.close()


def query_store(store: Path, parameters: CohortParameters) -> tuple[Columns, list[str]]:
    """Run the rules on a DuckDB store: the query's columns and the tables the store lacked."""
    with open_store(store) as (con, missing):
        rows = run_duckdb(con, parameters)
        check_people(con, store, _children_in_period(rows))
        return rows, missing


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(map(itemgetter(*columns), rows))


def _key_rows(decisions: Decisions) -> list[dict[str, str]]:
    rows = [
        {"case_ref": r["case_ref"], "pers_person_id": r["pers_person_id"]} for r in decisions.cohort
    ]
    for siblings in decisions.sibling_people.values():
        rows.extend({"case_ref": ref, "pers_person_id": pid} for ref, pid in siblings)
    rows.extend(
        {"case_ref": r["exclusion_ref"], "pers_person_id": r["pers_person_id"]}
        for r in decisions.exclusions
        if r["pers_person_id"]
    )
    return rows


def write_outputs(out_dir: Path, outcome: CohortOutcome, pseudonymise: bool) -> list[Path]:
    """The files of shared/spec/cohort.md; with ``pseudonymise``, person ids only in key.csv."""
    out_dir.mkdir(parents=True, exist_ok=True)
    decisions = outcome.decisions
    drop = ("pers_person_id",) if pseudonymise else ()
    cohort_columns = tuple(c for c in COHORT_COLUMNS if c not in drop)
    exclusion_columns = tuple(c for c in EXCLUSION_COLUMNS if c not in drop)
    written = [out_dir / "cohort.csv", out_dir / "exclusions.csv"]
    _write_csv(written[0], cohort_columns, decisions.cohort)
    _write_csv(written[1], exclusion_columns, decisions.exclusions)
    if pseudonymise:
        written.append(out_dir / "key.csv")
        _write_csv(written[-1], ("case_ref", "pers_person_id"), _key_rows(decisions))
    written.append(out_dir / "scope.json")
    written[-1].write_text(json.dumps(outcome.scope, indent=2, default=str) + "\n", "utf-8")
    written.append(out_dir / "scope.md")
    written[-1].write_text(scope_markdown(outcome.scope), "utf-8")
    return written


def _in_reason_order(exclusions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sorted by (reason in EXCLUSION_REASONS order, pp_refs, l1_refs), as one stable sort on
    the triple would: each reason's rows apart, then two stable sorts on one text column each,
    the last column first (string keys take the list sort's fast comparison; tuples do not)."""
    by_reason: dict[str, list[dict[str, Any]]] = {reason: [] for reason in EXCLUSION_REASONS}
    for row in exclusions:
        by_reason[row["reason"]].append(row)
    ordered: list[dict[str, Any]] = []
    for rows in by_reason.values():
        rows.sort(key=itemgetter("l1_refs"))
        rows.sort(key=itemgetter("pp_refs"))
        ordered += rows
    return ordered


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The decisions of a national run are some 100,000 small dicts and lists, none in a cycle:
    Python's cycle collector would walk them again and again while they are built (a fifth of
    the time) and find nothing. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def outcome_of(
    rows: Columns,
    parameters: CohortParameters,
    *,
    pseudonymise: bool = False,
    inputs: dict[str, str],
    engine: str,
    missing_tables: list[str] | None = None,
) -> CohortOutcome:
    """Decisions and scope from the rows of the rules query, whichever engine ran it."""
    period = (parameters.period_from, parameters.period_to)
    with _cyclic_gc_paused():
        decisions = decide(rows, period, pseudonymise)
    decisions.exclusions[:] = _in_reason_order(decisions.exclusions)
    for n, row in enumerate(decisions.exclusions, 1):
        row["exclusion_ref"] = f"X{n:04d}"
    scope = scope_counts(decisions.cohort, decisions.exclusions, period)
    scope["parameters"] = {
        **{k: v.isoformat() if isinstance(v, date) else v for k, v in asdict(parameters).items()},
        "pseudonymise": pseudonymise,
        "engine": engine,
        "maca_version": __version__,
        "rules_sha256": hashlib.sha256(RULES_SQL.encode()).hexdigest(),
    }
    scope["inputs"] = inputs
    if missing_tables:
        scope["missing_tables"] = missing_tables
    return CohortOutcome(decisions, scope, missing_tables or [])


def check_period(parameters: CohortParameters) -> None:
    if parameters.period_to < parameters.period_from:
        raise CohortProblem(
            f"--to {parameters.period_to} is before --from {parameters.period_from}"
        )


def find_cohort(
    store: Path,
    parameters: CohortParameters,
    *,
    pseudonymise: bool = False,
    inputs: dict[str, str] | None = None,
) -> CohortOutcome:
    """The cohort of a canonical DuckDB store: decisions, and the scope with parameters and
    the inputs' checksums (the store's own when ``inputs`` is not given)."""
    check_period(parameters)
    rows, missing = query_store(store, parameters)
    return outcome_of(
        rows,
        parameters,
        pseudonymise=pseudonymise,
        inputs=inputs if inputs is not None else {store.name: sha256_of(store)},
        engine=f"duckdb {duckdb.__version__}",
        missing_tables=missing,
    )


def run_cohort(
    store: Path,
    out_dir: Path,
    parameters: CohortParameters,
    *,
    pseudonymise: bool = False,
    inputs: dict[str, str] | None = None,
) -> CohortOutcome:
    """Find the cohort and write its files to ``out_dir``."""
    outcome = find_cohort(store, parameters, pseudonymise=pseudonymise, inputs=inputs)
    write_outputs(out_dir, outcome, pseudonymise)
    return outcome

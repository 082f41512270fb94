"""Read a ``profile.json`` back, validated: for the web app's cohort upload and the briefing.

``read_profile(data)`` takes the file's bytes (or text), refuses anything over ``MAX_BYTES`` or
nested deeper than ``MAX_DEPTH`` before looking inside, then checks the whole structure
(``maca.profile.document``): the known format and version, the three groups in order, every
measure and category the contract names, each cell's shape, and that suppression was applied
(no published count from 1 to threshold − 1). Any problem is one ``ProfileFileError`` naming
where (``measures[2].rows[0].cells.open_to_csc.count``) and what is wrong, never echoing a value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from maca.problems import Problem
from maca.profile.contract import FORMAT, FORMAT_VERSION, GROUP_KEYS, MEASURES
from maca.profile.small_numbers import STATUSES, Cell, is_small

MAX_BYTES = 2_000_000
MAX_DEPTH = 12
MAX_TEXT = 2_000


class ProfileFileError(Problem, ValueError):
    """A profile.json that cannot be used, told in one line."""


@dataclass(frozen=True)
class ProfileRow:
    category: str
    label: str
    cells: dict[str, Cell]  # group key -> cell


@dataclass(frozen=True)
class ProfileMeasure:
    key: str
    title: str
    kind: str
    question: str
    finding: str
    chart_title: str
    chart_description: str
    rows: tuple[ProfileRow, ...]


@dataclass(frozen=True)
class ProfileGroup:
    key: str
    label: str
    short: str
    description: str
    children: Cell
    families: Cell


@dataclass(frozen=True)
class CohortProfile:
    """A validated profile: what a page or the briefing may show, as published."""

    period_from: date
    period_to: date
    period_words: str
    threshold: int
    groups: tuple[ProfileGroup, ...]
    measures: tuple[ProfileMeasure, ...]
    notes: tuple[str, ...]
    document: dict[str, Any]  # the JSON as read (validated)

    def measure(self, key: str) -> ProfileMeasure:
        return next(m for m in self.measures if m.key == key)


def _depth(value: Any, limit: int) -> int:
    stack = [(value, 1)]
    deepest = 0
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _no_constant(value: str) -> Any:
    raise ValueError(value)


def _raw_depth(text: str) -> int:
    """Bracket nesting outside strings, so that a hostile file never reaches the parser deep."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif char in "]}":
            depth -= 1
    return deepest


class _Check:
    def __init__(self) -> None:
        self.threshold = 1

    def fail(self, where: str, problem: str) -> ProfileFileError:
        return ProfileFileError(f"profile.json: {where}: {problem}")

    def obj(self, value: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        missing = [k for k in keys if k not in value]
        if missing:
            raise self.fail(where, f"missing {', '.join(missing)}")
        return value

    def text(self, value: Any, where: str, empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "must be text")
        if len(value) > MAX_TEXT:
            raise self.fail(where, f"is longer than {MAX_TEXT} characters")
        if not empty and not value.strip():
            raise self.fail(where, "is empty")
        return value

    def whole(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, "must be a whole number, 0 or more")
        return value

    def listing(self, value: Any, where: str, length: int | None = None) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        if length is not None and len(value) != length:
            raise self.fail(where, f"must have {length} entries, has {len(value)}")
        return value

    def date(self, value: Any, where: str) -> date:
        try:
            return date.fromisoformat(self.text(value, where))
        except ValueError:
            raise self.fail(where, "must be a date like 2023-09-01") from None

    def cell(self, value: Any, where: str, total: bool = False) -> Cell:
        data = self.obj(value, where, ("count", "shown", "status"))
        status = data["status"]
        if status not in STATUSES:
            raise self.fail(f"{where}.status", f"must be one of {', '.join(STATUSES)}")
        shown = self.text(data["shown"], f"{where}.shown")
        count, percent = data["count"], data.get("percent")
        if status == "shown":
            count = self.whole(count, f"{where}.count")
            if is_small(count, self.threshold):
                raise self.fail(
                    f"{where}.count",
                    f"a count under the small-number threshold {self.threshold} must be suppressed",
                )
            if shown != str(count):
                raise self.fail(f"{where}.shown", "must be the count")
        elif count is not None or percent is not None:
            raise self.fail(where, "a suppressed cell must carry no count or percentage")
        if percent is not None:
            if total:
                raise self.fail(f"{where}.percent", "must be null")
            if isinstance(percent, bool) or not isinstance(percent, int | float):
                raise self.fail(f"{where}.percent", "must be a number or null")
            if not 0 <= percent <= 100:
                raise self.fail(f"{where}.percent", "must be from 0 to 100")
            percent = float(percent)
        return Cell(count, shown, percent, status)


def _groups(check: _Check, value: Any) -> tuple[ProfileGroup, ...]:
    groups = []
    for i, item in enumerate(check.listing(value, "groups", len(GROUP_KEYS))):
        where = f"groups[{i}]"
        data = check.obj(item, where, ("key", "label", "children", "families"))
        if data["key"] != GROUP_KEYS[i]:
            raise check.fail(f"{where}.key", f"must be {GROUP_KEYS[i]}")
        groups.append(
            ProfileGroup(
                key=data["key"],
                label=check.text(data["label"], f"{where}.label"),
                short=check.text(data.get("short", data["label"]), f"{where}.short"),
                description=check.text(data.get("description", ""), f"{where}.description", True),
                children=check.cell(data["children"], f"{where}.children", total=True),
                families=check.cell(data["families"], f"{where}.families", total=True),
            )
        )
    return tuple(groups)


def _measures(check: _Check, value: Any) -> tuple[ProfileMeasure, ...]:
    measures = []
    for i, item in enumerate(check.listing(value, "measures", len(MEASURES))):
        where = f"measures[{i}]"
        expected = MEASURES[i]
        data = check.obj(item, where, ("key", "title", "kind", "rows", "chart"))
        if data["key"] != expected.key or data["kind"] != expected.kind:
            raise check.fail(f"{where}.key", f"must be the {expected.kind} measure {expected.key}")
        chart = check.obj(data["chart"], f"{where}.chart", ("title", "description"))
        rows = []
        listed = check.listing(data["rows"], f"{where}.rows", len(expected.categories))
        for j, row in enumerate(listed):
            at = f"{where}.rows[{j}]"
            row = check.obj(row, at, ("category", "label", "cells"))
            if row["category"] != expected.category_keys[j]:
                raise check.fail(f"{at}.category", f"must be {expected.category_keys[j]}")
            cells = check.obj(row["cells"], f"{at}.cells", GROUP_KEYS)
            rows.append(
                ProfileRow(
                    category=row["category"],
                    label=check.text(row["label"], f"{at}.label"),
                    cells={g: check.cell(cells[g], f"{at}.cells.{g}") for g in GROUP_KEYS},
                )
            )
        measures.append(
            ProfileMeasure(
                key=data["key"],
                title=check.text(data["title"], f"{where}.title"),
                kind=data["kind"],
                question=check.text(data.get("question", ""), f"{where}.question", True),
                finding=check.text(data.get("finding", ""), f"{where}.finding", True),
                chart_title=check.text(chart["title"], f"{where}.chart.title"),
                chart_description=check.text(chart["description"], f"{where}.chart.description"),
                rows=tuple(rows),
            )
        )
    return tuple(measures)


def read_profile(data: bytes | str) -> CohortProfile:
    """A validated profile from the bytes (or text) of a ``profile.json``."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ProfileFileError(f"profile.json: larger than {MAX_BYTES // 1_000_000} MB")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ProfileFileError("profile.json: not UTF-8 text") from None
    else:
        text = data
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise ProfileFileError(f"profile.json: larger than {MAX_BYTES // 1_000_000} MB")
    if _raw_depth(text) > MAX_DEPTH:
        raise ProfileFileError(f"profile.json: nested deeper than {MAX_DEPTH} levels")
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except (json.JSONDecodeError, RecursionError) as error:
        line = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        raise ProfileFileError(f"profile.json: not valid JSON{line}") from None
    except ValueError:  # a number of more than Python's 4300 digits, or NaN / Infinity
        raise ProfileFileError("profile.json: holds a number a profile never holds") from None
    if _depth(document, MAX_DEPTH) > MAX_DEPTH:
        raise ProfileFileError(f"profile.json: nested deeper than {MAX_DEPTH} levels")
    check = _Check()
    top = check.obj(
        document, "the file", ("format", "version", "period", "small_number_threshold", "groups")
    )
    if top["format"] != FORMAT:
        raise check.fail("format", f"must be {FORMAT!r} (is this a maca profile?)")
    if top["version"] != FORMAT_VERSION:
        raise check.fail("version", f"must be {FORMAT_VERSION}; re-run `maca profile`")
    threshold = check.whole(top["small_number_threshold"], "small_number_threshold")
    if threshold < 1:
        raise check.fail("small_number_threshold", "must be at least 1")
    check.threshold = threshold
    period = check.obj(top["period"], "period", ("from", "to"))
    period_from = check.date(period["from"], "period.from")
    period_to = check.date(period["to"], "period.to")
    if period_to < period_from:
        raise check.fail("period", "ends before it starts")
    notes = check.listing(top.get("notes", []), "notes")
    return CohortProfile(
        period_from=period_from,
        period_to=period_to,
        period_words=check.text(period.get("words", ""), "period.words", True),
        threshold=threshold,
        groups=_groups(check, top["groups"]),
        measures=_measures(check, top.get("measures")),
        notes=tuple(check.text(n, f"notes[{i}]") for i, n in enumerate(notes)),
        document=document,
    )

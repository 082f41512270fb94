"""Bounded readers for the files people upload: CSV and JSON, with their limits in one place.

Python's own readers fail on hostile input in ways a page cannot explain: the csv module raises
at its process-wide 128 KiB field limit (an unterminated quote makes the rest of the file one
field), json raises ``RecursionError`` on deeply nested brackets and ``ValueError`` on a number
of more than 4300 digits, and neither minds a NUL byte that PostgreSQL then refuses. These
readers check each limit themselves and raise :class:`InputRejected`, whose message is one line
for the user: the file, where, and why. They know nothing of Django (the web uploads and the
command line share them). The limits are listed in docs/input-limits.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from maca.problems import Problem

#: The longest CSV field, in characters (Python's csv default limit, checked here explicitly).
CSV_FIELD_MAX_CHARS = 128 * 1024
#: The deepest nesting of JSON arrays and objects (maca's own files nest four or five deep).
JSON_MAX_DEPTH = 32
#: The largest JSON file read into memory (scope.json is a few kilobytes).
JSON_MAX_BYTES = 1024 * 1024

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


class InputRejected(Problem, ValueError):
    """A file that cannot be read safely; the message is one line for the user."""


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header (stripped) and its records, each with its spreadsheet row number
    (the header is row 1). A record with more values than the header keeps the extra values
    under the key ``None`` and a short record has ``None`` for the missing values, as
    ``csv.DictReader`` does."""

    header: list[str]
    records: list[tuple[int, dict]]


def text_of(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is allowed), without NUL characters."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputRejected(f"{name}: is not UTF-8 text (save it as CSV UTF-8)") from None
    if "\x00" in text:
        raise InputRejected(f"{name}: contains a NUL character; is it a binary file?")
    return text


def read_csv(data: bytes, name: str, *, max_records: int | None = None) -> CsvTable:
    """The records of a CSV file, within :data:`CSV_FIELD_MAX_CHARS` per field and
    ``max_records`` records (one over is read, so the caller can say "more than")."""
    reader = csv.reader(io.StringIO(text_of(data, name), newline=""), strict=True)
    header: list[str] | None = None
    records: list[tuple[int, dict]] = []
    number = 1
    try:
        for values in reader:
            _check_fields(values, name, number)
            if header is None:
                header = [value.strip() for value in values]
            elif values:
                records.append((number, _as_dict(header, values)))
                if max_records is not None and len(records) > max_records:
                    break
            number += 1
    except csv.Error as error:
        raise InputRejected(f"{name} row {number}: {_csv_reason(error)}") from None
    return CsvTable(header=header or [], records=records)


def _check_fields(values: Sequence[str], name: str, number: int) -> None:
    for value in values:
        if len(value) > CSV_FIELD_MAX_CHARS:
            raise InputRejected(f"{name} row {number}: {_too_long()}")


def _too_long() -> str:
    return (
        f"a value is longer than {CSV_FIELD_MAX_CHARS // 1024} KiB; is a quotation mark left open?"
    )


def _csv_reason(error: csv.Error) -> str:
    message = str(error)
    if "field larger than field limit" in message:
        return _too_long()
    if "unexpected end of data" in message:
        return "a quotation mark is opened and never closed"
    if "expected after" in message:
        return "a quoted value is followed by more text before the next comma"
    return "is not valid CSV"


def _as_dict(header: list[str], values: list[str]) -> dict:
    row: dict = {column: None for column in header}
    row.update(zip(header, values, strict=False))
    if len(values) > len(header):
        row[None] = values[len(header) :]
    return row


def read_json(
    data: bytes, name: str, *, max_bytes: int = JSON_MAX_BYTES, max_depth: int = JSON_MAX_DEPTH
) -> Any:
    """A JSON document of at most ``max_bytes`` bytes nested at most ``max_depth`` deep."""
    if len(data) > max_bytes:
        raise InputRejected(f"{name}: is larger than {_size(max_bytes)}; is it the right file?")
    return json_from_text(text_of(data, name), name, max_depth=max_depth)


def json_from_text(text: str, name: str, *, max_depth: int = JSON_MAX_DEPTH) -> Any:
    """JSON already read as text (a form field), nested at most ``max_depth`` deep."""
    if _depth_exceeds(text, max_depth):
        raise InputRejected(f"{name}: is nested more than {max_depth} levels deep")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InputRejected(
            f"{name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except ValueError:  # a number beyond Python's 4300 digits, or NaN / Infinity
        raise InputRejected(f"{name}: holds a number JSON files for maca never hold") from None


def _no_constant(value: str) -> Any:
    raise ValueError(value)


def _depth_exceeds(text: str, max_depth: int) -> bool:
    """Whether brackets outside strings nest deeper than ``max_depth`` (before json recurses)."""
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > max_depth:
                return True
        else:
            depth -= 1
    return False


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB"

"""Hostile values for form fields and uploads, and request bodies built by hand (the test
client would clean file names and encode text as UTF-8, which is what an attacker does not)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote_from_bytes

FIFTEEN_MB = 15 * 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    """A value to send; ``must_be_refused``: the page must change nothing when it is sent."""

    label: str
    value: bytes
    must_be_refused: bool = False


def field_values(maxlength: int | None) -> list[Hostile]:
    values = [
        Hostile("nested brackets", b"[" * 200_000 + b"]" * 200_000),
        Hostile("binary bytes", bytes(range(256))),
        Hostile("invalid UTF-8", b"\xff\xfe\xc3\x28 \xed\xa0\x80 caf\xe9"),
        Hostile("NUL bytes", b"C001\x00\x00x"),
        Hostile("path traversal", b"../../../../etc/passwd"),
        Hostile("a number of 5000 digits", b"9" * 5000),
        Hostile("markup", b"<script>alert(1)</script>{{ 7*7 }}{% debug %}"),
    ]
    if maxlength:
        values.append(Hostile("10x its maxlength", b"x" * (maxlength * 10), True))
    return values


def csv_with_field(size: int) -> bytes:
    return (
        b"case_ref,family_ref,removal_date,removal_kind\nC001,F01,2023-09-04,"
        + (b"y" * size)
        + b"\n"
    )


def file_values(upload_limit: int) -> list[tuple[str, str, str, bytes]]:
    """(label, file name, content type, content) of hostile uploads; all must be refused."""
    return [
        ("over the upload bound", "big.csv", "text/csv", b"a" * (upload_limit + 1)),
        ("15 MB", "big.csv", "text/csv", b"b" * FIFTEEN_MB),
        ("binary", "cohort.csv", "text/csv", bytes(range(256)) * 40),
        ("invalid UTF-8", "cohort.csv", "text/csv", b"case_ref,family_ref\n\xff\xfe,\xc3\x28\n"),
        ("NUL bytes", "cohort.csv", "text/csv", b"case_ref,family_ref\nC0\x0001,F01\n"),
        ("traversal name", "../../../etc/passwd", "text/csv", b"root:x:0:0\n"),
        ("windows traversal name", "..\\..\\windows\\win.ini", "text/csv", b"[x]\n"),
        ("wrong content type", "scope.json", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("CSV with a 200 KiB field", "cohort.csv", "text/csv", csv_with_field(200 * 1024)),
        (
            "unterminated quote",
            "cohort.csv",
            "text/csv",
            b'case_ref,family_ref,removal_date,removal_kind\nC001,"F01,2023-09-04,pp_invoked\n'
            + b"C002,F02,2023-09-05,pp_invoked\n" * 20,
        ),
        ("200,000 nested brackets", "scope.json", "application/json", b"[" * 200_000),
        ("JSON of the wrong shape", "scope.json", "application/json", b'[1, {"period": 2}]'),
        (
            "a 5000-digit number",
            "scope.json",
            "application/json",
            b'{"children": ' + b"9" * 5000 + b"}",
        ),
        ("empty", "cohort.csv", "text/csv", b""),
    ]


Fields = list[tuple[str, bytes]]
Files = list[tuple[str, str, str, bytes]]


@lru_cache(maxsize=256)
def _quoted(value: bytes) -> bytes:
    return quote_from_bytes(value).encode("ascii")


def urlencoded(fields: Fields) -> bytes:
    return b"&".join(_quoted(name.encode()) + b"=" + _quoted(value) for name, value in fields)


def multipart(fields: Fields, files: Files = ()) -> tuple[bytes, str]:
    boundary = "maca-hostile-" + secrets.token_hex(8)
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value
            + b"\r\n"
        )
    for name, file_name, content_type, content in files:
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{file_name}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode("utf-8", "surrogateescape")
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"

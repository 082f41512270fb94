"""``maca backup FILE`` and ``maca restore FILE``: the whole database in one encrypted file.

The file holds every table's rows as stored (identifying fields stay encrypted under the field
keys), the applied migrations and the sequences, compressed, then sealed with AES-256-GCM under
the backup key (``MACA_BACKUP_KEY`` or its key file; never in the database). It is sealed in
chunks of 1 MiB, each bound to the header, its number and whether it is the last, so a file
cut short, reordered or altered is refused whole, before anything is written.

A restore needs the same engine and the same schema version (the set of applied migrations):
another is refused with one line. It replaces the data of a database that holds none, or with
``--force`` one that does, in one transaction, and the restored database is the backed-up one
row for row, plus the trail's record of the restore.
"""

from __future__ import annotations

import base64
import json
import os
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from maca.problems import Problem
from maca.web.encryption import keys

MAGIC = b"MACA-BACKUP\n"
FORMAT = 1
CHUNK = 1 << 20
ROWS_PER_LINE = 500
# Rows in any of these mean a database holds a partnership's data.
DATA_TABLES = ("accounts_partnership", "accounts_user", "trail_auditevent", "audits_audit")


class BackupProblem(Problem):
    """An expected failure, told in one line."""


def backup_ring() -> keys.KeyRing:
    try:
        return keys.load("MACA_BACKUP_KEY")
    except keys.KeyProblem as problem:
        raise BackupProblem(f"backup key: {problem}") from None


# -- The sealed file ----------------------------------------------------------------------------


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


class SealedWriter:
    def __init__(self, handle, key: keys.Key) -> None:
        self.handle = handle
        self.aes = AESGCM(key.backup_key)
        self.prefix = os.urandom(7)
        header = json.dumps({"format": FORMAT, "key": key.id, "nonce": self.prefix.hex()})
        self.header = header.encode("ascii")
        handle.write(MAGIC + struct.pack(">I", len(self.header)) + self.header)
        self.index = 0
        self.buffer = bytearray()
        self.compress = zlib.compressobj(6)

    def write(self, data: bytes) -> None:
        self.buffer += self.compress.compress(data)
        while len(self.buffer) > CHUNK:
            self._seal(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]

    def close(self) -> None:
        self.buffer += self.compress.flush()
        self._seal(bytes(self.buffer), last=True)

    def _seal(self, plain: bytes, last: bool) -> None:
        aad = self.header + struct.pack(">IB", self.index, 1 if last else 0)
        sealed = self.aes.encrypt(_nonce(self.prefix, self.index, last), plain, aad)
        self.handle.write(struct.pack(">I", len(sealed)) + sealed)
        self.index += 1


def _opened(path: Path) -> Iterator[bytes]:
    """The plain bytes of a sealed file, chunk by chunk; every chunk checked."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise BackupProblem(f"{path}: cannot be read ({error.strerror})") from None
    with handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise BackupProblem(f"{path}: is not a maca backup")
        (length,) = struct.unpack(">I", handle.read(4))
        header_bytes = handle.read(length)
        try:
            header = json.loads(header_bytes)
            prefix = bytes.fromhex(header["nonce"])
        except (ValueError, KeyError, TypeError):
            raise BackupProblem(f"{path}: its header is damaged") from None
        if header.get("format") != FORMAT:
            raise BackupProblem(f"{path}: is backup format {header.get('format')}, not {FORMAT}")
        key = backup_ring().get(str(header.get("key")))
        if key is None:
            raise BackupProblem(
                f"{path}: was made with backup key {header.get('key')}, which is not in the "
                "backup key ring (MACA_BACKUP_KEY or its key file)"
            )
        aes = AESGCM(key.backup_key)
        decompress = zlib.decompressobj()
        index = 0
        while True:
            size = handle.read(4)
            if len(size) < 4:
                raise BackupProblem(f"{path}: is cut short (no final part)")
            sealed = handle.read(struct.unpack(">I", size)[0])
            last = handle.peek(1)[:1] == b""
            aad = header_bytes + struct.pack(">IB", index, 1 if last else 0)
            try:
                plain = aes.decrypt(_nonce(prefix, index, last), sealed, aad)
            except InvalidTag:
                raise BackupProblem(
                    f"{path}: does not decrypt with backup key {key.id} (altered, cut short "
                    "or damaged)"
                ) from None
            yield decompress.decompress(plain)
            index += 1
            if last:
                yield decompress.flush()
                return


def _lines(path: Path) -> Iterator[dict]:
    pending = b""
    for data in _opened(path):
        pending += data
        *whole, pending = pending.split(b"\n")
        for line in whole:
            yield json.loads(line)
    if pending.strip():
        yield json.loads(pending)


# -- What is in a database ----------------------------------------------------------------------


def expected_migrations() -> list[list[str]]:
    """The migrations this version of maca has: a backup must have exactly these applied."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted([app, name] for app, name in loader.graph.nodes)


def applied_migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return sorted([app, name] for app, name in cursor.fetchall())


def tables() -> list[str]:
    return sorted(connection.introspection.table_names(include_views=False))


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    return [column.name for column in description]


def _encode(value):
    if isinstance(value, bytes | memoryview):
        return {"b": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _decode(value):
    if isinstance(value, dict):
        return base64.b64decode(value["b"])
    return value


def _sequences() -> dict[str, list]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            if not cursor.fetchone():
                return {}
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
            return {name: [seq] for name, seq in cursor.fetchall()}
        cursor.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() "
            "ORDER BY sequencename"
        )
        found = {}
        for (name,) in cursor.fetchall():
            cursor.execute(f"SELECT last_value, is_called FROM {connection.ops.quote_name(name)}")  # noqa: S608 - a sequence name from the catalogue, quoted
            last_value, is_called = cursor.fetchone()
            found[name] = [last_value, is_called]
        return found


def _table_lines(table: str) -> Iterator[dict]:
    quote = connection.ops.quote_name
    columns = _columns(table)
    yield {"kind": "table", "name": table, "columns": columns}
    names = ", ".join(quote(c) for c in columns)
    if connection.vendor == "postgresql":
        raw = connection.cursor().cursor  # psycopg's own cursor: COPY, exact for every type
        with raw.copy(f"COPY {quote(table)} ({names}) TO STDOUT") as copy:
            for data in copy:
                yield {"kind": "copy", "data": bytes(data).decode("utf-8")}
        return
    # unlikely() hands back its argument unchanged; as an expression it has no declared type,
    # so Django's SQLite converters leave the stored value exactly as stored.
    unconverted = ", ".join(f"unlikely({quote(c)})" for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {unconverted} FROM {quote(table)}")  # noqa: S608 - catalogue names
        while rows := cursor.fetchmany(ROWS_PER_LINE):
            yield {"kind": "rows", "rows": [[_encode(v) for v in row] for row in rows]}


# -- Backup -------------------------------------------------------------------------------------


@dataclass
class Made:
    path: Path
    tables: int
    key_id: str
    bytes: int


def backup(path: Path, say: Callable[[str], None] | None = None) -> Made:
    """Write the database to ``path`` (owner-only, whole or not at all)."""
    from maca.web.trail import log_event
    from maca.web.trail.models import Action

    ring = backup_ring()
    scratch = path.with_name(path.name + ".partial")
    try:
        descriptor = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise BackupProblem(f"{path}: cannot be written ({error.strerror})") from None
    log_event(None, Action.BACKUP, summary=f"Backup made to {path.name}")
    try:
        with os.fdopen(descriptor, "wb") as handle, transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # one snapshot for every table
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            writer = SealedWriter(handle, ring.current)
            names = tables()
            meta = {
                "kind": "meta",
                "engine": connection.vendor,
                "made_at": timezone.now().isoformat(),
                "migrations": applied_migrations(),
                "tables": names,
            }
            writer.write(json.dumps(meta).encode() + b"\n")
            for table in names:
                for line in _table_lines(table):
                    writer.write(json.dumps(line).encode() + b"\n")
                if say:
                    say(f"  {table}")
            sequences = {"kind": "sequences", "values": _sequences()}
            writer.write(json.dumps(sequences).encode() + b"\n")
            writer.write(json.dumps({"kind": "end"}).encode() + b"\n")
            writer.close()
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    return Made(path, len(names), ring.current.id, path.stat().st_size)


# -- Restore ------------------------------------------------------------------------------------


def holds_data() -> dict[str, int]:
    """Rows in the tables that mean a partnership's data is there (empty: none)."""
    present = set(tables())
    counts = {}
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                (count,) = cursor.fetchone()
                if count:
                    counts[table] = count
    return counts


def _describe(migrations: list[list[str]]) -> str:
    shown = ", ".join(f"{app} {name}" for app, name in migrations[:3])
    return shown + (f" and {len(migrations) - 3} more" if len(migrations) > 3 else "")


def _check_meta(path: Path, meta: dict) -> None:
    if meta.get("kind") != "meta":
        raise BackupProblem(f"{path}: is damaged (no description at its start)")
    if meta["engine"] != connection.vendor:
        raise BackupProblem(
            f"{path}: is a backup of a {meta['engine']} database; this database is "
            f"{connection.vendor} (restore into the same kind)"
        )
    expected = expected_migrations()
    if meta["migrations"] != expected:
        extra = [m for m in meta["migrations"] if m not in expected]
        missing = [m for m in expected if m not in meta["migrations"]]
        detail = []
        if extra:
            detail.append(f"it has {_describe(extra)}, unknown to this maca")
        if missing:
            detail.append(f"it lacks {_describe(missing)}")
        raise BackupProblem(
            f"{path}: is a backup of another schema version ({'; '.join(detail)}); restore it "
            "with the maca version that made it"
        )


@dataclass
class Restored:
    tables: int
    rows: int
    made_at: str


def restore(path: Path, *, force: bool = False) -> Restored:
    from django.core.management import call_command

    from maca.web.trail import log_event
    from maca.web.trail.models import Action

    lines = _lines(path)
    try:
        meta = next(lines)
    except StopIteration:
        raise BackupProblem(f"{path}: is empty") from None
    _check_meta(path, meta)
    in_place = holds_data() if set(DATA_TABLES) & set(tables()) else {}
    if in_place and not force:
        held = ", ".join(f"{n} rows in {t}" for t, n in in_place.items())
        raise BackupProblem(
            f"the database is not empty ({held}); add --force to replace it with the backup"
        )
    # Every chunk is checked before anything is written: read it all (the rows stay sealed
    # against change while they are held in memory, not on disk).
    body = list(lines)
    if not body or body[-1].get("kind") != "end":
        raise BackupProblem(f"{path}: is damaged (it does not end where it should)")
    call_command("migrate", interactive=False, verbosity=0)
    rows = 0
    with transaction.atomic():
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(
                    "TRUNCATE " + ", ".join(quote(t) for t in tables()) + " RESTART IDENTITY"
                )
            else:
                for table in tables():
                    cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - catalogue names
            table, columns = "", []
            for line in body:
                kind = line["kind"]
                if kind == "table":
                    table, columns = line["name"], line["columns"]
                elif kind == "rows":
                    marks = ", ".join(["%s"] * len(columns))
                    names = ", ".join(quote(c) for c in columns)
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                        [[_decode(v) for v in row] for row in line["rows"]],
                    )
                    rows += len(line["rows"])
                elif kind == "copy":
                    names = ", ".join(quote(c) for c in columns)
                    with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                        copy.write(line["data"])
                    rows += line["data"].count("\n")
                elif kind == "sequences":
                    _restore_sequences(cursor, line["values"])
        log_event(None, Action.RESTORE, summary=f"Restored from a backup made at {meta['made_at']}")
    return Restored(len(meta["tables"]), rows, meta["made_at"])


def _restore_sequences(cursor, values: dict[str, list]) -> None:
    if connection.vendor == "sqlite":
        cursor.execute("DELETE FROM sqlite_sequence")
        cursor.executemany(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
            [[name, seq] for name, (seq,) in values.items()],
        )
        return
    for name, (last_value, is_called) in values.items():
        cursor.execute("SELECT setval(%s, %s, %s)", [name, last_value, is_called])

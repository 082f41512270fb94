"""``maca keys rotate``: every encrypted value re-encrypted under the ring's newest key.

It walks each table with encrypted fields in primary-key order, a batch per transaction: a value
under an older key (or a plain value from before encryption) is decrypted and written again under
the newest key, with its blind index. Values already under the newest key are left alone, so a
second run changes nothing and a run stopped half-way picks up where it stopped. Only when no
value is under an old key any more (``in_use``) may that key leave the ring.

It reads and writes the stored text with plain SQL, so the same code serves the migration that
first encrypts existing rows (with the migration's historical models).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.db import connection, transaction

from . import cipher, keys
from .fields import encrypted_fields, field_label, index_fields

BATCH = 500


@dataclass
class Rotation:
    re_encrypted: int = 0
    already_current: int = 0
    indexes_rewritten: int = 0
    fields: list[str] = field(default_factory=list)


def models_with_encrypted_fields(apps=global_apps) -> list:
    return [m for m in apps.get_models() if encrypted_fields(m)]


def _rows(model, column: str, extra: list[str], after, size: int):
    quote = connection.ops.quote_name
    pk = model._meta.pk.column
    columns = ", ".join(quote(c) for c in [pk, column, *extra])
    where = f"WHERE {quote(pk)} > %s " if after is not None else ""
    sql = f"SELECT {columns} FROM {quote(model._meta.db_table)} {where}ORDER BY {quote(pk)}"  # noqa: S608 - names are the models' own, quoted
    with connection.cursor() as cursor:
        cursor.execute(sql + f" LIMIT {int(size)}", [after] if after is not None else [])
        return cursor.fetchall()


def _update(model, pk_value, values: dict[str, str]) -> None:
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(c)} = %s" for c in values)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {sets} "  # noqa: S608 - quoted model names
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values.values(), pk_value])


def rotate_model(model, result: Rotation, batch: int = BATCH) -> None:
    current = keys.ring().current
    for encrypted in encrypted_fields(model):
        label = field_label(model, encrypted.name)
        result.fields.append(label)
        column = str(encrypted.column)
        indexes = [str(f.column) for f in index_fields(model, encrypted.name)]
        after = None
        while True:
            rows = _rows(model, column, indexes, after, batch)
            if not rows:
                break
            with transaction.atomic():
                for pk_value, stored, *old_indexes in rows:
                    changes: dict[str, str] = {}
                    plain = cipher.decrypt(stored, label) if stored else (stored or "")
                    if stored and cipher.key_id_of(stored) != current.id:
                        changes[column] = cipher.encrypt(plain, label, current)
                        result.re_encrypted += 1
                    elif stored:
                        result.already_current += 1
                    index = cipher.blind_index(plain, label, current)
                    for index_column, old in zip(indexes, old_indexes, strict=True):
                        if old != index:
                            changes[index_column] = index
                            result.indexes_rewritten += 1
                    if changes:
                        _update(model, pk_value, changes)
            after = rows[-1][0]


def rotate(
    apps=global_apps, batch: int = BATCH, say: Callable[[str], None] | None = None
) -> Rotation:
    result = Rotation()
    for model in models_with_encrypted_fields(apps):
        before = result.re_encrypted
        rotate_model(model, result, batch)
        if say:
            say(f"{model._meta.label}: {result.re_encrypted - before} values re-encrypted")
    reclaim_old_row_versions(models_with_encrypted_fields(apps))
    return result


def reclaim_old_row_versions(models) -> None:
    """PostgreSQL keeps the old versions of updated rows in its files until VACUUM; SQLite runs
    with secure_delete, which overwrites freed space at once (settings)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")


def in_use(apps=global_apps) -> Counter:
    """How many stored values are under each key id (``plain`` for unencrypted ones)."""
    counts: Counter = Counter()
    for model in models_with_encrypted_fields(apps):
        for encrypted in encrypted_fields(model):
            after = None
            while rows := _rows(model, str(encrypted.column), [], after, BATCH):
                for _, stored in rows:
                    if stored:
                        counts[cipher.key_id_of(stored) or "plain"] += 1
                after = rows[-1][0]
    return counts


def encrypt_existing(apps, schema_editor) -> None:
    """Migration step: encrypt the rows written before a field became encrypted."""
    rotate(apps)

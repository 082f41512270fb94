"""Identifying fields encrypted at rest: the field, its blind index, key rotation, the migration
that encrypts existing rows, and a copied database file or dump that shows no person id."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import FieldError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from maca.web.audits.models import Case
from maca.web.encryption import cipher, commands, equal_to, keys, rotation
from maca.web.encryption.cipher import DecryptionProblem
from tests.conftest import ROOT, skip_or_fail
from tests.web.builders import bare_audit


def _stored(case: Case, column: str = "person_id") -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM audits_case WHERE id = %s", [case.pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.fixture
def key_file(tmp_path):
    """A key ring of this test's own, in a key file it may change."""
    path = tmp_path / "field_keys"
    keys.write_key_file(path, [keys.new_key()])
    with override_settings(MACA_FIELD_KEYS="", MACA_FIELD_KEY_FILE=path):
        keys.reload()
        yield path
    keys.reload()


@pytest.fixture
def two_cases(demo):
    partnership, users = demo
    audit = bare_audit(partnership, users["audit.lead"], "Encryption test audit")
    return (
        audit.cases.create(case_ref="C001", family_ref="F01", person_id="SYN-900001"),
        audit.cases.create(case_ref="C002", family_ref="F02", person_id="SYN-900002"),
    )


def test_a_value_round_trips_and_is_bound_to_its_column(key_file):
    sealed = cipher.encrypt("SYN-900001", "audits.case.person_id")
    assert sealed.startswith("maca1:") and "900001" not in sealed
    assert cipher.decrypt(sealed, "audits.case.person_id") == "SYN-900001"
    with pytest.raises(DecryptionProblem):
        cipher.decrypt(sealed, "audits.familyvoice.quote")  # moved to another column
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(DecryptionProblem):
        cipher.decrypt(tampered, "audits.case.person_id")


@pytest.mark.django_db
def test_person_ids_are_stored_encrypted_and_read_plain(key_file, two_cases):
    c001, _ = two_cases
    assert _stored(c001).startswith("maca1:") and "900001" not in _stored(c001)
    assert Case.objects.get(pk=c001.pk).person_id == "SYN-900001"
    assert "SYN-900001" in Case.objects.values_list("person_id", flat=True)


@pytest.mark.django_db
def test_equality_lookups_go_through_the_blind_index_and_others_are_refused(key_file, two_cases):
    c001, c002 = two_cases
    assert list(Case.objects.filter(equal_to(Case, "person_id", "SYN-900002"))) == [c002]
    assert not Case.objects.filter(equal_to(Case, "person_id", "SYN-999999")).exists()
    assert _stored(c001, "person_id_index") != _stored(c002, "person_id_index")
    with pytest.raises(FieldError, match="encrypted"):
        Case.objects.filter(person_id="SYN-900001").exists()
    with pytest.raises(FieldError, match="encrypted"):
        Case.objects.filter(person_id__startswith="SYN").exists()
    assert not Case.objects.filter(person_id="").exists()  # blank: no person id held
    c002.person_id = ""
    c002.save()
    assert list(Case.objects.filter(person_id="")) == [c002]


@pytest.mark.django_db
def test_a_key_file_giving_one_child_to_two_cases_is_refused(key_file, two_cases):
    from maca.web.audits import services

    c001, c002 = two_cases
    key = b"case_ref,pers_person_id\nC002,SYN-900001\n"
    result = services.load_cohort(c001.audit, None, key, None)
    assert result.problems == [
        "key.csv row 2, column pers_person_id: is the person id of case C001 already "
        "(one child cannot be two cases)"
    ]
    assert Case.objects.get(pk=c002.pk).person_id == "SYN-900002"
    again = services.load_cohort(
        c001.audit, None, b"case_ref,pers_person_id\nC001,SYN-900001\n", None
    )
    assert again.problems == [] and again.identified == 1


@pytest.mark.django_db
def test_a_key_file_that_others_can_read_is_refused(tmp_path):
    path = tmp_path / "keys"
    keys.write_key_file(path, [keys.new_key()])
    path.chmod(0o644)
    with override_settings(MACA_FIELD_KEYS="", MACA_FIELD_KEY_FILE=path):
        with pytest.raises(keys.KeyProblem, match="readable by others"):
            keys.load()


@pytest.mark.django_db(transaction=True)
def test_rotation_re_encrypts_in_place_is_idempotent_and_resumable(
    key_file, two_cases, monkeypatch
):
    c001, c002 = two_cases
    old = keys.ring().current.id
    commands.new()
    new = keys.ring().current.id
    assert new != old and rotation.in_use()[old] >= 2
    # A run stopped after its first batch (one row) keeps that batch; the second row waits.
    real_update, calls = rotation._update, []

    def stop_after_one_batch(model, pk_value, values):
        if model is Case and calls:
            raise KeyboardInterrupt
        if model is Case:
            calls.append(pk_value)
        real_update(model, pk_value, values)

    monkeypatch.setattr(rotation, "_update", stop_after_one_batch)
    with pytest.raises(KeyboardInterrupt):
        rotation.rotate(batch=1)
    first, second = sorted([c001, c002], key=lambda c: c.pk)
    assert cipher.key_id_of(_stored(first)) == new
    assert cipher.key_id_of(_stored(second)) == old
    monkeypatch.setattr(rotation, "_update", real_update)
    done = rotation.rotate(batch=1)
    assert done.re_encrypted >= 1 and rotation.in_use().get(old, 0) == 0
    assert {cipher.key_id_of(_stored(c)) for c in (c001, c002)} == {new}
    again = rotation.rotate()
    assert again.re_encrypted == 0 and again.indexes_rewritten == 0
    assert Case.objects.get(pk=c002.pk).person_id == "SYN-900002"
    assert Case.objects.filter(equal_to(Case, "person_id", "SYN-900001")).get() == c001
    assert commands.retire(old) == [f"Key {old} removed from {key_file}."]
    assert [k.id for k in keys.parse(key_file.read_text(), "x")] == [new]


@pytest.mark.django_db(transaction=True)
def test_retire_refuses_a_key_still_in_use(key_file, two_cases):
    old = keys.ring().current.id
    commands.new()
    with pytest.raises(keys.KeyProblem, match="still under"):
        commands.retire(old)


@pytest.mark.django_db(transaction=True)
def test_lookups_during_a_rotation_find_rows_under_the_old_key(key_file, two_cases):
    _, c002 = two_cases
    commands.new()  # the index of c002 is still the old key's
    assert Case.objects.filter(equal_to(Case, "person_id", "SYN-900002")).get() == c002


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_person_ids_loaded_before_it(key_file, two_cases):
    c001, _ = two_cases
    executor = MigrationExecutor(connection)
    before = [("audits", "0002_first_1001_days_tool_and_themes")]
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audits_case SET person_id = %s WHERE id = %s", ["SYN-PLAIN-1", c001.pk]
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)
    stored = _stored(c001)
    assert stored.startswith("maca1:") and "PLAIN" not in stored
    assert Case.objects.get(pk=c001.pk).person_id == "SYN-PLAIN-1"
    assert Case.objects.filter(equal_to(Case, "person_id", "SYN-PLAIN-1")).get() == c001


def _person_ids(key_csv: Path) -> set[str]:
    with key_csv.open(newline="", encoding="utf-8") as handle:
        return {row["pers_person_id"] for row in csv.DictReader(handle)}


@pytest.mark.slow
def test_the_demos_sqlite_file_read_with_plain_tools_shows_no_person_id(tmp_path):
    """`make run`'s steps into a SQLite file; then the file's bytes, and `strings` of it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    env.update(MACA_HOME=str(tmp_path), PYTHONPATH=str(ROOT / "src"))
    env.pop("MACA_FIELD_KEYS", None)
    env.pop("MACA_FIELD_KEY_FILE", None)
    maca = [sys.executable, "-m", "maca"]
    for step in (["migrate", "--no-input"], ["load_demo_partnership"], ["load_demo_audit"]):
        done = subprocess.run([*maca, "manage", *step], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    database = (tmp_path / "maca.sqlite3").read_bytes()
    person_ids = _person_ids(tmp_path / "demo" / "cohort" / "key.csv")
    assert len(person_ids) > 50
    assert b"C001" in database  # the cases are there, by their pseudonymous reference
    assert [p for p in person_ids if p.encode() in database] == []
    if shutil.which("strings"):
        text = subprocess.run(
            ["strings", str(tmp_path / "maca.sqlite3")], capture_output=True, text=True
        ).stdout
        assert [p for p in person_ids if p in text] == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_pg_dump_of_the_demo_shows_no_person_id(demo, tmp_path):
    if connection.vendor != "postgresql":
        skip_or_fail("postgres", "needs DATABASE_URL to name a PostgreSQL database")
    if not shutil.which("pg_dump"):
        skip_or_fail("postgres", "pg_dump is not installed")
    from maca.web.audits.demo import load_demo_audit

    audit = load_demo_audit()
    person_ids = {p for p in audit.cases.values_list("person_id", flat=True) if p}
    assert len(person_ids) > 50
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    dump = subprocess.run(
        [
            "pg_dump",
            "--host",
            db.get("HOST") or "127.0.0.1",
            "--port",
            str(db.get("PORT") or 5432),
            "--username",
            db.get("USER") or "postgres",
            "--no-password",
            db["NAME"],
        ],  # fmt: skip
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "C001" in dump
    assert [p for p in person_ids if p in dump] == []

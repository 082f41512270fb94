"""`maca backup` and `maca restore`: encrypted, a round trip gives the same database (every table,
row for row, compared here with plain SQL), and refusals in one line."""

from __future__ import annotations

import base64
import stat

import pytest
from django.db import connection
from typer.testing import CliRunner

from maca.cli import app
from maca.web import backup
from maca.web.accounts.models import Partnership, User
from maca.web.trail.models import AuditEvent
from tests.web.builders import bare_audit


def canonical_dump() -> dict[str, list[tuple]]:
    """Every table's rows, sorted, read with plain SQL (independent of the backup's own code)."""
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(include_views=False)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in cursor]
            dump[table] = sorted(rows, key=repr)
    return dump


def sequences() -> dict:
    return backup._sequences()


@pytest.fixture
def data(client_for, demo, tmp_path):
    """The demo partnership with sessions, two-factor devices and the trail of some use."""
    client_for("admin").get("/trail/")
    client_for("hv.lead").post("/sign-out/")
    partnership, users = demo
    audit = bare_audit(partnership, users["audit.lead"], "Backup audit")
    audit.cases.create(case_ref="C001", family_ref="F01", person_id="SYN-BACKUP-1")
    return tmp_path / "maca.backup"


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_gives_the_same_database(data):
    made = backup.backup(data)
    assert made.tables == len(connection.introspection.table_names())
    before, sequences_before = canonical_dump(), sequences()
    Partnership.objects.create(name="Made after the backup")
    User.objects.filter(username="hv.lead").update(first_name="Changed")
    restored = backup.restore(data, force=True)
    assert restored.rows > 100
    after = canonical_dump()
    restore_events = [r for r in after["trail_auditevent"] if "restore" in r]
    assert len(restore_events) == 1  # the trail records the restore: that row is new
    after["trail_auditevent"] = [r for r in after["trail_auditevent"] if "restore" not in r]
    assert after == before
    sequences_after = sequences()
    trail = [k for k in sequences_after if k.startswith("trail_auditevent")]
    for name in trail:
        sequences_after.pop(name), sequences_before.pop(name)
    assert sequences_after == sequences_before
    assert User.objects.get(username="hv.lead").first_name == "Priya"
    from maca.web.audits.models import Case

    assert Case.objects.get(case_ref="C001").person_id == "SYN-BACKUP-1"


@pytest.mark.django_db(transaction=True)
def test_the_backup_is_owner_only_and_shows_nothing_in_the_clear(data):
    backup.backup(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o600
    raw = data.read_bytes()
    for clear in (b"SYN-BACKUP-1", b"Northmoor", b"hv.lead", b"accounts_user"):
        assert clear not in raw
    assert base64.b64encode(b"Northmoor")[:8] not in raw


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data_without_force(data):
    backup.backup(data)
    with pytest.raises(backup.BackupProblem, match="the database is not empty .* add --force"):
        backup.restore(data)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_another_schema_version_in_one_line(data, monkeypatch):
    real = backup.applied_migrations
    monkeypatch.setattr(
        backup, "applied_migrations", lambda: [*real(), ["audits", "9999_from_the_future"]]
    )
    backup.backup(data)
    monkeypatch.undo()
    result = CliRunner().invoke(app, ["restore", str(data), "--force"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "is a backup of another schema version" in lines[0]
    assert "audits 9999_from_the_future" in lines[0]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_altered_a_cut_short_or_a_foreign_file(data, tmp_path):
    backup.backup(data)
    raw = bytearray(data.read_bytes())
    altered = tmp_path / "altered.backup"
    raw[-20] ^= 0x01
    altered.write_bytes(bytes(raw))
    with pytest.raises(backup.BackupProblem, match="does not decrypt"):
        backup.restore(altered, force=True)
    short = tmp_path / "short.backup"
    short.write_bytes(data.read_bytes()[:-40])
    with pytest.raises(backup.BackupProblem):
        backup.restore(short, force=True)
    other = tmp_path / "notes.txt"
    other.write_text("not a backup")
    with pytest.raises(backup.BackupProblem, match="is not a maca backup"):
        backup.restore(other, force=True)
    assert User.objects.filter(username="hv.lead").exists()  # nothing was touched


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_made_with_another_key(data, tmp_path, settings):
    from maca.web.encryption import keys

    backup.backup(data)
    other = tmp_path / "other_backup_key"
    keys.write_key_file(other, [keys.new_key()])
    settings.MACA_BACKUP_KEY_FILE = other
    with pytest.raises(backup.BackupProblem, match="not in the backup key ring"):
        backup.restore(data, force=True)


@pytest.mark.django_db(transaction=True)
def test_the_command_line_backs_up_and_restores(data):
    runner = CliRunner()
    made = runner.invoke(app, ["backup", str(data)])
    assert made.exit_code == 0 and "tables written to" in made.output
    refused = runner.invoke(app, ["restore", str(data)])
    assert refused.exit_code == 2 and "add --force" in refused.stderr
    done = runner.invoke(app, ["restore", str(data), "--force"])
    assert done.exit_code == 0 and "restored from the backup made at" in done.output
    assert AuditEvent.objects.filter(action="backup").count() == 1

"""Backup and restore round trip: the demo is backed up with `manage.py backup`, encrypted to a fresh age key, and
restored with `manage.py restore` and that key into a fresh database and documents folder, where every case, person,
document file and access-log row is found again, and the access log still refuses UPDATE and DELETE. Without the key
the backup is unreadable: no file holds a name, identity number or protected address, and a restore without the key
or with another one stops before it touches the database."""

import hashlib
import shutil
import subprocess
from pathlib import Path

import psycopg
import pyrage
import pytest

from tests.production.conftest import (
    database_url,
    drop_database,
    manage,
    production_environment,
    recreate_database,
)

# The processes run in subprocesses on the machine's clock, which the test clock cannot move.
pytestmark = [pytest.mark.production, pytest.mark.real_date]

LOG_ONE_ACCESS = """
from cases.access import AccessPolicy
from cases.models import AccessLogEntry, Person
from kompotten.models import User
person = Person.objects.exclude(protection_level="none").order_by("pk").first()
AccessPolicy(User.objects.get(email="nexus@uppsala.example")).log(
    AccessLogEntry.Action.DOWNLOAD_PDF, person=person, case=None, what="backup test")
"""


def table_rows(database: str) -> dict[str, list]:
    with psycopg.connect(database_url(database)) as connection:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608 - constants
            for table in ("cases_case", "cases_person", "cases_document", "cases_accesslogentry")
        }


def file_digests(media_root, database: str) -> dict[str, str]:
    with psycopg.connect(database_url(database)) as connection:
        paths = [row[0] for row in connection.execute("SELECT file FROM cases_document ORDER BY id")]
    return {path: hashlib.sha256((media_root / path).read_bytes()).hexdigest() for path in paths}


@pytest.fixture
def key(tmp_path):
    """A fresh age key pair; the private key in a file as age-keygen writes it."""
    identity = pyrage.x25519.Identity.generate()
    key_file = tmp_path / "backup-key.txt"
    key_file.write_text(f"# created: by the test\n# public key: {identity.to_public()}\n{identity}\n")
    return identity, key_file


@pytest.fixture
def restored(demo_deployment, tmp_path, key):
    """The demo, backed up encrypted to `key`, and a database and documents folder of its own to restore it into."""
    manage(demo_deployment.env, "shell", "-c", LOG_ONE_ACCESS)
    identity, key_file = key
    env = {**demo_deployment.env, "KOMPOTTEN_BACKUP_RECIPIENTS": str(identity.to_public())}
    assert "encrypted with age" in manage(env, "backup", "--to", str(tmp_path / "backup"))
    name = f"{demo_deployment.database}_restored"
    recreate_database(name)
    env = production_environment(name, tmp_path / "restored_media")
    yield env, name, tmp_path / "backup", key_file
    drop_database(name)


def test_a_restore_finds_every_case_person_document_and_access_log_row_again(demo_deployment, restored):
    env, name, backup, key_file = restored
    assert "Restored and verified" in manage(env, "restore", "--from", str(backup), "--identity", str(key_file))

    source, copy = table_rows(demo_deployment.database), table_rows(name)
    assert all(source[table] for table in source), "the demo should have rows in every table checked"
    assert copy == source
    media_root = env["KOMPOTTEN_PRIVATE_MEDIA_ROOT"]
    assert file_digests(Path(media_root), name) == file_digests(demo_deployment.media_root, demo_deployment.database)


@pytest.mark.parametrize(
    "statement", ["UPDATE cases_accesslogentry SET reason = 'x'", "DELETE FROM cases_accesslogentry"]
)
def test_the_restored_access_log_still_refuses_changes(restored, statement):
    env, name, backup, key_file = restored
    manage({**env, "KOMPOTTEN_BACKUP_IDENTITY_FILE": str(key_file)}, "restore", "--from", str(backup))
    with psycopg.connect(database_url(name)) as connection, pytest.raises(psycopg.errors.RaiseException):
        connection.execute(statement)


def test_a_restore_refuses_a_damaged_backup_and_a_database_in_use(demo_deployment, restored):
    env, name, backup, key_file = restored
    damaged = backup.with_name("damaged")
    shutil.copytree(backup, damaged)
    with (damaged / "private_media.tar.gz.age").open("ab") as archive:
        archive.write(b"lost bytes")
    with pytest.raises(AssertionError, match="does not match its checksum"):
        manage(env, "restore", "--from", str(damaged), "--identity", str(key_file))
    with pytest.raises(AssertionError, match="The database is not empty"):
        manage(demo_deployment.env, "restore", "--from", str(backup), "--identity", str(key_file))


def test_a_restore_that_loses_a_document_file_fails_its_check(restored):
    env, name, backup, key_file = restored
    manage(env, "restore", "--from", str(backup), "--identity", str(key_file))
    media_root = Path(env["KOMPOTTEN_PRIVATE_MEDIA_ROOT"])
    next(path for path in media_root.rglob("*") if path.is_file()).unlink()
    with pytest.raises(AssertionError, match="document files are missing"):
        manage(env, "shell", "-c", VERIFY_AGAIN.format(backup=backup, key_file=key_file))


VERIFY_AGAIN = """
from pathlib import Path
from django.conf import settings
from kompotten.backup import open_manifest, verify
manifest, _ = open_manifest(Path("{backup}"), Path("{key_file}"))
verify(manifest, Path(settings.PRIVATE_MEDIA_ROOT))
"""


def personal_data(database: str) -> list[bytes]:
    """The demo's family names, identity numbers and protected addresses, as they would appear in plain bytes."""
    with psycopg.connect(database_url(database)) as connection:
        values = connection.execute(
            "SELECT family_name FROM cases_person UNION SELECT identity_number FROM cases_person "
            "UNION SELECT street_address FROM cases_protectedaddress"
        ).fetchall()
    return sorted({value.encode() for (value,) in values if value and len(value) >= 5})


def test_the_backup_cannot_be_read_without_its_key(demo_deployment, restored):
    env, name, backup, key_file = restored
    files = {path.name: path.read_bytes() for path in backup.iterdir()}
    assert sorted(files) == ["SHA256SUMS", "database.dump.age", "manifest.json.age", "private_media.tar.gz.age"]
    needles = personal_data(demo_deployment.database)
    assert len(needles) > 20, "the demo should have names, identity numbers and protected addresses to look for"
    for file_name, content in files.items():
        if file_name != "SHA256SUMS":
            assert content.startswith(b"age-encryption.org/v1\n"), file_name
        # A dump's signature, the manifest's key and the personal data: five bytes or more, so ciphertext does not
        # hold one by chance (a gzip's three-byte magic did, once in a few runs; the age header above rules it out).
        for plain in (b"PGDMP", b"row_counts", *needles):
            assert plain not in content, f"{file_name} holds {plain!r} in plain bytes"
    # A copy can be checked without the key.
    subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=backup, check=True)  # noqa: S607
    # With the key the same bytes hold every one of them: the dump, decrypted, as SQL text.
    dump = pyrage.decrypt(
        files["database.dump.age"], [pyrage.x25519.Identity.from_str(key_file.read_text().split()[-1])]
    )
    sql = subprocess.run(["pg_restore", "--file=-"], input=dump, capture_output=True, check=True).stdout  # noqa: S607
    assert [needle for needle in needles if needle not in sql] == []


def no_tables(database: str) -> bool:
    with psycopg.connect(database_url(database)) as connection:
        return not connection.execute("SELECT 1 FROM pg_tables WHERE schemaname = 'public'").fetchall()


def test_a_restore_needs_the_backups_own_key(restored, tmp_path):
    env, name, backup, key_file = restored
    with pytest.raises(AssertionError, match="is encrypted: give its private key file with --identity"):
        manage(env, "restore", "--from", str(backup))
    other_key = tmp_path / "other-key.txt"
    other_key.write_text(f"{pyrage.x25519.Identity.generate()}\n")
    with pytest.raises(AssertionError, match="does not open .* it was encrypted to another key"):
        manage(env, "restore", "--from", str(backup), "--identity", str(other_key))
    with pytest.raises(AssertionError, match="is not an age private key file"):
        manage(env, "restore", "--from", str(backup), "--identity", str(backup / "SHA256SUMS"))
    assert no_tables(name), "a refused restore touches nothing"
    assert "Restored and verified" in manage(env, "restore", "--from", str(backup), "--identity", str(key_file))
    assert not no_tables(name)


def test_a_production_backup_without_a_key_is_refused(demo_deployment, tmp_path):
    with pytest.raises(AssertionError, match="No backup key: set KOMPOTTEN_BACKUP_RECIPIENTS"):
        manage(demo_deployment.env, "backup", "--to", str(tmp_path / "backup"))
    with pytest.raises(AssertionError, match="--unencrypted is for development only"):
        manage(demo_deployment.env, "backup", "--to", str(tmp_path / "backup"), "--unencrypted")
    not_a_key = {**demo_deployment.env, "KOMPOTTEN_BACKUP_RECIPIENTS": "age1notakey"}
    with pytest.raises(AssertionError, match="'age1notakey' is not an age public key"):
        manage(not_a_key, "backup", "--to", str(tmp_path / "backup"))
    assert list(tmp_path.iterdir()) == [], "nothing is written"

"""Backup and restore round trip: the demo is backed up with `manage.py backup` and restored with `manage.py restore`
into a fresh database and documents folder, where every case, person, document file and access-log row is found
again, and the access log still refuses UPDATE and DELETE."""

import hashlib
import shutil
from pathlib import Path

import psycopg
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
def restored(demo_deployment, tmp_path):
    """The demo, backed up and restored into a database and documents folder of its own."""
    manage(demo_deployment.env, "shell", "-c", LOG_ONE_ACCESS)
    manage(demo_deployment.env, "backup", "--to", str(tmp_path / "backup"))
    name = f"{demo_deployment.database}_restored"
    recreate_database(name)
    env = production_environment(name, tmp_path / "restored_media")
    yield env, name, tmp_path / "backup"
    drop_database(name)


def test_a_restore_finds_every_case_person_document_and_access_log_row_again(demo_deployment, restored):
    env, name, backup = restored
    assert "Restored and verified" in manage(env, "restore", "--from", str(backup))

    source, copy = table_rows(demo_deployment.database), table_rows(name)
    assert all(source[table] for table in source), "the demo should have rows in every table checked"
    assert copy == source
    media_root = env["KOMPOTTEN_PRIVATE_MEDIA_ROOT"]
    assert file_digests(Path(media_root), name) == file_digests(demo_deployment.media_root, demo_deployment.database)


@pytest.mark.parametrize(
    "statement", ["UPDATE cases_accesslogentry SET reason = 'x'", "DELETE FROM cases_accesslogentry"]
)
def test_the_restored_access_log_still_refuses_changes(restored, statement):
    env, name, backup = restored
    manage(env, "restore", "--from", str(backup))
    with psycopg.connect(database_url(name)) as connection, pytest.raises(psycopg.errors.RaiseException):
        connection.execute(statement)


def test_a_restore_refuses_a_damaged_backup_and_a_database_in_use(demo_deployment, restored):
    env, name, backup = restored
    damaged = backup.with_name("damaged")
    shutil.copytree(backup, damaged)
    with (damaged / "private_media.tar.gz").open("ab") as archive:
        archive.write(b"lost bytes")
    with pytest.raises(AssertionError, match="does not match its checksum"):
        manage(env, "restore", "--from", str(damaged))
    with pytest.raises(AssertionError, match="The database is not empty"):
        manage(demo_deployment.env, "restore", "--from", str(backup))


def test_a_restore_that_loses_a_document_file_fails_its_check(restored):
    env, name, backup = restored
    manage(env, "restore", "--from", str(backup))
    media_root = Path(env["KOMPOTTEN_PRIVATE_MEDIA_ROOT"])
    next(path for path in media_root.rglob("*") if path.is_file()).unlink()
    with pytest.raises(AssertionError, match="document files are missing"):
        manage(env, "shell", "-c", VERIFY_AGAIN.format(backup=backup))


VERIFY_AGAIN = """
import json
from pathlib import Path
from django.conf import settings
from kompotten.backup import verify
verify(json.loads(Path("{backup}/manifest.json").read_text()), Path(settings.PRIVATE_MEDIA_ROOT))
"""

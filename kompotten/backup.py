"""Backup and restore of everything a deployment keeps: the database and the private documents.

A backup is a folder holding
- `database.dump`: `pg_dump --format=custom` of the whole database (tables, the access log's append-only trigger,
  sequences, history);
- `private_media.tar.gz`: every file under KOMPOTTEN_PRIVATE_MEDIA_ROOT (uploaded documents);
- `manifest.json`: when, the SHA-256 of both files, and the row counts of the tables a restore is checked against.

A restore goes into an EMPTY database and an empty documents folder only (it never overwrites a live system), checks
the checksums first, restores in one transaction, and then checks that every counted row and every document file is
there again. The commands are `manage.py backup --to DIR` and `manage.py restore --from DIR` (README.md).
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

DUMP = "database.dump"
MEDIA = "private_media.tar.gz"
MANIFEST = "manifest.json"
# The tables whose rows a restore must find again, by what they hold.
COUNTED_TABLES = {
    "cases": "cases_case",
    "persons": "cases_person",
    "documents": "cases_document",
    "access_log": "cases_accesslogentry",
    "users": "kompotten_user",
}


def _pg_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError("Backup and restore need PostgreSQL (DATABASE_URL).")
    env = {**os.environ, "PGDATABASE": db["NAME"], "PGHOST": db.get("HOST") or "", "PGPORT": str(db.get("PORT") or "")}
    env.update({"PGUSER": db.get("USER") or "", "PGPASSWORD": db.get("PASSWORD") or ""})
    return {key: value for key, value in env.items() if value != ""}


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for label, table in COUNTED_TABLES.items():
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - table names are constants above
            counts[label] = cursor.fetchone()[0]
        return counts


def document_paths() -> list[str]:
    """Every file the database points at in private storage: case documents and finished report files."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT file FROM cases_document WHERE file <> '' "
            "UNION ALL SELECT file_name FROM reports_reportrun WHERE state = 'ready' ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def back_up(target: Path) -> dict:
    """Writes a backup into `target` (a new folder) and returns its manifest."""
    if target.exists() and any(target.iterdir()):
        raise CommandError(f"{target} exists and is not empty; choose a new folder.")
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    counts = row_counts()  # before the dump: rows written meanwhile are in the dump too, never fewer
    _run(["pg_dump", "--format=custom", "--file", str(partial / DUMP)])
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    with tarfile.open(partial / MEDIA, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": settings.DATABASES["default"]["NAME"],
        "sha256": {name: _sha256(partial / name) for name in (DUMP, MEDIA)},
        "row_counts": counts,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=2))
    if target.exists():
        target.rmdir()
    partial.rename(target)
    return manifest


def _check_backup(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"{source} is not a Kompotten backup: {error}") from error
    for name, expected in manifest["sha256"].items():
        if not (source / name).exists() or _sha256(source / name) != expected:
            raise CommandError(f"{name} in {source} is missing or does not match its checksum; nothing was restored.")
    return manifest


def _check_empty_targets(media_root: Path) -> None:
    if connection.introspection.table_names():
        raise CommandError("The database is not empty. Restore into a new, empty database (createdb).")
    if media_root.exists() and any(media_root.iterdir()):
        raise CommandError(f"{media_root} is not empty. Restore documents into a new, empty folder.")


def restore(source: Path) -> dict:
    """Restores the backup in `source` into the configured, empty database and documents folder, then verifies."""
    manifest = _check_backup(source)
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    _check_empty_targets(media_root)
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            _pg_environment()["PGDATABASE"],
            str(source / DUMP),
        ]
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA, "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    return verify(manifest, media_root)


def verify(manifest: dict, media_root: Path) -> dict:
    """Every counted row and every document file is back; raises CommandError naming what is missing."""
    counts = row_counts()
    missing = {label: n for label, n in manifest["row_counts"].items() if counts.get(label) != n}
    if missing:
        raise CommandError(f"Restored row counts differ from the backup: {counts} != {manifest['row_counts']}")
    lost = [path for path in document_paths() if not (media_root / path).is_file()]
    if lost:
        raise CommandError(f"{len(lost)} document files are missing after the restore.")
    return counts

"""Backup and restore of everything a deployment keeps: the database and the private documents, encrypted.

A backup is a folder holding
- `database.dump.age`: `pg_dump --format=custom` of the whole database (tables, the access log's append-only trigger,
  sequences, history);
- `private_media.tar.gz.age`: every file under KOMPOTTEN_PRIVATE_MEDIA_ROOT (uploaded documents);
- `manifest.json.age`: when, the SHA-256 of both files above (as written, encrypted), and the row counts of the tables a
  restore is checked against;
- `SHA256SUMS`: the SHA-256 of the three encrypted files in `sha256sum` format, so a copy can be checked without the key
  (`sha256sum -c SHA256SUMS`); it holds nothing else.

Every file but SHA256SUMS is encrypted with age (pyrage, the Python binding of rage) to the public keys in
KOMPOTTEN_BACKUP_RECIPIENTS as it is produced: pg_dump and the tar archive write into a pipe that is encrypted on its
way to the file, so no plaintext byte reaches a disk, not even in a temporary file. Without a key a backup is refused;
in development `--unencrypted` writes the same files without `.age` (fictional data only).

A restore needs the private key (--identity FILE or KOMPOTTEN_BACKUP_IDENTITY_FILE) and goes into an EMPTY database and
an empty documents folder only (it never overwrites a live system). It checks the checksums first, opens the manifest
with the key (a wrong key stops it there), decrypts the dump straight into pg_restore (one transaction) and the archive
straight into the documents folder, and then checks that every counted row and every document file is there again.
The commands are `manage.py backup --to DIR` and `manage.py restore --from DIR` (README.md, "Backup").
"""

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

import pyrage

DUMP = "database.dump"
MEDIA = "private_media.tar.gz"
MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
AGE = ".age"
# The first line of every age file (age-encryption.org/v1).
AGE_HEADER = b"age-encryption.org/v1\n"
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


def _run(command: list[str], **streams) -> None:
    """Runs a PostgreSQL client; `streams` may give its stdin or stdout (a file or one end of a pipe)."""
    result = subprocess.run(command, env=_pg_environment(), stderr=subprocess.PIPE, check=False, **streams)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.decode(errors='replace').strip()}")


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


def backup_recipients(*, unencrypted: bool = False) -> list:
    """The age public keys a backup is encrypted to (KOMPOTTEN_BACKUP_RECIPIENTS); none only for an explicitly
    unencrypted backup in development. Raises CommandError saying what to set."""
    keys = [key.strip() for key in settings.BACKUP_RECIPIENTS if key.strip()]
    if unencrypted:
        if not settings.DEBUG:
            raise CommandError(
                "--unencrypted is for development only (DJANGO_DEBUG=true): a production backup is always encrypted."
            )
        if keys:
            raise CommandError("KOMPOTTEN_BACKUP_RECIPIENTS is set: leave out --unencrypted, or unset it.")
        return []
    if not keys:
        if not settings.DEBUG:
            raise CommandError(
                "No backup key: set KOMPOTTEN_BACKUP_RECIPIENTS to the age public key(s) (age1…) the backup is "
                'encrypted to. A production backup is never written unencrypted (README.md, "Backup").'
            )
        raise CommandError(
            "No backup key: set KOMPOTTEN_BACKUP_RECIPIENTS to an age public key (age1…), or give --unencrypted "
            "for a development backup of fictional data."
        )
    recipients = []
    for key in keys:
        try:
            recipients.append(pyrage.x25519.Recipient.from_str(key))
        except pyrage.RecipientError as error:
            raise CommandError(
                f"KOMPOTTEN_BACKUP_RECIPIENTS: {key!r} is not an age public key (age1…): {error}."
            ) from error
    return recipients


def load_identities(identity_file: Path) -> list:
    """The age private keys in a key file as age-keygen writes it (`AGE-SECRET-KEY-1…` lines; `#` comments)."""
    try:
        lines = identity_file.read_text().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"The backup key file {identity_file} cannot be read: {error}") from error
    keys = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    try:
        identities = [pyrage.x25519.Identity.from_str(key) for key in keys]
    except pyrage.IdentityError as error:
        raise CommandError(f"{identity_file} is not an age private key file (AGE-SECRET-KEY-1…): {error}.") from error
    if not identities:
        raise CommandError(f"{identity_file} holds no age private key (a line AGE-SECRET-KEY-1…).")
    return identities


def _write(path: Path, produce: Callable[[BinaryIO], None], recipients: list) -> None:
    """Writes what `produce` writes into the stream it is given to `path`, encrypted to `recipients` on the way:
    `produce` writes into a pipe in a thread of its own and age encrypts from the pipe into the file, so the plaintext
    never touches a disk. Without recipients (development, --unencrypted) `produce` writes the file itself."""
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:  # the owner's only
        if not recipients:
            produce(out)
            return
        read_fd, write_fd = os.pipe()
        failures: list[BaseException] = []

        def producer() -> None:
            try:
                with os.fdopen(write_fd, "wb") as stream:
                    produce(stream)
            except BaseException as error:  # noqa: BLE001 - re-raised in the calling thread below
                failures.append(error)

        thread = threading.Thread(target=producer, name=f"backup-{path.name}", daemon=True)
        thread.start()
        reader = os.fdopen(read_fd, "rb")
        try:
            pyrage.encrypt_io(reader, out, recipients)
        finally:
            reader.close()  # a producer still writing gets a broken pipe instead of waiting forever
            thread.join()
    if failures:
        raise failures[0]


def back_up(target: Path, *, unencrypted: bool = False) -> dict:
    """Writes a backup into `target` (a new folder) and returns its manifest."""
    recipients = backup_recipients(unencrypted=unencrypted)
    suffix = AGE if recipients else ""
    if target.exists() and any(target.iterdir()):
        raise CommandError(f"{target} exists and is not empty; choose a new folder.")
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True, mode=0o700)
    counts = row_counts()  # before the dump: rows written meanwhile are in the dump too, never fewer
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)

    def dump(stream: BinaryIO) -> None:
        _run(["pg_dump", "--format=custom"], stdout=stream)

    def archive(stream: BinaryIO) -> None:
        with tarfile.open(fileobj=stream, mode="w|gz") as tar:
            if media_root.exists():
                tar.add(media_root, arcname=".")

    try:
        _write(partial / (DUMP + suffix), dump, recipients)
        _write(partial / (MEDIA + suffix), archive, recipients)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": settings.DATABASES["default"]["NAME"],
        "encrypted": bool(recipients),
        "sha256": {name: _sha256(partial / name) for name in (DUMP + suffix, MEDIA + suffix)},
        "row_counts": counts,
    }
    text = json.dumps(manifest, indent=2).encode()
    (partial / (MANIFEST + suffix)).write_bytes(pyrage.encrypt(text, recipients) if recipients else text)
    names = (DUMP + suffix, MEDIA + suffix, MANIFEST + suffix)
    (partial / CHECKSUMS).write_text("".join(f"{_sha256(partial / name)}  {name}\n" for name in names))
    if target.exists():
        target.rmdir()
    partial.rename(target)
    return manifest


def _check_checksums(source: Path) -> None:
    """Every file SHA256SUMS names is there and unchanged; needs no key."""
    try:
        lines = (source / CHECKSUMS).read_text().splitlines()
    except OSError as error:
        raise CommandError(f"{source} is not a Kompotten backup: {error}") from error
    for line in lines:
        expected, _, name = line.partition("  ")
        if Path(name).name != name or not (source / name).is_file() or _sha256(source / name) != expected:
            raise CommandError(f"{name} in {source} is missing or does not match its checksum; nothing was restored.")


def open_manifest(source: Path, identity_file: Path | None = None) -> tuple[dict, list]:
    """The backup's manifest and the private keys that open its files (none for an unencrypted backup)."""
    if (source / MANIFEST).is_file() and not (source / (MANIFEST + AGE)).exists():
        return json.loads((source / MANIFEST).read_text()), []
    if not (source / (MANIFEST + AGE)).is_file():
        raise CommandError(f"{source} is not a Kompotten backup: it has no {MANIFEST}{AGE}.")
    identity_file = identity_file or (Path(settings.BACKUP_IDENTITY_FILE) if settings.BACKUP_IDENTITY_FILE else None)
    if identity_file is None:
        raise CommandError(
            f"{source} is encrypted: give its private key file with --identity FILE or "
            "KOMPOTTEN_BACKUP_IDENTITY_FILE. Nothing was restored."
        )
    identities = load_identities(identity_file)
    try:
        text = pyrage.decrypt((source / (MANIFEST + AGE)).read_bytes(), identities)
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).lower():
            raise CommandError(
                f"The key in {identity_file} does not open {source}: it was encrypted to another key. "
                "Nothing was restored."
            ) from error
        raise CommandError(
            f"{MANIFEST}{AGE} in {source} cannot be decrypted ({error}); nothing was restored."
        ) from error
    return json.loads(text), identities


def _read(path: Path, consume: Callable[[BinaryIO], None], identities: list) -> None:
    """Gives `consume` a stream of the file's plaintext: age decrypts into a pipe that `consume` reads in a thread of
    its own, so nothing decrypted is written anywhere but where `consume` puts it. Unencrypted: the file itself."""
    with path.open("rb") as source:
        if not identities:
            consume(source)
            return
        read_fd, write_fd = os.pipe()
        failures: list[BaseException] = []

        def consumer() -> None:
            try:
                with os.fdopen(read_fd, "rb") as stream:
                    consume(stream)
                    while stream.read(1 << 16):  # what the consumer left unread (tar's end padding)
                        pass
            except BaseException as error:  # noqa: BLE001 - re-raised in the calling thread below
                failures.append(error)

        thread = threading.Thread(target=consumer, name=f"restore-{path.name}", daemon=True)
        thread.start()
        writer = os.fdopen(write_fd, "wb")
        decrypt_error = None
        try:
            pyrage.decrypt_io(source, writer, identities)
        except Exception as error:  # noqa: BLE001 - a failed consumer (a broken pipe) explains it better; below
            decrypt_error = error
        finally:
            with contextlib.suppress(BrokenPipeError):  # the consumer stopped early; its failure says why
                writer.close()
            thread.join()
    if failures:
        raise failures[0]
    if decrypt_error is not None:
        raise CommandError(f"{path.name} cannot be decrypted ({decrypt_error}); nothing more was restored.")


def _check_empty_targets(media_root: Path) -> None:
    if connection.introspection.table_names():
        raise CommandError("The database is not empty. Restore into a new, empty database (createdb).")
    if media_root.exists() and any(media_root.iterdir()):
        raise CommandError(f"{media_root} is not empty. Restore documents into a new, empty folder.")


def restore(source: Path, identity_file: Path | None = None) -> dict:
    """Restores the backup in `source` into the configured, empty database and documents folder, then verifies."""
    _check_checksums(source)
    manifest, identities = open_manifest(source, identity_file)
    for name, expected in manifest["sha256"].items():  # the manifest is inside the encryption: files not swapped
        if Path(name).name != name or not (source / name).is_file() or _sha256(source / name) != expected:
            raise CommandError(f"{name} in {source} is missing or does not match its checksum; nothing was restored.")
    suffix = AGE if identities else ""
    media_root = Path(settings.PRIVATE_MEDIA_ROOT)
    _check_empty_targets(media_root)
    database = _pg_environment()["PGDATABASE"]
    command = ["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", "--dbname", database]
    _read(source / (DUMP + suffix), lambda stream: _run(command, stdin=stream), identities)
    media_root.mkdir(parents=True, exist_ok=True)

    def extract(stream: BinaryIO) -> None:
        with tarfile.open(fileobj=stream, mode="r|gz") as tar:
            tar.extractall(media_root, filter="data")

    _read(source / (MEDIA + suffix), extract, identities)
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

"""Which keys a backup is encrypted to and which key file opens it (kompotten.backup): a production backup needs a
key, a development backup is unencrypted only when asked, and the key files age-keygen writes are read as they are.
The round trip itself, with pg_dump and pg_restore, is in tests/production/test_backup_restore.py."""

from django.core.management.base import CommandError

import pyrage
import pytest

from kompotten.backup import backup_recipients, load_identities


@pytest.fixture
def public_key():
    return str(pyrage.x25519.Identity.generate().to_public())


@pytest.mark.parametrize("debug", [False, True])
def test_a_backup_without_a_key_is_refused_unless_a_developer_asks_for_it(settings, debug):
    settings.DEBUG, settings.BACKUP_RECIPIENTS = debug, []
    with pytest.raises(CommandError, match="No backup key: set KOMPOTTEN_BACKUP_RECIPIENTS"):
        backup_recipients()
    if debug:
        assert backup_recipients(unencrypted=True) == []
    else:
        with pytest.raises(CommandError, match="--unencrypted is for development only"):
            backup_recipients(unencrypted=True)


def test_a_backup_is_encrypted_to_every_key_given(settings, public_key):
    other = str(pyrage.x25519.Identity.generate().to_public())
    settings.DEBUG, settings.BACKUP_RECIPIENTS = False, [public_key, f" {other} "]
    assert [str(recipient) for recipient in backup_recipients()] == [public_key, other]
    settings.DEBUG = True
    with pytest.raises(CommandError, match="leave out --unencrypted"):
        backup_recipients(unencrypted=True)


def test_a_key_that_is_not_an_age_public_key_is_named(settings):
    settings.BACKUP_RECIPIENTS = ["ssh-ed25519 AAAA"]
    with pytest.raises(CommandError, match="'ssh-ed25519 AAAA' is not an age public key"):
        backup_recipients()


def test_the_key_file_age_keygen_writes_opens_what_its_public_key_encrypted(tmp_path):
    identity = pyrage.x25519.Identity.generate()
    key_file = tmp_path / "key.txt"
    key_file.write_text(f"# created: 2026-11-18T10:00:00+01:00\n# public key: {identity.to_public()}\n{identity}\n")
    secret = pyrage.encrypt(b"Skyddad adress", [identity.to_public()])
    assert pyrage.decrypt(secret, load_identities(key_file)) == b"Skyddad adress"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot be read"), ("# only a comment\n", "holds no age private key"), ("age1abc\n", "is not an age")],
)
def test_a_key_file_that_holds_no_private_key_is_refused_clearly(tmp_path, content, message):
    key_file = tmp_path / "key.txt"
    if content is not None:
        key_file.write_text(content)
    with pytest.raises(CommandError, match=message):
        load_identities(key_file)

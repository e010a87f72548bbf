from pathlib import Path

from django.core.management.base import BaseCommand

from kompotten.backup import restore


class Command(BaseCommand):
    help = (
        "Restores a backup (manage.py backup) into the configured EMPTY database and empty documents folder, "
        "then checks that every counted row and every document file is there. An encrypted backup needs its "
        "private key: --identity FILE or KOMPOTTEN_BACKUP_IDENTITY_FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, type=Path, help="The backup folder.")
        parser.add_argument(
            "--identity",
            type=Path,
            default=None,
            help="The age private key file (age-keygen's output); default KOMPOTTEN_BACKUP_IDENTITY_FILE.",
        )

    def handle(self, *args, source: Path, identity: Path | None, **options):
        counts = restore(source, identity)
        summary = ", ".join(f"{label} {n}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored and verified: {summary}."))

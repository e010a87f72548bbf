from pathlib import Path

from django.core.management.base import BaseCommand

from kompotten.backup import back_up


class Command(BaseCommand):
    help = (
        "Backs up the database (pg_dump, custom format) and the private documents into a new folder, every file "
        "encrypted with age to the public keys in KOMPOTTEN_BACKUP_RECIPIENTS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="A new folder for the backup.")
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="Development only (DJANGO_DEBUG=true), for fictional data: write the files without encryption.",
        )

    def handle(self, *args, to: Path, unencrypted: bool, **options):
        manifest = back_up(to, unencrypted=unencrypted)
        counts = ", ".join(f"{label} {n}" for label, n in manifest["row_counts"].items())
        if not manifest["encrypted"]:
            self.stderr.write(
                self.style.WARNING(
                    f"WARNING: {to} is NOT encrypted. Anyone who can read the folder reads every person in it. "
                    "Use it for fictional development data only and delete it after use."
                )
            )
        how = "encrypted with age" if manifest["encrypted"] else "UNENCRYPTED"
        self.stdout.write(self.style.SUCCESS(f"Backup written to {to}, {how} ({counts})."))

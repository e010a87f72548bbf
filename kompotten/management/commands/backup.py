from pathlib import Path

from django.core.management.base import BaseCommand

from kompotten.backup import back_up


class Command(BaseCommand):
    help = "Backs up the database (pg_dump, custom format) and the private documents into a new folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, type=Path, help="A new folder for the backup.")

    def handle(self, *args, to: Path, **options):
        manifest = back_up(to)
        counts = ", ".join(f"{label} {n}" for label, n in manifest["row_counts"].items())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {to} ({counts})."))

from pathlib import Path

from django.core.management.base import BaseCommand

from kompotten.backup import restore


class Command(BaseCommand):
    help = (
        "Restores a backup (manage.py backup) into the configured EMPTY database and empty documents folder, "
        "then checks that every counted row and every document file is there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, type=Path, help="The backup folder.")

    def handle(self, *args, source: Path, **options):
        counts = restore(source)
        summary = ", ".join(f"{label} {n}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored and verified: {summary}."))

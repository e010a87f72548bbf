"""Fills the database with a large city's ten years of casework, for the benchmark at volume.

    python manage.py generate_volume --scale large-city --seed 1
    python manage.py generate_volume --scale ci --seed 1 --today 2026-11-23

Deterministic for a seed and a reference date (`--today`, default today). Refuses to run in production
(DJANGO_DEBUG off), on a database that already holds a generated volume, and on one whose users are not all
fictional (every demo and generated address is under the reserved .example domain) unless `--force`.
The access log refuses DELETE: to start over, drop and re-create the database.
"""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kompotten.devtools import volume
from kompotten.models import User


class Command(BaseCommand):
    help = "Generates a large, valid, deterministic data set (large-city: ten years of a large city) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(volume.SCALES), default="large-city")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=date.fromisoformat, help="The reference date (default: today).")
        parser.add_argument("--force", action="store_true", help="Run although the database has real-looking users.")

    def handle(self, *args, scale, seed, today, force, **options):
        if not settings.DEBUG:
            raise CommandError("generate_volume runs only in development (DJANGO_DEBUG=true), never in production.")
        if volume.is_generated():
            raise CommandError("This database already holds a generated volume. Drop and re-create it to start over.")
        real = User.objects.exclude(email__iendswith=".example").exclude(email="")
        if real.exists() and not force:
            raise CommandError(
                f"The database has {real.count()} users outside the .example domain: it may hold real data. "
                "Use --force if it does not."
            )
        rows = volume.generate(
            volume.SCALES[scale], seed=seed, today=today or timezone.localdate(), log=self.stdout.write
        )
        for label, count in sorted(rows.items()):
            self.stdout.write(f"  {label:45} {count:>10}")

"""Measures the pages users open most against a large, throw-away data set (rolled back afterwards).

    python manage.py benchmark --cases 2000 --repeat 20
    python manage.py benchmark --only housing
    python manage.py benchmark --scale large-city --repeat 20

With `--scale`, it measures at volume instead (`kompotten.devtools.benchmarks.at_volume`): the main pages on the
database `generate_volume` filled, beside the bare query and the admin changelist of the same data, in one table. A
database without a generated volume is filled first at that scale (in development only; the volume stays, so the
next run measures at once); what the measurement itself writes (access-log rows, the admin user) is rolled back.
After the table, last year's annual report: the time of its statistics and of its PDF, through a Celery worker
when one consumes the reports queue, in this process otherwise (`kompotten.devtools.benchmarks.report_timing`).

Every installed app with a module in `kompotten.devtools.benchmarks` (named by its label) takes part: its
`pages(count=..., log=...)` creates its data and returns the (user, url) pairs to time. Needs the demo users
(seed_demo). Prints the median and 95th percentile time and the query count per page; the figures for this
machine are in docs/performance.md.
"""

import logging
import statistics
import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kompotten.devtools import volume
from kompotten.devtools.benchmarks import at_volume as volume_benchmark
from kompotten.devtools.benchmarks import report_timing


class Rollback(Exception):
    pass


def benchmark_modules(only: list[str] | None = None):
    for app_config in apps.get_app_configs():
        name = f"kompotten.devtools.benchmarks.{app_config.label}"
        if app_config.name.startswith("django") or find_spec(name) is None:
            continue
        if not only or app_config.label in only:
            yield app_config.label, import_module(name)


class Command(BaseCommand):
    help = "Times every app's busiest pages on a large throw-away data set, with their query counts."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1000, help="How many records each app creates.")
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--only", nargs="*", help="App labels to measure (default: all).")
        parser.add_argument("--scale", choices=sorted(volume.SCALES), help="Measure at volume (generate_volume).")
        parser.add_argument("--seed", type=int, default=1, help="With --scale: the seed if it must generate.")

    def handle(self, *args, cases, repeat, only, scale=None, seed=1, **options):
        logging.disable(logging.INFO)  # one request_finished line per timed request would bury the table
        try:
            with transaction.atomic():
                if scale:
                    self._at_volume(scale, seed, repeat)
                    raise Rollback
                for label, module in benchmark_modules(only):
                    started = time.perf_counter()
                    pages = module.pages(count=cases, log=self.stdout.write)
                    self.stdout.write(f"{label}: data for {cases} in {time.perf_counter() - started:.1f} s")
                    for user, url in pages:
                        self._measure(user, url, repeat)
                raise Rollback
        except Rollback:
            self.stdout.write("Data rolled back.")
        finally:
            logging.disable(logging.NOTSET)
        if scale:
            self._annual_report(repeat)

    def _at_volume(self, scale, seed, repeat):
        if not volume.is_generated():
            if not settings.DEBUG:
                raise CommandError("No generated volume here; generate_volume runs only with DJANGO_DEBUG=true.")
            volume.generate(volume.SCALES[scale], seed=seed, today=timezone.localdate(), log=self.stdout.write)
        superuser = volume_benchmark.superuser()
        header = ("page", "user", "median", "p95", "queries", "bare", "× bare", "admin", "× admin")
        self.stdout.write(" | ".join(header))
        self.stdout.write(" | ".join("---" for _ in header))
        for page in volume_benchmark.pages():
            timing = volume_benchmark.time_page(page, repeat)
            if timing is None:
                continue  # this user may not open the page
            bare = volume_benchmark.time_bare(page, repeat)
            admin = volume_benchmark.time_admin(page, superuser, repeat)
            self.stdout.write(
                " | ".join(
                    [
                        page.label,
                        page.user.email,
                        f"{timing.median:.1f} ms",
                        f"{timing.p95:.1f} ms",
                        str(timing.queries),
                        f"{bare.median:.1f} ms",
                        f"{timing.median / bare.median:.1f}",
                        f"{admin.median:.1f} ms" if admin else "–",
                        f"{timing.median / admin.median:.1f}" if admin else "–",
                    ]
                )
            )
        timing, preview = volume_benchmark.time_import(scale, min(repeat, 3))
        self.stdout.write(
            f"CSV import of {volume_benchmark.IMPORT_ROWS[scale]} notices (preview {preview:.1f} s) | "
            f"vrakning@uppsala.example | {timing.median / 1000:.1f} s | {timing.p95 / 1000:.1f} s | "
            f"{timing.queries} | – | – | – | –"
        )

    def _annual_report(self, repeat):
        """Last year's annual report through the real report job, beside the table: its two parts' times."""
        year = timezone.localdate().year - 1
        timing = report_timing.time_annual_report(year, runs=min(repeat, 3))
        for part, seconds in (("statistics", timing.counting), ("PDF", timing.making)):
            median, slowest = timing.summary(seconds)
            self.stdout.write(
                " | ".join(
                    [
                        f"annual report {year}: {part}",
                        timing.where,
                        f"{median:.1f} s",
                        f"{slowest:.1f} s (slowest)",
                        "–",
                        "–",
                        "–",
                        "–",
                        "–",
                    ]
                )
            )

    def _measure(self, user, url, repeat):
        client = Client(SERVER_NAME=settings.ALLOWED_HOSTS[0].lstrip("."))
        client.force_login(user)
        client.get(url)  # warm up
        timings = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        self.stdout.write(
            f"{user.email:28} {url:45} median {statistics.median(timings):7.1f} ms  p95 {p95:7.1f} ms  "
            f"{len(queries)} queries"
        )

"""Measures the pages users open most against a large, throw-away data set (rolled back afterwards).

    python manage.py benchmark --cases 2000 --repeat 20
    python manage.py benchmark --only housing

Every installed app with a `benchmarks` module takes part: its `pages(count=..., log=...)` creates its data and
returns the (user, url) pairs to time. Needs the demo users (seed_demo). Prints the median and 95th percentile
time and the query count per page; the figures for this machine are in docs/performance.md.
"""

import logging
import statistics
import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Rollback(Exception):
    pass


def benchmark_modules(only: list[str] | None = None):
    for app_config in apps.get_app_configs():
        name = f"{app_config.name}.benchmarks"
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

    def handle(self, *args, cases, repeat, only, **options):
        logging.disable(logging.INFO)  # one request_finished line per timed request would bury the table
        try:
            with transaction.atomic():
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

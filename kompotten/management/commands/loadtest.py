"""The load test of issue 12 (`kompotten.devtools.loadtest`): simulated users against the production processes
on loopback.

    DJANGO_DEBUG=true python manage.py loadtest                        # 50 users, 180 s a phase
    DJANGO_DEBUG=true python manage.py loadtest --users 5 --duration 20

Makes a database of its own on the PostgreSQL server of DATABASE_URL (`--database`, dropped and re-created; the
database of DATABASE_URL itself is never touched), empties the Redis database `--redis-url` (default REDIS_URL)
and uses it as the broker, starts gunicorn and the Celery worker through bin/production, runs a steady phase and a
phase in which the worker is killed (SIGKILL) and restarted while reports are queued and running, checks that every
notice, note and report the app confirmed is there exactly once, prints one summary and stops everything it started.
Exits non-zero when anything failed. Needs the test extras (locust). Development only: it drops a database.
"""

import os
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kompotten.devtools.loadtest.driver import Options, run


class Command(BaseCommand):
    help = "Load test: simulated users of every role against gunicorn, PostgreSQL, Redis and Celery on loopback."

    def add_arguments(self, parser):
        defaults = Options(server_url="", redis_url="")
        parser.add_argument("--users", type=int, default=defaults.users)
        parser.add_argument("--spawn-rate", type=float, default=defaults.spawn_rate, help="Users started a second.")
        parser.add_argument("--duration", type=int, default=defaults.duration, help="Seconds a phase.")
        parser.add_argument("--max-requests", type=int, default=defaults.max_requests, help="A phase stops there.")
        parser.add_argument(
            "--wait",
            type=float,
            nargs=2,
            default=defaults.wait_seconds,
            metavar=("MIN", "MAX"),
            help="Seconds a user waits between actions.",
        )
        parser.add_argument(
            "--reports-each",
            type=int,
            default=defaults.reports_each,
            help="Reports each simulated manager orders a phase.",
        )
        parser.add_argument("--web-workers", type=int, default=defaults.web_workers)
        parser.add_argument("--worker-concurrency", type=int, default=defaults.worker_concurrency)
        parser.add_argument(
            "--visibility-seconds",
            type=int,
            default=defaults.visibility_seconds,
            help="Seconds before Redis hands a killed worker's tasks out again.",
        )
        parser.add_argument("--database", default=defaults.database)
        parser.add_argument("--redis-url", default=settings.REDIS_URL)
        parser.add_argument("--keep", action="store_true", help="Keep the database and the logs afterwards.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("loadtest runs only in development (DJANGO_DEBUG=true): it drops a database.")
        if not options["redis_url"]:
            raise CommandError("Give --redis-url (or REDIS_URL): the worker needs a broker.")
        server_url = os.environ.get("DATABASE_URL", "")
        if not server_url.startswith(("postgres://", "postgresql://")):
            raise CommandError("DATABASE_URL must name a PostgreSQL server.")
        if options["database"] == urlsplit(server_url).path.strip("/"):
            raise CommandError("--database must not be the database of DATABASE_URL: the load test drops it.")
        summary = run(
            Options(
                server_url=server_url,
                redis_url=options["redis_url"],
                database=options["database"],
                users=options["users"],
                spawn_rate=options["spawn_rate"],
                duration=options["duration"],
                max_requests=options["max_requests"],
                wait_seconds=tuple(options["wait"]),
                reports_each=options["reports_each"],
                web_workers=options["web_workers"],
                worker_concurrency=options["worker_concurrency"],
                keep=options["keep"],
                visibility_seconds=options["visibility_seconds"],
            ),
            password=settings.DEMO_PASSWORD,
            log=self.stdout.write,
        )
        self.stdout.write(summary.text())
        if summary.problems:
            raise CommandError("The load test failed; see above.")

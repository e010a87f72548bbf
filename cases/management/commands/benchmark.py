"""Measures the pages caseworkers use most against a large, throw-away data set (rolled back afterwards).

    python manage.py benchmark --cases 2000 --repeat 20

Needs the demo users (seed_demo). Prints the median and 95th percentile time and the query count per page;
the figures for this machine are in docs/performance.md.
"""

import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import services
from cases.models import Case, CaseParty, ProtectionLevel
from kompotten.models import Unit, User


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Times the case list, case page, person search and access-log review on a large throw-away data set."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=20)

    def handle(self, *args, cases, repeat, **options):
        try:
            with transaction.atomic():
                self._run(cases, repeat)
                raise Rollback
        except Rollback:
            self.stdout.write("Data rolled back.")

    def _run(self, count, repeat):
        caseworker = User.objects.get(email="nexus@uppsala.example")
        manager = User.objects.get(email="chef@uppsala.example")
        started = time.perf_counter()
        first = self._make_cases(count, caseworker)
        self.stdout.write(f"Created {count} cases in {time.perf_counter() - started:.1f} s")
        pages = [
            (caseworker, "/arenden/"),
            (caseworker, "/arenden/?sortera=frist&status=all"),
            (caseworker, f"/arenden/?sida={max(count // 25, 1)}"),
            (caseworker, f"/arenden/{first.pk}/"),
            (caseworker, "/arenden/personer/?q=Bench"),
            (manager, "/arenden/"),
            (manager, "/arenden/atkomstlogg/granskning/"),
        ]
        for user, url in pages:
            self._measure(user, url, repeat)

    def _make_cases(self, count, caseworker) -> Case:
        """`count` assigned cases, each with one applicant; every fifth applicant has skyddad folkbokföring."""
        unit = Unit.objects.get(kind=Unit.Kind.NEXUS, members=caseworker)
        today = timezone.localdate()
        first = None
        for n in range(count):
            protection = {}
            if n % 5 == 0:
                protection = {
                    "protection_level": ProtectionLevel.PROTECTED_REGISTRATION,
                    "protection_noted_on": today,
                    "protection_source": "Benchmark",
                }
            person = services.person_register(
                acting_user=caseworker, given_name="Bench", family_name=f"Person{n}", reserve_number=f"BENCH-{n}",
                **protection,
            )  # fmt: skip
            case = services.case_open(kind=Case.Kind.RELOCATION, unit=unit, acting_user=caseworker)
            services.case_add_person(case=case, person=person, role=CaseParty.Role.APPLICANT, acting_user=caseworker)
            services.case_assign_handler(case=case, user=caseworker, acting_user=caseworker)
            services.deadline_set(case=case, label="Frist", starts_on=case.opened_on, weeks=2, acting_user=caseworker)
            first = first or case
        return first

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

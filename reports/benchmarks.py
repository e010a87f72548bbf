"""What `manage.py benchmark` times for the reports: the managers' dashboard, which counts this year and the same
part of last year across all three capabilities, on the data sets the other apps' benchmarks create (made here
first when the reports are measured alone, `--only reports`)."""

from django.db import connection

from cases import benchmarks as cases_benchmarks
from cases.models import Network
from evictions import benchmarks as evictions_benchmarks
from housing import benchmarks as housing_benchmarks
from kompotten.models import User


def pages(*, count: int, log) -> list[tuple[User, str]]:
    if not Network.objects.filter(name="Benchmark").exists():
        for module in (cases_benchmarks, housing_benchmarks, evictions_benchmarks):
            module.pages(count=count, log=log)
    with connection.cursor() as cursor:
        # Planner statistics for the rows this transaction created (autovacuum keeps them in production).
        cursor.execute("ANALYZE")
    return [(User.objects.get(email="chef@uppsala.example"), "/rapporter/oversikt/")]

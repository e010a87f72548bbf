"""What `manage.py benchmark` times for the reports: the managers' dashboard, which counts this year and the same
part of last year across all three capabilities, on the data sets the other apps' benchmarks create (made here
first when the reports are measured alone, `--only reports`); and the report pages (start, the list of runs, a run),
on `count` finished runs of the manager and of the schedule."""

from datetime import date

from cases.relocation.models import Network
from kompotten.db_statistics import analyze_tables
from kompotten.devtools.benchmarks import cases as cases_benchmarks
from kompotten.devtools.benchmarks import evictions as evictions_benchmarks
from kompotten.devtools.benchmarks import housing as housing_benchmarks
from kompotten.models import User
from reports.models import ReportFormat, ReportKind, ReportRun, RunOrigin, RunState


def pages(*, count: int, log) -> list[tuple[User, str]]:
    if not Network.objects.filter(name="Benchmark").exists():
        for module in (cases_benchmarks, housing_benchmarks, evictions_benchmarks):
            module.pages(count=count, log=log)
    analyze_tables()
    manager = User.objects.get(email="chef@uppsala.example")
    first = _runs(count, manager)
    return [
        (manager, "/rapporter/oversikt/"),
        (manager, "/rapporter/"),
        (manager, "/rapporter/korningar/"),
        (manager, f"/rapporter/korningar/?sida={max(count // 25, 1)}"),
        (manager, f"/rapporter/korningar/{first.pk}/"),
    ]


def _runs(count: int, manager: User) -> ReportRun:
    """Finished monthly runs, every other one scheduled (rows only: the files are not what is timed)."""
    runs = [
        ReportRun(
            kind=ReportKind.MONTHLY,
            file_format=ReportFormat.CSV,
            period_start=date(2000 + n // 12, n % 12 + 1, 1),
            period_end=date(2000 + n // 12, n % 12 + 1, 28),
            requested_by=None if n % 2 else manager,
            origin=RunOrigin.COMMAND if n % 2 else RunOrigin.MANAGER,
            state=RunState.READY,
            progress=100,
            file_name=f"reports/bench/{n}.csv",
            checksum="0" * 64,
            content_type="text/csv",
        )
        for n in range(count)
    ]
    return ReportRun.objects.bulk_create(runs)[0]

"""Demo data for the reports: last month's eviction statistics as a finished scheduled run, so the report pages
show a run to open and download. Made through the service and the runner, as beat and the worker make it."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reports import runner, services
from reports.models import ReportFormat, ReportKind, ReportRun, RunOrigin


@transaction.atomic
def seed() -> int:
    """Returns how many runs it made (0 when the demo has runs already)."""
    if ReportRun.objects.exists():
        return 0
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    start, end = services.month_period(last_month.year, last_month.month)
    run = services.report_run_request(
        kind=ReportKind.MONTHLY,
        period_start=start,
        period_end=end,
        file_format=ReportFormat.PDF,
        acting_user=None,
        origin=RunOrigin.SCHEDULE,
    )
    runner.execute(run.pk)  # now, not when a worker comes by: the demo shows a finished run at once
    return 1

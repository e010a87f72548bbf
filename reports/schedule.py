"""The scheduled runs Celery beat asks for: the month's eviction statistics on the first working day of the next
month, and the draft of last year's annual report on the first working day of January. Beat calls these every
morning; the working-day rule is the deadline calendar's (`cases.calendar`). Asking twice on the same day makes
no second run (a unique constraint on scheduled runs per period and format)."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.calendar import next_working_day
from reports import services
from reports.models import ReportFormat, ReportKind, ReportRun, RunOrigin


def first_working_day(year: int, month: int) -> date:
    return next_working_day(date(year, month, 1))


def monthly_statistics_if_due(today: date | None = None) -> list[int]:
    today = today or timezone.localdate()
    if today != first_working_day(today.year, today.month):
        return []
    last_month = today.replace(day=1) - timedelta(days=1)
    start, end = services.month_period(last_month.year, last_month.month)
    return _schedule(ReportKind.MONTHLY, start, end, [ReportFormat.PDF, ReportFormat.CSV, ReportFormat.XLSX])


def annual_draft_if_due(today: date | None = None) -> list[int]:
    today = today or timezone.localdate()
    if today != first_working_day(today.year, 1):
        return []
    start, end = services.year_period(today.year - 1)
    return _schedule(ReportKind.ANNUAL, start, end, [ReportFormat.PDF])


def _schedule(kind: str, start: date, end: date, formats: list[str]) -> list[int]:
    made = []
    for file_format in formats:
        scheduled = ReportRun.objects.filter(origin=RunOrigin.SCHEDULE, kind=kind, file_format=file_format)
        if scheduled.filter(period_start=start, period_end=end).exists():
            continue
        try:
            with transaction.atomic():
                run = services.report_run_request(
                    kind=kind,
                    period_start=start,
                    period_end=end,
                    file_format=file_format,
                    acting_user=None,
                    origin=RunOrigin.SCHEDULE,
                )
        except IntegrityError:  # beat asked twice at the same moment; the other one made it
            continue
        made.append(run.pk)
    return made

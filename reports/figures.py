"""Where the reports read the other apps: their statistics selectors, which return counts and durations of the
host municipality and never a name, number or address. Nothing here writes."""

import calendar
from datetime import date

from django.conf import settings
from django.utils import timezone

from cases.relocation.assessment import assessments_by_result
from cases.relocation.statistics import persons_housed, relocation_figures
from evictions.statistics import eviction_figures
from housing.statistics import housing_figures
from kompotten.organisations import host_municipality
from reports.models import ReportRun


def covered_end(end: date) -> date:
    """A period still running is reported up to today."""
    return min(end, timezone.localdate())


def relocation(start: date, end: date):
    return relocation_figures(start, end)


def persons(start: date, end: date) -> dict[str, tuple[int, int]]:
    return persons_housed(start, end)


def assessments(start: date, end: date) -> dict[str, int]:
    return assessments_by_result(start, end)


def previous_year(start: date, end: date) -> tuple[date, date]:
    """The same period a year earlier: the previous year's figures are counted by the same code over it. Periods are
    whole months, so a period ending on the last of February ends on the last of February a year earlier."""
    last = calendar.monthrange(end.year - 1, end.month)[1]
    return start.replace(year=start.year - 1), end.replace(year=end.year - 1, day=min(end.day, last))


def housing(start: date, end: date):
    return housing_figures(start, end)


def evictions(start: date, end: date):
    return eviction_figures(start, end)


def document_context(*, title: str, period: str, run: ReportRun, end: date) -> dict:
    """What every report document shows around its figures."""
    return {
        "title": title,
        "period": period,
        "run": run,
        "covered_end": end,
        "partial": end < run.period_end,
        "produced_at": timezone.localtime(),
        "product_name": settings.PRODUCT_NAME,
        "municipality": host_municipality(),
    }

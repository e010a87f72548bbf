"""Building blocks of the period statistics every app reports (`cases.relocation.statistics`,
`housing.statistics`, `evictions.statistics`): a median and a day count computed by PostgreSQL, and the shape of a
processing time measured against a deadline.

A period is two dates, both inclusive: `start <= day <= end`. Everything is aggregated in the database, so a
report costs the same number of queries for ten cases as for ten thousand.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Aggregate, Count, F, FloatField, Func, IntegerField, Q, QuerySet


class Median(Aggregate):
    """percentile_cont(0.5): the median of the group, halfway between the two middle values when they are even."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DaysBetween(Func):
    """`later - earlier` for two date columns: a whole number of days (PostgreSQL's date minus date)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, later, earlier, **extra):
        as_expression = lambda value: F(value) if isinstance(value, str) else value  # noqa: E731
        super().__init__(as_expression(later), as_expression(earlier), **extra)


@dataclass(frozen=True)
class ProcessingTime:
    """How long something took against its deadline, over the items finished in a period."""

    count: int
    median_days: float | None
    within_deadline: int | None  # None where the step has no deadline

    @property
    def share_within(self) -> float | None:
        """0.0–1.0, or None when nothing was finished in the period (or there is no deadline)."""
        return self.within_deadline / self.count if self.count and self.within_deadline is not None else None


def processing_time(queryset: QuerySet, *, days, within: Q | None = None) -> ProcessingTime:
    """One aggregate query: how many rows, the median of `days` and how many satisfy `within`."""
    counts = {"within": Count("pk", filter=within)} if within is not None else {}
    row = queryset.aggregate(n=Count("pk"), median=Median(days), **counts)
    return ProcessingTime(count=row["n"], median_days=row["median"], within_deadline=row.get("within"))


def in_period(field: str, start: date, end: date) -> Q:
    """`field` falls on a day in the period, both ends included."""
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def months_of(start: date, end: date) -> list[tuple[int, int]]:
    """The (year, month) pairs the period touches, in order."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass(frozen=True)
class Tally:
    """One category of a breakdown: its stored value, its (Swedish) label and how many."""

    value: str
    label: str
    count: int


def tallies(choices, counts: dict) -> list[Tally]:
    """Every category of `choices` in their order, zero where nothing was counted."""
    return [Tally(value, str(label), counts.get(value) or 0) for value, label in choices]


def count_by(queryset: QuerySet, field: str) -> dict:
    """{value of `field`: rows} in one grouped query."""
    return dict(queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n"))

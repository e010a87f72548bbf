"""The deadline calendar: when a statutory time limit really runs out.

Swedish law counts many time limits in days, weeks or months from an event (a decision served, an
application received). Lag (1930:173) om beräkning av lagstadgad tid says that when the last day of such
a period falls on a Saturday, a Sunday or another public holiday (allmän helgdag, lag (1989:253)), or on
midsummer eve, Christmas eve or New Year's eve, the act may be done on the next working day (vardag).

This module is the one place that rule lives. The public holidays come from the `holidays` package
(category PUBLIC only). Everything else the rule names is spelled out here rather than left to the
package's defaults, which have changed between versions (older versions counted every Sunday as a
holiday, and the three eves moved from PUBLIC to the DE_FACTO category):

- Saturdays and Sundays are checked by weekday, so `include_sundays` does not matter;
- midsummer eve (the Friday between 19 and 25 June), Christmas eve and New Year's eve are computed here.
"""

from datetime import date, timedelta
from functools import cache

import holidays
from dateutil.relativedelta import relativedelta

_WEEKEND = frozenset({5, 6})  # date.weekday(): Saturday, Sunday
_FRIDAY = 4


@cache
def _public_holidays(year: int) -> frozenset[date]:
    """The allmänna helgdagar of one year that are not Sundays anyway, per the holidays package."""
    calendar = holidays.country_holidays("SE", years=year, categories=(holidays.PUBLIC,), include_sundays=False)
    return frozenset(calendar)


def _midsummer_eve(year: int) -> date:
    """Midsommarafton: the Friday before midsommardagen, which is the Saturday between 20 and 26 June."""
    june_19 = date(year, 6, 19)
    return june_19 + timedelta(days=(_FRIDAY - june_19.weekday()) % 7)


@cache
def _days_off(year: int) -> frozenset[date]:
    """Every non-weekend day of the year on which a statutory deadline cannot fall."""
    eves = {_midsummer_eve(year), date(year, 12, 24), date(year, 12, 31)}
    return _public_holidays(year) | eves


def is_working_day(day: date) -> bool:
    """Whether a statutory deadline can end on this day."""
    return day.weekday() not in _WEEKEND and day not in _days_off(day.year)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, otherwise the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def statutory_due_date(start: date, *, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """The last day of a period counted from start, moved forward per lag (1930:173).

    Months are calendar months, clamped to the end of a shorter month (31 January + 1 month is the last
    day of February); months are added before weeks and days.
    """
    if min(days, weeks, months) < 0:
        raise ValueError("A statutory period runs forward from its start; use non-negative lengths.")
    return next_working_day(start + relativedelta(months=months, weeks=weeks, days=days))


DUE_HORIZON_WORKING_DAYS = 5


def working_days_ahead(today: date, count: int) -> date:
    """The `count`-th working day after today (today itself is not counted, whether it is a working day or not):
    from a Friday, five working days ahead is the Friday after; from the day before a holiday, the days after it."""
    if count < 0:
        raise ValueError("Count working days forward; use a non-negative count.")
    day = today
    for _ in range(count):
        day = next_working_day(day + timedelta(days=1))
    return day


def due_horizon(today: date) -> date:
    """The last day every start page and due list looks ahead to: everything due up to and including the next
    five working days (and everything overdue) is work for now. One definition for every unit, so a period that
    ends on a weekend and moves to Monday (lag 1930:173) is on Friday's list, and the days after a holiday on the
    list of the day before it."""
    return working_days_ahead(today, DUE_HORIZON_WORKING_DAYS)


def days_left(due: date, *, today: date) -> int:
    """Calendar days from today until the due date: 0 on the day itself, negative once overdue."""
    return (due - today).days

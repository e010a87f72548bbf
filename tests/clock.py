"""The test clock: every test runs on a date it states, never on whatever day the machine happens to be at.

Deadlines move off weekends and holidays (lag 1930:173), due lists look a number of working days ahead and reports
cover whole months and years, so a test that reads the machine's date can pass on a Wednesday and fail on a Saturday.
This plugin (registered in tests/conftest.py) travels the clock with time-machine, for the whole session from the
moment pytest is configured (so module-level dates and collection see the same day as the tests) and again before
each test:

- by default to `SUITE_DATE` at `OPENING_TIME`, Stockholm time, ticking on from there;
- `@pytest.mark.today("2026-12-04")`: to that date instead, for a test of what a particular day shows;
- `@pytest.mark.dates`: the test's result depends on the date (it builds its data relative to today), so it runs on
  `SUITE_DATE` and again on every day of `DATE_MATRIX`, the days that break naive date code (`--no-date-matrix` runs
  the suite date only, for a quick local run);
- `@pytest.mark.real_date`: the machine's real clock, on purpose (the production processes run in subprocesses that
  the travel cannot reach, and one check per list proves the rules hold on the real date too).

time-machine moves `time.time()`, `datetime.now()` and `date.today()` for every thread of the test process, so the
live server of the browser tests and the in-thread Celery worker see the same day as the test; `time.monotonic()`
is left alone, so timeouts and event loops keep working.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

STOCKHOLM = ZoneInfo("Europe/Stockholm")  # settings.TIME_ZONE, before Django is set up
SUITE_DATE = date(2026, 11, 18)  # a Wednesday of an ordinary working week, away from holidays and month ends
OPENING_TIME = time(10, 0)

DATE_MATRIX = {
    "saturday": date(2026, 12, 5),
    "sunday": date(2026, 12, 6),
    "good-friday": date(2027, 3, 26),
    "easter-monday": date(2027, 3, 29),
    "midsummer-eve": date(2027, 6, 25),
    "christmas-eve": date(2026, 12, 24),
    "new-years-eve": date(2026, 12, 31),
    "new-years-day": date(2027, 1, 1),
    "first-working-day-of-may": date(2027, 5, 3),  # 1 May 2027 is a Saturday and a holiday
    "day-before-ascension": date(2027, 5, 5),
    "leap-day": date(2028, 2, 29),
    "last-day-of-august": date(2027, 8, 31),
}


def pytest_addoption(parser):
    parser.addoption(
        "--no-date-matrix", action="store_true", help="run tests marked 'dates' on the suite date only (quicker)"
    )


_session_travel: time_machine.travel | None = None


def pytest_configure(config):
    global _session_travel
    config.addinivalue_line("markers", "today(day): the test runs on this date (ISO format)")
    config.addinivalue_line("markers", "dates: the result depends on the date; runs on every day of the date matrix")
    config.addinivalue_line("markers", "real_date: runs on the machine's real date, on purpose")
    _session_travel = travel_to(SUITE_DATE)
    _session_travel.start()


def pytest_unconfigure(config):
    if _session_travel is not None:
        _session_travel.stop()


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("dates") is None:
        return
    if metafunc.definition.get_closest_marker("today") is not None:
        raise pytest.UsageError(f"{metafunc.definition.nodeid}: a test marked 'dates' cannot also fix its date")
    days = {"suite-date": SUITE_DATE}
    if not metafunc.config.getoption("--no-date-matrix"):
        days.update(DATE_MATRIX)
    metafunc.parametrize("matrix_date", list(days.values()), ids=list(days))


@pytest.fixture
def matrix_date():
    """The matrix day of a test marked 'dates' (set by parametrisation); None for every other test."""
    return None


def travel_to(day: date) -> time_machine.travel:
    return time_machine.travel(datetime.combine(day, OPENING_TIME, tzinfo=STOCKHOLM), tick=True)


def day_of(request, matrix_date) -> date:
    marker = request.node.get_closest_marker("today")
    if matrix_date is not None:
        return matrix_date
    return date.fromisoformat(marker.args[0]) if marker else SUITE_DATE


@pytest.fixture(autouse=True)
def clock(request, matrix_date):
    """The day this test runs on (see the module docstring); the traveller can `shift` or `move_to` within a test."""
    if request.node.get_closest_marker("real_date"):
        destination = time_machine.escape_hatch.datetime.datetime.now(STOCKHOLM)
        traveller = time_machine.travel(destination, tick=True)
    else:
        traveller = travel_to(day_of(request, matrix_date))
    with traveller as moved:
        yield moved

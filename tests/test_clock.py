"""The test clock (tests/clock.py): each test runs on the day it states, whatever the machine's date."""

from datetime import date, datetime

from django.utils import timezone

import pytest
import time_machine

from tests.clock import DATE_MATRIX, STOCKHOLM, SUITE_DATE

COLLECTED_ON = timezone.localdate()  # module level: evaluated while pytest collects


def test_a_test_runs_on_the_suite_date_by_default():
    assert timezone.localdate() == SUITE_DATE
    assert timezone.localtime().hour == 10


def test_module_level_dates_are_taken_on_the_suite_date_too():
    assert COLLECTED_ON == SUITE_DATE


@pytest.mark.today("2026-12-04")
def test_a_test_can_state_its_own_date():
    assert timezone.localdate() == date(2026, 12, 4)
    assert datetime.now(STOCKHOLM).date() == date(2026, 12, 4)


@pytest.mark.dates
def test_a_date_dependent_test_runs_on_the_suite_date_and_every_day_of_the_matrix(matrix_date):
    assert matrix_date in {SUITE_DATE, *DATE_MATRIX.values()}
    assert timezone.localdate() == matrix_date


@pytest.mark.real_date
def test_a_real_date_test_sees_the_machines_clock():
    assert timezone.localdate() == time_machine.escape_hatch.datetime.datetime.now(STOCKHOLM).date()

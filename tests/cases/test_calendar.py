"""The deadline calendar moves a statutory deadline off weekends, public holidays and the three eves."""

from datetime import date

import holidays
import pytest

from cases.calendar import (
    days_left,
    due_horizon,
    is_working_day,
    next_working_day,
    statutory_due_date,
    working_days_ahead,
)


def test_a_deadline_on_a_weekday_stays_where_it_is():
    assert is_working_day(date(2026, 3, 4))
    assert next_working_day(date(2026, 3, 4)) == date(2026, 3, 4)


@pytest.mark.parametrize("weekend_day", [date(2026, 3, 7), date(2026, 3, 8)], ids=["saturday", "sunday"])
def test_a_deadline_on_a_weekend_moves_to_monday(weekend_day):
    assert not is_working_day(weekend_day)
    assert next_working_day(weekend_day) == date(2026, 3, 9)


@pytest.mark.parametrize("easter_day", [date(2026, 4, 3), date(2026, 4, 6)], ids=["good-friday", "easter-monday"])
def test_a_deadline_at_easter_moves_to_the_tuesday_after_easter_monday(easter_day):
    assert next_working_day(easter_day) == date(2026, 4, 7)


def test_a_deadline_on_midsummer_eve_moves_to_the_monday_after():
    assert not is_working_day(date(2026, 6, 19))
    assert next_working_day(date(2026, 6, 19)) == date(2026, 6, 22)


@pytest.mark.parametrize("christmas_day", [date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)])
def test_a_deadline_over_christmas_moves_to_the_monday_after(christmas_day):
    assert next_working_day(christmas_day) == date(2026, 12, 28)


def test_a_deadline_on_new_years_eve_moves_past_new_years_day_and_the_weekend():
    # 31 December 2026 is a Thursday and 1 January 2027 a Friday.
    assert next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)


def test_a_deadline_on_the_national_day_moves_to_the_next_day():
    # 6 June 2024 is a Thursday (in 2026 it is a Saturday).
    assert not is_working_day(date(2024, 6, 6))
    assert next_working_day(date(2024, 6, 6)) == date(2024, 6, 7)


def test_a_deadline_on_ascension_day_moves_to_the_friday_after():
    assert not is_working_day(date(2026, 5, 14))
    assert next_working_day(date(2026, 5, 14)) == date(2026, 5, 15)


def test_a_deadline_on_epiphany_moves_to_the_next_day():
    assert next_working_day(date(2027, 1, 6)) == date(2027, 1, 7)


def test_the_eves_are_the_same_days_as_the_holidays_packages_de_facto_holidays():
    for year in range(1960, 2061):
        eves = holidays.country_holidays("SE", years=year, categories=(holidays.DE_FACTO,))
        assert eves, year
        assert all(not is_working_day(eve) for eve in eves), year


def test_a_period_of_days_ending_on_a_saturday_runs_to_monday():
    assert statutory_due_date(date(2026, 3, 4), days=10) == date(2026, 3, 16)


def test_a_two_week_period_ends_on_the_same_weekday():
    assert statutory_due_date(date(2026, 3, 2), weeks=2) == date(2026, 3, 16)


def test_a_three_week_period_ending_on_midsummer_eve_runs_to_monday():
    assert statutory_due_date(date(2026, 5, 29), weeks=3) == date(2026, 6, 22)


def test_a_three_month_period_ending_on_christmas_eve_runs_to_the_monday_after_christmas():
    assert statutory_due_date(date(2026, 9, 24), months=3) == date(2026, 12, 28)


def test_a_month_period_is_clamped_to_the_end_of_a_shorter_month():
    assert statutory_due_date(date(2026, 3, 31), months=3) == date(2026, 6, 30)
    assert statutory_due_date(date(2028, 1, 31), months=1) == date(2028, 2, 29)


def test_a_month_period_clamped_onto_a_saturday_then_moves_to_monday():
    # 31 January 2026 + 1 month is Saturday 28 February.
    assert statutory_due_date(date(2026, 1, 31), months=1) == date(2026, 3, 2)


def test_without_a_period_the_start_day_itself_is_the_deadline():
    assert statutory_due_date(date(2026, 3, 4)) == date(2026, 3, 4)


def test_a_negative_period_is_refused():
    with pytest.raises(ValueError):
        statutory_due_date(date(2026, 3, 4), days=-1)


def test_days_left_counts_calendar_days_until_the_deadline():
    assert days_left(date(2026, 12, 28), today=date(2026, 12, 21)) == 7


def test_days_left_is_zero_on_the_deadline_itself():
    assert days_left(date(2026, 12, 28), today=date(2026, 12, 28)) == 0


def test_days_left_is_negative_once_the_deadline_has_passed():
    assert days_left(date(2026, 12, 28), today=date(2027, 1, 4)) == -7


@pytest.mark.parametrize(
    ("today", "horizon"),
    [
        (date(2026, 11, 18), date(2026, 11, 25)),  # Wednesday: the Wednesday after
        (date(2026, 12, 4), date(2026, 12, 11)),  # Friday: Monday to Friday of the next week
        (date(2026, 12, 5), date(2026, 12, 11)),  # Saturday: the same working days as Friday's
        (date(2026, 12, 6), date(2026, 12, 11)),  # Sunday
        (date(2027, 5, 5), date(2027, 5, 13)),  # the day before Ascension Day (Thursday 6 May) skips it
        (date(2026, 12, 23), date(2027, 1, 5)),  # over Christmas eve, Christmas, New Year's eve and day
        (date(2027, 3, 25), date(2027, 4, 5)),  # before Easter: Good Friday and Easter Monday do not count
        (date(2027, 6, 24), date(2027, 7, 2)),  # before midsummer eve
    ],
)
def test_the_due_horizon_is_the_fifth_working_day_after_today(today, horizon):
    assert due_horizon(today) == working_days_ahead(today, 5) == horizon


def test_working_days_ahead_counts_no_day_for_zero_and_refuses_a_negative_count():
    assert working_days_ahead(date(2026, 12, 5), 0) == date(2026, 12, 5)
    assert working_days_ahead(date(2026, 12, 4), 1) == date(2026, 12, 7)
    with pytest.raises(ValueError, match="forward"):
        working_days_ahead(date(2026, 12, 4), -1)

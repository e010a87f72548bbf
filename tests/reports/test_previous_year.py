"""The annual report prints each compared figure beside the previous year's and the change; a change computed from
a figure hidden in either year is hidden too, and the previous period is the same period a year earlier."""

from datetime import date

from reports import committee, figures
from reports.disclosure import Disclosure


def test_the_change_is_the_difference_of_two_printed_figures():
    disclosure = Disclosure()
    assert committee.change(disclosure.count(12), disclosure.count(7)).text == "+5"
    assert committee.change(disclosure.count(4), disclosure.count(10)).text == "\u22126"
    assert committee.change(disclosure.count(0), disclosure.count(0)).text == "+0"


def test_a_figure_hidden_in_either_year_stays_hidden_in_the_change_column():
    disclosure = Disclosure()
    small, large = disclosure.count(2), disclosure.count(9)
    assert small.hidden
    assert committee.change(small, large).hidden
    assert committee.change(large, small).hidden
    assert committee.change(large, small).value is None


def test_the_previous_period_is_the_same_period_a_year_earlier():
    assert figures.previous_year(date(2025, 1, 1), date(2025, 12, 31)) == (date(2024, 1, 1), date(2024, 12, 31))
    assert figures.previous_year(date(2028, 2, 1), date(2028, 2, 29)) == (date(2027, 2, 1), date(2027, 2, 28))
    assert figures.previous_year(date(2026, 1, 1), date(2026, 11, 18)) == (date(2025, 1, 1), date(2025, 11, 18))

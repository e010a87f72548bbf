"""CappedPaginator: counts at most `cap` rows, pages through those, and says when more match."""

import pytest

from cases.models import Case
from kompotten.pagination import CappedPaginator
from tests.factories import open_case


@pytest.fixture
def five_cases(organisation):
    return [open_case() for _ in range(5)]


def paginator(cap):
    return type("Capped", (CappedPaginator,), {"cap": cap})(Case.objects.order_by("pk"), 2)


def test_below_the_cap_it_counts_and_pages_like_the_plain_paginator(five_cases):
    pages = paginator(10)
    assert (pages.count, pages.num_pages, pages.is_capped) == (5, 3, False)
    assert list(pages.page(3).object_list) == five_cases[4:]


def test_past_the_cap_it_stops_counting_and_pages_through_the_first_rows(five_cases, django_assert_num_queries):
    pages = paginator(3)
    with django_assert_num_queries(1):
        assert (pages.count, pages.num_pages, pages.is_capped) == (3, 2, True)
    assert list(pages.get_page(2).object_list) == five_cases[2:3]
    assert list(pages.get_page(9).object_list) == five_cases[2:3]  # past the end: the last page, as Django does


def test_exactly_the_cap_is_not_more_than_it(five_cases):
    assert not paginator(5).is_capped

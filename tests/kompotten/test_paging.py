"""kompotten.paging: the three count strategies (exact in the ids' query, capped, keyset), the one pagination
template, and the links that keep the list's filters."""

import re
from datetime import timedelta

from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

import pytest

from cases.models import AccessLogEntry, Case
from kompotten.paging import (
    CappedPaginator,
    KeysetPage,
    Paginator,
    Position,
    counted_page,
    exact_page,
    keyset_page,
    query_with,
)
from tests.factories import open_case


@pytest.fixture
def five_cases(organisation):
    return [open_case() for _ in range(5)]


# --- capped ---------------------------------------------------------------------------------------------------------
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
    assert (pages.get_page(1).is_capped, pages.get_page(1).cap, pages.get_page(1).count) == (True, 3, 3)


def test_exactly_the_cap_is_not_more_than_it(five_cases):
    assert not paginator(5).is_capped


# --- exact ----------------------------------------------------------------------------------------------------------
def test_an_exact_page_counts_in_the_ids_query_and_reads_only_its_rows(five_cases, django_assert_num_queries):
    with django_assert_num_queries(2):  # the ids with the total, then the rows
        page = exact_page(Case.objects.order_by("pk"), 2, 2)
        assert page.object_list == five_cases[2:4]
    assert (page.count, page.paginator.num_pages, page.number, page.is_capped) == (5, 3, 2, False)


def test_an_empty_list_costs_one_query_and_a_page_past_the_end_falls_back_to_the_last(
    five_cases, django_assert_num_queries
):
    with django_assert_num_queries(1):
        empty = exact_page(Case.objects.none().order_by("pk") | Case.objects.filter(pk=0), 1, 2)
    assert (empty.count, empty.object_list, empty.has_other_pages()) == (0, [], False)
    page = exact_page(Case.objects.order_by("pk"), 9, 2)
    assert (page.number, page.object_list) == (3, five_cases[4:])
    assert exact_page(Case.objects.order_by("pk"), "x", 2).number == 1  # not a number: the first page


def test_a_counted_page_uses_djangos_count_in_a_query_of_its_own(five_cases, django_assert_num_queries):
    with django_assert_num_queries(2):  # the count, then the page
        page = counted_page(Case.objects.order_by("pk"), 3, 2)
        assert list(page.object_list) == five_cases[4:]
    assert (page.count, page.number, page.has_next(), page.is_capped) == (5, 3, False, False)


# --- keyset ---------------------------------------------------------------------------------------------------------
def test_a_keyset_page_reads_one_query_and_links_older_and_newer(five_cases, manager, django_assert_num_queries):
    start = timezone.now() - timedelta(days=1)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            at=start + timedelta(minutes=i // 2),  # two to a moment: the id breaks the tie
            user=manager,
            case=five_cases[0],
            action=AccessLogEntry.Action.DOWNLOAD_DOCUMENT,
            grant=AccessLogEntry.Grant.NONE,
        )
        for i in range(5)
    )
    entries = AccessLogEntry.objects.all()
    with django_assert_num_queries(1):
        first = keyset_page(entries, QueryDict("anvandare=3"), size=2)
    assert (first.has_previous(), first.has_next(), first.newer_query) == (False, True, None)
    assert first.older_query.startswith("anvandare=3&aldre=")
    second = keyset_page(entries, QueryDict(first.older_query), size=2)
    back = keyset_page(entries, QueryDict(second.newer_query), size=2)
    assert [row.pk for row in back.rows] == [row.pk for row in first.rows]


# --- the links and the template -------------------------------------------------------------------------------------
def test_the_links_drop_every_page_parameter_and_keep_the_filters():
    query = QueryDict("sida=3&status=open&aldre=1_2&typ=a&typ=b")
    assert query_with(query) == "status=open&typ=a&typ=b"
    assert query_with(query, sida=4) == "status=open&typ=a&typ=b&sida=4"
    assert query_with(query, without=("status",), sida=1) == "typ=a&typ=b&sida=1"


def _render(page, query: str = "") -> str:
    request = RequestFactory().get("/lista/?" + query)  # in the context alone: no context processor runs
    return render_to_string("includes/pagination.html", {"page": page, "request": request})


def _pages_named(number: int, pages: int = 100) -> tuple[list[str], int]:
    html = _render(Paginator(range(pages), 1).get_page(number))
    return re.findall(r'aria-label="Sida (\d+)"', html), html.count("govuk-pagination__item--ellipses")


def test_a_page_deep_in_a_long_list_names_the_ends_and_its_neighbours():
    """A bounded set of pages, so a list of thousands of pages renders as fast as one of ten."""
    assert _pages_named(50) == (["1", "2", "48", "49", "50", "51", "52", "99", "100"], 2)


def test_the_first_page_names_its_neighbours_and_the_last_pages():
    assert _pages_named(1) == (["1", "2", "3", "99", "100"], 1)


def test_a_short_list_names_every_page():
    assert _pages_named(3, pages=6) == (["1", "2", "3", "4", "5", "6"], 0)


def test_numbered_links_keep_the_filters():
    html = _render(Paginator(range(10), 2).get_page(2), "status=open&sida=2")
    assert 'href="?status=open&amp;sida=1" rel="prev"' in html
    assert 'href="?status=open&amp;sida=3" rel="next"' in html
    assert 'href="?status=open&amp;sida=5"' in html


def test_a_keyset_page_renders_newer_and_older_without_numbers():
    at = timezone.now()
    html = _render(KeysetPage([1], Position(at, 1), Position(at, 2)), "anvandare=3&aldre=9_9")
    assert "Nyare" in html and "Äldre" in html and "Sida" not in html
    assert f'href="?anvandare=3&amp;nyare={Position(at, 1)}" rel="prev"' in html
    assert _render(KeysetPage([], None, None)).strip() == ""

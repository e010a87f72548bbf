"""The pagination of every paged list names a bounded set of pages: the first two, the last two and two either side
of the current one, so a list of thousands of pages renders as fast as one of ten."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def _pages_named(number: int, pages: int = 100) -> tuple[list[str], int]:
    html = render_to_string("includes/pagination.html", {"page": Paginator(range(pages), 1).get_page(number)})
    return re.findall(r'aria-label="Sida (\d+)"', html), html.count("govuk-pagination__item--ellipses")


def test_a_page_deep_in_a_long_list_names_the_ends_and_its_neighbours():
    assert _pages_named(50) == (["1", "2", "48", "49", "50", "51", "52", "99", "100"], 2)


def test_the_first_page_names_its_neighbours_and_the_last_pages():
    assert _pages_named(1) == (["1", "2", "3", "99", "100"], 1)


def test_a_short_list_names_every_page():
    assert _pages_named(3, pages=6) == (["1", "2", "3", "4", "5", "6"], 0)

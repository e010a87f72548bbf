"""The pagination template's tags: the page numbers to show, and the querystring of each link (the request's other
parameters, the list's filters, kept)."""

from django import template
from django.http import QueryDict

from kompotten.paging import query_with

register = template.Library()


@register.simple_tag
def page_numbers(page) -> list:
    """Numbers, and `Paginator.ELLIPSIS` where numbers are left out: the first two, the last two and two either
    side of the current page. Looping over every page number in the template instead evaluated its conditions 800
    times for 20,000 relocation requests, 40 ms of a 100 ms page."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=2))


@register.simple_tag(takes_context=True)
def page_link(context, page, to) -> str:
    """`?<filters>&sida=<to>` (or the keyset's position): the link to page `to`, a number, "previous" or "next"."""
    return "?" + page.link_query(_query(context), to)


@register.simple_tag(takes_context=True)
def filters_query(context) -> str:
    """The request's parameters without the page: what a link to the list's first page keeps (a sort link)."""
    return query_with(_query(context))


def _query(context) -> QueryDict:
    request = context.get("request")
    return request.GET if request is not None else QueryDict()

"""Paging a list: one page object whatever the list's count strategy, and one way to build the links' querystring.

Each list picks how its total is found:

- `exact_page`: the total is counted in the same query as the page's ids (`COUNT(*) OVER ()` on the rows the sort
  visits anyway), then the rows themselves are read, with their joins, annotations and prefetches, for those ids
  only (a "deferred join"). PostgreSQL otherwise carries every visible row's full width through the sort before
  the LIMIT keeps 25 of them: 20,000 relocation requests took 48 ms sorted wide and 17 ms sorted by id alone. The
  same two queries as Django's `Paginator` (a count, then the page), whatever the list's length.
- `counted_page`: Django's own count, in a query of its own, then the page: the same two queries, and the page's
  LIMIT lets PostgreSQL stop its sort early. For lists of narrow rows that a window count would make sort in full.
- `capped_page`: counts at most `cap` rows (a `LIMIT` inside the count) and says when there are more, so the page
  can say "more than 10 000" and ask the user to narrow the list; over 200,000 cases an exact count costs more
  than the page.
- `keyset_page`: counts nothing; a page is "the `size` rows just older (or newer) than this row", found through an
  index on (timestamp, id), so the thousandth page costs what the first does (the access log). The position in a
  link is the boundary row's timestamp in microseconds and its id: `?aldre=1763925302123456_4711`. Written here
  rather than taken from django-cursor-pagination: that library sorts `NULLS LAST` and adds `OR ... IS NULL` to
  every bound, which keeps PostgreSQL from walking a plain btree index backwards. `seek` is the step under it, also
  used by the housing queue, whose place in the queue is its own cursor (`housing.queue.Place`).

Numbered pages are Django `Page`s (`page.paginator.count`, `page.has_next()`); a keyset page answers the same
questions the one pagination template asks (`has_other_pages`, `has_previous`, `has_next`, `is_keyset`). Links
keep the request's other parameters (the list's filters) through `query_with`.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.core import paginator
from django.db.models import Count, Q, QuerySet, Window
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

PAGE = "sida"  # the page number of a numbered list
OLDER, NEWER = "aldre", "nyare"  # the position of a keyset list: rows older / newer than it
AFTER, BEFORE = "efter", "fore"  # the place in a list of a fixed order (the housing queue): rows after / before it
PAGE_PARAMETERS = (PAGE, OLDER, NEWER, AFTER, BEFORE)


def query_with(query: QueryDict, *, without: tuple[str, ...] = (), **params) -> str:
    """`query` without any page parameter (nor those named in `without`), with `params` added last: the querystring
    of a link to another page of the same list (or, without `params`, the list's filters alone)."""
    kept = query.copy()
    for name in (*PAGE_PARAMETERS, *without):
        kept.pop(name, None)
    for name, value in params.items():
        kept[name] = str(value)
    return kept.urlencode()


# --- numbered pages: exact or capped count ------------------------------------------------------------------------
class NumberedPage(paginator.Page):
    is_keyset = False
    previous_label, next_label = _("Föregående"), _("Nästa")

    @property
    def count(self) -> int:
        return self.paginator.count

    @property
    def is_capped(self) -> bool:
        return getattr(self.paginator, "is_capped", False)

    @property
    def cap(self) -> int | None:
        return getattr(self.paginator, "cap", None)

    def link_query(self, query: QueryDict, to) -> str:
        """The querystring of the link to page `to`: a number, "previous" or "next"."""
        number = {"previous": self.previous_page_number, "next": self.next_page_number}.get(to)
        return query_with(query, **{PAGE: number() if number else to})


class Paginator(paginator.Paginator):
    def _get_page(self, *args, **kwargs):
        return NumberedPage(*args, **kwargs)


class CappedPaginator(Paginator):
    cap = 10_000

    @cached_property
    def _counted(self) -> int:
        """The matching rows, counted up to one past the cap (only the ids, without the list's annotations)."""
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def is_capped(self) -> bool:
        """More rows match than were counted: only the first `cap` can be paged through."""
        return self._counted > self.cap


def counted_page(ordered: QuerySet, number, per_page: int) -> NumberedPage:
    """`ordered` paged with Django's count."""
    return Paginator(ordered, per_page).get_page(number)


def capped_page(queryset: QuerySet, number, per_page: int) -> NumberedPage:
    """`queryset` paged with a count of at most `CappedPaginator.cap` rows."""
    return CappedPaginator(queryset, per_page).get_page(number)


def exact_page(ordered: QuerySet, number, per_page: int) -> NumberedPage:
    """`ordered` paged like `Paginator(ordered, per_page).get_page(number)`, its total counted in the ids' query;
    `object_list` is a list of full rows."""
    pages = Paginator(ordered.values_list("pk", flat=True), per_page)
    wanted = _number(number)
    start = (wanted - 1) * per_page
    counted = ordered.annotate(list_total=Window(Count("pk"))).values_list("pk", "list_total")
    found = list(counted[start : start + per_page])
    if found or wanted == 1:
        pages.count = found[0][1] if found else 0  # Paginator.count is a cached property: this is its value
        page = pages.page(wanted)
        ids = [pk for pk, _total in found]
    else:  # a page past the end: Paginator counts and falls back to the last page
        page = pages.get_page(wanted)
        ids = list(page.object_list)
    rows = {row.pk: row for row in ordered.filter(pk__in=ids)} if ids else {}
    page.object_list = [rows[pk] for pk in ids if pk in rows]  # a row may have left the filter in between
    return page


def _number(number) -> int:
    try:
        return max(int(number), 1)
    except (TypeError, ValueError):
        return 1


# --- keyset pages: no count --------------------------------------------------------------------------------------
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def seek(ordered: QuerySet, *, after=None, before=None, size: int) -> tuple[list, bool, bool]:
    """The `size` rows of `ordered` just after the place `after` (or just before `before`; neither: the first rows),
    in one query of one row more, to learn whether more lie beyond. A place is any value whose `behind()` and
    `ahead()` give the rows after and before it in `ordered`'s order: a `Position` here, the housing queue's
    `Place`. Returns the rows in order, whether rows lie before them and whether rows lie after them."""
    if before is not None and after is None:
        found = list(ordered.filter(before.ahead()).reverse()[: size + 1])
        return found[:size][::-1], len(found) > size, True
    if after is not None:
        ordered = ordered.filter(after.behind())
    found = list(ordered[: size + 1])
    return found[:size], after is not None, len(found) > size


@dataclass(frozen=True)
class Position:
    """A row of a list newest first by (`key`, pk): the rows ahead of it are newer, those behind it older."""

    at: datetime
    pk: int
    key: str = "at"

    def __str__(self) -> str:
        return f"{(self.at - EPOCH) // MICROSECOND}_{self.pk}"

    @classmethod
    def parse(cls, value: str | None, key: str = "at") -> "Position | None":
        """None for a missing or malformed position: the list then starts from the newest row."""
        try:
            micros, pk = (int(part) for part in (value or "").split("_"))
            return cls(EPOCH + micros * MICROSECOND, pk, key)
        except (ValueError, OverflowError):
            return None

    def ahead(self) -> Q:
        return self._beyond("gt")

    def behind(self) -> Q:
        return self._beyond("lt")

    def _beyond(self, lookup: str) -> Q:
        """(key, pk) beyond the position in the direction of `lookup`. The redundant bound `key <= t` (or `>=`) is
        what lets PostgreSQL start its index scan at the position instead of filtering its way down from the top."""
        key, at = self.key, self.at
        bound = Q(**{f"{key}__{lookup}e": at})
        return bound & (Q(**{f"{key}__{lookup}": at}) | Q(**{f"pk__{lookup}": self.pk}))


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    newer: Position | None  # where the page of newer rows starts from, when there are newer rows
    older: Position | None  # likewise for older rows
    query: QueryDict = field(default_factory=QueryDict)  # the request's parameters: the filters the links keep
    is_keyset = True
    previous_label, next_label = _("Nyare"), _("Äldre")

    @property
    def object_list(self) -> list:
        return self.rows

    def has_previous(self) -> bool:
        return self.newer is not None

    def has_next(self) -> bool:
        return self.older is not None

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def link_query(self, query: QueryDict, to: str) -> str:
        """The querystring of the link to the "previous" (newer) or "next" (older) page."""
        return query_with(query, **({NEWER: self.newer} if to == "previous" else {OLDER: self.older}))

    @property
    def newer_query(self) -> str | None:
        return self.link_query(self.query, "previous") if self.newer else None

    @property
    def older_query(self) -> str | None:
        return self.link_query(self.query, "next") if self.older else None


def keyset_page(queryset: QuerySet, query: QueryDict, *, size: int, key: str = "at") -> KeysetPage:
    """One page of `queryset` newest first by (`key`, pk), from the position in `query` (none: the newest rows).

    Always one query: `size + 1` rows are read to learn whether more lie beyond the page."""
    older_than, newer_than = Position.parse(query.get(OLDER), key), Position.parse(query.get(NEWER), key)
    ordered = queryset.order_by(f"-{key}", "-pk")
    rows, more_newer, more_older = seek(ordered, after=older_than, before=newer_than, size=size)
    if not rows:
        return KeysetPage([], None, None, query)
    return KeysetPage(
        rows,
        Position(getattr(rows[0], key), rows[0].pk, key) if more_newer else None,
        Position(getattr(rows[-1], key), rows[-1].pk, key) if more_older else None,
        query,
    )

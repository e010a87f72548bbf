"""Paging a list that can hold hundreds of thousands of rows without counting them all on every page.

Django's `Paginator` counts every matching row to number the pages; over 200,000 cases that count alone costs
more than the page. `CappedPaginator` counts at most `cap` rows (a `LIMIT` inside the count), pages through those
as usual, and says when there are more, so the page can tell the user "more than 10 000" and ask them to narrow
the list instead of printing a number it did not read.
"""

from functools import cached_property

from django.core.paginator import Paginator


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

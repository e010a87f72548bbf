"""Keyset pagination (the seek method) for long lists shown newest first, such as the access log.

A page is "the `size` rows just older (or newer) than this row", found through an index on (timestamp, id), so
the thousandth page costs what the first does and nothing is counted. The position in a link is the boundary
row's timestamp in microseconds and its id: `?aldre=1763925302123456_4711`.

Written here rather than taken from django-cursor-pagination: that library sorts `NULLS LAST` and adds
`OR ... IS NULL` to every bound, which keeps PostgreSQL from walking a plain btree index backwards.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import QueryDict

OLDER, NEWER = "aldre", "nyare"  # the query parameters: rows older / newer than the position
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True)
class Position:
    at: datetime
    pk: int

    def __str__(self) -> str:
        return f"{(self.at - EPOCH) // MICROSECOND}_{self.pk}"

    @classmethod
    def parse(cls, value: str | None) -> "Position | None":
        """None for a missing or malformed position: the list then starts from the newest row."""
        try:
            micros, pk = (int(part) for part in (value or "").split("_"))
            return cls(EPOCH + micros * MICROSECOND, pk)
        except (ValueError, OverflowError):
            return None


@dataclass(frozen=True)
class KeysetPage:
    rows: list
    newer: Position | None  # where the page of newer rows starts from, when there are newer rows
    older: Position | None  # likewise for older rows
    query: QueryDict = field(default_factory=QueryDict)  # the request's parameters: the filters the links keep

    @property
    def newer_query(self) -> str | None:
        return self._link(NEWER, self.newer)

    @property
    def older_query(self) -> str | None:
        return self._link(OLDER, self.older)

    def _link(self, direction: str, position: Position | None) -> str | None:
        if position is None:
            return None
        params = self.query.copy()
        for name in (OLDER, NEWER):
            params.pop(name, None)
        params[direction] = str(position)
        return params.urlencode()


def keyset_page(queryset: QuerySet, query: QueryDict, *, size: int, key: str = "at") -> KeysetPage:
    """One page of `queryset` newest first by (`key`, pk), from the position in `query` (none: the newest rows).

    Always one query: `size + 1` rows are read to learn whether more lie beyond the page."""
    older_than, newer_than = Position.parse(query.get(OLDER)), Position.parse(query.get(NEWER))
    if newer_than is not None and older_than is None:
        found = list(queryset.filter(_beyond(key, newer_than, "gt")).order_by(key, "pk")[: size + 1])
        rows = found[:size][::-1]
        more_newer, more_older = len(found) > size, True
    else:
        if older_than is not None:
            queryset = queryset.filter(_beyond(key, older_than, "lt"))
        found = list(queryset.order_by(f"-{key}", "-pk")[: size + 1])
        rows = found[:size]
        more_newer, more_older = older_than is not None, len(found) > size
    if not rows:
        return KeysetPage([], None, None, query)
    return KeysetPage(
        rows,
        Position(getattr(rows[0], key), rows[0].pk) if more_newer else None,
        Position(getattr(rows[-1], key), rows[-1].pk) if more_older else None,
        query,
    )


def _beyond(key: str, position: Position, lookup: str) -> Q:
    """(key, pk) beyond the position in the direction of `lookup`. The redundant bound `key <= t` (or `>=`) is
    what lets PostgreSQL start its index scan at the position instead of filtering its way down from the top."""
    at = position.at
    bound = Q(**{f"{key}__{lookup}e": at})
    return bound & (Q(**{f"{key}__{lookup}": at}) | Q(**{f"pk__{lookup}": position.pk}))

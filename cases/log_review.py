"""Reads of the access log for managers: the log per person and per user, and the monthly review.

Managers see the log of their own municipality: accesses by its users and accesses to its cases. Persons in the
log are presented through the policy like everywhere else: a manager without a grant sees "Skyddad identitet".
"""

import bisect
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone

from cases.access import AccessPolicy
from cases.models import AccessLogEntry, AccessReview, Case, EmergencyAccess, GrantEvent, Person
from cases.presentation import PersonView, present
from kompotten.capabilities import Capability
from kompotten.models import User
from kompotten.paging import KeysetPage, keyset_page

PAGE_SIZE = 50
ENDED_PERIOD_CACHE_SECONDS = 24 * 60 * 60
UNUSUAL_VOLUME_FACTOR = 3
UNUSUAL_VOLUME_MINIMUM = 20


def _scope(policy: AccessPolicy) -> Q:
    """Accesses by the municipality's users or to its cases. Written as two uncorrelated subqueries, PostgreSQL
    hashes the few hundred users once and looks at the cases only for a row by someone from elsewhere, instead of
    joining every row of a month to its user, case and their units (a month's counts: 110 ms to 25 ms)."""
    municipality_id = policy.user.unit.municipality_id
    users = User.objects.filter(unit__municipality_id=municipality_id).values("pk")
    cases = Case.objects.filter(unit__municipality_id=municipality_id).values("pk")
    return Q(user_id__in=users) | Q(case_id__in=cases)


def entries(policy: AccessPolicy) -> QuerySet[AccessLogEntry]:
    policy.require(Capability.OVERSEE, hidden=True)  # the log is for management; to anyone else it does not exist
    return AccessLogEntry.objects.filter(_scope(policy)).select_related("user__unit", "person", "case")


@dataclass(frozen=True)
class LogRow:
    entry: AccessLogEntry
    person: PersonView | None


def rows(policy: AccessPolicy, page_entries) -> list[LogRow]:
    return [LogRow(e, present(policy, e.person, case=e.case) if e.person else None) for e in page_entries]


def log_page(
    policy: AccessPolicy, query: QueryDict, *, person_id=None, user_id=None
) -> tuple[KeysetPage, list[LogRow]]:
    """Newest first, a page at a time from the position in `query` ("Äldre" / "Nyare"); the log is never counted."""
    selected = entries(policy)
    if person_id:
        selected = selected.filter(person_id=person_id)
    if user_id:
        selected = selected.filter(user_id=user_id)
    page = keyset_page(selected, query, size=PAGE_SIZE)
    return page, rows(policy, page.rows)


# --- grants given (beviljade behörigheter) --------------------------------------------------------------------------
@dataclass(frozen=True)
class GrantRow:
    event: GrantEvent
    person: PersonView | None


def _grants(policy: AccessPolicy) -> QuerySet[GrantEvent]:
    """Grants given or revoked to the municipality's users or on its cases (`_scope` reads user_id and case_id)."""
    policy.require(Capability.OVERSEE, hidden=True)  # the log is for management; to anyone else it does not exist
    related = ("given_by__unit", "user__unit", "case", "person", "emergency_access")
    return GrantEvent.objects.filter(_scope(policy)).select_related(*related)


def _grants_in_period(policy: AccessPolicy, start: date, end: date, *, protected_only: bool) -> QuerySet[GrantEvent]:
    grants = _grants(policy).filter(
        at__gte=timezone.make_aware(datetime.combine(start, time.min)),
        at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )
    return grants.filter(protected=True) if protected_only else grants


def grant_rows(policy: AccessPolicy, events) -> list[GrantRow]:
    return [GrantRow(e, present(policy, e.person, case=e.case) if e.person else None) for e in events]


def grant_page(
    policy: AccessPolicy, query: QueryDict, start: date, end: date, *, protected_only: bool
) -> tuple[KeysetPage, list[GrantRow]]:
    """Every grant given or revoked in the period (who gave it, to whom, on which case or person, why, when), newest
    first, a page at a time; `protected_only`: those on protected cases and persons."""
    page = keyset_page(_grants_in_period(policy, start, end, protected_only=protected_only), query, size=PAGE_SIZE)
    return page, grant_rows(policy, page.rows)


def logged_person_or_404(policy: AccessPolicy, pk) -> Person:
    """A person the manager may name in a log extract: one who appears in their municipality's log."""
    try:
        return Person.objects.get(pk=pk, pk__in=entries(policy).values("person_id"))
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def logged_user_or_404(policy: AccessPolicy, pk) -> User:
    try:
        return User.objects.get(pk=pk, pk__in=entries(policy).values("user_id"))
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def month_period(month: str | None) -> tuple[date, date]:
    """'2026-10' -> (1 Oct, 31 Oct); by default the previous month, the one due for review."""
    try:
        start = datetime.strptime(month or "", "%Y-%m").date()  # noqa: DTZ007 - a calendar month, not a moment
    except ValueError:
        start = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start, end


def _in_period(policy: AccessPolicy, start: date, end: date) -> QuerySet[AccessLogEntry]:
    return entries(policy).filter(
        at__gte=timezone.make_aware(datetime.combine(start, time.min)),
        at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )


def _views_per_user(in_period: QuerySet[AccessLogEntry]) -> Counter:
    """Identity views per user in one GROUP BY: a row per user, however many views the month holds."""
    views = in_period.filter(action=AccessLogEntry.Action.VIEW_IDENTITY).order_by()
    return Counter(dict(views.values("user_id").annotate(n=Count("pk")).values_list("user_id", "n")))


def _not_assigned(in_period: QuerySet[AccessLogEntry]) -> QuerySet[AccessLogEntry]:
    """Identities opened by someone who is not a handler of the case (a person grant, emergency access, none)."""
    return in_period.filter(person__isnull=False).exclude(grant=AccessLogEntry.Grant.ASSIGNMENT)


def _unusual(counts: Counter) -> dict[int, int]:
    """Users who looked at more than a minimum, and at several times what the median of the others did. The counts
    are sorted once, so each user's "others" is that list without one copy of their own count."""
    ordered = sorted(counts.values())
    unusual = {}
    for user_id, count in counts.items():
        at = bisect.bisect_left(ordered, count)
        others = ordered[:at] + ordered[at + 1 :]
        baseline = statistics.median(others) if others else 0
        if count > max(UNUSUAL_VOLUME_MINIMUM, UNUSUAL_VOLUME_FACTOR * baseline):
            unusual[user_id] = count
    return unusual


@dataclass(frozen=True)
class ReviewSummary:
    period_start: date
    period_end: date
    emergency_unreviewed: list[EmergencyAccess]
    emergency_persons: dict[int, PersonView]
    not_assigned: list[LogRow]  # the newest of them, a page at most
    not_assigned_total: int
    grants: list[GrantRow]  # the newest grants on protected cases and persons in the period, a page at most
    grants_total: int
    unusual: list[tuple[User, int]]
    identity_views: int
    reviews: list[AccessReview]


def review(policy: AccessPolicy, start: date, end: date) -> ReviewSummary:
    municipality_id = policy.user.unit.municipality_id
    emergency = list(
        EmergencyAccess.objects.filter(reviewed_at__isnull=True, user__unit__municipality_id=municipality_id)
        .select_related("user__unit", "person", "case")
        .order_by("started_at")
    )
    counts = month_counts(policy, start, end)
    users = User.objects.in_bulk(counts.unusual)
    grants = _grants_in_period(policy, start, end, protected_only=True)
    return ReviewSummary(
        period_start=start,
        period_end=end,
        emergency_unreviewed=emergency,
        emergency_persons={a.pk: present(policy, a.person, case=a.case) for a in emergency},
        not_assigned=rows(policy, _not_assigned(_in_period(policy, start, end))[:PAGE_SIZE]),
        not_assigned_total=counts.not_assigned,
        grants=grant_rows(policy, grants[:PAGE_SIZE]),
        grants_total=grants.count(),
        unusual=sorted(((users[i], n) for i, n in counts.unusual.items()), key=lambda pair: -pair[1]),
        identity_views=counts.identity_views,
        reviews=list(AccessReview.objects.filter(municipality_id=municipality_id).select_related("reviewer")[:24]),
    )


@dataclass(frozen=True)
class MonthCounts:
    """A period's counts from the log, nobody named."""

    period_start: date
    period_end: date
    views_per_user: dict[int, int]  # identity views
    not_assigned: int  # identities opened in the period by someone not assigned to the case

    @property
    def identity_views(self) -> int:
        return sum(self.views_per_user.values())

    @property
    def unusual(self) -> dict[int, int]:
        return _unusual(Counter(self.views_per_user))

    @property
    def unusual_users(self) -> int:
        return len(self.unusual)


def month_counts(policy: AccessPolicy, start: date, end: date) -> MonthCounts:
    """What `review` counts, in two queries however long the log. A period that has ended never changes (the log
    is append-only and every row is stamped when it is written), so its counts are cached for a day."""
    policy.require(Capability.OVERSEE, hidden=True)  # the log is for management; to anyone else it does not exist

    def count() -> MonthCounts:
        in_period = _in_period(policy, start, end)
        return MonthCounts(start, end, dict(_views_per_user(in_period)), _not_assigned(in_period).count())

    if end >= timezone.localdate():
        return count()
    key = f"cases:log-counts:{policy.user.unit.municipality_id}:{start}:{end}"
    return cache.get_or_set(key, count, ENDED_PERIOD_CACHE_SECONDS)


@dataclass(frozen=True)
class ReviewStatus(MonthCounts):
    """The open access-log review in counts only (the managers' dashboard): the period's counts, whether its review
    is recorded, and the emergency accesses waiting for one."""

    reviewed: bool = False
    emergency_unreviewed: int = 0

    @property
    def open_items(self) -> int:
        return (0 if self.reviewed else 1) + self.emergency_unreviewed


def review_status(policy: AccessPolicy, counts: MonthCounts) -> ReviewStatus:
    """The period's counts with what a manager may just have done: two more queries, read every time."""
    policy.require(Capability.OVERSEE, hidden=True)  # the log is for management; to anyone else it does not exist
    municipality_id = policy.user.unit.municipality_id
    reviews = AccessReview.objects.filter(
        municipality_id=municipality_id, period_start__lte=counts.period_start, period_end__gte=counts.period_end
    )
    emergency = EmergencyAccess.objects.filter(reviewed_at__isnull=True, user__unit__municipality_id=municipality_id)
    return ReviewStatus(**vars(counts), reviewed=reviews.exists(), emergency_unreviewed=emergency.count())

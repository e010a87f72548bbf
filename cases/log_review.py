"""Reads of the access log for managers: the log per person and per user, and the monthly review.

Managers see the log of their own municipality: accesses by its users and accesses to its cases. Persons in the
log are presented through the policy like everywhere else: a manager without a grant sees "Skyddad identitet".
"""

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cases.access import AccessPolicy
from cases.models import AccessLogEntry, AccessReview, EmergencyAccess, Person
from cases.presentation import PersonView, present
from kompotten.models import User

PAGE_SIZE = 50
UNUSUAL_VOLUME_FACTOR = 3
UNUSUAL_VOLUME_MINIMUM = 20


def require_manager(policy: AccessPolicy) -> None:
    """The log is for managers; to anyone else its pages do not exist."""
    if not policy.is_manager:
        raise Http404


def _scope(policy: AccessPolicy) -> Q:
    municipality_id = policy.user.unit.municipality_id
    return Q(user__unit__municipality_id=municipality_id) | Q(case__unit__municipality_id=municipality_id)


def entries(policy: AccessPolicy) -> QuerySet[AccessLogEntry]:
    require_manager(policy)
    return AccessLogEntry.objects.filter(_scope(policy)).select_related("user__unit", "person", "case")


@dataclass(frozen=True)
class LogRow:
    entry: AccessLogEntry
    person: PersonView | None


def rows(policy: AccessPolicy, page_entries) -> list[LogRow]:
    return [LogRow(e, present(policy, e.person, case=e.case) if e.person else None) for e in page_entries]


def log_page(policy: AccessPolicy, *, person_id=None, user_id=None, page=1) -> tuple[Page, list[LogRow]]:
    selected = entries(policy)
    if person_id:
        selected = selected.filter(person_id=person_id)
    if user_id:
        selected = selected.filter(user_id=user_id)
    page_obj = Paginator(selected, PAGE_SIZE).get_page(page)
    return page_obj, rows(policy, page_obj.object_list)


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


def _is_unusual(count: int, counts: Counter, user_id: int) -> bool:
    """More than a minimum, and several times what the other users of the municipality looked at."""
    others = [n for other, n in counts.items() if other != user_id]
    baseline = statistics.median(others) if others else 0
    return count > max(UNUSUAL_VOLUME_MINIMUM, UNUSUAL_VOLUME_FACTOR * baseline)


@dataclass(frozen=True)
class ReviewSummary:
    period_start: date
    period_end: date
    emergency_unreviewed: list[EmergencyAccess]
    emergency_persons: dict[int, PersonView]
    not_assigned: list[LogRow]
    unusual: list[tuple[User, int]]
    identity_views: int
    reviews: list[AccessReview]


def review(policy: AccessPolicy, start: date, end: date) -> ReviewSummary:
    in_period = entries(policy).filter(
        at__gte=timezone.make_aware(datetime.combine(start, time.min)),
        at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )
    municipality_id = policy.user.unit.municipality_id
    emergency = list(
        EmergencyAccess.objects.filter(reviewed_at__isnull=True, user__unit__municipality_id=municipality_id)
        .select_related("user__unit", "person", "case")
        .order_by("started_at")
    )
    views = in_period.filter(action=AccessLogEntry.Action.VIEW_IDENTITY)
    counts = Counter(views.values_list("user_id", flat=True))
    unusual_ids = {user_id: n for user_id, n in counts.items() if _is_unusual(n, counts, user_id)}
    users = User.objects.in_bulk(unusual_ids)
    return ReviewSummary(
        period_start=start,
        period_end=end,
        emergency_unreviewed=emergency,
        emergency_persons={a.pk: present(policy, a.person, case=a.case) for a in emergency},
        not_assigned=rows(
            policy, in_period.filter(person__isnull=False).exclude(grant=AccessLogEntry.Grant.ASSIGNMENT)[:200]
        ),
        unusual=sorted(((users[i], n) for i, n in unusual_ids.items()), key=lambda pair: -pair[1]),
        identity_views=sum(counts.values()),
        reviews=list(AccessReview.objects.filter(municipality_id=municipality_id).select_related("reviewer")[:24]),
    )


@dataclass(frozen=True)
class ReviewStatus:
    """The open access-log review in counts only (the managers' dashboard): nobody is named."""

    period_start: date
    period_end: date
    reviewed: bool  # a review of the period is recorded
    emergency_unreviewed: int
    not_assigned: int  # identities opened in the period by someone not assigned to the case
    unusual_users: int
    identity_views: int

    @property
    def open_items(self) -> int:
        return (0 if self.reviewed else 1) + self.emergency_unreviewed


def review_status(policy: AccessPolicy, start: date, end: date) -> ReviewStatus:
    """What `review` lists, counted in the database: four queries however long the log."""
    in_period = entries(policy).filter(
        at__gte=timezone.make_aware(datetime.combine(start, time.min)),
        at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
    )
    municipality_id = policy.user.unit.municipality_id
    views = in_period.filter(action=AccessLogEntry.Action.VIEW_IDENTITY).order_by()
    counts = Counter(dict(views.values("user_id").annotate(n=Count("pk")).values_list("user_id", "n")))
    return ReviewStatus(
        period_start=start,
        period_end=end,
        reviewed=AccessReview.objects.filter(
            municipality_id=municipality_id, period_start__lte=start, period_end__gte=end
        ).exists(),
        emergency_unreviewed=EmergencyAccess.objects.filter(
            reviewed_at__isnull=True, user__unit__municipality_id=municipality_id
        ).count(),
        not_assigned=in_period.filter(person__isnull=False).exclude(grant=AccessLogEntry.Grant.ASSIGNMENT).count(),
        unusual_users=sum(1 for user_id, n in counts.items() if _is_unusual(n, counts, user_id)),
        identity_views=sum(counts.values()),
    )

"""The numbers the team reports every month and the committee's annual report prints: notices received and files
closed per month, by sender, kind, reason, landlord type; households with children; ladder steps; outcomes;
evictions executed and prevented; children affected. Read through the access policy: the team sees its own unit,
a manager the whole municipality."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from cases.access import AccessPolicy
from evictions.models import Closure, Contact, ContactKind, EvictionFile, Landlord, Notice
from evictions.selectors import visible_files

MONTHS = range(1, 13)


@dataclass
class Month:
    number: int
    received: int = 0
    with_children: int = 0
    closed: int = 0
    executed: int = 0
    prevented: int = 0
    children_affected: int = 0


@dataclass
class YearStatistics:
    year: int
    months: list[Month]
    totals: Month
    by_sender: list[tuple[str, int]] = field(default_factory=list)
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_reason: list[tuple[str, int]] = field(default_factory=list)
    by_landlord_kind: list[tuple[str, int]] = field(default_factory=list)
    by_outcome: list[tuple[str, int]] = field(default_factory=list)
    ladder_steps: list[tuple[str, int]] = field(default_factory=list)


def _notices(policy: AccessPolicy) -> QuerySet[Notice]:
    if policy.is_manager:
        return Notice.objects.filter(unit__municipality_id=policy.user.unit.municipality_id)
    if policy.is_partner or not policy.user.unit_id:
        return Notice.objects.none()
    return Notice.objects.filter(unit_id=policy.user.unit_id)


def _labelled(choices, counts: dict) -> list[tuple[str, int]]:
    return [(str(label), counts.get(value, 0)) for value, label in choices]


def year_statistics(policy: AccessPolicy, year: int) -> YearStatistics:
    notices = _notices(policy).filter(received_on__year=year)
    files = visible_files(policy)
    closures = Closure.objects.filter(file__in=files, closed_on__year=year)
    months = {number: Month(number) for number in MONTHS}
    family = Exists(EvictionFile.objects.filter(pk=OuterRef("file_id"), has_children=True))
    for row in (
        notices.annotate(m=ExtractMonth("received_on"), family=family).values("m", "family").annotate(n=Count("pk"))
    ):
        months[row["m"]].received += row["n"]
        if row["family"]:
            months[row["m"]].with_children += row["n"]
    eviction_notice = Exists(Notice.objects.filter(file_id=OuterRef("file_id"), kind=Notice.Kind.EVICTION))
    closed = closures.annotate(m=ExtractMonth("closed_on"), kfm=eviction_notice).values("m", "outcome", "kfm")
    for row in closed.annotate(n=Count("pk"), children=Sum("children_affected")):
        month = months[row["m"]]
        month.closed += row["n"]
        month.children_affected += row["children"] or 0
        if row["outcome"] == Closure.Outcome.EVICTED:
            month.executed += row["n"]
        elif row["kfm"]:
            month.prevented += row["n"]
    totals = Month(0)
    for month in months.values():
        for name in ("received", "with_children", "closed", "executed", "prevented", "children_affected"):
            setattr(totals, name, getattr(totals, name) + getattr(month, name))
    reasons = Counter()
    for reason_list in notices.values_list("reasons", flat=True):
        reasons.update(reason_list)
    return YearStatistics(
        year=year,
        months=list(months.values()),
        totals=totals,
        by_sender=_labelled(Notice.Sender.choices, _count(notices, "sender_kind")),
        by_kind=_labelled(Notice.Kind.choices, _count(notices, "kind")),
        by_reason=_labelled(Notice.Reason.choices, reasons),
        by_landlord_kind=_labelled(Landlord.Kind.choices, _count(notices, "landlord__kind")),
        by_outcome=_labelled(Closure.Outcome.choices, _count(closures, "outcome")),
        ladder_steps=_labelled(
            ContactKind.choices, _count(Contact.objects.filter(file__in=files, happened_on__year=year), "kind")
        ),
    )


def _count(queryset: QuerySet, field_name: str) -> dict:
    grouped = defaultdict(int)
    for row in queryset.order_by().values(field_name).annotate(n=Count("pk")):
        grouped[row[field_name]] += row["n"]
    return grouped


def years(today: date) -> list[int]:
    return list(range(today.year, today.year - 5, -1))

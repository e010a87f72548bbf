"""The housing chain's figures for a period, as the committee reads them (seed 001): referrals per kind, decisions
per outcome and how long they took against the decision deadline, social contracts started and passed to the tenant,
protected-housing placements ended by outcome with their children, kundvård, Nexus's flats and the landlords'
quotas (promised and used) per reservation pool.

Counts for the committee, not case work: they ignore object-level access (a count names no one) and carry no
identity. The period is two dates, both included. Every figure is an aggregate in PostgreSQL: the number of queries
does not grow with the number of cases. `reports` reads the housing unit only through this module.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from housing.models import (
    Decision,
    HousingApplication,
    Kundvard,
    NexusFlatStay,
    PlacementOutcome,
    PoolQuota,
    PoolUse,
    ProtectedPlacement,
    ReferralKind,
    ReservationPool,
    SocialContract,
)
from kompotten.statistics import (
    DaysBetween,
    ProcessingTime,
    Tally,
    count_by,
    in_period,
    processing_time,
    tallies,
)


@dataclass(frozen=True)
class OutcomeRow:
    """Placements ended with one outcome: how many, the children who came along, and those who got a lasting home."""

    outcome: str
    label: str
    placements: int
    children: int
    children_housed: int


@dataclass(frozen=True)
class QuotaRow:
    """One reservation pool of one landlord: flats promised for the years of the period and flats taken in it."""

    landlord: str
    pool: str
    kind: str
    kind_label: str
    promised: int
    used: int
    overrides: int

    @property
    def left(self) -> int:
        return max(self.promised - self.used, 0)


@dataclass(frozen=True)
class KundvardFigures:
    requested: int
    granted: int
    refused: int
    moved: int
    new_lease_in_victims_name: int


@dataclass(frozen=True)
class NexusFlatFigures:
    moved_in: int
    moved_out: int
    handed_over_to_chain: int


@dataclass(frozen=True)
class HousingFigures:
    start: date
    end: date
    referrals: list[Tally]
    decisions: list[Tally]
    decision_time: ProcessingTime
    contracts_started: int
    contracts_passed_to_tenant: int
    contracts_ended: int
    placements_ended: list[OutcomeRow]
    kundvard: KundvardFigures
    nexus_flats: NexusFlatFigures
    quotas: list[QuotaRow]

    @property
    def referrals_total(self) -> int:
        return sum(row.count for row in self.referrals)

    @property
    def placements_ended_total(self) -> int:
        return sum(row.placements for row in self.placements_ended)

    @property
    def placement_children_total(self) -> int:
        return sum(row.children for row in self.placements_ended)

    @property
    def womens_shelter(self) -> list[QuotaRow]:
        """The landlord's flats for the women's shelter (Kvinnojour), up to two a year."""
        return [row for row in self.quotas if row.kind == ReservationPool.Kind.WOMENS_SHELTER]


def housing_figures(start: date, end: date) -> HousingFigures:
    contracts = SocialContract.objects.aggregate(
        started=Count("pk", filter=in_period("starts_on", start, end)),
        passed=Count("pk", filter=Q(status=SocialContract.Status.PASSED) & in_period("closed_on", start, end)),
        ended=Count("pk", filter=Q(status=SocialContract.Status.ENDED) & in_period("closed_on", start, end)),
    )
    return HousingFigures(
        start=start,
        end=end,
        referrals=tallies(
            ReferralKind.choices,
            count_by(HousingApplication.objects.filter(in_period("referred_on", start, end)), "referral_kind"),
        ),
        decisions=decision_counts(start, end),
        decision_time=decision_time(start, end),
        contracts_started=contracts["started"],
        contracts_passed_to_tenant=contracts["passed"],
        contracts_ended=contracts["ended"],
        placements_ended=placement_outcomes(start, end),
        kundvard=_kundvard(start, end),
        nexus_flats=_nexus_flats(start, end),
        quotas=quota_rows(start, end),
    )


def decision_counts(start: date, end: date, *, referral_kind: str | None = None) -> list[Tally]:
    """Decisions (bifall/avslag) made in the period, every decision counted (a reconsidered one twice)."""
    decisions = Decision.objects.filter(in_period("decided_on", start, end))
    if referral_kind:
        decisions = decisions.filter(application__referral_kind=referral_kind)
    return tallies(Decision.Outcome.choices, count_by(decisions, "outcome"))


def decision_time(start: date, end: date, *, referral_kind: str | None = None) -> ProcessingTime:
    """Referral to first decision, for the applications first decided in the period, against the decision deadline
    as it stood (three months unless the catalogue says otherwise, moved by any recorded extension)."""
    earlier = Decision.objects.filter(application=OuterRef("application")).filter(
        Q(decided_on__lt=OuterRef("decided_on")) | Q(decided_on=OuterRef("decided_on"), pk__lt=OuterRef("pk"))
    )
    first = Decision.objects.filter(in_period("decided_on", start, end)).exclude(Exists(earlier))
    if referral_kind:
        first = first.filter(application__referral_kind=referral_kind)
    return processing_time(
        first,
        days=DaysBetween("decided_on", "application__referred_on"),
        within=Q(decided_on__lte=F("application__decision_deadline__due_on")),
    )


def placement_outcomes(start: date, end: date) -> list[OutcomeRow]:
    """Placements in protected housing ended in the period, by outcome in the evaluation's categories."""
    rows = {
        row["outcome"]: row
        for row in ProtectedPlacement.objects.filter(in_period("ends_on", start, end))
        .order_by()
        .values("outcome")
        .annotate(n=Count("pk"), children=Sum("children"), housed=Sum("outcome_children"))
    }
    return [
        OutcomeRow(
            outcome=value,
            label=str(label),
            placements=rows.get(value, {}).get("n", 0),
            children=rows.get(value, {}).get("children") or 0,
            children_housed=rows.get(value, {}).get("housed") or 0,
        )
        for value, label in PlacementOutcome.choices
    ]


def _kundvard(start: date, end: date) -> KundvardFigures:
    decided = in_period("decided_on", start, end)
    row = Kundvard.objects.aggregate(
        requested=Count("pk", filter=in_period("requested_on", start, end)),
        granted=Count("pk", filter=decided & Q(decision=Kundvard.Decision.GRANTED)),
        refused=Count("pk", filter=decided & Q(decision=Kundvard.Decision.REFUSED)),
        moved=Count("pk", filter=in_period("moved_on", start, end)),
        new_lease=Count("pk", filter=in_period("moved_on", start, end) & Q(new_lease_in_victims_name=True)),
    )
    return KundvardFigures(row["requested"], row["granted"], row["refused"], row["moved"], row["new_lease"])


def _nexus_flats(start: date, end: date) -> NexusFlatFigures:
    moved_out = in_period("until", start, end)
    row = NexusFlatStay.objects.aggregate(
        moved_in=Count("pk", filter=in_period("since", start, end)),
        moved_out=Count("pk", filter=moved_out),
        handed_over=Count("pk", filter=moved_out & Q(handed_over_to__isnull=False)),
    )
    return NexusFlatFigures(row["moved_in"], row["moved_out"], row["handed_over"])


def quota_rows(start: date, end: date, *, kind: str | None = None) -> list[QuotaRow]:
    """Per pool (active or used in the period): the quotas of the calendar years the period touches, and the flats
    taken from it in the period, with how many of those went over the quota (an override with its reason). A
    period shorter than a year still shows the whole year's promise: that is what the landlord promised."""
    years = Q(year__gte=start.year, year__lte=end.year)
    pools = ReservationPool.objects.select_related("landlord").annotate(
        promised=Sum("quotas__promised", filter=Q(quotas__year__gte=start.year, quotas__year__lte=end.year)),
    )
    used = {
        row["pool"]: row
        for row in PoolUse.objects.filter(in_period("used_on", start, end))
        .order_by()
        .values("pool")
        .annotate(n=Count("pk"), overrides=Count("pk", filter=~Q(override_reason="")))
    }
    if kind:
        pools = pools.filter(kind=kind)
    pools = pools.filter(
        Q(active=True) | Q(pk__in=list(used)) | Q(pk__in=PoolQuota.objects.filter(years).values("pool"))
    )
    return [
        QuotaRow(
            landlord=pool.landlord.name,
            pool=pool.name,
            kind=pool.kind,
            kind_label=pool.get_kind_display(),
            promised=pool.promised or 0,
            used=used.get(pool.pk, {}).get("n", 0),
            overrides=used.get(pool.pk, {}).get("overrides", 0),
        )
        for pool in pools.order_by("landlord__name", "kind", "name")
    ]

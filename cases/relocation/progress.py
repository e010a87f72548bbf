"""What a relocation request shows of what followed its hand-over: the housing application it opened (state,
decision, place in the queue, offer, move-in), the time from the request to the first offer, and the relocation
pool of reserved flats.

Everything is read from the housing unit's own records through its selectors (`housing.selectors`, `housing.queue`),
never copied or recomputed here.
The partner municipality sees the state and the dates only; the place in the queue and the pool are ours.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Min, QuerySet
from django.utils import timezone

from cases.relocation.models import RelocationRequest
from housing.models import HousingApplication, ReservationPool, SocialContract
from housing.selectors import pool_overview, queue_place


@dataclass(frozen=True)
class HousingProgress:
    number: str
    status: str
    status_label: str
    referred_on: date
    decision_due_on: date | None
    decision_deadline_status: str
    decided_on: date | None
    decision_label: str
    queue_position: int | None
    offered_on: date | None  # the latest offer
    offer_answer_by: date | None
    offer_status_label: str
    housed_on: date | None
    moves_in_on: date | None  # the start of the contract of an accepted offer, before the move-in is reported

    @property
    def offer_accepted(self) -> bool:
        """The applicant said yes, and her contract (the move-in) starts later."""
        return self.moves_in_on is not None


def housing_progress(request: RelocationRequest) -> HousingProgress | None:
    """The linked housing application as it stands now; None before the hand-over."""
    if request.housing_case_id is None:
        return None
    application = (
        HousingApplication.objects.select_related("case", "decision_deadline").filter(case_id=request.housing_case_id)
    ).first()
    if application is None:
        return None
    decision = application.decisions.order_by("-decided_on", "-id").first()
    offer = application.offers.order_by("-offered_on", "-id").first()
    deadline = application.decision_deadline
    contract = SocialContract.objects.filter(application=application).first()
    return HousingProgress(
        number=application.case.number,
        status=application.status,
        status_label=str(application.get_status_display()),
        referred_on=application.referred_on,
        decision_due_on=deadline.due_on if deadline else None,
        decision_deadline_status=deadline.status if deadline else "",
        decided_on=decision.decided_on if decision else None,
        decision_label=str(decision.get_outcome_display()) if decision else "",
        queue_position=queue_place(application),
        offered_on=offer.offered_on if offer else None,
        offer_answer_by=offer.answer_by if offer else None,
        offer_status_label=str(offer.get_status_display()) if offer else "",
        housed_on=request.housed_on,
        moves_in_on=contract.starts_on if contract and request.housed_on is None else None,
    )


@dataclass(frozen=True)
class TimeToOffer:
    """From the day we received the request to the first offer of a flat, in calendar days."""

    received_on: date
    first_offer_on: date | None

    @property
    def days(self) -> int | None:
        return (self.first_offer_on - self.received_on).days if self.first_offer_on else None

    def days_so_far(self, today: date | None = None) -> int:
        return ((self.first_offer_on or today or timezone.localdate()) - self.received_on).days


def with_first_offer(requests: QuerySet[RelocationRequest]) -> QuerySet[RelocationRequest]:
    """The requests, each with `first_offer_on`: the first offer made on the housing application it opened. The
    statistics aggregate over this (one query however many requests)."""
    return requests.annotate(first_offer_on=Min("housing_case__housing_application__offers__offered_on"))


def time_to_offer(request: RelocationRequest) -> TimeToOffer | None:
    """For an incoming request: received → first offer (None while no offer has been made, `days_so_far` counts)."""
    if request.received_on is None:
        return None
    first = with_first_offer(RelocationRequest.objects.filter(pk=request.pk)).values_list("first_offer_on", flat=True)
    return TimeToOffer(request.received_on, first.first())


def relocation_pools(year: int | None = None) -> list:
    """The housing unit's pools of flats reserved for relocation (Kompotten: five a year), promised / used / left
    in `year`, as the housing unit's own overview counts them."""
    rows = pool_overview(year or timezone.localdate().year)
    return [row for row in rows if row.pool.kind == ReservationPool.Kind.RELOCATION]

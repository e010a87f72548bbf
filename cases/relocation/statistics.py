"""The relocation figures of a period for the committee: Table 1 of the Kompotten paper (seed 000) and what the
committee asks beside it.

Table 1 reads, for each direction: formal requests (formella förfrågningar) and telephone inquiries (information
via telefon), and the persons who got a flat ("Antal personer som fått lägenhet i Uppsala / i annan kommun"); here
also per network and per partner municipality. Beside it: the decisions (Nexus's rejections and hand-overs, the
partners' answers to our requests, the housing unit's approvals and refusals of relocation referrals), the
processing times against the two deadlines (Nexus's protection assessment, two weeks from receipt; the housing
unit's decision, three months from the hand-over), the time from a request to the first offer of a flat, the
reciprocity balance per partner, and the flats the municipal landlord reserves for relocations (five a year).

How each figure is dated (the period is two dates, both included):
- an incoming request counts on the day it was received, an outgoing one on the day it was sent (one only
  prepared was never asked of anyone); a telephone inquiry on its day;
- "housed" counts the requests (one household each, as the table counts them) moved in during the period;
- a processing time counts the requests whose step was finished in the period: Nexus's assessment finishes with
  the hand-over or the rejection; it is within the deadline when finished on or before the deadline's due date as
  it stood (a lawful pause or extension moves it);
- request to offer: received → the first offer of a flat on the housing application the hand-over opened, for the
  requests whose first offer fell in the period.

Counts for the committee, not case work: they ignore object-level access (a count names no one) and carry no
identity. Every figure is an aggregate in PostgreSQL, so the number of queries does not grow with the cases.
`reports` reads relocation requests only through this module.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Case, Count, DateField, F, OuterRef, Q, Subquery, When

from cases.models import Deadline
from cases.relocation.models import Direction, Network, RelocationRequest, TelephoneInquiry
from cases.relocation.selectors import reciprocity
from cases.relocation.services import NEXUS_ASSESSMENT
from cases.relocation.workflow import State
from housing import statistics as housing_statistics
from housing.models import Offer, ReferralKind, ReservationPool
from kompotten.statistics import DaysBetween, ProcessingTime, Tally, in_period, processing_time

NEXUS_DEADLINE_DAYS = 14
HOUSING_DEADLINE_MONTHS = 3


@dataclass
class Flow:
    """One direction of Table 1: formal requests, telephone inquiries, households housed."""

    formal: int = 0
    telephone: int = 0
    housed: int = 0

    def add(self, other: "Flow") -> None:
        self.formal += other.formal
        self.telephone += other.telephone
        self.housed += other.housed


@dataclass
class PartnerRow:
    """Table 1 for one partner municipality within one network."""

    network: str
    municipality: str
    incoming: Flow = field(default_factory=Flow)
    outgoing: Flow = field(default_factory=Flow)


@dataclass(frozen=True)
class NetworkRow:
    network: str
    incoming: Flow
    outgoing: Flow


@dataclass(frozen=True)
class Decisions:
    """What became of the requests in the period, by who decided."""

    handed_over: int  # Nexus: the protection need is confirmed, the housing unit takes over
    rejected_by_nexus: int
    withdrawn: int  # incoming requests withdrawn by the partner or Nexus
    declined_by_person: int
    ended_otherwise: int
    accepted_by_partner: int  # our outgoing requests
    rejected_by_partner: int
    housing: list[Tally]  # the housing unit's decisions (bifall/avslag) on relocation referrals


@dataclass(frozen=True)
class ReciprocityRow:
    municipality: str
    housed_here: int
    housed_there: int

    @property
    def balance(self) -> int:
        """Positive: the partner housed more for us than we for them, so a flat back is owed."""
        return self.housed_there - self.housed_here


@dataclass(frozen=True)
class ReservedFlats:
    """The municipal landlord's flats reserved for relocations (the paper proposes five a year)."""

    promised: int
    used: int

    @property
    def left(self) -> int:
        return max(self.promised - self.used, 0)


@dataclass(frozen=True)
class RelocationFigures:
    start: date
    end: date
    incoming: Flow  # Table 1: requests from other municipalities; persons housed here
    outgoing: Flow  # requests to other municipalities; persons housed elsewhere
    partners: list[PartnerRow]
    decisions: Decisions
    nexus_assessment: ProcessingTime  # received → hand-over or rejection, two weeks
    housing_decision: ProcessingTime  # hand-over (referral) → first decision, three months
    request_to_offer: ProcessingTime  # received → first offer; no deadline, so within_deadline is None
    reciprocity: list[ReciprocityRow]
    reserved_flats: ReservedFlats
    network_names: tuple[str, ...] = ()  # the networks we are a member of: each has its Table 1, zeros or not

    @property
    def networks(self) -> list[NetworkRow]:
        """Table 1 per network: the partner rows added up."""
        totals: dict[str, NetworkRow] = {}
        for row in self.partners:
            total = totals.setdefault(row.network, NetworkRow(row.network, Flow(), Flow()))
            total.incoming.add(row.incoming)
            total.outgoing.add(row.outgoing)
        return list(totals.values())


def relocation_figures(start: date, end: date) -> RelocationFigures:
    partners = _partner_rows(start, end)
    incoming, outgoing = Flow(), Flow()
    for row in partners:
        incoming.add(row.incoming)
        outgoing.add(row.outgoing)
    return RelocationFigures(
        start=start,
        end=end,
        incoming=incoming,
        outgoing=outgoing,
        partners=partners,
        decisions=_decisions(start, end),
        nexus_assessment=_nexus_assessment(start, end),
        housing_decision=housing_statistics.decision_time(start, end, referral_kind=ReferralKind.RELOCATION),
        request_to_offer=_request_to_offer(start, end),
        reciprocity=_reciprocity(start, end),
        reserved_flats=_reserved_flats(start, end),
        network_names=tuple(
            Network.objects.filter(memberships__municipality__code=settings.HOST_MUNICIPALITY_CODE)
            .order_by("name")
            .values_list("name", flat=True)
            .distinct()
        ),
    )


def persons_housed(start: date, end: date) -> dict[str, tuple[int, int]]:
    """Per network, the persons of the households housed in the period (everyone in the request's case: applicant,
    co-applicant, children): (housed here, housed elsewhere). Seed 000's Table 1 counts persons where the partner
    table counts households. One grouped query."""
    rows = (
        RelocationRequest.objects.filter(in_period("housed_on", start, end))
        .order_by()
        .values("network__name", "direction")
        .annotate(n=Count("case__parties"))
    )
    result: dict[str, tuple[int, int]] = {}
    for row in rows:
        here, there = result.get(row["network__name"], (0, 0))
        if row["direction"] == Direction.INCOMING:
            here += row["n"]
        else:
            there += row["n"]
        result[row["network__name"]] = (here, there)
    return result


def _partner_rows(start: date, end: date) -> list[PartnerRow]:
    """Two grouped queries: the requests (received, sent, housed) and the telephone inquiries."""
    received = Q(direction=Direction.INCOMING) & in_period("received_on", start, end)
    sent = Q(direction=Direction.OUTGOING) & in_period("sent_on", start, end)
    housed = in_period("housed_on", start, end)
    keys = ("network__name", "municipality__short_name")
    rows: dict[tuple[str, str], PartnerRow] = {}
    requests = (
        RelocationRequest.objects.filter(received | sent | housed)
        .order_by()
        .values(*keys)
        .annotate(
            incoming=Count("pk", filter=received),
            outgoing=Count("pk", filter=sent),
            housed_here=Count("pk", filter=housed & Q(direction=Direction.INCOMING)),
            housed_there=Count("pk", filter=housed & Q(direction=Direction.OUTGOING)),
        )
    )
    for row in requests:
        partner = rows.setdefault((row[keys[0]], row[keys[1]]), PartnerRow(row[keys[0]], row[keys[1]]))
        partner.incoming.formal, partner.incoming.housed = row["incoming"], row["housed_here"]
        partner.outgoing.formal, partner.outgoing.housed = row["outgoing"], row["housed_there"]
    inquiries = (
        TelephoneInquiry.objects.filter(in_period("occurred_on", start, end))
        .order_by()
        .values(*keys, "direction")
        .annotate(n=Count("pk"))
    )
    for row in inquiries:
        partner = rows.setdefault((row[keys[0]], row[keys[1]]), PartnerRow(row[keys[0]], row[keys[1]]))
        flow = partner.incoming if row["direction"] == Direction.INCOMING else partner.outgoing
        flow.telephone = row["n"]
    return sorted(rows.values(), key=lambda row: (row.network, row.municipality))


def _decisions(start: date, end: date) -> Decisions:
    ended = in_period("ended_on", start, end)
    incoming, outgoing = Q(direction=Direction.INCOMING), Q(direction=Direction.OUTGOING)
    answered = outgoing & in_period("answered_on", start, end)
    row = RelocationRequest.objects.aggregate(
        handed_over=Count("pk", filter=incoming & in_period("handed_over_on", start, end)),
        rejected_by_nexus=Count("pk", filter=ended & Q(state=State.REJECTED_BY_NEXUS)),
        withdrawn=Count("pk", filter=incoming & ended & Q(state=State.WITHDRAWN)),
        declined=Count("pk", filter=incoming & ended & Q(state=State.DECLINED_BY_PERSON)),
        ended=Count("pk", filter=incoming & ended & Q(state=State.ENDED)),
        accepted=Count("pk", filter=answered & ~Q(state=State.REJECTED_BY_PARTNER)),
        rejected_by_partner=Count("pk", filter=answered & Q(state=State.REJECTED_BY_PARTNER)),
    )
    return Decisions(
        handed_over=row["handed_over"],
        rejected_by_nexus=row["rejected_by_nexus"],
        withdrawn=row["withdrawn"],
        declined_by_person=row["declined"],
        ended_otherwise=row["ended"],
        accepted_by_partner=row["accepted"],
        rejected_by_partner=row["rejected_by_partner"],
        housing=housing_statistics.decision_counts(start, end, referral_kind=ReferralKind.RELOCATION),
    )


def _nexus_assessment(start: date, end: date) -> ProcessingTime:
    assessed_on = Case(
        When(handed_over_on__isnull=False, then=F("handed_over_on")),
        When(state=State.REJECTED_BY_NEXUS, then=F("ended_on")),
        output_field=DateField(),
    )
    due_on = Deadline.objects.filter(case=OuterRef("case"), label=NEXUS_ASSESSMENT).order_by("pk").values("due_on")
    assessed = RelocationRequest.objects.filter(direction=Direction.INCOMING).annotate(
        assessed_on=assessed_on, due_on=Subquery(due_on[:1])
    )
    return processing_time(
        assessed.filter(in_period("assessed_on", start, end)),
        days=DaysBetween("assessed_on", "received_on"),
        within=Q(assessed_on__lte=F("due_on")),
    )


def _request_to_offer(start: date, end: date) -> ProcessingTime:
    first_offer = Offer.objects.filter(application__case=OuterRef("housing_case")).order_by("offered_on", "pk")
    offered = RelocationRequest.objects.filter(direction=Direction.INCOMING, housing_case__isnull=False).annotate(
        first_offer_on=Subquery(first_offer.values("offered_on")[:1])
    )
    return processing_time(
        offered.filter(in_period("first_offer_on", start, end)),
        days=DaysBetween("first_offer_on", "received_on"),
    )


def _reciprocity(start: date, end: date) -> list[ReciprocityRow]:
    """The selector's rows (per partner and year) added up over the period, per partner."""
    totals: dict[str, list[int]] = {}
    for row in reciprocity(start=start, end=end):
        counts = totals.setdefault(row.municipality.short_name, [0, 0])
        counts[0] += row.housed_here
        counts[1] += row.housed_there
    return [ReciprocityRow(name, here, there) for name, (here, there) in sorted(totals.items())]


def _reserved_flats(start: date, end: date) -> ReservedFlats:
    rows = housing_statistics.quota_rows(start, end, kind=ReservationPool.Kind.RELOCATION)
    return ReservedFlats(promised=sum(row.promised for row in rows), used=sum(row.used for row in rows))

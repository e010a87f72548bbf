"""Every read the relocation pages need, through the access policy: request lists, a request with what the user
may do next, the network directory and the telephone inquiries."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import outgoing
from cases.access import AccessPolicy
from cases.models import Case, CaseParty, Deadline
from cases.presentation import FiledPersonView, PersonView, present, present_filing
from cases.relocation import outgoing as relocation_outgoing
from cases.relocation.assessment import latest_assessment
from cases.relocation.consent import PROGRESS, consent_covers
from cases.relocation.deadlines import DeadlineLine, deadline_lines
from cases.relocation.models import (
    Direction,
    MemberContact,
    Network,
    NetworkMembership,
    PartnerFiling,
    ProtectionAssessment,
    RelocationConsent,
    RelocationRequest,
    TelephoneInquiry,
)
from cases.relocation.progress import HousingProgress, TimeToOffer, housing_progress, relocation_pools, time_to_offer
from cases.relocation.services import actor_of
from cases.relocation.timeline import request_timeline
from cases.relocation.workflow import Actor, State, is_open, workflow_for
from cases.selectors import case_persons
from housing.models import SocialContract
from kompotten.models import Municipality
from kompotten.paging import NumberedPage, counted_page, exact_page

if TYPE_CHECKING:  # the filters read selectors, not the other way round
    from cases.relocation.filters import RequestFilters

PAGE_SIZE = 25
SORTS = {
    "nummer": ("-case__year", "-case__sequence"),
    "-nummer": ("case__year", "case__sequence"),
    "frist": ("next_due", "-case__year", "-case__sequence"),
    "-frist": ("-next_due", "-case__year", "-case__sequence"),
}


@dataclass(frozen=True)
class RequestRow:
    request: RelocationRequest
    persons: list[PersonView]
    next_due: date | None
    offer_accepted: bool = False  # handed over, the offer accepted, the contract (the move-in) not yet started

    @property
    def state_label(self) -> str:
        """As the request page says it (`RequestDetail.state_label`)."""
        return _("Erbjudande accepterat") if self.offer_accepted else self.request.get_state_display()


def visible_requests(policy: AccessPolicy) -> QuerySet[RelocationRequest]:
    return policy.through_cases(RelocationRequest.objects.filter(case__kind=Case.Kind.RELOCATION))


def running_deadlines() -> QuerySet[Deadline]:
    return Deadline.objects.filter(case=OuterRef("case"), status=Deadline.Status.RUNNING)


def request_list(
    policy: AccessPolicy, filters: "RequestFilters", page: int | str = 1
) -> tuple[NumberedPage, list[RequestRow]]:
    """The visible requests narrowed by the list's filters (`cases.relocation.filters`), counted exactly."""
    ordered = _with_list_data(filters.apply(visible_requests(policy)))
    ordered = ordered.order_by(*SORTS.get(filters.values.sort, SORTS["nummer"]))
    page_obj = exact_page(ordered, page, PAGE_SIZE)
    return page_obj, _rows(policy, page_obj.object_list)


def _with_list_data(requests: QuerySet[RelocationRequest]) -> QuerySet[RelocationRequest]:
    """The next running deadline as a correlated subquery, read for the page's rows only when sorted by number (a
    GROUP BY over the deadlines of every visible request ran before the LIMIT, and again inside the count)."""
    next_due = running_deadlines().order_by("due_on").values("due_on")[:1]
    consents = RelocationConsent.objects.filter(request=OuterRef("pk"))
    return (
        requests.annotate(
            next_due=Subquery(next_due),
            has_contract=Exists(SocialContract.objects.filter(application__case=OuterRef("housing_case"))),
            progress_withheld=Exists(consents) & ~Exists(consents.filter(revoked_on__isnull=True)),
        )
        .select_related("case", "network", "municipality")
        .prefetch_related(Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")))
    )


def _rows(policy: AccessPolicy, requests) -> list[RequestRow]:
    requests = list(requests)
    own_words_only = policy.own_words_only([request.case_id for request in requests])
    return [
        RequestRow(
            request=request,
            persons=[] if request.case_id in own_words_only else case_persons(policy, request.case),
            next_due=request.next_due,
            offer_accepted=request.state == State.HANDED_OVER
            and request.has_contract
            and not (policy.is_partner and request.progress_withheld),  # as `consent_covers(request, PROGRESS)`
        )
        for request in requests
    ]


def assessments_due(policy: AccessPolicy, limit: int = 20) -> list[RequestRow]:
    """Received requests waiting for Nexus's protection-need assessment, the most urgent first."""
    received = visible_requests(policy).filter(state=State.RECEIVED)
    return _rows(policy, _with_list_data(received).order_by(*SORTS["frist"])[:limit])


def request_or_404(policy: AccessPolicy, case_pk, *, may=None) -> RelocationRequest:
    """The request of a case this user may see; 404 like a missing one otherwise. `may`: what she must be allowed
    to do with it (403 otherwise), as `AccessPolicy.get_or_404`, such as `acting_for(...)`."""
    case = policy.get_or_404(Case, pk=case_pk)
    requests = RelocationRequest.objects.select_related("network", "municipality", "partner_contact")
    request = policy.get_or_404(requests.filter(case=case), may=may)
    request.case = case
    return request


def acting_for(policy: AccessPolicy, *sides: str):
    """The rule "this user acts for one of `sides` of the request's workflow" (`actor_of`), for `request_or_404`."""
    return lambda request: actor_of(policy.user, request) in sides


@dataclass(frozen=True)
class AvoidAreas:
    """What Nexus mapped the partner's areas to avoid to: our districts and other municipalities."""

    districts: list[str]
    municipalities: list[str]
    none_of_ours: bool
    mapped_on: date | None
    unmapped: bool  # the partner typed areas not yet mapped (or changed since): the hand-over waits


def avoid_areas(request: RelocationRequest) -> AvoidAreas:
    return AvoidAreas(
        districts=[district.name for district in request.avoid_districts.all()],
        municipalities=[municipality.short_name for municipality in request.avoid_municipalities.all()],
        none_of_ours=request.avoid_none_of_ours,
        mapped_on=request.avoid_areas_mapped_on,
        unmapped=request.avoid_areas_unmapped,
    )


@dataclass(frozen=True)
class RequestDetail:
    request: RelocationRequest
    persons: list[PersonView]
    filing: FiledPersonView | None  # what the partner filed, when it filed the request itself
    transitions: list
    consents: list
    moves: list  # (to_state, Edge) this user may make now
    actor: str | None
    deadlines: list[DeadlineLine]
    messages: list
    reciprocity: list
    documents: list
    shared_notes: list  # for the partner: the journal notes we shared with it
    housing: HousingProgress | None
    time_to_offer: TimeToOffer | None
    pools: list
    avoid: AvoidAreas | None = None  # ours only: the partner reads back its own words
    assessment: ProtectionAssessment | None = None  # ours only: Nexus's protection assessment, latest first
    timeline: list = field(default_factory=list)  # `cases.relocation.timeline.TimelineEntry`s, oldest first

    @property
    def can_assess(self) -> bool:
        return self.actor == Actor.NEXUS and self.request.state == State.RECEIVED

    @property
    def state_label(self) -> str:
        """The request's state, but "Erbjudande accepterat" between the acceptance of a flat and the move-in (the
        contract's start): the request stays handed over until the housing unit reports the move-in that day."""
        if self.request.state == State.HANDED_OVER and self.housing and self.housing.offer_accepted:
            return _("Erbjudande accepterat")
        return self.request.get_state_display()

    @property
    def consent_hold(self) -> bool:
        """Nexus is asked to obtain new consent or end the request, which rests since the consent was revoked."""
        return self.actor == Actor.NEXUS and self.request.state == State.ON_HOLD

    @property
    def can_message(self) -> bool:
        return self.actor in (Actor.NEXUS, Actor.PARTNER)

    @property
    def can_add_documents(self) -> bool:
        return self.can_message and is_open(self.request.direction, self.request.state)

    @property
    def can_take_in(self) -> bool:
        return (
            self.actor == Actor.NEXUS
            and self.filing is not None
            and self.filing.visible  # only someone who may see the person confirms them
            and self.filing.taken_in_on is None
            and is_open(self.request.direction, self.request.state)
        )


def request_detail(policy: AccessPolicy, request: RelocationRequest) -> RequestDetail:
    """Everything the request page shows this user. A partner reading a request it filed itself gets its own filing
    instead of our register's persons (`AccessPolicy.own_words_only`), and of the housing application the state and
    dates while the person's consent covers them (`consent_covers`)."""
    case = request.case
    actor = actor_of(policy.user, request)
    filing = PartnerFiling.objects.select_related("person").filter(request=request).first()
    if filing is not None:
        filing.request = request
    ours = actor != Actor.PARTNER
    transitions = list(request.transitions.select_related("by"))
    messages = list(request.messages.select_related("author__unit", "author__partner_municipality"))
    documents = list(policy.documents(case))
    deadlines = deadline_lines(case)
    shared_notes = list(policy.notes(case)) if policy.is_partner else []
    if policy.is_partner:  # what our staff wrote is checked again as it leaves: a refused item is withheld
        outgoing.withhold(
            case,
            [
                *relocation_outgoing.message_texts(request, messages),
                *relocation_outgoing.note_texts(case, shared_notes),
                *relocation_outgoing.document_texts(case, documents),
                *relocation_outgoing.details_text(request),
                *relocation_outgoing.transition_texts(request, transitions),
                *relocation_outgoing.pause_texts(case, deadlines),
            ],
        )
    return RequestDetail(
        request=request,
        persons=[
            present(policy, party.person, case=case, role=party.get_role_display())
            for party in case.parties.select_related("person")
        ]
        if ours or filing is None
        else [],
        filing=present_filing(policy, filing) if filing else None,
        transitions=transitions,
        consents=list(request.consents.select_related("recorded_by", "revoked_by")),
        moves=workflow_for(request.direction).moves_from(request.state, {actor}) if actor else [],
        actor=actor,
        deadlines=deadlines,
        messages=messages,
        reciprocity=reciprocity(municipality_id=request.municipality_id) if ours else [],
        documents=documents,
        shared_notes=shared_notes,
        housing=housing_progress(request) if ours or consent_covers(request, PROGRESS) else None,
        time_to_offer=time_to_offer(request) if ours or consent_covers(request, PROGRESS) else None,
        pools=relocation_pools() if ours and request.direction == Direction.INCOMING else [],
        avoid=avoid_areas(request) if ours else None,
        assessment=latest_assessment(request) if ours else None,
        timeline=request_timeline(request, transitions, messages, partner=policy.is_partner or not ours),
    )


@dataclass(frozen=True)
class DirectoryEntry:
    membership: NetworkMembership
    contacts: list[MemberContact]


def network_directory(query: str = "", on: date | None = None) -> list[tuple[Network, list[DirectoryEntry]]]:
    """Who do I call in Västerås? Current members of every network with their current contacts."""
    on = on or timezone.localdate()
    current_contacts = MemberContact.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)
    memberships = (
        NetworkMembership.objects.filter(Q(left_on__isnull=True) | Q(left_on__gte=on), joined_on__lte=on)
        .select_related("municipality", "network")
        .prefetch_related(Prefetch("contacts", current_contacts.order_by("role", "name"), to_attr="current"))
        .order_by("network__name", "municipality__short_name")
    )
    if query.strip():
        memberships = memberships.filter(municipality__name__icontains=query.strip())
    directory: dict[Network, list[DirectoryEntry]] = {}
    for membership in memberships:
        directory.setdefault(membership.network, []).append(DirectoryEntry(membership, membership.current))
    return list(directory.items())


def inquiry_list(page: int | str = 1) -> NumberedPage:
    inquiries = TelephoneInquiry.objects.select_related("network", "municipality").order_by("-occurred_on", "-id")
    return counted_page(inquiries, page, PAGE_SIZE)


@dataclass(frozen=True)
class Reciprocity:
    """Per partner and year: households we housed for them (incoming, moved in here) and they for us (outgoing)."""

    municipality: Municipality
    year: int
    housed_here: int
    housed_there: int

    @property
    def balance(self) -> int:
        """Positive: they have housed more for us than we for them, so a flat back is owed."""
        return self.housed_there - self.housed_here


def reciprocity(
    *, year: int | None = None, municipality_id: int | None = None, start: date | None = None, end: date | None = None
) -> list[Reciprocity]:
    """The balance the networks live on, counted from the requests' move-in dates (no personal data involved);
    of one year, or of the move-ins from `start` to `end` (both included), one row per partner and year."""
    housed = RelocationRequest.objects.filter(housed_on__isnull=False)
    if year:
        housed = housed.filter(housed_on__year=year)
    if start:
        housed = housed.filter(housed_on__gte=start)
    if end:
        housed = housed.filter(housed_on__lte=end)
    if municipality_id:
        housed = housed.filter(municipality_id=municipality_id)
    counts = housed.values("municipality", "direction", year=ExtractYear("housed_on")).annotate(n=Count("id"))
    table: dict[tuple[int, int], dict[str, int]] = {}
    for row in counts:
        table.setdefault((row["municipality"], row["year"]), {})[row["direction"]] = row["n"]
    municipalities = Municipality.objects.in_bulk({key[0] for key in table})
    return sorted(
        (
            Reciprocity(municipalities[pk], row_year, n.get("incoming", 0), n.get("outgoing", 0))
            for (pk, row_year), n in table.items()
        ),
        key=lambda r: (-r.year, r.municipality.short_name),
    )

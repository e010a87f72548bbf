"""Every read of the housing unit's pages, always through the access policy (`cases.access`).

Applications are visible exactly when their case is; a partner municipality never sees one, whoever referred.
Persons reach templates only as `PersonView` (masked "Skyddad identitet" without a grant).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.access import AccessPolicy
from cases.calendar import due_horizon
from cases.models import CaseAssignment, CaseParty, Deadline, HouseholdMember, Person
from cases.presentation import TEXT_NOT_SHOWN, PersonView, present
from housing import queue, workflow
from housing.models import (
    ApplicationTransition,
    ChecklistItem,
    Decision,
    Flat,
    FollowUp,
    HousingApplication,
    Kundvard,
    NexusFlat,
    NexusFlatStay,
    Offer,
    PlacementOutcome,
    PoolQuota,
    PoolStatus,
    PoolUse,
    ProtectedPlacement,
    ReservationPool,
    SocialContract,
    TrialChange,
)
from housing.workflow import ApplicationStatus
from kompotten.capabilities import Capability
from kompotten.paging import AFTER, BEFORE, NumberedPage, counted_page, exact_page, query_with, seek
from kompotten.roles import roles_of
from kompotten.workflow import Edge

if TYPE_CHECKING:  # the filters read selectors, not the other way round
    from housing.filters import ApplicationFilters, ContractFilters, FlatFilters, PlacementFilters

PAGE_SIZE = 25


def applications(policy: AccessPolicy) -> QuerySet[HousingApplication]:
    """The applications this user may open: those whose case the policy shows; none at all for partners."""
    if policy.is_partner:
        return HousingApplication.objects.none()
    return policy.through_cases(HousingApplication.objects.all())


def get_application_or_404(policy: AccessPolicy, pk, **rules) -> HousingApplication:
    """An application this user may see; `rules` (`visible`, `may`) as `AccessPolicy.get_or_404`."""
    return policy.get_or_404(applications(policy).select_related("case__unit", "decision_deadline"), pk=pk, **rules)


def _applicant_party(application: HousingApplication) -> CaseParty | None:
    return next((party for party in application.case.parties.all() if party.role == CaseParty.Role.APPLICANT), None)


def _applicant(policy: AccessPolicy, application: HousingApplication, *, household: bool = False) -> PersonView | None:
    party = _applicant_party(application)
    if party is None:
        return None
    return present(policy, party.person, case=application.case, role=party.get_role_display(), household=household)


@dataclass(frozen=True)
class ApplicationRow:
    application: HousingApplication
    applicant: PersonView | None
    handlers: list[str]


def _with_list_data(queryset: QuerySet[HousingApplication]) -> QuerySet[HousingApplication]:
    return queryset.select_related(
        "case__unit", "decision_deadline", "referring_unit", "referring_municipality"
    ).prefetch_related(
        Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")),
        Prefetch("case__assignments", CaseAssignment.objects.select_related("user").order_by("id")),
    )


def _rows(policy: AccessPolicy, page_applications) -> list[ApplicationRow]:
    return [
        ApplicationRow(
            application=application,
            applicant=_applicant(policy, application),
            handlers=[a.user.get_full_name() for a in application.case.assignments.all()],
        )
        for application in page_applications
    ]


def due_filter(today: date) -> Q:
    """Undecided applications whose decision deadline has passed or runs out within the next five working days
    (`cases.calendar.due_horizon`, the same look-ahead as every unit's due list)."""
    return Q(
        status__in=workflow.UNDECIDED,
        decision_deadline__status=Deadline.Status.RUNNING,
        decision_deadline__due_on__lte=due_horizon(today),
    )


def application_list(
    policy: AccessPolicy, filters: "ApplicationFilters", *, page: int | str = 1
) -> tuple[NumberedPage, list[ApplicationRow]]:
    """The visible applications narrowed by the list's filters (`housing.filters`): newest first, or overdue first
    when only those with a decision deadline are shown."""
    queryset = filters.apply(applications(policy))
    ordering = ("decision_deadline__due_on", "id") if filters.values.due else ("-referred_on", "-id")
    page_obj = exact_page(_with_list_data(queryset).order_by(*ordering), page, PAGE_SIZE)
    return page_obj, _rows(policy, page_obj.object_list)


def decisions_due(policy: AccessPolicy, *, today: date, limit: int = 20) -> list[ApplicationRow]:
    """For the start page: undecided applications whose decision deadline has passed or runs out within the next
    five working days, overdue first."""
    queryset = applications(policy).filter(due_filter(today))
    return _rows(policy, _with_list_data(queryset).order_by("decision_deadline__due_on", "id")[:limit])


@dataclass(frozen=True)
class InboxRow:
    application: HousingApplication
    applicant: PersonView | None
    days_waiting: int


def inbox(policy: AccessPolicy, *, today: date, page: int | str = 1) -> tuple[NumberedPage, list[InboxRow]]:
    """For the team lead's start page: new referrals and hand-overs nobody handles yet (undecided, without a
    handler), the longest waiting first. The applicant is shown as the policy lets this user see them."""
    queryset = applications(policy).filter(status__in=workflow.UNDECIDED).filter(case__assignments__isnull=True)
    ordered = queryset.select_related("case__unit").prefetch_related(
        Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id"))
    )
    page_obj = exact_page(ordered.order_by("referred_on", "id"), page, PAGE_SIZE)
    rows = [
        InboxRow(application=a, applicant=_applicant(policy, a), days_waiting=(today - a.referred_on).days)
        for a in page_obj.object_list
    ]
    return page_obj, rows


def pauses_ended(policy: AccessPolicy, *, limit: int = 20) -> list[ApplicationRow]:
    """Applicants paused in the queue whose pause has run out: the handler puts them back (a recorded move)."""
    queryset = applications(policy).filter(status=ApplicationStatus.PAUSED, paused_until__lte=timezone.localdate())
    return _rows(policy, _with_list_data(queryset).order_by("paused_until", "id")[:limit])


def referrals_of_my_unit(policy: AccessPolicy, *, page: int | str = 1) -> tuple[NumberedPage, list[ApplicationRow]]:
    """What a referring unit (Nexus) sees of its referrals: the number, the dates and the state, nothing of the
    investigation. The applicant is shown as the referrer may see them (masked without a grant)."""
    unit_id = policy.user.unit_id if policy.user.is_authenticated else None
    if policy.is_partner or unit_id is None:
        return counted_page(HousingApplication.objects.none(), 1, PAGE_SIZE), []
    queryset = (
        HousingApplication.objects.filter(referring_unit_id=unit_id)
        .select_related("case", "decision_deadline")
        .prefetch_related(Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")))
    )
    page_obj = exact_page(queryset.order_by("-referred_on", "-id"), page, PAGE_SIZE)
    rows = [ApplicationRow(application=a, applicant=_applicant(policy, a), handlers=[]) for a in page_obj]
    return page_obj, rows


def get_own_referral_or_404(policy: AccessPolicy, pk) -> HousingApplication:
    """One of the user's own unit's referrals (Nexus withdrawing it): the state only, nothing of the investigation."""
    user = policy.user
    if policy.is_partner or not user.is_authenticated or not user.unit_id:
        raise Http404
    if not policy.holds(Capability.WORK_RELOCATION):
        raise Http404
    return policy.get_or_404(HousingApplication.objects.select_related("case"), pk=pk, referring_unit_id=user.unit_id)


@dataclass(frozen=True)
class ChecklistLine:
    item: ChecklistItem
    done: bool
    note: str
    checked_on: date | None
    checked_by: str


@dataclass(frozen=True)
class ApplicationDetail:
    application: HousingApplication
    applicant: PersonView | None
    children_birth_years: list[int]
    avoid_districts: list[str]
    checklist: list[ChecklistLine]
    decisions: list[Decision]
    transitions: list[ApplicationTransition]
    moves: list[tuple[str, Edge]] = field(default_factory=list)
    can_work: bool = False
    offers: list = field(default_factory=list)
    contract: SocialContract | None = None
    queue_position: tuple[int, str] | None = None
    avoid_municipalities: list[str] = field(default_factory=list)

    @property
    def checklist_complete(self) -> bool:
        return all(line.done for line in self.checklist)


def checklist(application: HousingApplication) -> list[ChecklistLine]:
    checks = {c.item_id: c for c in application.checks.select_related("checked_by")}
    lines = []
    for item in ChecklistItem.objects.filter(Q(active=True) | Q(pk__in=list(checks))):
        check = checks.get(item.pk)
        lines.append(
            ChecklistLine(
                item=item,
                done=check is not None,
                note=check.note if check else "",
                checked_on=check.checked_on if check else None,
                checked_by=check.checked_by.get_full_name() if check else "",
            )
        )
    return lines


def application_detail(policy: AccessPolicy, application: HousingApplication) -> ApplicationDetail:
    application = (
        HousingApplication.objects.select_related(
            "case__unit", "decision_deadline", "referring_unit", "referring_municipality", "referred_by"
        )
        .prefetch_related(
            Prefetch(
                "case__parties",
                CaseParty.objects.select_related("person").prefetch_related(
                    Prefetch("person__household", HouseholdMember.objects.order_by("relation", "birth_year"))
                ),
            )
        )
        .get(pk=application.pk)
    )
    applicant = _applicant(policy, application, household=True)
    party = _applicant_party(application)
    offered_to = party.person if party else None
    can_work = policy.holds(Capability.CASEWORK)
    return ApplicationDetail(
        application=application,
        applicant=applicant,
        children_birth_years=[
            member.birth_year
            for party in application.case.parties.all()
            if party.role == CaseParty.Role.APPLICANT and applicant and applicant.visible
            for member in party.person.household.all()
            if member.relation == HouseholdMember.Relation.CHILD and member.birth_year
        ],
        avoid_districts=[d.name for d in application.avoid_districts.all()],
        avoid_municipalities=[m.short_name for m in application.avoid_municipalities.all()],
        checklist=checklist(application),
        decisions=list(application.decisions.select_related("decided_by")),
        transitions=list(application.transitions.select_related("by")),
        moves=workflow.APPLICATION.moves_from(application.status, roles_of(policy.user)) if can_work else [],
        can_work=can_work,
        offers=[
            OfferLine(offer, *flat_address(policy, offer.flat, offered_to=offered_to))
            for offer in application.offers.select_related("flat__district", "flat__tenant", "decline_reason")
        ],
        contract=SocialContract.objects.filter(application=application).first(),
        queue_position=queue_position(policy, application),
    )


@dataclass(frozen=True)
class OfferLine:
    offer: Offer
    address: str
    address_visible: bool


def queue_position(policy: AccessPolicy, application: HousingApplication) -> tuple[int, str] | None:
    """The application's place in the queue and why, when it is queued: the applicants ahead of it are counted, and
    the one just before it read, instead of numbering the whole queue."""
    if application.status != ApplicationStatus.APPROVED:
        return None
    place = queue.Place.of(application)
    ordered = queue.in_queue_order(applications(policy))
    position = ordered.filter(place.ahead()).count() + 1
    return position, queue.why(application, _just_ahead(ordered, place, position))


def queue_place(application: HousingApplication) -> int | None:
    """The application's place in the whole queue, a number only: for a referrer following its referral (a relocation
    request), who may see neither the other applicants nor why the order is what it is."""
    if application.status != ApplicationStatus.APPROVED:
        return None
    ahead = queue.Place.of(application).ahead()
    return queue.in_queue_order(HousingApplication.objects.all()).filter(ahead).count() + 1


def _just_ahead(ordered: QuerySet[HousingApplication], place: queue.Place, position: int) -> HousingApplication | None:
    """The application just ahead of `place` (which stands at `position`), with its `position`."""
    previous = ordered.filter(place.ahead()).reverse().select_related("case").first()
    if previous is not None:
        previous.position = position - 1
    return previous


# --- flats and pools ---------------------------------------------------------------------------------------------
PROTECTED_ADDRESS = _("Skyddad adress")


@dataclass(frozen=True)
class FlatRow:
    flat: Flat
    address: str  # "Skyddad adress" when the flat is let to a protected person this user may not see
    address_visible: bool


def flat_address(policy: AccessPolicy, flat: Flat, *, offered_to: Person | None = None) -> tuple[str, bool]:
    """The flat's address as this user may see it: a flat is as protected as the person let it, or offered it
    (`offered_to`), so it is masked for whoever may not see who they are: a protected person without a grant, and
    for a manager anyone without one ("Visas inte": her wording never tells who is protected)."""
    for person in (flat.tenant, offered_to):
        if person is not None and not policy.identity_visible(person):
            return str(TEXT_NOT_SHOWN if policy.is_manager else PROTECTED_ADDRESS), False
    for person in (flat.tenant, offered_to):
        if person is not None:
            policy.reveal(person, None)
    return f"{flat.street_address}, {flat.postal_code[:3]} {flat.postal_code[3:]} {flat.locality}", True


def flats(policy: AccessPolicy) -> QuerySet[Flat]:
    """Flats are the housing unit's: its staff see the list (protected addresses masked), nobody else."""
    if policy.is_partner or not policy.holds(Capability.WORK_HOUSING):
        return Flat.objects.none()
    return Flat.objects.all()


def get_flat_or_404(policy: AccessPolicy, pk) -> Flat:
    """A flat whose address this user may not see answers 404, like one that does not exist."""
    rows = flats(policy).select_related("tenant", "landlord", "pool", "district")
    return policy.get_or_404(rows, pk=pk, visible=lambda flat: flat_address(policy, flat)[1])


def flat_list(
    policy: AccessPolicy, filters: "FlatFilters", *, page: int | str = 1
) -> tuple[NumberedPage, list[FlatRow]]:
    queryset = filters.apply(flats(policy)).select_related("landlord", "pool", "district", "tenant")
    page_obj = counted_page(queryset.order_by("available_from", "id"), page, PAGE_SIZE)
    return page_obj, [FlatRow(flat, *flat_address(policy, flat)) for flat in page_obj.object_list]


@dataclass(frozen=True)
class PoolOverride:
    """A flat taken over its pool's quota, with the reason as this user may read it: it is about the tenant."""

    use: PoolUse
    reason: str


@dataclass(frozen=True)
class PoolRow:
    pool: ReservationPool
    promised: int
    used: int
    overrides: list[PoolOverride]

    @property
    def left(self) -> int:
        return max(self.promised - self.used, 0)

    @property
    def status(self) -> PoolStatus:
        return PoolStatus.of(promised=self.promised, used=self.used)

    @property
    def needs_attention(self) -> bool:
        """Slut, över kvoten or snart slut: the start page lists it."""
        return self.status != PoolStatus.FLATS_LEFT


def pool_overview(year: int, policy: AccessPolicy | None = None) -> list[PoolRow]:
    """Per pool: promised, used and left in `year`; four queries. With a `policy`, also the overrides and their
    reasons as that user may read them (`AccessPolicy.text_about_visible`: a manager without a grant reads none)."""
    pools = list(ReservationPool.objects.filter(active=True).select_related("landlord"))
    promised = dict(PoolQuota.objects.filter(year=year).values_list("pool_id", "promised"))
    used = dict(PoolUse.objects.filter(year=year).values("pool_id").annotate(n=Count("id")).values_list("pool_id", "n"))
    overrides: dict[int, list[PoolOverride]] = {}
    uses = PoolUse.objects.filter(year=year).exclude(override_reason="") if policy else PoolUse.objects.none()
    for use in uses.select_related("by", "flat__tenant"):
        reason = use.override_reason if policy.text_about_visible(use.flat.tenant) else str(TEXT_NOT_SHOWN)
        overrides.setdefault(use.pool_id, []).append(PoolOverride(use, reason))
    return [PoolRow(pool, promised.get(pool.pk, 0), used.get(pool.pk, 0), overrides.get(pool.pk, [])) for pool in pools]


# --- queue and offers --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QueueRow:
    application: HousingApplication
    position: int
    why: str
    applicant: PersonView | None


@dataclass(frozen=True)
class QueuePage:
    """A page of the queue, found from a place in it (keyset): the rows, where they stand, and the places the links
    to the pages before and after start from (None at either end)."""

    rows: list[QueueRow]
    total: int
    before: queue.Place | None
    after: queue.Place | None
    is_keyset = True  # for the one pagination template (`kompotten.paging`): links to the places before and after
    previous_label, next_label = _("Föregående"), _("Nästa")

    def has_previous(self) -> bool:
        return self.before is not None

    def has_next(self) -> bool:
        return self.after is not None

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def link_query(self, query: QueryDict, to: str) -> str:
        return query_with(query, **({BEFORE: self.before} if to == "previous" else {AFTER: self.after}))

    @property
    def first_position(self) -> int:
        return self.rows[0].position if self.rows else 0

    @property
    def last_position(self) -> int:
        return self.rows[-1].position if self.rows else 0


def queue_page(policy: AccessPolicy, *, after: str = "", before: str = "") -> QueuePage:
    """The queue in its fixed order, a page at a time from a place in it (`after` or `before` one, as the links carry
    it; neither: from the start). Each row has its position and why it stands there, said against the row before
    it. The same five queries on every page: the rows (with their parties and handlers), the row before the page,
    and one count of the queue and of those ahead of the page; nothing numbers the whole queue."""
    ordered = queue.in_queue_order(applications(policy))
    start, end = queue.Place.parse(after), queue.Place.parse(before)
    rows, _before, _after = seek(_with_list_data(ordered), after=start, before=end, size=PAGE_SIZE)
    # Where the page stands, and whether pages lie either side, come from the counts below, not from `seek`.
    if not rows:  # past either end (the queue moved on since the link was made)
        return QueuePage(rows=[], total=ordered.count(), before=None, after=None)
    first = queue.Place.of(rows[0])
    counts = ordered.aggregate(total=Count("pk"), ahead=Count("pk", filter=first.ahead()))
    position = counts["ahead"] + 1
    previous = _just_ahead(ordered, first, position)
    page = []
    for offset, entry in enumerate(rows):
        entry.position = position + offset
        page.append(QueueRow(entry, entry.position, queue.why(entry, previous), _applicant(policy, entry)))
        previous = entry
    last = position + len(rows) - 1
    return QueuePage(
        rows=page,
        total=counts["total"],
        before=first if position > 1 else None,
        after=queue.Place.of(rows[-1]) if last < counts["total"] else None,
    )


def get_offer_or_404(policy: AccessPolicy, pk, **rules) -> Offer:
    """An offer to an application this user may see; `rules` (`visible`, `may`) as `AccessPolicy.get_or_404`."""
    offers = Offer.objects.filter(application__in=applications(policy)).select_related(
        "application__case", "flat__district", "flat__landlord", "decline_reason"
    )
    return policy.get_or_404(offers, pk=pk, **rules)


def open_offers(policy: AccessPolicy, *, limit: int = 20) -> list[Offer]:
    """Offers awaiting an answer, the nearest answer deadline first."""
    return list(
        Offer.objects.filter(application__in=applications(policy), status=Offer.Status.OPEN)
        .select_related("application__case", "flat__district")
        .order_by("answer_by", "id")[:limit]
    )


def flat_match(policy: AccessPolicy, flat: Flat) -> queue.FlatMatch:
    result = queue.match_flat(flat, applications(policy))
    return result


def applicant_views(policy: AccessPolicy, matches) -> dict[int, PersonView | None]:
    """The applicants of `matches` as this user may see them, by application id (two queries)."""
    ids = [m.application.pk for m in matches]
    parties = CaseParty.objects.filter(case__housing_application__in=ids, role=CaseParty.Role.APPLICANT)
    by_case = {p.case_id: p for p in parties.select_related("person", "case")}
    return {
        m.application.pk: present(policy, by_case[m.application.case_id].person, case=m.application.case)
        if m.application.case_id in by_case
        else None
        for m in matches
    }


# --- social contracts --------------------------------------------------------------------------------------------
TRIAL_WARNING_DAYS = 60


@dataclass(frozen=True)
class ContractRow:
    contract: SocialContract
    tenant: PersonView | None
    address: str
    address_visible: bool


def contracts(policy: AccessPolicy) -> QuerySet[SocialContract]:
    return SocialContract.objects.filter(application__in=applications(policy))


def get_contract_or_404(policy: AccessPolicy, pk, **rules) -> SocialContract:
    """A contract this user may see; `rules` (`visible`, `may`) as `AccessPolicy.get_or_404`."""
    rows = contracts(policy).select_related("application__case", "flat__district", "flat__tenant")
    return policy.get_or_404(rows, pk=pk, **rules)


def _contract_rows(policy: AccessPolicy, page_contracts) -> list[ContractRow]:
    rows = []
    for contract in page_contracts:
        rows.append(
            ContractRow(contract, _applicant(policy, contract.application), *flat_address(policy, contract.flat))
        )
    return rows


def _contract_list_data(queryset: QuerySet[SocialContract]) -> QuerySet[SocialContract]:
    return queryset.select_related("application__case", "flat__district", "flat__tenant").prefetch_related(
        Prefetch("application__case__parties", CaseParty.objects.select_related("person").order_by("id"))
    )


def contract_list(
    policy: AccessPolicy, filters: "ContractFilters", *, page: int | str = 1
) -> tuple[NumberedPage, list[ContractRow]]:
    queryset = filters.apply(contracts(policy))
    page_obj = counted_page(_contract_list_data(queryset).order_by("trial_ends_on", "id"), page, PAGE_SIZE)
    return page_obj, _contract_rows(policy, page_obj.object_list)


def trials_ending_filter(today: date, within_days: int = TRIAL_WARNING_DAYS) -> Q:
    return Q(status=SocialContract.Status.TRIAL, trial_ends_on__lte=today + timedelta(days=within_days))


def trials_ending(policy: AccessPolicy, *, limit: int = 20) -> list[ContractRow]:
    """Trials that end within 60 days or have ended without a decision: pass, extend or end."""
    queryset = contracts(policy).filter(trials_ending_filter(timezone.localdate()))
    return _contract_rows(policy, _contract_list_data(queryset).order_by("trial_ends_on", "id")[:limit])


@dataclass(frozen=True)
class ContractDetail:
    contract: SocialContract
    tenant: PersonView | None
    address: str
    follow_ups: list[FollowUp]
    trial_changes: list[TrialChange]
    remarks: int
    can_work: bool


def contract_detail(policy: AccessPolicy, contract: SocialContract) -> ContractDetail:
    follow_ups = list(contract.follow_ups.select_related("by"))
    return ContractDetail(
        contract=contract,
        tenant=_applicant(policy, contract.application),
        address=flat_address(policy, contract.flat)[0],
        follow_ups=follow_ups,
        trial_changes=list(contract.trial_changes.select_related("by")),
        remarks=sum(1 for f in follow_ups if f.has_remarks),
        can_work=policy.may_act(Capability.WORK_HOUSING, contract),
    )


# --- Nexus: placements, Nexus's flats, kundvård ------------------------------------------------------------------
def _nexus_visible(policy: AccessPolicy, model):
    if policy.is_partner:
        return model.objects.none()
    return policy.through_cases(model.objects.all())


def placements(policy: AccessPolicy) -> QuerySet[ProtectedPlacement]:
    return _nexus_visible(policy, ProtectedPlacement)


def get_placement_or_404(policy: AccessPolicy, pk, **rules) -> ProtectedPlacement:
    """A placement this user may see; `rules` (`visible`, `may`) as `AccessPolicy.get_or_404`."""
    return policy.get_or_404(placements(policy).select_related("case", "provider"), pk=pk, **rules)


@dataclass(frozen=True)
class PlacementRow:
    placement: ProtectedPlacement
    person: PersonView | None


def placement_list(policy: AccessPolicy, filters: "PlacementFilters", *, page: int | str = 1):
    queryset = (
        filters.apply(placements(policy))
        .select_related("case", "provider")
        .prefetch_related(Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")))
    )
    page_obj = counted_page(queryset.order_by("-starts_on", "-id"), page, PAGE_SIZE)
    rows = [PlacementRow(p, _case_applicant(policy, p.case)) for p in page_obj.object_list]
    return page_obj, rows


def _case_applicant(policy: AccessPolicy, case, *, home: bool = False) -> PersonView | None:
    parties = list(case.parties.all())
    first = next((p for p in parties if p.role == CaseParty.Role.APPLICANT), parties[0] if parties else None)
    return present(policy, first.person, case=case, role=first.get_role_display(), home=home) if first else None


@dataclass(frozen=True)
class OutcomeRow:
    outcome: str
    label: str
    placements: int
    children: int


def placement_outcomes(year: int) -> list[OutcomeRow]:
    """Placements ended in `year` by outcome, with the children concerned: the committee's yearly figures."""
    counts = {
        row["outcome"]: row
        for row in ProtectedPlacement.objects.filter(ends_on__year=year)
        .values("outcome")
        .annotate(n=Count("id"), children=Sum("outcome_children"))
    }
    return [
        OutcomeRow(value, label, counts.get(value, {}).get("n", 0), counts.get(value, {}).get("children") or 0)
        for value, label in PlacementOutcome.choices
    ]


@dataclass(frozen=True)
class NexusFlatRow:
    flat: NexusFlat
    stay: NexusFlatStay | None
    occupant: PersonView | None
    address: str
    move_out_passed: bool = False  # handed over, and the planned move-out day has passed without a recorded move-out


def nexus_flats(policy: AccessPolicy, *, today: date) -> list[NexusFlatRow]:
    """Nexus's flats with who lives there since when, and for an occupant referred on into the chain the planned
    move-out (the flat stays occupied until the move-out is recorded). An occupied flat's address follows the
    occupant's protection; a flat only Nexus staff see at all."""
    if policy.is_partner or not policy.holds(Capability.WORK_RELOCATION):
        return []
    stays = {
        s.flat_id: s
        for s in NexusFlatStay.objects.filter(until__isnull=True)
        .select_related("case")
        .prefetch_related(Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")))
    }
    visible_cases = set(policy.cases().filter(pk__in=[s.case_id for s in stays.values()]).values_list("pk", flat=True))
    rows = []
    for flat in NexusFlat.objects.filter(active=True):
        stay = stays.get(flat.pk)
        occupant = _case_applicant(policy, stay.case) if stay and stay.case_id in visible_cases else None
        hidden = stay is not None and (occupant is None or not occupant.visible)
        address = str(PROTECTED_ADDRESS) if hidden else f"{flat.street_address}, {flat.postal_code}"
        passed = bool(stay and stay.planned_move_out and stay.planned_move_out < today)
        rows.append(NexusFlatRow(flat, stay, occupant, address, passed))
    return rows


def get_nexus_flat_or_404(policy: AccessPolicy, pk) -> NexusFlat:
    if policy.is_partner or not policy.holds(Capability.WORK_RELOCATION):
        raise Http404
    return policy.get_or_404(NexusFlat.objects.all(), pk=pk, active=True)


def get_stay_or_404(policy: AccessPolicy, pk, **rules) -> NexusFlatStay:
    """A running stay this user may see; `rules` (`visible`, `may`) as `AccessPolicy.get_or_404`."""
    stays = _nexus_visible(policy, NexusFlatStay).select_related("flat", "case__unit")
    return policy.get_or_404(stays, pk=pk, until__isnull=True, **rules)


def kundvard_list(policy: AccessPolicy) -> list[PlacementRow]:
    """Kundvård with the person who asked, and where they live now (the new flat once they moved) through `present`:
    the address is the person's, masked and logged like the rest of them."""
    parties = CaseParty.objects.select_related("person__protected_address").order_by("id")
    queryset = (
        _nexus_visible(policy, Kundvard)
        .select_related("case", "landlord", "old_flat")
        .prefetch_related(Prefetch("case__parties", parties))
        .order_by("-requested_on", "-id")
    )
    return [PlacementRow(k, _case_applicant(policy, k.case, home=True)) for k in queryset[:100]]


def get_kundvard_or_404(policy: AccessPolicy, pk, **rules) -> Kundvard:
    """A kundvård this user may see; `rules` (`visible`, `may`) as `AccessPolicy.get_or_404`."""
    return policy.get_or_404(_nexus_visible(policy, Kundvard).select_related("case", "landlord"), pk=pk, **rules)


def case_by_number(policy: AccessPolicy, number: str):
    """A Nexus case this user may see, by its number ("2026-00042"), or None."""
    year, _sep, sequence = number.strip().partition("-")
    if not (year.isdigit() and sequence.isdigit()):
        return None
    return (
        policy.cases().filter(year=int(year), sequence=int(sequence), unit__kind="nexus").select_related("unit").first()
    )

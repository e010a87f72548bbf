"""What Nexus's client case page shows: the client, and each thing hanging on her case."""

from dataclasses import dataclass

from django.db.models import QuerySet

from cases.access import AccessPolicy
from cases.models import Case, CaseParty
from cases.presentation import PersonView, present
from housing.models import HousingApplication, Kundvard, NexusFlat, NexusFlatStay, ProtectedPlacement


@dataclass(frozen=True)
class SupportCaseDetail:
    case: Case
    client: PersonView | None
    children: list
    placements: list[ProtectedPlacement]
    stays: list[NexusFlatStay]
    free_flats: list[NexusFlat]
    kundvard: list[Kundvard]
    referrals: list[HousingApplication]
    outgoing_requests: list[Case]


def support_cases(policy: AccessPolicy) -> QuerySet[Case]:
    """The client cases this user may open."""
    return policy.our_cases().filter(kind=Case.Kind.SUPPORT)


def support_case_detail(policy: AccessPolicy, case: Case) -> SupportCaseDetail:
    party = case.parties.filter(role=CaseParty.Role.APPLICANT).select_related("person").first()
    client = present(policy, party.person, case=case, role=party.get_role_display()) if party else None
    children = list(party.person.household.all()) if party and client and client.visible else []
    occupied = NexusFlatStay.objects.filter(until__isnull=True).values("flat_id")
    return SupportCaseDetail(
        case=case,
        client=client,
        children=children,
        placements=list(case.placements.select_related("provider")),
        stays=list(case.nexus_flat_stays.select_related("flat", "handed_over_to__case")),
        free_flats=list(NexusFlat.objects.filter(active=True).exclude(pk__in=occupied)),
        kundvard=list(case.kundvard.select_related("landlord")),
        referrals=list(case.housing_referrals.select_related("case").order_by("-referred_on", "-id")),
        outgoing_requests=_outgoing_requests(policy, party),
    )


def _outgoing_requests(policy: AccessPolicy, party: CaseParty | None) -> list[Case]:
    """The client's outgoing relocation requests, through the relation relocation adds to Case (the nested app sits
    above housing): a request is its own case, with the client among its persons."""
    if party is None:
        return []
    requests = policy.our_cases().filter(
        kind=Case.Kind.RELOCATION, relocation__direction="outgoing", parties__person=party.person
    )
    return list(requests.select_related("relocation").distinct())

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
        outgoing_requests=_outgoing_requests(policy, case),
    )


def _outgoing_requests(policy: AccessPolicy, case: Case) -> list[Case]:
    """The outgoing relocation requests started from this client case, through the link relocation keeps to it
    (the nested app sits above housing): each request is its own case."""
    requests = policy.our_cases().filter(kind=Case.Kind.RELOCATION, relocation__client_case=case)
    return list(requests.select_related("relocation").order_by("-opened_on", "-id"))

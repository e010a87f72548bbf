"""Networks, members and requests for the relocation tests, made through the real services."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

import pytest

from cases import services
from cases.models import CaseParty
from cases.relocation import services as relocation
from cases.relocation.assessment import assessment_record
from cases.relocation.models import Direction, Network, ProtectionAssessment, RelocationRequest, RiskAssessor
from cases.relocation.workflow import State
from kompotten.models import Municipality, User
from tests.factories import PersonFactory

JOINED = date(2020, 1, 1)
CRITERIA = {
    "serious_violence": "Polisanmälan om grov kvinnofridskränkning.",
    "home_options_tried": "Skyddat boende och kvarskrivning prövade.",
    "risk_assessed_by": RiskAssessor.POLICE,
    "risk_assessed_on": date(2026, 9, 1),
    "cannot_arrange_housing": "Saknar egna kontakter och inkomst för eget kontrakt.",
}


@dataclass
class Networks:
    kompotten: Network
    lanskompotten: Network
    vasteras: Municipality
    enkoping: Municipality


@pytest.fixture
def networks(organisation) -> Networks:
    admin = User.objects.get(email="admin@uppsala.example")
    kompotten = relocation.network_create(name="Kompotten", kind=Network.Kind.NATIONAL, acting_user=admin)
    lans = relocation.network_create(name="Länskompotten Uppsala län", kind=Network.Kind.COUNTY, acting_user=admin)
    for network, codes in ((kompotten, ("0380", "1980", "0581")), (lans, ("0380", "0381", "0382"))):
        for code in codes:
            relocation.membership_add(
                network=network, municipality=Municipality.objects.get(code=code), joined_on=JOINED, acting_user=admin
            )
    relocation.contacts_from_partner_users(acting_user=admin)
    return Networks(kompotten, lans, Municipality.objects.get(code="1980"), Municipality.objects.get(code="0381"))


def open_request(networks: Networks, nexus: User, *, direction=Direction.INCOMING, on=None, person=None, **details):
    request = relocation.request_open(
        direction=direction,
        network=networks.kompotten,
        municipality=networks.vasteras,
        on=on or timezone.localdate() - timedelta(days=1),
        acting_user=nexus,
        **(details or CRITERIA),
    )
    person = person or PersonFactory(acting_user=nexus)
    services.case_add_person(case=request.case, person=person, role=CaseParty.Role.APPLICANT, acting_user=nexus)
    return request


def assess(request: RelocationRequest, nexus: User, *, confirmed: bool = True, on=None) -> ProtectionAssessment:
    """Nexus's protection assessment, which the hand-over and the rejection require."""
    result = ProtectionAssessment.Result
    return assessment_record(
        request=request,
        assessed_on=on or request.received_on or timezone.localdate(),
        result=result.CONFIRMED if confirmed else result.NOT_CONFIRMED,
        threat_level=ProtectionAssessment.ThreatLevel.SERIOUS_THREATS,
        reason="Hotbilden är bekräftad av polisens riskbedömning.",
        acting_user=nexus,
    )


def request_in_state(
    networks: Networks, state: str, direction: str, users: dict[str, User], *, rested_in: str | None = None
) -> RelocationRequest:
    """A request walked to `state` through the services, each move by the side that owns it. On hold: walked to
    `rested_in` (by default handed over, or sent) with the person's consent, which is then revoked."""
    if state == State.ON_HOLD:
        rested_in = rested_in or (State.HANDED_OVER if direction == Direction.INCOMING else State.SENT)
        request = request_in_state(networks, rested_in, direction, users)
        if not request.consents.filter(revoked_on__isnull=True).exists():
            relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=users["nexus"])
        consent = request.consents.get(revoked_on__isnull=True)
        relocation.consent_revoke(consent=consent, acting_user=users["nexus"])
        return RelocationRequest.objects.get(pk=request.pk)
    request = open_request(networks, users["nexus"], direction=direction)
    paths = {
        State.RECEIVED: [],
        State.HANDED_OVER: [(State.HANDED_OVER, "nexus")],
        State.PREPARED: [],
        State.SENT: [(State.SENT, "nexus")],
        State.ACCEPTED: [(State.SENT, "nexus"), (State.ACCEPTED, "partner")],
        State.HOUSED: [(State.SENT, "nexus"), (State.ACCEPTED, "partner"), (State.HOUSED, "nexus")],
    }
    for to_state, side in paths[state]:
        if to_state == State.HANDED_OVER:
            assess(request, users["nexus"])
        if to_state == State.SENT:
            relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=users["nexus"])
        request = relocation.request_transition(request=request, to_state=to_state, acting_user=users[side])
    return request

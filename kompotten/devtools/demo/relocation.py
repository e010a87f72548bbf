"""The fictional demo's networks and relocation requests, made through the services: Kompotten, Länskompotten in
Uppsala county and Södertörnsnätverket, members with invented contact persons, a year of telephone inquiries,
requests in every state in both directions, and the two years before this one for the annual report's comparison.
Called by `kompotten.devtools.demo.cases.seed`."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import CaseParty, Document, ProtectionLevel
from cases.relocation import services as services
from cases.relocation.assessment import assessment_record
from cases.relocation.filing import FiledConsent, FiledDocument, FiledPerson, filing_take_in_person, request_file
from cases.relocation.models import (
    Direction,
    MemberContact,
    Network,
    ProtectionAssessment,
    RelocationRequest,
    RiskAssessor,
)
from cases.relocation.workflow import State
from cases.services import case_add_person, deadline_pause, person_register
from kompotten.models import County, Municipality, User

JOINED = date(2015, 1, 1)
# (name, kind, county code, coordinator code, member codes)
NETWORKS = [
    ("Kompotten", Network.Kind.NATIONAL, None, "1980", ["0380", "1980", "0581", "0580", "1880", "1480", "0180"]),
    ("Länskompotten Uppsala län", Network.Kind.COUNTY, "03", "0380", ["0380", "0381", "0382", "0360", "0305"]),
    ("Södertörnsnätverket Stadigvarande boende", Network.Kind.REGIONAL, "01", None, ["0127", "0126", "0181", "0140"]),
]
CONTACT_NAMES = [
    "Karin Åberg",
    "Lars Holmqvist",
    "Sofia Engström",
    "Mikael Berglund",
    "Helena Sjögren",
    "Peter Lindahl",
    "Annika Wikström",
    "Jonas Falk",
    "Maria Hedlund",
    "Erik Sandström",
]
CRITERIA = {
    "serious_violence": "Upprepat grovt våld, polisanmält. Gärningspersonen vet var personen bor.",
    "home_options_tried": "Skyddat boende och kvarskrivning prövade utan att hotet upphört.",
    "risk_assessed_by": RiskAssessor.POLICE,
    "cannot_arrange_housing": "Saknar kontakter och ekonomi för att ordna eget kontrakt i annan kommun.",
    "rooms_needed": 3,
}


def seed_networks(admin: User) -> dict[str, Network]:
    networks = {}
    for index, (name, kind, county, coordinator, members) in enumerate(NETWORKS):
        network = services.network_create(
            name=name,
            kind=kind,
            acting_user=admin,
            county=County.objects.get(code=county) if county else None,
            coordinator=Municipality.objects.get(code=coordinator) if coordinator else None,
        )
        networks[name] = network
        for offset, code in enumerate(members):
            municipality = Municipality.objects.get(code=code)
            membership = services.membership_add(
                network=network, municipality=municipality, joined_on=JOINED, acting_user=admin
            )
            if code == "0380":  # our own designated contact person at Nexus: filed requests become hers
                nexus = User.objects.get(email="nexus@uppsala.example")
                services.contact_add(
                    membership=membership,
                    role=MemberContact.Role.CONTACT_PERSON,
                    name=nexus.get_full_name(),
                    unit="Nexus",
                    phone=nexus.phone,
                    email=nexus.email,
                    valid_from=JOINED,
                    user=nexus,
                    acting_user=admin,
                )
                continue
            if User.objects.filter(partner_municipality=municipality).exists():
                continue  # partners whose users become their contacts below
            name_of = CONTACT_NAMES[(index * 3 + offset) % len(CONTACT_NAMES)]
            services.contact_add(
                membership=membership,
                role=MemberContact.Role.CONTACT_PERSON,
                name=name_of,
                unit="Socialtjänsten, stöd vid våld i nära relationer",
                phone=f"010-000 {index}{offset} 00",
                email=f"kontakt@{municipality.short_name.lower().replace('ö', 'o').replace('ä', 'a')}.example",
                valid_from=JOINED,
                acting_user=admin,
            )
    services.contacts_from_partner_users(acting_user=admin, on=JOINED)
    return networks


def seed_inquiries(networks: dict[str, Network], nexus: User, today: date) -> int:
    """A year of telephone inquiries, both directions, both main networks."""
    kompotten, lans = networks["Kompotten"], networks["Länskompotten Uppsala län"]
    partners = [(kompotten, "1980"), (kompotten, "0581"), (kompotten, "1880"), (lans, "0381"), (lans, "0382")]
    topics = ["housing_situation", "criteria", "process", "housing_situation"]
    reasons = ["no_flats", "other_solution", "criteria_not_met", "no_flats", "became_formal"]
    for n in range(20):
        network, code = partners[n % len(partners)]
        services.inquiry_record(
            occurred_on=today - timedelta(days=7 + n * 17),
            direction="incoming" if n % 9 < 5 else "outgoing",
            network=network,
            municipality=Municipality.objects.get(code=code),
            topic=topics[n % len(topics)],
            stop_reason=reasons[n % len(reasons)],
            acting_user=nexus,
        )
    return 20


def open_request(network, code, direction, nexus, *, days_ago, person=None, today, **details) -> RelocationRequest:
    request = services.request_open(
        direction=direction,
        network=network,
        municipality=Municipality.objects.get(code=code),
        on=today - timedelta(days=days_ago),
        acting_user=nexus,
        **({**CRITERIA, "risk_assessed_on": today - timedelta(days=days_ago + 20)} | details),
    )
    if person is not None:
        case_add_person(case=request.case, person=person, role=CaseParty.Role.APPLICANT, acting_user=nexus)
    return request


def assess(request: RelocationRequest, nexus: User, on: date, *, confirmed: bool = True) -> None:
    """Nexus's protection assessment, recorded through the service as the hand-over and the rejection require."""
    result, threat = ProtectionAssessment.Result, ProtectionAssessment.ThreatLevel
    assessment_record(
        request=request,
        assessed_on=on,
        result=result.CONFIRMED if confirmed else result.NOT_CONFIRMED,
        threat_level=threat.SERIOUS_THREATS if confirmed else threat.NO_CURRENT_THREAT,
        reason="Polisens riskbedömning och samverkanskommunens underlag visar ett skyddsbehov."
        if confirmed
        else "Skyddsbehovet kan tillgodoses i hemkommunen.",
        acting_user=nexus,
    )


def seed_more_requests(networks: dict[str, Network], nexus: User, today: date) -> None:
    """Requests in every other state, both directions, with invented adults (reserve numbers only)."""
    kompotten, lans = networks["Kompotten"], networks["Länskompotten Uppsala län"]
    partner_of = {code: User.objects.filter(partner_municipality__code=code).first() for code in ("1980", "0381")}

    def adult(n):
        return person_register(
            acting_user=nexus, given_name="Demo", family_name=f"Sökande {n}", reserve_number=f"DEMO-FF-{n:03d}"
        )

    def walk(request, *moves):
        for to_state, by, reason, days_ago in moves:
            if to_state in (State.HANDED_OVER, State.REJECTED_BY_NEXUS):
                assess(request, nexus, today - timedelta(days=days_ago), confirmed=to_state == State.HANDED_OVER)
            if to_state == State.SENT:
                services.consent_record(
                    request=request, given_on=today - timedelta(days=days_ago), share_identity=True, acting_user=nexus
                )
            services.request_transition(
                request=request, to_state=to_state, acting_user=by, reason=reason, on=today - timedelta(days=days_ago)
            )

    rejected = open_request(kompotten, "0581", Direction.INCOMING, nexus, days_ago=200, person=adult(1), today=today)
    walk(rejected, (State.REJECTED_BY_NEXUS, nexus, "Skyddsbehovet kan tillgodoses i hemkommunen.", 190))
    withdrawn = open_request(kompotten, "1980", Direction.INCOMING, nexus, days_ago=150, person=adult(2), today=today)
    walk(withdrawn, (State.WITHDRAWN, partner_of["1980"], "Personen har fått bostad genom egna kontakter.", 140))
    declined = open_request(lans, "0381", Direction.INCOMING, nexus, days_ago=120, person=adult(3), today=today)
    walk(
        declined,
        (State.HANDED_OVER, nexus, "", 110),
        (State.DECLINED_BY_PERSON, nexus, "Personen vill inte lämna barnens skola.", 60),
    )
    sent = open_request(kompotten, "1980", Direction.OUTGOING, nexus, days_ago=30, person=adult(4), today=today)
    walk(sent, (State.SENT, nexus, "", 25))
    accepted = open_request(lans, "0381", Direction.OUTGOING, nexus, days_ago=90, person=adult(5), today=today)
    walk(accepted, (State.SENT, nexus, "", 85), (State.ACCEPTED, partner_of["0381"], "", 70))
    housed = open_request(kompotten, "1980", Direction.OUTGOING, nexus, days_ago=330, person=adult(6), today=today)
    ended = "Personen bor kvar och stödet är avslutat."
    walk(
        housed,
        (State.SENT, nexus, "", 320),
        (State.ACCEPTED, partner_of["1980"], "", 300),
        (State.HOUSED, nexus, "", 200),
        (State.ENDED, nexus, ended, 150),
    )
    refused = open_request(kompotten, "1980", Direction.OUTGOING, nexus, days_ago=60, person=adult(7), today=today)
    walk(
        refused,
        (State.SENT, nexus, "", 55),
        (State.REJECTED_BY_PARTNER, partner_of["1980"], "Inga lägenheter i Västerås i år.", 40),
    )


def seed_partner_filed(networks: dict[str, Network], today: date) -> None:
    """Requests the partners filed from their side: one from Västerås for a protected woman with two children, its
    deadline paused while Nexus waits for the police's risk assessment; one from Enköping confirmed and handed over."""
    vasteras = User.objects.get(email="kontakt@vasteras.example")
    enkoping = User.objects.get(email="kontakt@enkoping.example")
    nexus = User.objects.get(email="nexus@uppsala.example")

    def letter(name):
        return FiledDocument(
            Document.Type.REQUEST, "Förfrågan", SimpleUploadedFile(name, b"Formell forfragan.", "text/plain")
        )

    waiting = request_file(
        network=networks["Kompotten"],
        acting_user=vasteras,
        on=today - timedelta(days=6),
        person=FiledPerson(
            "Demo", "Inflyttare 1", "19790416-9807", ProtectionLevel.PROTECTED_REGISTRATION, children_ages=(5, 11)
        ),
        consent=FiledConsent(today - timedelta(days=8), share_household=True, share_risk_assessment=True),
        documents=[letter("forfragan.txt")],
        **{**CRITERIA, "risk_assessed_on": today - timedelta(days=30), "avoid_areas": "Gottsunda"},
    )
    deadline_pause(
        deadline=waiting.case.deadlines.get(),
        reason="Väntar på polisens riskbedömning från Västerås.",
        on=today - timedelta(days=2),
        acting_user=nexus,
    )
    handed = request_file(
        network=networks["Länskompotten Uppsala län"],
        acting_user=enkoping,
        on=today - timedelta(days=40),
        person=FiledPerson("Demo", "Inflyttare 2", "19830921-9809", adults=1),
        consent=FiledConsent(today - timedelta(days=41), share_identity=True, share_household=True),
        documents=[letter("brev.txt")],
        **{**CRITERIA, "risk_assessed_on": today - timedelta(days=60)},
    )
    filing_take_in_person(request=handed, acting_user=nexus)
    assess(handed, nexus, today - timedelta(days=31))
    services.request_transition(
        request=handed, to_state=State.HANDED_OVER, acting_user=nexus, on=today - timedelta(days=30)
    )


PREVIOUS_YEAR_REQUESTS = 4  # a network's requests of each kind a year (one more the later year: a change to show)
# Of a network's formal requests received each year, these are handed over to the housing unit, which houses them
# that year (`kompotten.devtools.demo.housing.house_previous_years`); the rest Nexus rejects. One more in Länskompotten
# the later year: 2 + 3 households, a total that no "≤3" pins, so the report prints it.
PREVIOUS_YEAR_HOUSED = 2


def seed_previous_years(networks: dict[str, Network], nexus: User, today: date) -> None:
    """The two years before this one, so the annual report of last year has the year before beside it: in each
    network and year, formal requests received (some handed over to the housing unit, which houses them that year,
    the others assessed and rejected by Nexus), households sent and housed there (an adult and a child each) and
    telephone inquiries both ways."""
    kompotten, lans = networks["Kompotten"], networks["Länskompotten Uppsala län"]
    partners = {"1980": User.objects.filter(partner_municipality__code="1980").first()}
    partners["0381"] = User.objects.filter(partner_municipality__code="0381").first()
    serial = 100
    for year in (today.year - 2, today.year - 1):
        for network, code in ((kompotten, "1980"), (lans, "0381")):
            for n in range(PREVIOUS_YEAR_REQUESTS + (year == today.year - 1)):  # one more the later year
                serial += 1
                received = date(year, 2 + 2 * n, 10)
                person = person_register(
                    acting_user=nexus,
                    given_name="Demo",
                    family_name=f"Sökande {serial}",
                    reserve_number=f"DEMO-FF-{serial:03d}",
                )
                request = services.request_open(
                    direction=Direction.INCOMING,
                    network=network,
                    municipality=Municipality.objects.get(code=code),
                    on=received,
                    acting_user=nexus,
                    **{**CRITERIA, "risk_assessed_on": received - timedelta(days=20)},
                )
                case_add_person(case=request.case, person=person, role=CaseParty.Role.APPLICANT, acting_user=nexus)
                handed_over = n < PREVIOUS_YEAR_HOUSED + (year == today.year - 1 and network == lans)
                assess(request, nexus, received + timedelta(days=8), confirmed=handed_over)
                services.request_transition(
                    request=request,
                    to_state=State.HANDED_OVER if handed_over else State.REJECTED_BY_NEXUS,
                    acting_user=nexus,
                    reason="" if handed_over else "Skyddsbehovet kan tillgodoses i hemkommunen.",
                    on=received + timedelta(days=9),
                )
                _sent_and_housed(network, code, nexus, partners[code], date(year, 1 + 2 * n, 5), serial)
                _inquiries(network, code, nexus, date(year, 1 + 2 * n, 20))


def _sent_and_housed(network: Network, code: str, nexus: User, partner: User, sent_on: date, serial: int) -> None:
    adult = person_register(
        acting_user=nexus, given_name="Demo", family_name=f"Flyttar {serial}", reserve_number=f"DEMO-FT-{serial:03d}"
    )
    child = person_register(
        acting_user=nexus, given_name="Demo", family_name=f"Barn {serial}", reserve_number=f"DEMO-FB-{serial:03d}"
    )
    request = services.request_open(
        direction=Direction.OUTGOING,
        network=network,
        municipality=Municipality.objects.get(code=code),
        on=sent_on - timedelta(days=4),
        acting_user=nexus,
        **{**CRITERIA, "risk_assessed_on": sent_on - timedelta(days=20)},
    )
    case_add_person(case=request.case, person=adult, role=CaseParty.Role.APPLICANT, acting_user=nexus)
    case_add_person(case=request.case, person=child, role=CaseParty.Role.CHILD, acting_user=nexus)
    services.consent_record(request=request, given_on=sent_on, share_identity=True, acting_user=nexus)
    ended = "Personen bor kvar och stödet är avslutat."
    for to_state, by, reason, on in (
        (State.SENT, nexus, "", sent_on),
        (State.ACCEPTED, partner, "", sent_on + timedelta(days=12)),
        (State.HOUSED, nexus, "", sent_on + timedelta(days=40)),
        (State.ENDED, nexus, ended, sent_on + timedelta(days=90)),
    ):
        services.request_transition(request=request, to_state=to_state, acting_user=by, reason=reason, on=on)


def _inquiries(network: Network, code: str, nexus: User, on: date) -> None:
    for direction, topic, reason in (("incoming", "criteria", "no_flats"), ("outgoing", "process", "other_solution")):
        services.inquiry_record(
            occurred_on=on,
            direction=direction,
            network=network,
            municipality=Municipality.objects.get(code=code),
            topic=topic,
            stop_reason=reason,
            acting_user=nexus,
        )

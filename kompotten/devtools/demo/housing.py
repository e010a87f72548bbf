"""Fictional demo data for the housing unit, made through the services: districts, landlords with agreements,
pools with this year's use, flats, and applications in every state (some for protected persons), offers accepted
and declined, contracts in trial and passed. Loaded once: if the demo landlord exists, nothing is done."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cases import services as case_services
from cases.models import District, Landlord, LandlordContact, ProtectionLevel
from cases.relocation.models import Direction, Network, RelocationRequest
from cases.relocation.workflow import State as RelocationState
from housing import services
from housing.models import (
    ChecklistItem,
    DeclineReason,
    Flat,
    HousingApplication,
    Kundvard,
    NexusFlat,
    PlacementOutcome,
    ReferralKind,
    ReservationPool,
    ShelterProvider,
    SocialContract,
)
from kompotten.devtools.demo import relocation as relocation_demo
from kompotten.models import Municipality, Unit, User

SOURCE = "Skatteverket (SPAR)"
DISTRICTS = ["Centrum", "Eriksberg", "Gottsunda", "Gränby", "Luthagen", "Sävja", "Svartbäcken", "Valsätra"]


@transaction.atomic
def seed() -> int:
    """Creates the housing demo; returns how many applications it created (0 when they exist already)."""
    if Landlord.objects.filter(name="Bostadsbolaget Demohem AB").exists():
        return 0
    today = timezone.localdate()
    admin = User.objects.get(email="admin@uppsala.example")
    handler = User.objects.get(email="bostad@uppsala.example")
    nexus = User.objects.get(email="nexus@uppsala.example")
    team_lead = User.objects.get(email="gruppledare.bostad@uppsala.example")
    districts = {name: District.objects.get_or_create(name=name)[0] for name in DISTRICTS}
    pools = _landlords_and_pools(admin, today)
    flats = _flats(admin, pools, districts, today)
    nexus_unit = Unit.objects.get(kind=Unit.Kind.NEXUS, members=nexus)
    items = list(ChecklistItem.objects.filter(active=True))

    def applicant(n, **protection):
        return case_services.person_register(
            acting_user=nexus,
            given_name=GIVEN[n],
            family_name=FAMILY[n],
            reserve_number=f"DEMO-BOSTAD-{n}",
            **protection,
        )

    def referral(n, days_ago, *, kind=ReferralKind.HOUSING_CHAIN, children=(), protection=None, **needs):
        unit = (
            {"referring_unit": nexus_unit}
            if kind != ReferralKind.RELOCATION
            else {"referring_municipality": Municipality.objects.get(code="1980")}
        )
        application = services.application_refer(
            referral_kind=kind,
            person=applicant(n, **(protection or {})),
            acting_user=nexus,
            handler=None if protection else handler,
            background="Placeringen i skyddat boende avslutas; behöver eget kontrakt i kommunen.",
            children=[services.ChildInput(name, year) for name, year in children],
            referred_on=today - timedelta(days=days_ago),
            **unit,
            **needs,
        )
        if protection:  # a case with a protected person is given by the team lead, with a reason
            case_services.case_assign_handler(
                case=application.case,
                user=handler,
                acting_user=team_lead,
                reason="Skyddad identitet: utreds av ordinarie handläggare.",
            )
        return application

    def approved(application, days_ago):
        services.checklist_save(application=application, done=dict.fromkeys(items, ""), acting_user=handler)
        services.application_decide(
            application=application,
            outcome="approved",
            acting_user=handler,
            reasons="Behovet av bostad är utrett och styrkt.",
            decided_on=today - timedelta(days=days_ago),
        )
        return application

    protected = {
        "protection_level": ProtectionLevel.PROTECTED_REGISTRATION,
        "protection_noted_on": today - timedelta(days=300),
        "protection_source": SOURCE,
    }
    # Referred, under investigation (one near its deadline), rejected and withdrawn.
    referral(0, 5, rooms=2)
    near = referral(
        1, 80, children=[("Ella", 2016)], rooms=3, protection=protected, avoid_districts=[districts["Gottsunda"]]
    )
    services.checklist_save(application=near, done={items[0]: "Samtycke finns"}, acting_user=handler)
    rejected = referral(2, 120)
    services.checklist_save(application=rejected, done=dict.fromkeys(items, ""), acting_user=handler)
    services.application_decide(
        application=rejected,
        outcome="rejected",
        acting_user=handler,
        reasons="Sökande har ett eget förstahandskontrakt i kommunen.",
    )
    withdrawn = referral(3, 30, kind=ReferralKind.RELOCATION)
    services.application_transition(
        application=withdrawn,
        to_status="withdrawn",
        acting_user=nexus,
        reason="Personen har flyttat till annan kommun.",
    )
    # Queued: with and without children; one paused after a declined offer.
    approved(referral(4, 150, children=[("Omar", 2019), ("Sami", 2022)], rooms=3), 100)
    approved(referral(5, 140, rooms=1), 90)
    approved(referral(6, 90, kind=ReferralKind.RELOCATION, rooms=2), 40)
    paused = approved(referral(7, 200, rooms=2, protection=protected), 150)
    offer = services.offer_make(
        flat=flats[4],
        application=paused,
        answer_by=today - timedelta(days=5),
        offered_on=today - timedelta(days=12),
        acting_user=handler,
    )
    services.offer_decline(
        offer=offer,
        reason=DeclineReason.objects.get(consequence="pause"),
        answered_on=today - timedelta(days=6),
        note="Tackade nej utan att se lägenheten.",
        acting_user=handler,
    )
    # Housed: a contract in trial ending soon (after a declined offer), one tenant-held with a guarantee, and
    # one passed to the tenant.
    in_trial = approved(referral(8, 700, children=[("Liv", 2014)], rooms=3), 660)
    declined = services.offer_make(
        flat=flats[2],
        application=in_trial,
        answer_by=today - timedelta(days=525),
        offered_on=today - timedelta(days=530),
        acting_user=handler,
    )
    services.offer_decline(
        offer=declined,
        reason=DeclineReason.objects.get(who="flat_unsuitable", consequence="none", label__contains="hotbilden"),
        answered_on=today - timedelta(days=528),
        acting_user=handler,
    )
    _house(in_trial, flats[0], handler, started=today - timedelta(days=510))
    guarantee = approved(referral(9, 300, rooms=1), 250)
    _house(
        guarantee,
        flats[1],
        handler,
        started=today - timedelta(days=200),
        terms={
            "form": SocialContract.Form.GUARANTEE,
            "guarantee_amount": 22500,
            "guarantee_from": today - timedelta(days=200),
            "guarantee_until": today + timedelta(days=165),
        },
    )
    passed = approved(referral(10, 800, rooms=2, protection=protected), 760)
    contract = _house(passed, flats[3], handler, started=today - timedelta(days=600))
    services.follow_up_add(
        contract=contract,
        happened_on=today - timedelta(days=300),
        kind="visit",
        note="Hembesök: lägenheten välskött, hyran betald.",
        acting_user=handler,
    )
    services.contract_pass_to_tenant(contract=contract, acting_user=handler)
    # The landlord lets a flat of the Kvinnojour pool to the shelter, which lets it on itself: no person recorded.
    services.flat_let_to_shelter(
        flat=flats[7],
        shelter_name="Uppsala Kvinnojour",
        let_on=today - timedelta(days=20),
        today=today,
        acting_user=handler,
    )
    _nexus_side(nexus, nexus_unit, pools["social"].landlord, districts, today)
    house_previous_years(admin, handler, team_lead, pools["social"].landlord, districts, items, today)
    return 11


def house_previous_years(admin, handler, team_lead, landlord, districts, items, today) -> None:
    """The requests from other municipalities that Nexus handed over in the two years before this one
    (`relocation_demo.seed_previous_years`), housed in a flat of the municipal landlord in the same year: approved a
    month after the hand-over, the offer accepted and the contract started a month later, which reports the move-in
    back to the request ("Hushåll som fått lägenhet här" in both years the annual report compares)."""
    requests = RelocationRequest.objects.filter(
        state=RelocationState.HANDED_OVER, received_on__year__lt=today.year
    ).select_related("housing_case")
    for serial, request in enumerate(requests.order_by("received_on", "pk")):
        decided = request.handed_over_on + timedelta(days=30)
        if decided + timedelta(days=30) > today:  # early in January a December hand-over is not housed yet
            continue
        application = HousingApplication.objects.get(case=request.housing_case)
        case_services.case_assign_handler(case=application.case, user=handler, acting_user=team_lead)
        services.checklist_save(application=application, done=dict.fromkeys(items, ""), acting_user=handler)
        services.application_decide(
            application=application,
            outcome="approved",
            acting_user=handler,
            reasons="Behovet av bostad är utrett och styrkt.",
            decided_on=decided,
        )
        flat = services.flat_register(
            landlord=landlord,
            street_address=f"Flyttvägen {serial + 1}",
            postal_code="75320",
            district=districts["Centrum"],
            rooms=4,  # room enough for any household the requests bring
            area=Decimal("88.0"),
            rent=9600,
            floor=1,
            accessibility="elevator",
            available_from=decided,
            acting_user=admin,
        )
        _house(application, flat, handler, started=decided + timedelta(days=30))


def _nexus_side(nexus, nexus_unit, municipal, districts, today):
    """Placements ended with every outcome the committee counts, one still running, Nexus's flats (one
    occupied), and a kundvård move whose old flat was offered to the municipality."""

    def nexus_case(n, days_ago, **protection):
        """Nexus's client case (stödärende) for a demo client, opened through the service."""
        case = services.support_case_open(
            acting_user=nexus,
            opened_on=today - timedelta(days=days_ago),
            given_name=GIVEN[n % len(GIVEN)],
            family_name=f"Placerad{n}",
            reserve_number=f"DEMO-NEXUS-{n}",
            **protection,
        )
        if protection:  # a case with a protected person is given by the team lead, with a reason
            lead = User.objects.get(email="gruppledare.nexus@uppsala.example")
            reason = "Skyddad identitet: ordinarie handläggare."
            case_services.case_assign_handler(case=case, user=nexus, acting_user=lead, reason=reason)
        return case

    provider = ShelterProvider.objects.create(name="Tryggt Boende Demo AB", agreement="SN 2025/0112 (fiktivt)")
    for n, outcome in enumerate(PlacementOutcome.values):
        case = nexus_case(n, 200 + n)
        placement = services.placement_start(
            case=case, provider=provider, starts_on=today - timedelta(days=180 + n), children=n % 3, acting_user=nexus
        )
        services.placement_end(
            placement=placement, ends_on=today - timedelta(days=20 + n), outcome=outcome, acting_user=nexus
        )
        if n == 0:  # settled with a first-hand contract: nothing open, so Nexus closes her case
            services.support_case_close(
                case=case, closed_on=today - timedelta(days=10), reason=services.CloseReason.SETTLED, acting_user=nexus
            )
    running = nexus_case(10, 40)
    services.placement_start(
        case=running, provider=provider, starts_on=today - timedelta(days=40), children=1, acting_user=nexus
    )
    # Her outgoing relocation request, started from her client case, hangs on it.
    kompotten = Network.objects.get(name="Kompotten")
    relocation_demo.open_request(
        kompotten, "1980", Direction.OUTGOING, nexus, days_ago=10, today=today, client_case=running
    )
    transition = NexusFlat.objects.create(
        kind=NexusFlat.Kind.TRANSITION,
        label="U1",
        rooms=2,
        street_address="Utslussvägen 1 (fiktiv)",
        postal_code="75320",
    )
    NexusFlat.objects.create(
        kind=NexusFlat.Kind.EMERGENCY, label="J1", rooms=1, street_address="Jourgränd 2 (fiktiv)", postal_code="75318"
    )
    services.nexus_flat_move_in(
        flat=transition, case=nexus_case(11, 120), since=today - timedelta(days=100), acting_user=nexus
    )
    # Kundvård tenants often have protected data: this one's new flat becomes her protected address.
    protected = {
        "protection_level": ProtectionLevel.PROTECTED_REGISTRATION,
        "protection_noted_on": today - timedelta(days=70),
        "protection_source": SOURCE,
    }
    kundvard = services.kundvard_request(
        case=nexus_case(12, 60, **protected),
        landlord=municipal,
        requested_on=today - timedelta(days=50),
        risk_assessed_on=today - timedelta(days=55),
        lived_with_perpetrator=True,
        acting_user=nexus,
    )
    services.kundvard_decide(
        kundvard=kundvard,
        decision=Kundvard.Decision.GRANTED,
        decided_on=today - timedelta(days=45),
        new_street_address="Bytesvägen 8 (fiktiv)",
        new_postal_code="75320",
        moved_on=today - timedelta(days=20),
        new_lease_in_victims_name=True,
        old_flat={
            "street_address": "Lämnade gatan 3",
            "postal_code": "75431",
            "district": districts["Gränby"],
            "rooms": 3,
            "area": Decimal("76.0"),
            "rent": 8300,
            "floor": 2,
            "available_from": today + timedelta(days=40),
        },
        acting_user=nexus,
    )


def _house(application, flat, handler, *, started, terms=None):
    offer = services.offer_make(
        flat=flat,
        application=application,
        answer_by=started,
        acting_user=handler,
        offered_on=started - timedelta(days=7),
        out_of_order_reason=OUT_OF_ORDER,
    )
    services.offer_accept(
        offer=offer,
        answered_on=started,
        acting_user=handler,
        terms=services.ContractTerms(starts_on=started, **(terms or {})),
    )
    return application.contract


def _landlords_and_pools(admin, today) -> dict[str, ReservationPool]:
    municipal = Landlord.objects.create(name="Bostadsbolaget Demohem AB", kind=Landlord.Kind.MUNICIPAL)
    LandlordContact.objects.create(
        landlord=municipal,
        name="Karin Kundvård",
        role="Kundvårdsgruppen",
        phone="018-00 00 00",
        email="kundvard@demohem.example",
    )
    private = Landlord.objects.create(name="Privata Fastigheter Demo AB", kind=Landlord.Kind.PRIVATE)
    services.agreement_record(
        landlord=municipal,
        valid_from=today.replace(month=1, day=1),
        yearly_quota=40,
        acting_user=admin,
        note="Samverkansavtal om bostadssociala kontrakt.",
    )
    services.agreement_record(
        landlord=private, valid_from=today.replace(month=1, day=1), yearly_quota=6, acting_user=admin
    )
    relocation = ReservationPool.objects.create(
        name="Förflyttningar (Kompotten)", landlord=municipal, kind=ReservationPool.Kind.RELOCATION
    )
    shelter = ReservationPool.objects.create(
        name="Kvinnojouren", landlord=municipal, kind=ReservationPool.Kind.WOMENS_SHELTER
    )
    social = ReservationPool.objects.get(landlord=municipal, kind=ReservationPool.Kind.SOCIAL_CONTRACT)
    for year in range(today.year - 2, today.year + 1):
        services.pool_set_quota(pool=relocation, year=year, promised=5, acting_user=admin)
        services.pool_set_quota(pool=shelter, year=year, promised=2, acting_user=admin)
        services.pool_set_quota(pool=social, year=year, promised=40, acting_user=admin)
    return {"relocation": relocation, "shelter": shelter, "social": social}


def _flats(admin, pools, districts, today) -> list[Flat]:
    municipal = pools["social"].landlord
    rows = [
        ("Demogatan 3", "75431", "Gränby", 3, "72.5", 8100, 2, "elevator", pools["social"]),
        ("Provvägen 12", "75320", "Centrum", 1, "34.0", 5200, 4, "none", pools["social"]),
        ("Exempelgränd 8", "75645", "Gottsunda", 3, "70.0", 7800, 1, "none", pools["social"]),
        ("Fiktivgatan 21", "75318", "Luthagen", 2, "55.5", 6900, 0, "elevator", pools["social"]),
        ("Låtsasbacken 5", "75236", "Eriksberg", 2, "58.0", 7100, 3, "elevator", pools["social"]),
        ("Påhittgatan 9", "75431", "Gränby", 2, "61.0", 7300, 1, "wheelchair", pools["relocation"]),
        ("Övningsvägen 2", "75320", "Centrum", 4, "95.0", 10400, 5, "elevator", pools["social"]),
        ("Jourstigen 4", "75318", "Luthagen", 2, "52.0", 6700, 1, "none", pools["shelter"]),
    ]
    return [
        services.flat_register(
            landlord=municipal,
            street_address=street,
            postal_code=code,
            district=districts[district],
            rooms=rooms,
            area=Decimal(area),
            rent=rent,
            floor=floor,
            accessibility=access,
            pool=pool,
            available_from=today - timedelta(days=30),
            acting_user=admin,
        )
        for street, code, district, rooms, area, rent, floor, access, pool in rows
    ]


OUT_OF_ORDER = "Demodata: lägenheten valdes för hushållets särskilda behov (fiktivt)."
GIVEN = ["Amira", "Beata", "Cornelia", "Dalia", "Emina", "Frida", "Greta", "Hanna", "Ines", "Jasmin", "Klara"]
FAMILY = ["Demo", "Exempel", "Prov", "Fiktiv", "Testsson", "Påhitt", "Låtsas", "Modell", "Övning", "Skiss", "Utkast"]

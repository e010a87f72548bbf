"""One person at one protection level, on a case of every kind where a person appears, with every object an id URL
can point at: the world of the channel × role × protection level matrix (tests/test_protected_identity_matrix.py).
The person has a child at school in the household and, with fingerade personuppgifter, a link to the former identity;
the partner municipality has also filed a request of its own naming the person. Everything is made through the real
services; handlers of cases with a protected person are given by team leads."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases import registers
from cases import services as case_services
from cases.models import (
    Case,
    CaseParty,
    District,
    DistrictPostalArea,
    Document,
    EmergencyAccess,
    FormerIdentityLink,
    HouseholdMember,
    Landlord,
    LandlordContact,
    Person,
    ProtectionLevel,
)
from cases.relocation import filing as relocation_filing
from cases.relocation import services as relocation
from cases.relocation.models import MemberContact, RelocationConsent, RelocationRequest
from evictions import meetings as eviction_meetings
from evictions import services as eviction_services
from evictions.models import ImportBatch, LandlordMeeting, LatePayer, Notice
from housing import services as housing_services
from housing.models import (
    Decision,
    Flat,
    HousingApplication,
    Kundvard,
    NexusFlat,
    NexusFlatStay,
    Offer,
    ProtectedPlacement,
    ShelterProvider,
    SocialContract,
)
from kompotten.models import Unit, User
from reports import runner as report_runner
from reports import services as report_services
from reports.models import Delivery, RegisterExtract
from tests.cases.relocation.world import CRITERIA, open_request
from tests.evictions.conftest import notice_input, tenant
from tests.factories import TEST_REASON, PersonFactory, fresh_identity_number
from tests.housing.conftest import approve, flat, refer

PROTECTED_STREET = "Hemlighetsgränd 7"
WORKPLACE = "Matrisens Konditori AB"
LETTER_ADDRESS = "Box 12\n753 20 Uppsala"  # where letters to a protected household go, as the caseworker wrote it
CHILD = ("Tindramatris", "Barnmatrisson")
SCHOOL = "Matrisskolan i Sävja"
FORMER_NAME = ("Gunvor", "Förramatris")


@dataclass
class World:
    person: Person
    child: HouseholdMember  # in the person's household, with a school
    former_identity: FormerIdentityLink | None  # fingerade personuppgifter only; recorded by nexus_caseworker
    # Nexus: a relocation request with Västerås (identity not shared), the person the applicant; nexus_caseworker
    # handles it, and its placement, emergency flat and kundvård request.
    nexus_case: Case
    consent: RelocationConsent
    document: Document
    party: CaseParty
    emergency_access: EmergencyAccess  # a colleague's, already expired: it grants nothing now
    placement: ProtectedPlacement
    nexus_flat: NexusFlat  # empty, to move into
    stay: NexusFlatStay
    kundvard: Kundvard
    # Nexus's client case for the person, handled by nexus_caseworker (assigned by the Nexus team lead).
    support_case: Case
    # Housing: Nexus's referral, approved, handled by housing_handler; a flat offered, and a contract let.
    application: HousingApplication
    decision: Decision
    flat: Flat
    offer: Offer
    contract: SocialContract
    # Evictions: a notice naming the person as tenant, handled by eviction_caseworker, and an import preview.
    notice: Notice
    landlord: Landlord
    import_batch: ImportBatch
    contact: object
    letter: object
    eviction_consent: object
    plan: object
    aid: object
    # The landlord's joint meeting, planned by the team lead, with a contact person of the landlord and the person
    # on the landlord's list of late payers (consented, so named).
    meeting: LandlordMeeting
    landlord_contact: LandlordContact
    late_payer: LatePayer
    # A second request, filed by Västerås from its side, naming the person at the same protection level (a filing is
    # not one of our persons until Nexus takes it in); nexus_caseworker, our designated contact, handles it.
    filed_request: RelocationRequest
    filed_document: Document
    # The person's register extract, asked for in person by nexus_caseworker and made (by the report runner, here in
    # the test's process): its pages and its PDF.
    register_extract: RegisterExtract

    @property
    def housing_case(self) -> Case:
        return self.application.case

    @property
    def eviction_case(self) -> Case:
        return self.notice.file.case

    @property
    def filed_case(self) -> Case:
        return self.filed_request.case

    @property
    def markers(self) -> list[str]:
        """What would tell a reader who the person is, or where they live, or where their child goes to school."""
        number = self.person.identity_number
        person = [self.person.given_name, self.person.family_name, number, number[2:], PROTECTED_STREET, WORKPLACE]
        return person + [self.child.given_name, self.child.family_name, self.child.school] + self.link_markers

    @property
    def link_markers(self) -> list[str]:
        """The former identity: shown only to holders of a grant on the link itself, not to all who see the person."""
        if self.former_identity is None:
            return []
        number = self.former_identity.former_identity_number
        return [self.former_identity.former_family_name, number, number[2:]]


NAMES = {
    ProtectionLevel.NONE: ("Olivia", "Öppenmatris"),
    ProtectionLevel.CONFIDENTIALITY_MARKING: ("Siv", "Sekretessmatris"),
    ProtectionLevel.PROTECTED_REGISTRATION: ("Kerstin", "Kvarskrivenmatris"),
    ProtectionLevel.FICTITIOUS_IDENTITY: ("Fia", "Fingeradmatris"),
}


def user(email: str) -> User:
    return User.objects.get(email=email)


def build_world(level: str, networks) -> World:
    admin = user("admin@uppsala.example")
    nexus, colleague = user("nexus@uppsala.example"), user("nexus2@uppsala.example")
    housing_handler, eviction_caseworker = user("bostad@uppsala.example"), user("vrakning@uppsala.example")
    given, family = NAMES[level]
    protection = {}
    if level != ProtectionLevel.NONE:
        protection = {"protection_noted_on": date(2026, 1, 15), "protection_source": "Skatteverket (SPAR)"}
    # Where the person lives: for skyddad folkbokföring the protected address (the register holds another one).
    registered = "Folkbokföringsgatan 1" if level == ProtectionLevel.PROTECTED_REGISTRATION else PROTECTED_STREET
    person = PersonFactory(
        given_name=given,
        family_name=family,
        protection_level=level,
        workplace=WORKPLACE,
        street_address=registered,
        **protection,
    )  # registered by the administrator, whose grant is taken back
    if level == ProtectionLevel.PROTECTED_REGISTRATION:
        case_services.person_set_protected_address(
            person=person, street_address=PROTECTED_STREET, postal_code="75645", acting_user=admin
        )
    child = case_services.household_member_add(
        person=person,
        relation=HouseholdMember.Relation.CHILD,
        given_name=CHILD[0],
        family_name=CHILD[1],
        birth_year=2017,
        school=SCHOOL,
        acting_user=admin,
    )
    if person.is_protected and person.pk in _person_grants(admin):
        case_services.person_revoke_access(person=person, user=admin, acting_user=admin)

    # --- Nexus ------------------------------------------------------------------------------------------------
    request = open_request(networks, nexus, person=person)
    case = request.case
    consent = relocation.consent_record(request=request, given_on=request.received_on, acting_user=nexus)
    document = case_services.document_add(
        case=case,
        title="Riskbedömning",
        type=Document.Type.RISK_ASSESSMENT,
        document_date=case.opened_on,
        uploaded_file=SimpleUploadedFile("risk.txt", f"Riskbedömning för {person.full_name}".encode(), "text/plain"),
        acting_user=nexus,
    )
    case_services.note_add(case=case, text="Intern anteckning", acting_user=nexus)
    case_services.deadline_set(case=case, label="Bedömning", starts_on=case.opened_on, weeks=2, acting_user=nexus)
    party = case.parties.get(person=person)
    former = None
    if level == ProtectionLevel.FICTITIOUS_IDENTITY:  # the handler records the link, and so alone holds its grant
        former = case_services.person_link_former_identity(
            person=person,
            former_given_name=FORMER_NAME[0],
            former_family_name=FORMER_NAME[1],
            former_identity_number=fresh_identity_number(),
            noted_on=date(2026, 1, 15),
            source="Skatteverket",
            acting_user=nexus,
        )
    emergency = case_services.emergency_access_open(party=party, reason="Polisen ringer, akut", acting_user=colleague)
    EmergencyAccess.objects.filter(pk=emergency.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    provider = ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    today = timezone.localdate()
    placement = housing_services.placement_start(case=case, provider=provider, starts_on=today, acting_user=nexus)
    flats = [
        NexusFlat.objects.create(
            kind="emergency", label=f"J{n}", street_address="Jourvägen 1", postal_code="75320", rooms=2
        )
        for n in (1, 2)
    ]
    stay = housing_services.nexus_flat_move_in(flat=flats[0], case=case, since=today, acting_user=nexus)
    support_case = housing_services.support_case_open(acting_user=nexus, person=person, opened_on=today)
    if not support_case.assignments.filter(user=nexus).exists():
        case_services.case_assign_handler(
            case=support_case,
            user=nexus,
            acting_user=user("gruppledare.nexus@uppsala.example"),
            reason=TEST_REASON,
        )
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    kundvard = housing_services.kundvard_request(
        case=case, landlord=landlord, requested_on=today, risk_assessed_on=today, acting_user=nexus
    )
    filed_request = _file_from_vasteras(networks, person, nexus, admin)

    # --- Housing ----------------------------------------------------------------------------------------------
    application = refer(nexus, person=person, handler=housing_handler)
    decision = approve(application, housing_handler)
    district = District.objects.create(name="Gränby")
    offered = flat(housing_handler, landlord=landlord, district=district, street_address="Erbjudandegatan 3")
    offer = housing_services.offer_make(
        flat=offered, application=application, answer_by=today, acting_user=housing_handler
    )
    let = flat(housing_handler, landlord=landlord, district=district, street_address="Kontraktsgatan 5")
    other = refer(nexus, handler=housing_handler)
    approve(other, housing_handler)
    accepted = housing_services.offer_make(
        flat=let, application=other, answer_by=today, acting_user=housing_handler, out_of_order_reason="Test"
    )
    housing_services.offer_accept(offer=accepted, acting_user=housing_handler)
    # The contract of the other application; the person's own flat keeps its open offer for offer_answer.

    # --- Evictions --------------------------------------------------------------------------------------------
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    data = notice_input(
        tenants=(tenant(given_name=given, family_name=family, identity_number=person.identity_number),),
        receipt_requested=True,
    )
    notice = eviction_services.notice_register(data=data, unit=unit, acting_user=eviction_caseworker)
    file = notice.file
    if not file.case.assignments.filter(user=eviction_caseworker).exists():
        case_services.case_assign_handler(
            case=file.case,
            user=eviction_caseworker,
            acting_user=user("gruppledare.vrakning@uppsala.example"),
            reason=TEST_REASON,
        )
    contact = eviction_services.other_unit_add(
        file=file, unit="adults", caseworker="Lo Berg", acting_user=eviction_caseworker
    )
    letter = eviction_services.letter_create(
        file=file,
        data=eviction_services.LetterInput(
            kind="visit",
            booked_at=timezone.now() + timedelta(days=3),
            override_reason="Test",
            chosen_address=LETTER_ADDRESS,
        ),
        acting_user=eviction_caseworker,
    )
    eviction_consent = eviction_services.consent_create(
        file=file, partners=["landlord"], acting_user=eviction_caseworker
    )
    eviction_services.consent_sign(consent=eviction_consent, signed_on=today, acting_user=eviction_caseworker)
    plan = eviction_services.repayment_plan_add(
        file=file, agreed_on=today, debt=Decimal(5000), monthly_amount=Decimal(500), acting_user=eviction_caseworker
    )
    aid = eviction_services.financial_aid_apply(
        file=file, applied_on=today, capital=Decimal(5000), acting_user=eviction_caseworker
    )
    import_batch = eviction_services.import_batch_preview(
        raw=_import_csv(person, today), filename="lista.csv", unit=unit, acting_user=eviction_caseworker
    )
    eviction_landlord = Landlord.objects.get(notices__isnull=False)
    team_lead = user("gruppledare.vrakning@uppsala.example")
    meeting = eviction_meetings.meeting_plan(
        landlord=eviction_landlord,
        meets_on=today + timedelta(days=7),
        place="Kontoret",
        acting_user=team_lead,
        today=today,
    )
    landlord_contact = registers.landlord_contact_save(
        landlord=eviction_landlord, name="Kim Kundvård", acting_user=team_lead
    )
    late_payer = eviction_meetings.late_payer_add(
        meeting=meeting,
        data=eviction_meetings.LatePayerInput(
            amount=Decimal(8400), days_late=19, consented=True, identity_number=person.identity_number
        ),
        acting_user=eviction_caseworker,
    )
    register_extract = report_services.register_extract_request(
        person=person, delivery=Delivery.IN_PERSON, acting_user=nexus
    )
    report_runner.execute(register_extract.run_id)
    register_extract.refresh_from_db()
    return World(
        person=person,
        child=child,
        former_identity=former,
        nexus_case=case,
        consent=consent,
        document=document,
        party=party,
        emergency_access=emergency,
        placement=placement,
        nexus_flat=flats[1],
        stay=stay,
        kundvard=kundvard,
        support_case=support_case,
        application=application,
        decision=decision,
        flat=offered,
        offer=offer,
        contract=other.contract,
        notice=notice,
        landlord=eviction_landlord,
        import_batch=import_batch,
        contact=contact,
        letter=letter,
        eviction_consent=eviction_consent,
        plan=plan,
        aid=aid,
        meeting=meeting,
        landlord_contact=landlord_contact,
        late_payer=late_payer,
        filed_request=filed_request,
        filed_document=filed_request.case.documents.get(),
        register_extract=register_extract,
    )


def _file_from_vasteras(networks, person: Person, nexus: User, admin: User) -> RelocationRequest:
    """Västerås's contact person files a request naming the person (and the child's age), with a risk assessment;
    `nexus` is our designated contact person in the network, so the filing assigns her."""
    membership = networks.kompotten.memberships.get(municipality__code="0380")
    relocation.contact_add(
        membership=membership,
        role=MemberContact.Role.CONTACT_PERSON,
        name=nexus.get_full_name(),
        email=nexus.email,
        valid_from=membership.joined_on,
        user=nexus,
        acting_user=admin,
    )
    return relocation_filing.request_file(
        network=networks.kompotten,
        acting_user=user("kontakt@vasteras.example"),
        **CRITERIA,
        person=relocation_filing.FiledPerson(
            given_name=person.given_name,
            family_name=person.family_name,
            identity_number=person.identity_number,
            protection_level=person.protection_level,
            children_ages=(9,),
        ),
        consent=relocation_filing.FiledConsent(given_on=timezone.localdate(), share_household=True),
        documents=[
            relocation_filing.FiledDocument(
                Document.Type.RISK_ASSESSMENT,
                "Riskbedömning från Västerås",
                SimpleUploadedFile("risk.txt", f"Riskbedömning för {person.full_name}".encode(), "text/plain"),
            )
        ],
    )


def _person_grants(user: User) -> set[int]:
    from cases.access import AccessPolicy  # noqa: PLC0415

    return set(AccessPolicy(user).granted_person_ids)


def _import_csv(person: Person, today: date) -> bytes:
    """A list from a debt collector with two rows: the person (by identity number) and a stranger."""
    header = "mottagen;avsandare;typ;skal;kapital;kostnader;delgiven;fornamn;efternamn;personnummer;adress;postnummer;"
    header += "hyresvard;hyresvardstyp;barn"
    rows = [
        f"{today};inkasso;uppsägning;hyresskuld;12 500;350;{today};{person.given_name};{person.family_name};"
        f"{person.identity_number};Importgatan 3;753 21;Heimstaden;privat;ja",
        f"{today};inkasso;uppsägning;hyresskuld;9 000;350;{today};Bo;Främling;{fresh_identity_number()};"
        "Importgatan 4;753 21;Heimstaden;privat;nej",
    ]
    return ("\r\n".join([header, *rows]) + "\r\n").encode()

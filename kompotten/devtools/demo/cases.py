"""Fictional demo people and core cases, at every protection level, across the units.

Identity numbers follow Skatteverket's test numbers (birth numbers 980-999, check digit by the personnummer
package); names, addresses, schools and workplaces are invented. Loaded once: if the first demo person exists,
nothing is done.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cases import services
from cases.models import Case, CaseParty, Document, Person, ProtectionLevel
from cases.relocation import services as relocation_services
from cases.relocation.models import Direction
from cases.relocation.workflow import State
from kompotten.devtools.demo import relocation as relocation_demo
from kompotten.models import Municipality, User
from kompotten.roles import Role

SOURCE = "Skatteverket (SPAR)"


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _team_lead(colleague: User) -> User:
    return User.objects.get(unit=colleague.unit, groups__name=Role.TEAM_LEAD.value)


@transaction.atomic
def seed() -> int:
    """Creates the demo people and cases; returns how many cases it created (0 when they exist already)."""
    if Person.objects.filter(identity_number="19850312-9812").exists():
        return 0
    cases_before = Case.objects.count()
    today = timezone.localdate()
    nexus, nexus2 = _user("nexus@uppsala.example"), _user("nexus2@uppsala.example")
    housing, eviction = _user("bostad@uppsala.example"), _user("vrakning@uppsala.example")
    noted = today - timedelta(days=200)

    def person(by, **fields):
        return services.person_register(acting_user=by, **fields)

    def case(kind, by, *, opened_days_ago, parties, handlers=()):
        opened = today - timedelta(days=opened_days_ago)
        new = services.case_open(kind=kind, unit=by.unit, acting_user=by, opened_on=opened)
        for someone, role in parties:
            services.case_add_person(case=new, person=someone, role=role, acting_user=by)
        for handler in handlers:  # given by the unit's team lead, as a case with a protected person must be
            services.case_assign_handler(
                case=new, user=handler, acting_user=_team_lead(by), reason="Fördelat av gruppledaren vid veckomötet."
            )
        return new

    # 1. A relocation request from Västerås for a woman with skyddad folkbokföring: Nora is assigned, Omar is not.
    leila = person(
        nexus,
        given_name="Leila",
        family_name="Karimi",
        identity_number="19920704-9827",
        phone="070-000 12 34",
        workplace="Bageriet Solrosen",
        street_address="Box 100",
        postal_code="72212",
        protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        protection_noted_on=noted,
        protection_source=SOURCE,
    )
    services.person_set_protected_address(
        person=leila, street_address="Rosenvägen 7", postal_code="75645", acting_user=nexus
    )
    services.household_member_add(
        person=leila,
        relation="child",
        given_name="Nora",
        family_name="Karimi",
        birth_year=2018,
        school="Lindskolan",
        acting_user=nexus,
    )
    services.household_member_add(
        person=leila,
        relation="child",
        given_name="Adam",
        family_name="Karimi",
        birth_year=2021,
        school="Förskolan Humlan",
        acting_user=nexus,
    )
    networks = relocation_demo.seed_networks(_user("admin@uppsala.example"))
    kompotten, lans = networks["Kompotten"], networks["Länskompotten Uppsala län"]
    relocation = relocation_demo.open_request(
        kompotten, "1980", Direction.INCOMING, nexus, days_ago=5, person=leila, today=today
    ).case
    services.note_add(
        case=relocation,
        acting_user=nexus,
        text="Förfrågan mottagen från kontaktpersonen i Västerås. Riskbedömning från polisen bifogad.",
    )
    services.note_add(
        case=relocation,
        acting_user=nexus,
        shared_with_partners=True,
        text="Vi har tagit emot förfrågan och återkommer med bedömning inom två veckor.",
    )
    services.document_add(
        case=relocation,
        acting_user=nexus,
        title="Riskbedömning",
        type=Document.Type.RISK_ASSESSMENT,
        document_date=relocation.opened_on,
        shared_with_partners=False,
        uploaded_file=SimpleUploadedFile("riskbedomning.txt", b"Riskbedomning (fiktiv demo).", "text/plain"),
    )

    # Omar, on duty one evening, opened Leila's case with emergency access; the manager has yet to review it.
    services.emergency_access_open(
        party=relocation.parties.get(),
        acting_user=nexus2,
        reason="Polisen ringde kvällstid om akut hot mot sökande och barnen; behövde bekräfta vistelseadressen.",
    )

    # 2. A relocation request from Enköping where the identity is shared with the partner.
    maria = person(
        nexus,
        given_name="Maria",
        family_name="Andersson",
        identity_number="19850312-9812",
        phone="070-000 56 78",
        street_address="Kungsgatan 1",
        postal_code="75320",
    )
    services.household_member_add(
        person=maria,
        relation="child",
        given_name="Elsa",
        family_name="Andersson",
        birth_year=2015,
        school="Fyrisskolan",
        acting_user=nexus,
    )
    shared_request = relocation_demo.open_request(
        lans, "0381", Direction.INCOMING, nexus, days_ago=40, person=maria, today=today
    )
    shared = shared_request.case
    relocation_services.consent_record(
        request=shared_request,
        given_on=shared.opened_on,
        share_identity=True,
        share_household=True,
        acting_user=nexus,
    )
    relocation_demo.assess(shared_request, nexus, shared.opened_on + timedelta(days=9))
    relocation_services.request_transition(
        request=shared_request, to_state=State.HANDED_OVER, acting_user=nexus, on=shared.opened_on + timedelta(days=9)
    )
    services.note_add(
        case=shared,
        acting_user=nexus,
        shared_with_partners=True,
        text="Skyddsbehovet är bedömt. Ärendet lämnas till bostadsenheten för utredning.",
    )

    # 3. A housing case for a person with sekretessmarkering, assigned to Britt.
    sara = person(
        housing,
        given_name="Sara",
        family_name="Nyström",
        identity_number="19780219-9831",
        street_address="Vaksalagatan 30",
        postal_code="75318",
        protection_level=ProtectionLevel.CONFIDENTIALITY_MARKING,
        protection_noted_on=noted,
        protection_source=SOURCE,
    )
    housing_case = case(
        Case.Kind.HOUSING, housing, opened_days_ago=20, handlers=[housing], parties=[(sara, CaseParty.Role.APPLICANT)]
    )
    services.deadline_set(
        case=housing_case,
        label="Utredning och beslut",
        starts_on=housing_case.opened_on,
        months=3,
        acting_user=housing,
    )

    # 4. A housing case for a person with fingerade personuppgifter that nobody is assigned to yet.
    anna = person(
        housing,
        given_name="Anna",
        family_name="Berg",
        identity_number="19880101-9863",
        protection_level=ProtectionLevel.FICTITIOUS_IDENTITY,
        protection_noted_on=noted,
        protection_source=SOURCE,
    )
    services.person_link_former_identity(
        person=anna,
        former_given_name="Karin",
        former_family_name="Holm",
        former_identity_number="19790626-9878",
        noted_on=noted,
        source=SOURCE,
        acting_user=housing,
    )
    case(Case.Kind.HOUSING, housing, opened_days_ago=3, parties=[(anna, CaseParty.Role.APPLICANT)])
    services.person_revoke_access(person=anna, user=housing, acting_user=housing)

    # 5. An eviction file on rent debt with the three-week återvinningsfrist, and one with a paused deadline.
    johan = person(
        eviction,
        given_name="Johan",
        family_name="Lund",
        identity_number="19950815-9887",
        street_address="Gränby backe 4",
        postal_code="75431",
    )
    rent_debt = case(
        Case.Kind.EVICTION,
        eviction,
        opened_days_ago=6,
        handlers=[eviction],
        parties=[(johan, CaseParty.Role.TENANT)],
    )
    services.deadline_set(
        case=rent_debt,
        label="Återvinningsfrist (hyresskuld)",
        starts_on=rent_debt.opened_on,
        weeks=3,
        acting_user=eviction,
    )
    eva = person(
        eviction,
        given_name="Eva",
        family_name="Lindgren",
        identity_number="19681202-9897",
        street_address="Torgny Segerstedts allé 10",
        postal_code="75323",
    )
    disturbance = case(Case.Kind.EVICTION, eviction, opened_days_ago=30, parties=[(eva, CaseParty.Role.TENANT)])
    paused = services.deadline_set(
        case=disturbance,
        label="Uppföljning störningar",
        starts_on=disturbance.opened_on,
        months=1,
        acting_user=eviction,
    )
    services.deadline_pause(
        deadline=paused, reason="Hyresgästen vårdas på sjukhus.", acting_user=eviction, on=today - timedelta(days=2)
    )

    # 6. A closed housing case (samordningsnummer) and a relocation case with only a reserve number.
    ahmed = person(
        housing,
        given_name="Ahmed",
        family_name="Yusuf",
        identity_number="19870771-9913",
        postal_code="75236",
        street_address="Sysslomansgatan 2",
    )
    closed = case(
        Case.Kind.HOUSING, housing, opened_days_ago=300, handlers=[housing], parties=[(ahmed, CaseParty.Role.APPLICANT)]
    )
    services.case_close(case=closed, acting_user=housing, closed_on=today - timedelta(days=10))
    # An outgoing request Omar is preparing: it cannot be sent before Fatima's consent is recorded.
    fatima = person(nexus2, given_name="Fatima", family_name="Ali", reserve_number="RES-2026-0007")
    relocation_demo.open_request(kompotten, "0581", Direction.OUTGOING, nexus2, days_ago=12, person=fatima, today=today)
    relocation_demo.seed_more_requests(networks, nexus, today)
    relocation_demo.seed_partner_filed(networks, today)
    relocation_demo.seed_inquiries(networks, nexus, today)
    relocation_demo.seed_previous_years(networks, nexus, today)
    return Case.objects.count() - cases_before


def _municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)

"""A small world for the access rules: a protected person in a Nexus case, plain people elsewhere, partners."""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from cases import services
from cases.models import Case, Document, Person
from kompotten.models import Municipality, Unit
from tests.factories import PersonFactory, open_case


@dataclass
class World:
    protected: Person
    plain: Person
    shared: Person
    nexus_case: Case  # the protected person; nexus_caseworker assigned; Västerås takes part, identity not shared
    eviction_case: Case  # the plain person; nobody assigned
    enkoping_case: Case  # the shared person; Enköping takes part with the identity shared


@pytest.fixture
def world(organisation, nexus_caseworker, eviction_caseworker) -> World:
    protected = PersonFactory(
        protected=True, given_name="Hemlig", family_name="Skyddadsson", workplace="Hemliga Bageriet AB"
    )
    services.person_set_protected_address(
        person=protected, street_address="Gömda vägen 9", postal_code="75645", acting_user=nexus_caseworker
    )
    services.household_member_add(
        person=protected,
        relation="child",
        given_name="Lilla",
        family_name="Skyddadsson",
        birth_year=2017,
        school="Hemliga skolan",
        acting_user=nexus_caseworker,
    )
    plain = PersonFactory(given_name="Öppen", family_name="Person")
    shared = PersonFactory(given_name="Delad", family_name="Identitet")
    nexus_case = open_case(persons=[protected], handlers=[nexus_caseworker])
    services.case_add_partner(
        case=nexus_case, municipality=Municipality.objects.get(code="1980"), acting_user=nexus_caseworker
    )
    services.note_add(case=nexus_case, text="Intern anteckning", acting_user=nexus_caseworker)
    services.note_add(case=nexus_case, text="Delad anteckning", shared_with_partners=True, acting_user=nexus_caseworker)
    services.document_add(
        case=nexus_case,
        title="Riskbedömning",
        type=Document.Type.RISK_ASSESSMENT,
        document_date=nexus_case.opened_on,
        uploaded_file=SimpleUploadedFile("risk.txt", b"riskbedomning", "text/plain"),
        acting_user=nexus_caseworker,
    )
    services.deadline_set(
        case=nexus_case, label="Bedömning", starts_on=nexus_case.opened_on, weeks=2, acting_user=nexus_caseworker
    )
    eviction_case = open_case(
        unit_kind=Unit.Kind.EVICTION_PREVENTION,
        kind=Case.Kind.EVICTION,
        persons=[plain],
        acting_user=eviction_caseworker,
    )
    services.note_add(case=eviction_case, text="Hembesök bokat", acting_user=eviction_caseworker)
    services.document_add(
        case=eviction_case,
        title="Underrättelse",
        type=Document.Type.NOTICE,
        document_date=eviction_case.opened_on,
        uploaded_file=SimpleUploadedFile("u.txt", b"underrattelse", "text/plain"),
        acting_user=eviction_caseworker,
    )
    services.deadline_set(
        case=eviction_case,
        label="Återvinningsfrist",
        starts_on=eviction_case.opened_on,
        weeks=3,
        acting_user=eviction_caseworker,
    )
    enkoping_case = open_case(persons=[shared])
    services.case_add_partner(
        case=enkoping_case,
        municipality=Municipality.objects.get(code="0381"),
        identity_shared=True,
        acting_user=nexus_caseworker,
    )
    return World(protected, plain, shared, nexus_case, eviction_case, enkoping_case)

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from cases import services
from cases.models import Person, ProtectionLevel
from tests.factories import open_case


def register(user, **fields):
    return services.person_register(acting_user=user, given_name="Test", family_name="Testsson", **fields)


def test_a_personnummer_is_normalised_and_gives_the_birth_date(nexus_caseworker):
    person = register(nexus_caseworker, identity_number="8503129812")
    assert person.identity_number == "19850312-9812"
    assert person.birth_date == date(1985, 3, 12)


def test_a_samordningsnummer_gives_the_real_birth_date(nexus_caseworker):
    person = register(nexus_caseworker, identity_number="19870771-9913")
    assert person.birth_date == date(1987, 7, 11)


def test_a_bad_check_digit_is_refused_in_swedish(nexus_caseworker):
    with pytest.raises(ValidationError) as caught:
        register(nexus_caseworker, identity_number="19850312-9813")
    assert "Kontrollsiffran stämmer inte" in " ".join(caught.value.message_dict["identity_number"])


def test_a_reserve_number_stands_in_when_no_number_is_known(nexus_caseworker):
    assert register(nexus_caseworker, reserve_number="RES-1").identity_number is None
    with pytest.raises(ValidationError) as caught:
        register(nexus_caseworker)
    assert "reservnummer" in " ".join(caught.value.message_dict["identity_number"])


def test_the_same_number_cannot_be_registered_twice(nexus_caseworker):
    register(nexus_caseworker, identity_number="19850312-9812")
    with pytest.raises(ValidationError):
        register(nexus_caseworker, identity_number="850312-9812")


def test_the_municipality_is_derived_from_the_postal_code(nexus_caseworker):
    person = register(nexus_caseworker, reserve_number="R", street_address="Stora torget 1", postal_code="722 12")
    assert (person.postal_code, person.locality, person.municipality.short_name) == ("72212", "Västerås", "Västerås")
    with pytest.raises(ValidationError) as caught:
        register(nexus_caseworker, reserve_number="R2", postal_code="00000")
    assert "Postnumret finns inte" in caught.value.message_dict["postal_code"][0]


def test_protection_needs_its_date_and_source(nexus_caseworker):
    with pytest.raises(ValidationError):
        register(nexus_caseworker, reserve_number="R", protection_level=ProtectionLevel.PROTECTED_REGISTRATION)
    person = register(
        nexus_caseworker,
        reserve_number="R",
        protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        protection_noted_on=date(2026, 1, 1),
        protection_source="Skatteverket",
    )
    assert person.is_protected


def test_the_form_keeps_the_input_and_explains_a_bad_number(client, organisation, nexus_caseworker):
    case = open_case(handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    data = {"role": "applicant", "given_name": "Kim", "family_name": "Ek", "identity_number": "19850312-9813"}
    data |= {"protection_level": "none", "street_address": "Storgatan 5"}
    response = client.post(reverse("cases:person_add", args=[case.pk]), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Kontrollsiffran stämmer inte" in content
    assert 'value="Storgatan 5"' in content and 'value="Kim"' in content
    assert not Person.objects.filter(family_name="Ek").exists()


def test_a_registered_person_is_added_to_the_case(client, organisation, nexus_caseworker):
    case = open_case(handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    data = {"role": "applicant", "given_name": "Kim", "family_name": "Ek", "identity_number": "880101-9863"}
    data |= {"protection_level": "none", "postal_code": "75320"}
    response = client.post(reverse("cases:person_add", args=[case.pk]), data)
    assert response.status_code == 302
    person = case.persons.get()
    assert (person.identity_number, person.locality) == ("19880101-9863", "Uppsala")

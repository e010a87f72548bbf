"""Keeping a person's details: contact and protection, household, the protected address, the former identity."""

from django.urls import reverse

from cases.access import AccessPolicy
from cases.models import AccessLogEntry
from tests.factories import PersonFactory, open_case


def test_the_protected_address_is_kept_apart_and_shown_only_on_the_person_page(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    url = reverse("cases:protected_address_set", args=[world.protected.pk])
    response = client.post(url, {"street_address": "Lönnvägen 2", "postal_code": "753 20"})
    assert response.status_code == 302
    assert "Lönnvägen 2" in client.get(reverse("cases:person_detail", args=[world.protected.pk])).content.decode()
    assert "Lönnvägen" not in client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()


def test_a_bad_postal_code_keeps_the_input_and_explains(client, world, nexus_caseworker):
    client.force_login(nexus_caseworker)
    url = reverse("cases:protected_address_set", args=[world.protected.pk])
    response = client.post(url, {"street_address": "Lönnvägen 2", "postal_code": "00000"})
    assert response.status_code == 400
    assert "Postnumret finns inte" in response.content.decode()
    assert 'value="Lönnvägen 2"' in response.content.decode()


def test_a_protected_address_is_only_for_skyddad_folkbokforing(client, organisation, nexus_caseworker):
    person = PersonFactory(confidential=True)
    open_case(persons=[person], handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    assert client.get(reverse("cases:protected_address_set", args=[person.pk])).status_code == 403
    assert not AccessLogEntry.objects.filter(person=person).exists(), "a refused form showed nothing: no reveal"


def test_a_household_member_with_school_appears_for_those_who_may_see_it(client, world, nexus_caseworker, manager):
    client.force_login(nexus_caseworker)
    data = {"relation": "child", "given_name": "Tove", "birth_year": "2019", "school": "Ekskolan"}
    assert client.post(reverse("cases:household_member_add", args=[world.protected.pk]), data).status_code == 302
    assert "Ekskolan" in client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()
    client.force_login(manager)
    assert "Ekskolan" not in client.get(reverse("cases:case_detail", args=[world.nexus_case.pk])).content.decode()


def test_a_person_who_becomes_protected_disappears_for_colleagues_without_a_grant(
    client, organisation, nexus_caseworker, nexus_colleague
):
    person = PersonFactory(given_name="Ny", family_name="Skyddsperson")
    case = open_case(persons=[person])
    assert AccessPolicy(nexus_colleague).identity_visible(person, case)
    client.force_login(nexus_caseworker)
    data = {"protection_level": "skyddad_folkbokforing", "protection_noted_on": "2026-11-01", "postal_code": "75320"}
    response = client.post(reverse("cases:person_edit", args=[person.pk]), data | {"protection_source": "Polisen"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not AccessPolicy(nexus_colleague).identity_visible(person, case)
    assert AccessPolicy(nexus_caseworker).identity_visible(person, case)


def test_protection_without_date_and_source_is_refused(client, organisation, nexus_caseworker):
    person = PersonFactory()
    open_case(persons=[person])
    client.force_login(nexus_caseworker)
    response = client.post(reverse("cases:person_edit", args=[person.pk]), {"protection_level": "sekretessmarkering"})
    assert response.status_code == 400
    assert "Ange datum och källa" in response.content.decode()


def test_the_former_identity_is_seen_by_its_recorder_only(client, organisation, nexus_caseworker, nexus_colleague):
    person = PersonFactory(fictitious=True)
    open_case(persons=[person], handlers=[nexus_caseworker, nexus_colleague])
    client.force_login(nexus_caseworker)
    data = {
        "former_given_name": "Gamla",
        "former_family_name": "Namnet",
        "noted_on": "2026-01-01",
        "source": "Skatteverket",
    }
    assert client.post(reverse("cases:former_identity_link_set", args=[person.pk]), data).status_code == 302
    assert "Gamla Namnet" in client.get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    client.force_login(nexus_colleague)
    page = client.get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    assert "Gamla" not in page and "Namnet" not in page


def test_managers_read_but_do_not_edit_people_and_partners_reach_no_person_page(
    client, world, manager, partner_enkoping, nexus_caseworker
):
    from cases import services

    services.person_grant_access(person=world.protected, user=manager, acting_user=nexus_caseworker)
    client.force_login(manager)
    assert client.get(reverse("cases:person_detail", args=[world.protected.pk])).status_code == 200
    assert client.get(reverse("cases:person_edit", args=[world.protected.pk])).status_code == 403
    client.force_login(partner_enkoping)
    assert client.get(reverse("cases:person_detail", args=[world.shared.pk])).status_code == 404
    assert client.get(reverse("cases:household_member_add", args=[world.shared.pk])).status_code == 404

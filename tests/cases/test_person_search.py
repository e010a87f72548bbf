"""Person search: a personnummer is matched exactly, then only that person goes through the access policy; a name
is matched on any part of the given or family name. Nobody finds a person whose identity they may not see."""

from django.urls import reverse

from cases import services
from tests.factories import PersonFactory, open_case


def found(client, query) -> list[str]:
    response = client.get(reverse("cases:person_search"), {"q": query})
    assert response.status_code == 200
    return [view.name for view in response.context["results"]]


def test_a_personnummer_finds_the_protected_person_only_for_holders_of_a_grant(
    client, world, nexus_caseworker, nexus_colleague, manager
):
    number = world.protected.identity_number
    client.force_login(nexus_caseworker)
    assert found(client, number) == ["Hemlig Skyddadsson"]
    for outsider in (nexus_colleague, manager):
        client.force_login(outsider)
        assert found(client, number) == []
        assert "Skyddadsson" not in client.get(reverse("cases:person_search"), {"q": number}).content.decode()
    services.person_grant_access(person=world.protected, user=manager, acting_user=nexus_caseworker)
    assert found(client, number) == ["Hemlig Skyddadsson"]


def test_a_personnummer_written_without_century_finds_the_same_person(client, world, eviction_caseworker):
    client.force_login(eviction_caseworker)
    short = world.plain.identity_number[2:].replace("-", "")
    assert found(client, short) == ["Öppen Person"]


def test_a_personnummer_of_someone_in_no_visible_case_finds_nobody(
    client, world, nexus_caseworker, eviction_caseworker, manager
):
    client.force_login(nexus_caseworker)
    assert found(client, world.plain.identity_number) == []  # the eviction unit's case
    client.force_login(eviction_caseworker)
    assert found(client, world.plain.identity_number) == ["Öppen Person"]
    assert found(client, PersonFactory().identity_number) == []  # registered, but in no case at all
    client.force_login(manager)  # sees the case, but no identity without a grant
    assert found(client, world.plain.identity_number) == []


def test_a_name_matches_any_part_of_either_name_in_any_case(client, organisation, nexus_caseworker):
    open_case(persons=[PersonFactory(given_name="Anna-Karin", family_name="Lindqvist")], handlers=[nexus_caseworker])
    open_case(persons=[PersonFactory(given_name="Karin", family_name="Berg")], handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    assert found(client, "karin") == ["Karin Berg", "Anna-Karin Lindqvist"]
    assert found(client, "KARIN lindq") == ["Anna-Karin Lindqvist"]
    assert found(client, "Lundqvist") == []

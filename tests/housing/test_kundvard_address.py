"""Issue 18: the new flat of a kundvård move is the person's new home, so it is kept on the person (the protected
address under skyddad folkbokföring, the registered address otherwise), in the person's history, and shown only
through the access policy: with an access-log row to a colleague who may see the person, masked to one who may not."""

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import AccessLogEntry, Person
from housing import services
from housing.models import Flat, Kundvard
from tests.factories import PersonFactory, open_case

TODAY = timezone.localdate()


@pytest.fixture
def hanna(organisation):
    """Skyddad folkbokföring: the register holds another address than where she lives."""
    return PersonFactory(protected=True, given_name="Hanna", family_name="Hemlig", street_address="Skenvägen 1")


def _kundvard(person, nexus_caseworker, stock) -> Kundvard:
    case = open_case(persons=[person], handlers=[nexus_caseworker])
    return services.kundvard_request(
        case=case,
        landlord=stock.uppsalahem,
        requested_on=TODAY,
        risk_assessed_on=TODAY,
        lived_with_perpetrator=True,
        acting_user=nexus_caseworker,
    )


def _decide(client, kundvard, **fields):
    data = {
        "decision": "granted",
        "decided_on": TODAY.isoformat(),
        "new_street_address": "Nyvägen 4",
        "new_postal_code": "753 20",
        "moved_on": TODAY.isoformat(),
    }
    return client.post(reverse("housing:kundvard_decide", args=[kundvard.pk]), data | fields)


def _views(person, user) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(person=person, user=user, action=AccessLogEntry.Action.VIEW_IDENTITY))


def test_the_new_flat_becomes_the_protected_address_shown_only_to_those_who_see_her(
    client, hanna, nexus_caseworker, nexus_colleague, stock
):
    kundvard = _kundvard(hanna, nexus_caseworker, stock)
    client.force_login(nexus_caseworker)
    assert _decide(client, kundvard).status_code == 302

    hanna = Person.objects.get(pk=hanna.pk)
    address = hanna.protected_address
    assert (address.street_address, address.postal_code, address.locality) == ("Nyvägen 4", "75320", "Uppsala")
    assert hanna.street_address == "Skenvägen 1"  # the population register's address stays
    assert address.history.get().history_user == nexus_caseworker
    kundvard.refresh_from_db()
    assert (kundvard.decision, kundvard.moved_on) == (Kundvard.Decision.GRANTED, TODAY)  # the facts, no address

    url = reverse("housing:kundvard_list")
    page = client.get(url).content.decode()
    assert "bor nu: Nyvägen 4, 75320 Uppsala" in page and "Hanna Hemlig" in page
    [entry] = _views(hanna, nexus_caseworker)
    assert entry.what == url
    person_page = client.get(reverse("cases:person_detail", args=[hanna.pk])).content.decode()
    assert "Nyvägen 4" in person_page

    client.force_login(nexus_colleague)  # same unit, no grant on her
    page = client.get(url).content.decode()
    assert "Skyddad adress" in page and "Skyddad identitet" in page
    for text in ("Nyvägen", "75320", "Hemlig", "Skenvägen"):
        assert text not in page, text
    assert not _views(hanna, nexus_colleague)


def test_an_unprotected_tenants_new_flat_becomes_her_registered_address_in_her_history(
    client, nexus_caseworker, nexus_colleague, stock
):
    vera = PersonFactory(given_name="Vera", family_name="Flyttad", street_address="Gamla vägen 1")
    kundvard = _kundvard(vera, nexus_caseworker, stock)
    client.force_login(nexus_caseworker)
    assert _decide(client, kundvard).status_code == 302

    vera = Person.objects.get(pk=vera.pk)
    assert (vera.street_address, vera.postal_code, vera.locality) == ("Nyvägen 4", "75320", "Uppsala")
    change = vera.history.order_by("history_date").last()
    assert (change.history_user, change.prev_record.street_address) == (nexus_caseworker, "Gamla vägen 1")
    assert not hasattr(vera, "protected_address")
    client.force_login(nexus_colleague)
    assert "bor nu: Nyvägen 4, 75320 Uppsala" in client.get(reverse("housing:kundvard_list")).content.decode()


def test_a_decision_that_cannot_be_saved_whole_saves_nothing_and_says_why_in_swedish(
    client, hanna, nexus_caseworker, stock, districts
):
    kundvard = _kundvard(hanna, nexus_caseworker, stock)
    client.force_login(nexus_caseworker)
    response = _decide(client, kundvard, new_postal_code="99999")
    assert response.status_code == 400
    assert "Postnumret finns inte i postnummerregistret" in response.content.decode()

    old_flat = {
        "offer_old_flat": "on",
        "old_street_address": "Gamla gatan 2",
        "old_postal_code": "99999",
        "old_district": districts["Gränby"].pk,
        "old_rooms": 3,
        "old_area": "74",
        "old_rent": 8000,
        "old_floor": 2,
        "old_available_from": TODAY.isoformat(),
    }
    response = _decide(client, kundvard, new_lease_in_victims_name="on", **old_flat)
    assert response.status_code == 400  # the new address was fine; the old flat's postal code was not
    assert 'value="Nyvägen 4"' in response.content.decode()
    kundvard.refresh_from_db()
    assert kundvard.decision == Kundvard.Decision.PENDING and kundvard.old_flat is None
    assert not Flat.objects.exists()
    assert not hasattr(Person.objects.get(pk=hanna.pk), "protected_address")


def test_a_kundvard_without_an_applicant_asks_for_the_person_first(client, nexus_caseworker, stock):
    case = open_case(handlers=[nexus_caseworker])
    kundvard = services.kundvard_request(
        case=case, landlord=stock.uppsalahem, requested_on=TODAY, risk_assessed_on=TODAY, acting_user=nexus_caseworker
    )
    client.force_login(nexus_caseworker)
    response = _decide(client, kundvard)
    assert response.status_code == 400 and "Ärendet har ingen sökande" in response.content.decode()
    kundvard.refresh_from_db()
    assert kundvard.decision == Kundvard.Decision.PENDING

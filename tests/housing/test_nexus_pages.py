"""Nexus's pages of the housing chain: placements, its flats and their hand-over, kundvård."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from housing.models import HousingApplication, Kundvard, NexusFlat, ProtectedPlacement, ShelterProvider
from tests.factories import PersonFactory, open_case

TODAY = timezone.localdate()


@pytest.fixture
def nexus_case(nexus_caseworker):
    return open_case(persons=[PersonFactory(given_name="Vera", family_name="Nexusdotter")], handlers=[nexus_caseworker])


def test_nexus_registers_and_ends_a_placement_by_case_number(client, nexus_caseworker, nexus_case):
    provider = ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    client.force_login(nexus_caseworker)
    data = {
        "case_number": "2026-99999",
        "provider": provider.pk,
        "starts_on": TODAY.isoformat(),
        "adults": 1,
        "children": 2,
    }
    response = client.post(reverse("housing:placement_add"), data)
    assert response.status_code == 400 and "Hittar inget av Nexus ärenden" in response.content.decode()
    client.post(reverse("housing:placement_add"), data | {"case_number": nexus_case.number})
    placement = ProtectedPlacement.objects.get()
    response = client.post(
        reverse("housing:placement_end", args=[placement.pk]),
        {"ends_on": TODAY.isoformat(), "outcome": "nexus_flat_then_chain"},
    )
    assert response.status_code == 302
    page = client.get(reverse("housing:placement_list") + "?status=all")
    outcomes = {row.outcome: (row.placements, row.children) for row in page.context["outcomes"]}
    assert outcomes["nexus_flat_then_chain"] == (1, 2)
    assert "Vera Nexusdotter" in page.content.decode()


def test_the_housing_unit_does_not_reach_nexus_pages(client, housing_handler):
    client.force_login(housing_handler)
    for name in ("placement_list", "placement_add", "nexus_flat_list", "kundvard_list", "kundvard_add"):
        assert client.get(reverse(f"housing:{name}")).status_code == 403, name


def test_nexus_moves_someone_in_and_hands_them_over_into_the_chain(client, nexus_caseworker, nexus_case):
    flat = NexusFlat.objects.create(
        kind="transition", label="U1", street_address="Utslussgatan 2", postal_code="75320", rooms=2
    )
    client.force_login(nexus_caseworker)
    client.post(
        reverse("housing:nexus_flat_move_in", args=[flat.pk]),
        {"case_number": nexus_case.number, "since": (TODAY - timedelta(days=90)).isoformat()},
    )
    stay = flat.stays.get()
    response = client.post(
        reverse("housing:nexus_flat_hand_over", args=[stay.pk]),
        {
            "planned_move_out": TODAY.isoformat(),
            "background": "Klar för eget kontrakt.",
            "adults": 1,
            "children": "",
            "rooms": 2,
            "accessibility": "none",
            "wishes": "",
        },
    )
    assert response.status_code == 302 and response.url == reverse("housing:referrals")
    application = HousingApplication.objects.get()
    stay.refresh_from_db()
    assert stay.handed_over_to == application and stay.planned_move_out == TODAY and stay.until is None


def test_nexus_requests_kundvard_and_records_the_landlords_decision(
    client, nexus_caseworker, nexus_case, stock, districts
):
    client.force_login(nexus_caseworker)
    client.post(
        reverse("housing:kundvard_add"),
        {
            "case_number": nexus_case.number,
            "landlord": stock.uppsalahem.pk,
            "requested_on": TODAY.isoformat(),
            "risk_assessed_on": TODAY.isoformat(),
            "lived_with_perpetrator": "on",
        },
    )
    kundvard = Kundvard.objects.get()
    url = reverse("housing:kundvard_decide", args=[kundvard.pk])
    data = {
        "decision": "granted",
        "decided_on": TODAY.isoformat(),
        "new_street_address": "Nyvägen 4",
        "new_postal_code": "753 20",
        "new_lease_in_victims_name": "on",
        "offer_old_flat": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Fyll i när gamla lägenheten erbjuds kommunen" in response.content.decode()
    old = {
        "old_street_address": "Gamla gatan 2",
        "old_postal_code": "75320",
        "old_district": districts["Gränby"].pk,
        "old_rooms": 3,
        "old_area": "74",
        "old_rent": 8000,
        "old_floor": 2,
        "old_available_from": TODAY.isoformat(),
    }
    assert client.post(url, data | old).status_code == 302
    kundvard.refresh_from_db()
    assert kundvard.old_flat.street_address == "Gamla gatan 2"
    body = client.get(reverse("housing:kundvard_list")).content.decode()
    assert "Nyvägen 4" in body and "gamla lägenheten erbjuden kommunen" in body


def test_the_nexus_start_page_shows_its_referrals_and_their_state(client, nexus_caseworker, housing_handler):
    from tests.housing.conftest import approve, refer

    application = refer(nexus_caseworker, person=PersonFactory(given_name="Rut", family_name="Remitterad"))
    approve(application, housing_handler)
    client.force_login(nexus_caseworker)
    body = client.get(reverse("cases:nexus_start")).content.decode()
    assert "Rut Remitterad" in body and "Bifallen, i kö" in body
    assert reverse("housing:application_detail", args=[application.pk]) not in body  # nothing of the investigation


def test_nexus_withdraws_its_referral_with_a_reason_before_a_decision(client, nexus_caseworker, housing_handler):
    from housing.workflow import ApplicationStatus
    from tests.housing.conftest import approve, refer

    waiting = refer(nexus_caseworker)
    decided = refer(nexus_caseworker)
    approve(decided, housing_handler)
    client.force_login(nexus_caseworker)
    body = client.get(reverse("housing:referrals")).content.decode()
    assert reverse("housing:referral_withdraw", args=[waiting.pk]) in body
    assert reverse("housing:referral_withdraw", args=[decided.pk]) not in body
    url = reverse("housing:referral_withdraw", args=[waiting.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert client.post(url, {"reason": "Har fått eget kontrakt."}).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.WITHDRAWN
    response = client.post(reverse("housing:referral_withdraw", args=[decided.pk]), {"reason": "Flyttat"})
    assert response.status_code == 400 and "Din roll får inte göra den ändringen" in response.content.decode()
    decided.refresh_from_db()
    assert decided.status == ApplicationStatus.APPROVED


def test_the_flats_page_shows_the_planned_move_out_and_when_it_has_passed(client, nexus_caseworker, nexus_case):
    from housing import services  # noqa: PLC0415 - only this test writes through the services

    flat = NexusFlat.objects.create(
        kind="transition", label="U7", street_address="Utslussgatan 7", postal_code="75320", rooms=2
    )
    stay = services.nexus_flat_move_in(
        flat=flat, case=nexus_case, since=TODAY - timedelta(days=200), acting_user=nexus_caseworker
    )
    services.nexus_flat_hand_over(
        stay=stay,
        planned_move_out=TODAY - timedelta(days=3),
        background="Klar för eget kontrakt.",
        acting_user=nexus_caseworker,
    )
    client.force_login(nexus_caseworker)
    page = client.get(reverse("housing:nexus_flat_list")).content.decode()
    planned = (TODAY - timedelta(days=3)).isoformat()
    assert f"planerad utflyttning {planned}" in page and "passerat" in page
    assert "Vera Nexusdotter" in page and reverse("housing:nexus_flat_hand_over", args=[stay.pk]) not in page
    assert reverse("housing:nexus_flat_move_out", args=[stay.pk]) in page

    response = client.post(
        reverse("housing:nexus_flat_move_out", args=[stay.pk]), {"until": (TODAY + timedelta(days=2)).isoformat()}
    )
    assert response.status_code == 400 and "Flyttade ut" in response.content.decode()
    client.post(reverse("housing:nexus_flat_move_out", args=[stay.pk]), {"until": TODAY.isoformat()})
    page = client.get(reverse("housing:nexus_flat_list")).content.decode()
    assert "Vera Nexusdotter" not in page and "passerat" not in page

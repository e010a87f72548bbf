"""Nexus's client case (stödärende): opening it, and the placements, flat stays, kundvård and referrals started
from its page, which hang on it."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import outgoing
from cases import services as case_services
from cases.models import Case, CaseParty
from housing import services
from housing.models import HousingApplication, Kundvard, NexusFlat, NexusFlatStay, ProtectedPlacement, ShelterProvider
from tests.factories import TEST_REASON

CLIENT = {
    "given_name": "Vera",
    "family_name": "Nexusdotter",
    "identity_number": "19900101-0017",
    "protection_level": "none",
    "children": "Nora 2019\nElis 2021",
}


def open_client_case(client, user, **changes) -> Case:
    client.force_login(user)
    response = client.post(reverse("housing:support_case_open"), CLIENT | changes)
    assert response.status_code == 302, response.content.decode()
    return Case.objects.get(kind=Case.Kind.SUPPORT)


def test_nexus_opens_a_client_case_with_the_household(client, nexus_caseworker):
    case = open_client_case(client, nexus_caseworker)
    party = case.parties.get()
    assert party.role == CaseParty.Role.APPLICANT and case.unit.kind == "nexus"
    assert sorted(party.person.household.values_list("given_name", flat=True)) == ["Elis", "Nora"]
    assert list(case.handlers.all()) == [nexus_caseworker]
    page = client.get(reverse("housing:support_case_detail", args=[case.pk])).content.decode()
    assert "Vera Nexusdotter" in page and "Nora 2019" in page
    listed = client.get(reverse("housing:support_case_list") + "?q=Nexusdotter").content.decode()
    assert case.number in listed


@pytest.mark.dates
def test_a_protected_client_case_is_assigned_by_the_team_lead_and_masked_for_colleagues(
    client, nexus_caseworker, nexus_colleague
):
    today = timezone.localdate()
    protected = {"protection_level": "sekretessmarkering", "protection_noted_on": today, "protection_source": "SPAR"}
    case = open_client_case(client, nexus_caseworker, **protected)
    assert not case.handlers.exists()  # never taken by herself: the team lead assigns
    assert "Vera Nexusdotter" in client.get(reverse("housing:support_case_detail", args=[case.pk])).content.decode()
    client.force_login(nexus_colleague)
    assert "Nexusdotter" not in client.get(reverse("housing:support_case_detail", args=[case.pk])).content.decode()
    listed = client.get(reverse("housing:support_case_list")).content.decode()
    assert case.number in listed and "Nexusdotter" not in listed
    assert case.number not in client.get(reverse("housing:support_case_list") + "?q=Nexusdotter").content.decode()


@pytest.mark.dates
def test_the_handler_opens_a_protected_client_s_case_page_which_sends_nothing_out(
    client, nexus_caseworker, nexus_team_lead
):
    """The general case page asks each kind what of it leaves the unit (`cases.outgoing.SOURCES`): a client case
    has its answer, nothing, instead of failing for the protected client's own handler."""
    today = timezone.localdate()
    protected = {"protection_level": "sekretessmarkering", "protection_noted_on": today, "protection_source": "SPAR"}
    case = open_client_case(client, nexus_caseworker, **protected)
    case_services.case_assign_handler(case=case, user=nexus_caseworker, acting_user=nexus_team_lead, reason=TEST_REASON)
    client.force_login(nexus_caseworker)
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert page.status_code == 200 and "Vera Nexusdotter" in page.content.decode()
    assert set(Case.Kind) <= set(outgoing.SOURCES)


def test_a_bad_client_is_refused_with_the_field_named_and_nothing_saved(client, nexus_caseworker):
    client.force_login(nexus_caseworker)
    response = client.post(reverse("housing:support_case_open"), CLIENT | {"children": "Nora"})
    assert response.status_code == 400 and "Rad 1" in response.content.decode()
    response = client.post(reverse("housing:support_case_open"), CLIENT | {"identity_number": "", "reserve_number": ""})
    assert response.status_code == 400
    assert not Case.objects.filter(kind=Case.Kind.SUPPORT).exists()


def test_only_nexus_opens_client_cases(housing_handler):
    with pytest.raises(ValidationError):
        services.support_case_open(given_name="A", family_name="B", reserve_number="R1", acting_user=housing_handler)


def test_the_housing_unit_does_not_reach_client_cases(client, housing_handler):
    client.force_login(housing_handler)
    assert client.get(reverse("housing:support_case_list")).status_code == 403
    assert client.get(reverse("housing:support_case_open")).status_code == 403


@pytest.mark.dates
def test_a_placement_started_from_the_case_hangs_on_it_and_ends_with_its_outcome(client, nexus_caseworker):
    today = timezone.localdate()
    case = open_client_case(client, nexus_caseworker)
    provider = ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    started = today - timedelta(days=60)
    url = reverse("housing:placement_add") + f"?arende={case.pk}"
    assert "case_number" not in client.get(url).content.decode()
    data = {"provider": provider.pk, "starts_on": started.isoformat(), "adults": 1, "children": 2}
    assert client.post(url, data)["Location"] == reverse("housing:support_case_detail", args=[case.pk])
    placement = ProtectedPlacement.objects.get(case=case)
    client.post(
        reverse("housing:placement_end", args=[placement.pk]) + f"?arende={case.pk}",
        {"ends_on": today.isoformat(), "outcome": "nexus_flat_then_chain"},
    )
    page = client.get(reverse("housing:support_case_detail", args=[case.pk])).content.decode()
    assert "Tryggt Boende AB" in page and "Nexus utslussningslägenhet, sedan kontrakt via boendekedjan" in page


@pytest.mark.dates
def test_a_flat_stay_and_its_hand_over_hang_on_the_case_and_the_flat_is_freed_by_the_move_out(client, nexus_caseworker):
    today = timezone.localdate()
    case = open_client_case(client, nexus_caseworker)
    flat = NexusFlat.objects.create(
        kind="transition", label="U1", street_address="Utslussgatan 2", postal_code="75320", rooms=2
    )
    detail = reverse("housing:support_case_detail", args=[case.pk])
    move_in = reverse("housing:nexus_flat_move_in", args=[flat.pk]) + f"?arende={case.pk}"
    assert move_in.replace("&", "&amp;") in client.get(detail).content.decode()
    client.post(move_in, {"since": (today - timedelta(days=30)).isoformat()})
    stay = NexusFlatStay.objects.get(case=case)
    needs = {"background": "Bor i utslussning.", "adults": 1, "rooms": 2, "accessibility": "none"}
    client.post(
        reverse("housing:nexus_flat_hand_over", args=[stay.pk]) + f"?arende={case.pk}",
        needs | {"planned_move_out": (today + timedelta(days=60)).isoformat()},
    )
    application = HousingApplication.objects.get()
    assert application.nexus_case == case
    page = client.get(detail).content.decode()
    assert application.case.number in page and "Ingen av Nexus lägenheter är ledig." in page
    client.post(reverse("housing:nexus_flat_move_out", args=[stay.pk]) + f"?arende={case.pk}", {"until": today})
    assert "Flytta in i en ledig lägenhet" in client.get(detail).content.decode()


@pytest.mark.dates
def test_kundvard_and_a_referral_started_from_the_case_hang_on_it(client, nexus_caseworker, stock):
    today = timezone.localdate()
    case = open_client_case(client, nexus_caseworker)
    client.post(
        reverse("housing:kundvard_add") + f"?arende={case.pk}",
        {"landlord": stock.uppsalahem.pk, "requested_on": today.isoformat(), "risk_assessed_on": today.isoformat()},
    )
    assert Kundvard.objects.get().case == case
    response = client.post(
        reverse("housing:application_refer") + f"?arende={case.pk}",
        {"referral_kind": "housing_chain", "background": "Behöver egen bostad.", "adults": 1, "rooms": 2}
        | {"accessibility": "none"},
    )
    assert response["Location"] == reverse("housing:support_case_detail", args=[case.pk])
    application = HousingApplication.objects.get()
    assert application.nexus_case == case
    assert application.case.parties.get().person == case.parties.get().person
    page = client.get(reverse("housing:support_case_detail", args=[case.pk])).content.decode()
    assert "Bostadsbolaget" in page and application.case.number in page
    # The client case stays open while her referral waits for the housing unit's decision.
    close = client.post(
        reverse("housing:support_case_close", args=[case.pk]), {"closed_on": today.isoformat(), "reason": "settled"}
    )
    assert f"remissen {application.case.number} till bostadsenheten pågår" in close.content.decode()


def test_a_referral_hangs_only_on_a_client_case(nexus_caseworker):
    from tests.factories import PersonFactory, open_case
    from tests.housing.conftest import refer

    with pytest.raises(ValidationError):
        refer(nexus_caseworker, person=PersonFactory(), nexus_case=open_case(handlers=[nexus_caseworker]))


@pytest.mark.dates
def test_nexus_opens_a_client_case_for_a_registered_person_from_her_page(client, nexus_caseworker, housing_handler):
    today = timezone.localdate()
    from tests.factories import PersonFactory, open_case

    person = PersonFactory(given_name="Vera", family_name="Registrerad")
    open_case(persons=[person], handlers=[nexus_caseworker])
    open_case(unit_kind="housing", kind=Case.Kind.HOUSING, persons=[person], handlers=[housing_handler])
    open_url = reverse("housing:support_case_open_for_person", args=[person.pk])
    client.force_login(housing_handler)
    person_page = client.get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    assert "Registrerad" in person_page and open_url not in person_page
    client.force_login(nexus_caseworker)
    assert open_url in client.get(reverse("cases:person_detail", args=[person.pk])).content.decode()
    future = {"opened_on": (today + timedelta(days=1)).isoformat()}
    response = client.post(open_url, future)
    assert response.status_code == 400 and "Datumet kan inte ligga i framtiden." in response.content.decode()
    assert not Case.objects.filter(kind=Case.Kind.SUPPORT).exists()
    response = client.post(open_url, {"opened_on": today.isoformat()})
    case = Case.objects.get(kind=Case.Kind.SUPPORT)
    assert response["Location"] == reverse("housing:support_case_detail", args=[case.pk])
    assert case.parties.get().person == person and list(case.handlers.all()) == [nexus_caseworker]
    assert "Vera Registrerad" in client.get(response["Location"]).content.decode()


@pytest.mark.dates
def test_a_client_case_is_not_opened_for_a_person_the_user_may_not_see(
    client, nexus_caseworker, nexus_colleague, protected_applicant
):
    today = timezone.localdate()
    open_url = reverse("housing:support_case_open_for_person", args=[protected_applicant.pk])
    client.force_login(nexus_colleague)
    assert client.get(open_url).status_code == 404
    assert client.post(open_url, {"opened_on": today.isoformat()}).status_code == 404
    assert not Case.objects.filter(kind=Case.Kind.SUPPORT).exists()


@pytest.mark.dates
def test_a_client_case_closes_only_when_nothing_is_open_on_it(client, nexus_caseworker, stock):
    today = timezone.localdate()
    case = open_client_case(client, nexus_caseworker)
    provider = ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    placement = services.placement_start(case=case, provider=provider, starts_on=today, acting_user=nexus_caseworker)
    flat = NexusFlat.objects.create(
        kind="emergency", label="J1", street_address="Jourvägen 1", postal_code="75320", rooms=2
    )
    stay = services.nexus_flat_move_in(flat=flat, case=case, since=today, acting_user=nexus_caseworker)
    kundvard = services.kundvard_request(
        case=case, landlord=stock.uppsalahem, requested_on=today, risk_assessed_on=today, acting_user=nexus_caseworker
    )
    detail = reverse("housing:support_case_detail", args=[case.pk])
    close = reverse("housing:support_case_close", args=[case.pk])
    assert close in client.get(detail).content.decode()
    assert "Kan inte avslutas än" in client.get(close).content.decode()
    response = client.post(close, {"closed_on": today.isoformat(), "reason": "settled"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "placeringen hos Tryggt Boende AB är inte avslutad" in page
    assert "klienten bor kvar i Nexus lägenhet J1" in page
    assert "kundvården hos Bostadsbolaget väntar på beslut" in page
    case.refresh_from_db()
    assert case.closed_on is None

    # The kundvård decision, started from the case page, returns to it.
    decide = reverse("housing:kundvard_decide", args=[kundvard.pk]) + f"?arende={case.pk}"
    assert decide.replace("&", "&amp;") in client.get(detail).content.decode()
    response = client.post(decide, {"decision": "refused", "decided_on": today.isoformat()})
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == detail
    services.placement_end(placement=placement, ends_on=today, outcome="own_solution", acting_user=nexus_caseworker)
    services.nexus_flat_move_out(stay=stay, until=today, acting_user=nexus_caseworker)

    response = client.post(close, {"closed_on": (today + timedelta(days=1)).isoformat(), "reason": "settled"})
    assert response.status_code == 400 and "Datumet kan inte ligga i framtiden." in response.content.decode()
    response = client.post(close, {"closed_on": today.isoformat()})
    assert response.status_code == 400 and "Skäl" in response.content.decode()
    assert client.post(close, {"closed_on": today.isoformat(), "reason": "settled"})["Location"] == detail
    case.refresh_from_db()
    assert case.closed_on == today
    page = client.get(detail).content.decode()
    assert close not in page and today.isoformat() in page
    assert case.events.filter(action="closed", detail="Klienten har fått ett stadigvarande boende").exists()
    listed = client.get(reverse("housing:support_case_list")).content.decode()
    assert case.number not in listed  # the list shows open cases unless asked
    assert case.number in client.get(reverse("housing:support_case_list") + "?status=closed").content.decode()

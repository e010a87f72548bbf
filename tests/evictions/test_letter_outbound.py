"""What the caseworker types into an eviction letter leaves the unit: a protected tenant's details are refused
before the letter is made."""

from django.urls import reverse

from cases import services as case_services
from evictions.models import Letter
from tests.evictions.conftest import notice_input, tenant
from tests.evictions.test_letters import visit_time
from tests.factories import PersonFactory


def _protected_family(register, eviction_caseworker, eviction_team_lead):
    hidden = PersonFactory(protected=True, given_name="Hemlig", family_name="Hyresgäst", phone="070-111 22 33")
    case_services.person_set_protected_address(
        person=hidden, street_address="Gömda vägen 9", postal_code="75645", acting_user=eviction_caseworker
    )
    notice = register(
        notice_input(tenants=(tenant(identity_number=hidden.identity_number),), street_address="Lönnvägen 4"),
        children_in_household=True,
    )
    case_services.case_assign_handler(
        case=notice.file.case, user=eviction_caseworker, reason="Fördelad på teamets möte",
        acting_user=eviction_team_lead,
    )  # fmt: skip
    return notice


def _visit_letter(client, notice, **data):
    form = {"kind": "visit", "booked_on": visit_time().date().isoformat(), "booked_time": "10:00",
            "chosen_address": "Box 123\n751 05 Uppsala"}  # fmt: skip
    return client.post(reverse("evictions:letter_add", args=[notice.file.case_id]), form | data)


def test_an_eviction_letter_with_a_protected_tenants_phone_number_is_refused(
    client, register, eviction_caseworker, eviction_team_lead
):
    notice = _protected_family(register, eviction_caseworker, eviction_team_lead)
    client.force_login(eviction_caseworker)
    for place in ("Socialtjänsten, ring 070-111 22 33 vid porten", "Ring +46701112233"):
        response = _visit_letter(client, notice, visit_place=place)
        page = response.content.decode()
        assert response.status_code == 400
        assert "Texten innehåller en skyddad persons telefonnummer. Ta bort uppgiften innan brevet skapas." in page
    assert not Letter.objects.exists()
    assert not notice.file.case.deadlines.filter(label="Bokat besök").exists()


def test_the_protected_address_is_refused_as_the_visit_place(client, register, eviction_caseworker, eviction_team_lead):
    notice = _protected_family(register, eviction_caseworker, eviction_team_lead)
    client.force_login(eviction_caseworker)
    assert _visit_letter(client, notice, visit_place="Gömda vägen 9").status_code == 400
    assert _visit_letter(client, notice, visit_place="Lönnvägen 4").status_code == 400  # the flat of the notice
    assert not Letter.objects.exists()


def test_our_office_address_is_a_fine_visit_place_for_a_protected_household(
    client, register, eviction_caseworker, eviction_team_lead
):
    notice = _protected_family(register, eviction_caseworker, eviction_team_lead)
    client.force_login(eviction_caseworker)
    assert _visit_letter(client, notice, visit_place="Socialtjänsten, Stationsgatan 12").status_code == 302
    assert Letter.objects.get().visit_place == "Socialtjänsten, Stationsgatan 12"

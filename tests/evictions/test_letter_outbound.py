"""What the caseworker types into an eviction letter leaves the unit: a protected tenant's details are refused
before the letter is made, and again each time a letter, a receipt or a consent form is printed, for a protection
registered after it was written."""

from django.urls import reverse

import pytest

from cases import services as case_services
from evictions import services
from evictions.models import Consent, Letter
from tests.evictions.conftest import notice_input, tenant
from tests.evictions.test_letters import visit_time
from tests.factories import PersonFactory
from tests.outgoing import needs_fixing_table, protect_later


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
        case=notice.file.case,
        user=eviction_caseworker,
        reason="Fördelad på teamets möte",
        acting_user=eviction_team_lead,
    )
    return notice


def _visit_letter(client, notice, **data):
    form = {
        "kind": "visit",
        "booked_on": visit_time().date().isoformat(),
        "booked_time": "10:00",
        "chosen_address": "Box 123\n751 05 Uppsala",
    }
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


# --- checked again when the letter, the receipt or the consent form is printed ----------------------------------------
@pytest.fixture
def written_before(client, register, eviction_caseworker):
    """A household without protection when the team wrote to it at its flat, printed a receipt naming the tenant's
    number in the landlord's reference, and a consent form naming the school's counsellor."""
    person = PersonFactory(given_name="Sara", family_name="Senare")
    notice = register(
        notice_input(
            tenants=(tenant(identity_number=person.identity_number),),
            street_address="Lönnvägen 4",
            sender_reference=f"Hyresgäst {person.identity_number}",
            receipt_requested=True,
        )
    )
    client.force_login(eviction_caseworker)
    assert (
        _visit_letter(
            client, notice, chosen_address="", visit_place="Socialtjänsten", override_reason="Hushållet bad om en tid"
        ).status_code
        == 302
    )
    services.consent_create(
        file=notice.file, partners=["other"], other_named="Kuratorn på Hemliga skolan", acting_user=eviction_caseworker
    )
    protect_later(person, eviction_caseworker, school="Hemliga skolan")
    return notice


def _followed(client, response) -> str:
    assert response.status_code == 302 and not response.content.startswith(b"%PDF")
    return client.get(response["Location"]).content.decode()


def test_a_letter_to_the_flat_is_not_printed_once_the_tenant_is_protected(client, written_before):
    letter = Letter.objects.get()
    assert not letter.address_chosen_by_caseworker and "Lönnvägen 4" in letter.address_lines
    page = _followed(client, client.get(reverse("evictions:letter_pdf", args=[written_before.file.case_id, letter.pk])))
    assert "skrivs inte ut. Fältet ”Adress”: Texten innehåller en skyddad persons adress." in page


def test_a_receipt_naming_the_tenants_number_is_not_printed(client, written_before):
    url = reverse("evictions:receipt_pdf", args=[written_before.file.case_id, written_before.pk])
    page = _followed(client, client.get(url))
    assert "Fältet ”Avsändarens referens”: Texten innehåller en skyddad persons personnummer." in page


def test_a_consent_form_naming_the_childs_school_is_not_printed(client, written_before):
    consent = Consent.objects.get()
    page = _followed(
        client, client.get(reverse("evictions:consent_pdf", args=[written_before.file.case_id, consent.pk]))
    )
    assert "Fältet ”Annan part, namn”: Texten innehåller skolan eller förskolan" in page


def test_the_handler_sees_all_three_on_the_case_page(client, written_before):
    table = needs_fixing_table(client, written_before.file.case)
    for what in ("Brev ", "Mottagningsbekräftelse", "Medgivande "):
        assert what in table, what
    assert written_before.tenants.get().person.identity_number not in table

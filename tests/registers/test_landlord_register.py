"""The landlord and district registers in the product (issue 21 item 2): the organisation number checked, "Menade du
…?" for a new name close to a known one, the type of a new landlord chosen, and only the two team leads and the
administrator changing the register."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from cases import registers
from cases.models import District, DistrictPostalArea, Landlord, LandlordContact
from cases.models.register import normalise_organisation_number


@pytest.fixture
def uppsalahem(organisation):
    return Landlord.objects.create(name="Uppsalahem", kind=Landlord.Kind.MUNICIPAL)


@pytest.mark.parametrize("typed", ["556036-0793", "5560360793", "556036 0793", "16556036-0793"])
def test_a_valid_organisation_number_is_stored_as_nnnnnn_nnnn(typed):
    assert normalise_organisation_number(typed) == "556036-0793"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("556036-0794", "kontrollsiffran är fel"), ("55603-0793", "tio siffror"), ("556036-079X", "tio siffror")],
)
def test_an_organisation_number_with_a_bad_check_digit_or_format_is_refused_with_a_reason(typed, message):
    with pytest.raises(ValidationError, match=message):
        normalise_organisation_number(typed)


def test_a_name_close_to_a_known_landlord_is_suggested_and_company_words_do_not_count(uppsalahem):
    assert registers.similar_landlords("Uppsalhem") == ["Uppsalahem"]
    assert registers.similar_landlords("Uppsalahem AB") == ["Uppsalahem"]
    assert registers.similar_landlords("uppsalahem") == []  # that is the landlord itself
    assert registers.similar_landlords("Heimstaden") == []


@pytest.mark.parametrize("lead", ["eviction_team_lead", "housing_team_lead", "administrator"])
def test_both_team_leads_and_the_administrator_add_a_landlord_with_its_type_and_organisation_number(
    client, request, organisation, lead
):
    client.force_login(request.getfixturevalue(lead))
    assert client.get(reverse("registers:landlord_add")).status_code == 200
    response = client.post(
        reverse("registers:landlord_add"),
        {"name": "Rikshem", "kind": "private", "organisation_number": "5560360793"},
    )
    landlord = Landlord.objects.get()
    assert response.status_code == 302 and response.url == reverse("registers:landlord_edit", args=[landlord.pk])
    assert (landlord.kind, landlord.organisation_number) == ("private", "556036-0793")
    assert landlord.history.get().history_user == request.getfixturevalue(lead)


def test_the_register_form_asks_menade_du_and_a_new_landlord_needs_its_type(client, uppsalahem, eviction_team_lead):
    client.force_login(eviction_team_lead)
    url = reverse("registers:landlord_add")
    asked = client.post(url, {"name": "Uppsalhem", "kind": "", "organisation_number": ""})
    assert asked.status_code == 400
    assert "Menade du Uppsalahem?" in asked.content.decode()
    assert Landlord.objects.count() == 1
    taken = client.post(url, {"name": "Uppsalhem", "landlord_suggestion": "Uppsalahem", "kind": ""})
    assert taken.url == reverse("registers:landlord_edit", args=[uppsalahem.pk])  # the landlord meant
    untyped = client.post(url, {"name": "Uppsalhem", "landlord_suggestion": "ny", "kind": ""})
    assert untyped.status_code == 400 and "välj typ av hyresvärd" in untyped.content.decode()
    confirmed = client.post(url, {"name": "Uppsalhem", "landlord_suggestion": "ny", "kind": "cooperative"})
    assert confirmed.status_code == 302
    assert Landlord.objects.get(name="Uppsalhem").kind == Landlord.Kind.COOPERATIVE


def test_a_bad_organisation_number_is_shown_on_the_form(client, uppsalahem, housing_team_lead):
    client.force_login(housing_team_lead)
    response = client.post(
        reverse("registers:landlord_edit", args=[uppsalahem.pk]),
        {"name": "Uppsalahem", "kind": "municipal", "organisation_number": "556036-0794"},
    )
    assert response.status_code == 400 and "kontrollsiffran är fel" in response.content.decode()
    uppsalahem.refresh_from_db()
    assert uppsalahem.organisation_number == ""


def test_the_housing_team_lead_keeps_the_contact_persons_the_eviction_team_meets(
    client, uppsalahem, housing_team_lead, eviction_team_lead
):
    client.force_login(housing_team_lead)
    client.post(
        reverse("registers:landlord_contact_add", args=[uppsalahem.pk]),
        {"name": "Kim Kundvård", "role": "Kundansvarig", "phone": "018-10 10 10", "email": ""},
    )
    contact = LandlordContact.objects.get(landlord=uppsalahem)
    client.force_login(eviction_team_lead)
    page = client.get(reverse("registers:landlord_edit", args=[uppsalahem.pk])).content.decode()
    assert "Kim Kundvård" in page and "Kundansvarig" in page
    client.post(reverse("registers:landlord_contact_remove", args=[uppsalahem.pk, contact.pk]))
    assert not LandlordContact.objects.exists()


def test_the_landlord_page_shows_its_meeting_dates_linked_to_the_meeting(client, uppsalahem, eviction_team_lead):
    from evictions.models import LandlordMeeting  # noqa: PLC0415 - the meeting dates are eviction prevention's

    meeting = LandlordMeeting.objects.create(landlord=uppsalahem, meets_on="2026-12-09", place="Kontoret")
    client.force_login(eviction_team_lead)
    page = client.get(reverse("registers:landlord_edit", args=[uppsalahem.pk])).content.decode()
    assert reverse("evictions:meeting_detail", args=[meeting.pk]) in page and "Kontoret" in page


@pytest.mark.parametrize("persona", ["eviction_caseworker", "housing_handler"])
def test_a_caseworker_reads_the_lists_without_edit_links_and_gets_404_on_every_edit_page(
    client, request, uppsalahem, persona
):
    client.force_login(request.getfixturevalue(persona))
    listing = client.get(reverse("registers:landlord_list"))
    assert listing.status_code == 200 and "Uppsalahem" in listing.content.decode()
    assert reverse("registers:landlord_edit", args=[uppsalahem.pk]) not in listing.content.decode()
    assert reverse("registers:landlord_add") not in listing.content.decode()
    for url in (reverse("registers:landlord_add"), reverse("registers:district_add")):
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "X", "kind": "private"}).status_code == 404
    assert Landlord.objects.count() == 1 and not District.objects.exists()
    with pytest.raises(ValidationError, match="gruppledarna"):
        registers.landlord_save(landlord=uppsalahem, acting_user=request.getfixturevalue(persona))


@pytest.mark.parametrize("persona", ["nexus_caseworker", "manager", "partner_vasteras"])
def test_others_get_404_on_the_lists(client, request, organisation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("registers:landlord_list")).status_code == 404
    assert client.get(reverse("registers:district_list")).status_code == 404


def test_the_list_is_paged_and_searchable_in_a_fixed_number_of_queries(
    client, organisation, eviction_team_lead, django_assert_max_num_queries
):
    Landlord.objects.bulk_create(Landlord(name=f"Fastighets AB {n:03}", kind="private") for n in range(60))
    client.force_login(eviction_team_lead)
    with django_assert_max_num_queries(12):
        first = client.get(reverse("registers:landlord_list")).content.decode()
    assert "Fastighets AB 000" in first and "Fastighets AB 055" not in first
    found = client.get(reverse("registers:landlord_list"), {"q": "ab 055"}).content.decode()
    assert "Fastighets AB 055" in found and "Fastighets AB 000" not in found


def test_the_team_lead_adds_a_district_with_postal_codes_and_an_overlap_is_refused(
    client, organisation, eviction_team_lead
):
    client.force_login(eviction_team_lead)
    response = client.post(
        reverse("registers:district_add"), {"name": "Sävja", "active": "on", "handled_by_team": "on", "contact": ""}
    )
    savja = District.objects.get()
    assert response.url == reverse("registers:district_edit", args=[savja.pk])
    url = reverse("registers:postal_area_add", args=[savja.pk])
    client.post(url, {"omrade-postal_code_from": "75700", "omrade-postal_code_to": "75799"})
    overlap = client.post(url, {"omrade-postal_code_from": "75790", "omrade-postal_code_to": "75810"})
    assert overlap.status_code == 400 and "överlappar 75700–75799" in overlap.content.decode()
    assert list(DistrictPostalArea.objects.values_list("postal_code_from", flat=True)) == ["75700"]
    listing = client.get(reverse("registers:district_list")).content.decode()
    assert "Sävja" in listing and "75700–75799" in listing

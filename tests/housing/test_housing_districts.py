"""Housing offers only the districts of the shared register it uses (`District.for_housing`): eviction prevention's
own district ("Norr") and an inactive one are not choices in its forms, while a flat keeps its own district valid
on edit after the district has been taken out of housing's use. Housing 0019 marks the existing districts."""

from django.urls import reverse

import pytest

from cases.models import District, DistrictPostalArea
from housing.forms import FlatForm, KundvardDecisionForm, NeedsForm
from tests.housing.conftest import flat
from tests.migrations import migrate


@pytest.fixture
def norr(organisation):
    return District.objects.create(name="Norr", for_housing=False)


def _names(field) -> set[str]:
    return {district.name for district in field.queryset}


def test_housing_forms_offer_only_the_active_districts_housing_uses(districts, norr):
    District.objects.create(name="Nedlagt", active=False)
    expected = {"Gottsunda", "Gränby", "Luthagen"}
    assert _names(FlatForm().fields["district"]) == expected
    assert _names(NeedsForm().fields["avoid_districts"]) == expected
    assert _names(KundvardDecisionForm().fields["old_district"]) == expected
    refused = FlatForm({"district": norr.pk}).errors["district"]
    assert refused


def test_the_flat_list_filter_offers_only_housings_districts(client, stock, housing_handler, districts, norr):
    client.force_login(housing_handler)
    listed = {d.name for d in client.get(reverse("housing:flat_list")).context["districts"]}
    assert listed == {"Gottsunda", "Gränby", "Luthagen"}


def test_a_flat_keeps_its_district_on_edit_after_housing_stops_using_it(client, stock, housing_handler, districts):
    gottsunda = districts["Gottsunda"]
    the_flat = flat(housing_handler, landlord=stock.private, district=gottsunda)
    District.objects.filter(pk=gottsunda.pk).update(for_housing=False)
    client.force_login(housing_handler)
    url = reverse("housing:flat_edit", args=[the_flat.pk])
    page = client.get(url)
    assert gottsunda in page.context["form"].fields["district"].queryset
    assert f'value="{gottsunda.pk}" selected' in page.content.decode()
    data = {
        "landlord": stock.private.pk,
        "street_address": "Storgatan 1",
        "postal_code": "75320",
        "district": gottsunda.pk,
        "rooms": "2",
        "area": "55.0",
        "rent": "7000",
        "floor": "2",
        "accessibility": "none",
        "available_from": "2026-12-01",
    }
    assert client.post(url, data).status_code == 302
    the_flat.refresh_from_db()
    assert (the_flat.rent, the_flat.district) == (7000, gottsunda)
    # Another flat's edit does not offer it, nor does a new flat.
    assert gottsunda not in FlatForm().fields["district"].queryset
    assert client.post(reverse("housing:flat_add"), data).status_code == 400


def test_a_district_eviction_prevention_adds_is_not_housings_until_ticked(
    client, organisation, eviction_team_lead, housing_team_lead
):
    client.force_login(eviction_team_lead)
    assert client.get(reverse("registers:district_add")).context["form"].initial["for_housing"] is False
    client.force_login(housing_team_lead)
    assert client.get(reverse("registers:district_add")).context["form"].initial["for_housing"] is True
    client.post(reverse("registers:district_add"), {"name": "Sävja", "active": "on", "for_housing": "on"})
    assert District.objects.get(name="Sävja").for_housing


@pytest.mark.django_db(transaction=True)
def test_the_migration_takes_eviction_preventions_own_districts_out_of_housing(
    organisation, housing_handler, eviction_caseworker, stock, districts
):
    gottsunda = districts["Gottsunda"]
    flat(housing_handler, landlord=stock.private, district=gottsunda)
    DistrictPostalArea.objects.create(district=gottsunda, postal_code_from="75640", postal_code_to="75659")
    norr = District.objects.create(name="Norr")
    DistrictPostalArea.objects.create(district=norr, postal_code_from="75200", postal_code_to="75299")
    unused = District.objects.create(name="Ingenstans")
    try:
        migrate([("housing", "0018_remove_old_landlords_and_districts")])
        migrate([("housing", "0019_districts_in_use_for_housing")])
    finally:
        migrate()
    for_housing = dict(District.objects.values_list("name", "for_housing"))
    assert for_housing[gottsunda.name] is True  # shared: housing has a flat there
    assert for_housing[norr.name] is False  # eviction prevention's routing alone
    assert for_housing[unused.name] is True  # nobody's yet: offered as before

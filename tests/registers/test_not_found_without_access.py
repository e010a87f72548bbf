"""Every page of the registers that takes an id answers 404 to a user who does not keep the registers (only the team
leads of housing and eviction prevention, and the administrator, do)."""

from django.urls import reverse

import pytest

from cases.models import District, DistrictPostalArea, Landlord, LandlordContact
from tests.cases.test_not_found_without_access import id_url_names

URLS = {
    "registers:landlord_edit": lambda w: [w["landlord"].pk],
    "registers:landlord_contact_add": lambda w: [w["landlord"].pk],
    "registers:landlord_contact_edit": lambda w: [w["landlord"].pk, w["contact"].pk],
    "registers:landlord_contact_remove": lambda w: [w["landlord"].pk, w["contact"].pk],
    "registers:district_edit": lambda w: [w["district"].pk],
    "registers:postal_area_add": lambda w: [w["district"].pk],
    "registers:postal_area_remove": lambda w: [w["district"].pk, w["area"].pk],
}


def test_every_register_url_with_an_id_is_covered():
    assert {name for name in id_url_names() if name.startswith("registers:")} == set(URLS)


@pytest.mark.parametrize(
    "persona",
    ["eviction_caseworker", "housing_handler", "nexus_caseworker", "nexus_team_lead", "manager", "partner_vasteras"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_for_every_register_url_with_an_id(client, request, organisation, persona, method):
    landlord = Landlord.objects.create(name="Uppsalahem", kind="municipal")
    district = District.objects.create(name="Sävja")
    world = {
        "landlord": landlord,
        "contact": LandlordContact.objects.create(landlord=landlord, name="Kim"),
        "district": district,
        "area": DistrictPostalArea.objects.create(district=district, postal_code_from="75700", postal_code_to="75799"),
    }
    client.force_login(request.getfixturevalue(persona))
    for name, args in URLS.items():
        response = getattr(client, method)(reverse(name, args=args(world)))
        assert response.status_code == 404, (persona, name, method)
    assert LandlordContact.objects.count() == 1 and DistrictPostalArea.objects.count() == 1

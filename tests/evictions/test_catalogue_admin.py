"""The administrator keeps the districts (postal-code areas) and landlords in the admin; nobody else reaches them."""

from django.urls import reverse

from cases.models import District, DistrictPostalArea

INLINE = "postal_areas"


def _district_form(name, low, high):
    return {
        "name": name,
        "handled_by_team": "on",
        "contact": "",
        "active": "on",
        f"{INLINE}-TOTAL_FORMS": "1",
        f"{INLINE}-INITIAL_FORMS": "0",
        f"{INLINE}-MIN_NUM_FORMS": "0",
        f"{INLINE}-MAX_NUM_FORMS": "1000",
        f"{INLINE}-0-postal_code_from": low,
        f"{INLINE}-0-postal_code_to": high,
    }


def test_the_administrator_adds_a_district_with_its_postal_codes(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("admin:cases_district_add"), _district_form("Centrum", "75300", "75399"))
    assert response.status_code == 302, response.content.decode()[:2000]
    area = DistrictPostalArea.objects.get()
    assert (area.district.name, area.postal_code_from, area.postal_code_to) == ("Centrum", "75300", "75399")


def test_overlapping_or_malformed_areas_are_refused_with_a_reason(client, administrator):
    client.force_login(administrator)
    client.post(reverse("admin:cases_district_add"), _district_form("Centrum", "75300", "75399"))
    overlap = client.post(reverse("admin:cases_district_add"), _district_form("Norr", "75390", "75420"))
    assert "överlappar 75300–75399 i distriktet Centrum" in overlap.content.decode()
    malformed = client.post(reverse("admin:cases_district_add"), _district_form("Öst", "7540", "75499"))
    assert "fem siffror" in malformed.content.decode()
    assert list(District.objects.values_list("name", flat=True)) == ["Centrum"]


def test_caseworkers_do_not_reach_the_catalogues(client, eviction_caseworker):
    client.force_login(eviction_caseworker)
    response = client.get(reverse("admin:cases_district_changelist"))
    assert response.status_code == 302 and "/login/" in response.headers["Location"]

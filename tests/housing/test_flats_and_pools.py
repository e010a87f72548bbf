from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import AccessLogEntry
from housing import services
from housing.models import Flat, PoolUse
from tests.factories import PersonFactory
from tests.housing.conftest import flat


def test_a_pool_counts_promised_used_and_left_per_year(stock, housing_handler, districts):
    year = timezone.localdate().year
    pool = stock.shelter_pool
    for n in range(2):
        taken = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=pool)
        services.pool_take(pool=pool, flat=taken, used_on=date(year, 3, n + 1), acting_user=housing_handler)
    status = services.pool_year(pool, year)
    assert (status.promised, status.used, status.left, status.overrides) == (2, 2, 0, 0)
    last_year = services.pool_year(pool, year - 1)
    assert (last_year.promised, last_year.used) == (0, 0)


def test_an_empty_pool_gives_a_flat_only_with_a_recorded_override(stock, housing_handler, districts):
    year = timezone.localdate().year
    pool = stock.shelter_pool
    services.pool_set_quota(pool=pool, year=year, promised=0, acting_user=housing_handler)
    third = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=pool)
    with pytest.raises(ValidationError, match="har inga lägenheter kvar"):
        services.pool_take(pool=pool, flat=third, used_on=date(year, 5, 1), acting_user=housing_handler)
    assert not PoolUse.objects.exists()
    use = services.pool_take(
        pool=pool,
        flat=third,
        used_on=date(year, 5, 1),
        acting_user=housing_handler,
        override_reason="Akut behov, jouren har inget annat",
    )
    assert use.is_override and use.override_reason == "Akut behov, jouren har inget annat"
    assert services.pool_year(pool, year).overrides == 1


def test_a_reason_given_while_the_pool_has_flats_left_is_not_an_override(stock, housing_handler, districts):
    taken = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.relocation_pool)
    use = services.pool_take(
        pool=stock.relocation_pool,
        flat=taken,
        used_on=timezone.localdate(),
        acting_user=housing_handler,
        override_reason="onödigt",
    )
    assert not use.is_override


def test_an_agreement_gives_the_landlords_social_contract_pool_its_quota(stock):
    status = services.pool_year(stock.social_pool, timezone.localdate().year)
    assert status.promised == 40
    assert stock.social_pool.landlord == stock.uppsalahem


def test_a_flat_with_an_unknown_postal_code_or_another_landlords_pool_is_refused(stock, housing_handler, districts):
    with pytest.raises(ValidationError):
        services.flat_register(
            landlord=stock.private,
            pool=stock.relocation_pool,
            street_address="Gatan 1",
            postal_code="75320",
            district=districts["Gränby"],
            rooms=2,
            area=50,
            rent=6000,
            floor=1,
            available_from=timezone.localdate(),
            acting_user=housing_handler,
        )
    with pytest.raises(ValidationError):
        services.flat_register(
            landlord=stock.private,
            street_address="Gatan 1",
            postal_code="00000",
            district=districts["Gränby"],
            rooms=2,
            area=50,
            rent=6000,
            floor=1,
            available_from=timezone.localdate(),
            acting_user=housing_handler,
        )
    assert not Flat.objects.exists()


def test_a_flat_let_to_a_protected_person_hides_its_address_from_those_without_a_grant(
    client, stock, housing_handler, nexus_caseworker, districts, eviction_caseworker
):
    protected = PersonFactory(protected=True, acting_user=nexus_caseworker)
    hidden = flat(
        housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"], street_address="Hemliga gatan 3"
    )
    services.flat_let(flat=hidden, tenant=protected, acting_user=housing_handler)
    flat(housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"], street_address="Öppna gatan 5")
    client.force_login(housing_handler)
    body = client.get(reverse("housing:flat_list")).content.decode()
    assert "Öppna gatan 5" in body
    assert "Hemliga gatan 3" not in body and "Skyddad adress" in body
    for method in ("get", "post"):
        assert getattr(client, method)(reverse("housing:flat_edit", args=[hidden.pk])).status_code == 404

    case_services.person_grant_access(person=protected, user=housing_handler, acting_user=nexus_caseworker)
    body = client.get(reverse("housing:flat_list")).content.decode()
    assert "Hemliga gatan 3" in body
    assert AccessLogEntry.objects.filter(user=housing_handler, person=protected).exists()


def test_the_flat_list_filters_and_costs_the_same_queries_for_more_rows(
    client, stock, housing_handler, districts, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(housing_handler)
    flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], rooms=1)
    flat(housing_handler, landlord=stock.private, district=districts["Luthagen"], rooms=3)
    url = reverse("housing:flat_list")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for rooms in range(1, 9):
        flat(housing_handler, landlord=stock.private, district=districts["Gottsunda"], rooms=rooms)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 10
    assert len(client.get(url + f"?omrade={districts['Luthagen'].pk}").context["rows"]) == 1
    assert len(client.get(url + "?rum=3").context["rows"]) == 7
    assert len(client.get(url + f"?hyresvard={stock.uppsalahem.pk}").context["rows"]) == 1
    refused = client.get(url + "?rum=tre&omrade=" + str(districts["Gottsunda"].pk))  # the form's error, not a 500
    assert 'href="#filter-rum"' in refused.content.decode() and len(refused.context["rows"]) == 8
    assert refused.context["filters"].min_rooms == ""


def test_the_flat_form_re_renders_with_the_input_and_a_swedish_message(client, stock, housing_handler, districts):
    client.force_login(housing_handler)
    data = {
        "landlord": stock.private.pk,
        "pool": stock.relocation_pool.pk,
        "street_address": "Nygatan 2",
        "postal_code": "75320",
        "district": districts["Gränby"].pk,
        "rooms": "2",
        "area": "48.5",
        "rent": "6100",
        "floor": "1",
        "accessibility": "none",
        "available_from": "2026-12-01",
    }
    response = client.post(reverse("housing:flat_add"), data)
    assert response.status_code == 400
    assert "Potten hör till en annan hyresvärd" in response.content.decode()
    assert 'value="Nygatan 2"' in response.content.decode()
    response = client.post(reverse("housing:flat_add"), data | {"landlord": stock.uppsalahem.pk})
    assert response.status_code == 302
    created = Flat.objects.get()
    assert (created.locality, created.rooms, created.pool) == ("Uppsala", 2, stock.relocation_pool)
    response = client.post(
        reverse("housing:flat_edit", args=[created.pk]), data | {"landlord": stock.uppsalahem.pk, "rent": "6300"}
    )
    created.refresh_from_db()
    assert created.rent == 6300


def test_the_pools_page_shows_promised_used_left_and_overrides(client, stock, housing_handler, districts):
    year = timezone.localdate().year
    services.pool_set_quota(pool=stock.shelter_pool, year=year, promised=0, acting_user=housing_handler)
    taken = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.shelter_pool)
    services.pool_take(
        pool=stock.shelter_pool,
        flat=taken,
        used_on=timezone.localdate(),
        override_reason="Beslut av enhetschefen",
        acting_user=housing_handler,
    )
    client.force_login(housing_handler)
    rows = {row.pool.kind: row for row in client.get(reverse("housing:pools")).context["rows"]}
    assert (rows["relocation"].promised, rows["relocation"].used, rows["relocation"].left) == (5, 0, 5)
    assert (rows["womens_shelter"].used, rows["womens_shelter"].left) == (1, 0)
    assert rows["womens_shelter"].running_low
    assert "Beslut av enhetschefen" in client.get(reverse("housing:pools")).content.decode()


@pytest.mark.parametrize("persona", ["nexus_caseworker", "eviction_caseworker", "partner_vasteras"])
def test_only_the_housing_unit_sees_flats(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("housing:flat_list")).status_code == 403

"""A flat of the Kvinnojour pool let to the women's shelter itself (seed 001: up to two flats a year to Uppsala
Kvinnojour, which lets them on): it counts in the pool's year, never records a person, and only that pool's flats."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from housing import services
from housing.models import Flat, PoolStatus, PoolUse
from tests.housing.conftest import flat

SHELTER = "Uppsala Kvinnojour"


def shelter_flat(stock, districts, user, **fields):
    return flat(user, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.shelter_pool, **fields)


def let(flat_, user, *, let_on=None, **kwargs):
    today = timezone.localdate()
    return services.flat_let_to_shelter(
        flat=flat_, shelter_name=SHELTER, let_on=let_on or today, today=today, acting_user=user, **kwargs
    )


# Each letting is dated today and counts in today's year: run on the days that break naive date code too.
pytestmark = pytest.mark.dates


def test_letting_to_the_shelter_counts_in_the_pools_year_and_status(stock, districts, housing_handler):
    year = timezone.localdate().year
    first = let(shelter_flat(stock, districts, housing_handler), housing_handler)
    assert (first.status, first.tenant, first.shelter_name) == (Flat.Status.LET, None, SHELTER)
    assert services.pool_year(stock.shelter_pool, year).status == PoolStatus.FEW_LEFT
    let(shelter_flat(stock, districts, housing_handler), housing_handler)
    status = services.pool_year(stock.shelter_pool, year)
    assert (status.promised, status.used, status.left, status.status) == (2, 2, 0, PoolStatus.EMPTY)


def test_the_quota_year_is_the_year_of_the_let_date(stock, districts, housing_handler, administrator):
    year = timezone.localdate().year
    services.pool_set_quota(pool=stock.shelter_pool, year=year - 1, promised=2, acting_user=administrator)
    let(shelter_flat(stock, districts, housing_handler), housing_handler, let_on=date(year - 1, 12, 30))
    assert services.pool_year(stock.shelter_pool, year - 1).used == 1
    assert services.pool_year(stock.shelter_pool, year).used == 0


def test_the_third_flat_of_a_two_flat_year_needs_the_override_reason(stock, districts, housing_handler):
    year = timezone.localdate().year
    for _ in range(2):
        let(shelter_flat(stock, districts, housing_handler), housing_handler)
    third = shelter_flat(stock, districts, housing_handler)
    with pytest.raises(ValidationError) as refused:
        let(third, housing_handler)
    assert "override_reason" in refused.value.message_dict
    third.refresh_from_db()
    assert third.status == Flat.Status.AVAILABLE and PoolUse.objects.filter(flat=third).count() == 0
    let(third, housing_handler, override_reason="Jouren har en familj med akut behov")
    status = services.pool_year(stock.shelter_pool, year)
    assert (status.used, status.overrides, status.status) == (3, 1, PoolStatus.OVER_QUOTA)


@pytest.mark.parametrize("pool", ["relocation_pool", "social_pool", None])
def test_a_flat_of_another_pool_is_refused(stock, districts, housing_handler, pool):
    other = flat(
        housing_handler,
        landlord=stock.uppsalahem,
        district=districts["Gränby"],
        pool=getattr(stock, pool) if pool else None,
    )
    with pytest.raises(ValidationError) as refused:
        let(other, housing_handler)
    assert "Kvinnojourens pott" in refused.value.message_dict["pool"][0]
    other.refresh_from_db()
    assert other.status == Flat.Status.AVAILABLE and not PoolUse.objects.exists()


def test_a_let_date_in_the_future_is_refused(stock, districts, housing_handler):
    with pytest.raises(ValidationError) as refused:
        let(
            shelter_flat(stock, districts, housing_handler), housing_handler, let_on=timezone.localdate() + timedelta(1)
        )
    assert "let_on" in refused.value.message_dict and not PoolUse.objects.exists()


def test_a_flat_already_let_is_refused(stock, districts, housing_handler):
    let_ = let(shelter_flat(stock, districts, housing_handler), housing_handler)
    with pytest.raises(ValidationError, match="inte ledig"):
        let(let_, housing_handler)
    assert PoolUse.objects.count() == 1


def test_the_database_refuses_a_let_flat_without_a_tenant_or_the_shelter(stock, districts, housing_handler):
    flat_ = shelter_flat(stock, districts, housing_handler)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flat.objects.filter(pk=flat_.pk).update(status=Flat.Status.LET)


def test_the_housing_unit_lets_a_flat_to_the_shelter_and_the_lists_show_it_without_a_person(
    client, stock, districts, housing_handler
):
    flat_ = shelter_flat(stock, districts, housing_handler, street_address="Jourgatan 3")
    client.force_login(housing_handler)
    listing = client.get(reverse("housing:flat_list")).content.decode()
    url = reverse("housing:flat_let_to_shelter", args=[flat_.pk])
    assert url in listing
    form = client.get(url)
    assert form.status_code == 200 and form.context["form"].initial["shelter_name"] == "Kvinnojouren"
    answer = client.post(url, {"shelter_name": SHELTER, "let_on": timezone.localdate().isoformat()})
    assert answer.status_code == 302
    listing = client.get(reverse("housing:flat_list"))
    [row] = [row for row in listing.context["rows"] if row.flat.pk == flat_.pk]
    assert row.flat.tenant is None and row.address_visible
    assert f"Till {SHELTER}" in listing.content.decode() and url not in listing.content.decode()
    pools = {row.pool.kind: row for row in client.get(reverse("housing:pools")).context["rows"]}
    assert (pools["womens_shelter"].used, pools["womens_shelter"].left) == (1, 1)


def test_the_form_names_the_field_when_the_flat_is_of_another_pool(client, stock, districts, housing_handler):
    other = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.relocation_pool)
    client.force_login(housing_handler)
    url = reverse("housing:flat_let_to_shelter", args=[other.pk])
    answer = client.post(url, {"shelter_name": SHELTER, "let_on": timezone.localdate().isoformat()})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Reservationspott: bara lägenheter i Kvinnojourens pott" in page and SHELTER in page


def test_the_form_asks_for_the_reason_beyond_the_quota_and_keeps_the_input(client, stock, districts, housing_handler):
    for _ in range(2):
        let(shelter_flat(stock, districts, housing_handler), housing_handler)
    third = shelter_flat(stock, districts, housing_handler)
    client.force_login(housing_handler)
    url = reverse("housing:flat_let_to_shelter", args=[third.pk])
    answer = client.post(url, {"shelter_name": "Jouren Syd", "let_on": timezone.localdate().isoformat()})
    assert answer.status_code == 400
    assert "har inga lägenheter kvar" in answer.content.decode() and "Jouren Syd" in answer.content.decode()
    assert answer.context["form"].errors["override_reason"]

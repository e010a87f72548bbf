"""The housing unit keeps its flats and sees the pools' quotas."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from cases.models import District, Landlord
from housing import services
from housing.models import ReservationPool
from kompotten.models import User


def test_the_handler_registers_a_flat_and_reads_the_pools(page, log_in, assert_accessible):
    admin = User.objects.get(email="admin@uppsala.example")
    District.objects.create(name="Gränby")
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    pool = ReservationPool.objects.create(
        name="Kvinnojouren", kind=ReservationPool.Kind.WOMENS_SHELTER, landlord=landlord
    )
    services.pool_set_quota(pool=pool, year=timezone.localdate().year, promised=2, acting_user=admin)

    log_in("bostad@uppsala.example")
    page.get_by_role("link", name="Lägenheter").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny lägenhet").click()
    assert_accessible(page)
    page.get_by_label("Hyresvärd").select_option(label="Bostadsbolaget")
    page.get_by_label("Reservationspott").select_option(label="Kvinnojouren")
    page.get_by_label("Gatuadress").fill("Tunagatan 12")
    page.get_by_label("Postnummer").fill("00000")
    page.get_by_label("Område").select_option(label="Gränby")
    page.get_by_label("Antal rum").fill("3")
    page.get_by_label("Yta (m²)").fill("71.5")
    page.get_by_label("Månadshyra (kr)").fill("8200")
    page.get_by_label("Våning").fill("0")
    page.get_by_label("Ledig från").fill("2026-12-01")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Postnumret finns inte")
    assert_accessible(page)
    page.get_by_label("Postnummer").fill("754 31")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("flat-table")).to_contain_text("Tunagatan 12")
    page.get_by_role("link", name="Reservationspotter och kvoter").click()
    expect(page.get_by_test_id("pool-womens_shelter")).to_contain_text("Kvinnojouren")
    assert_accessible(page)


# The quota's year and the let date are today's: New Year's Eve, the last day that counts in this year (the rule itself
# runs on the whole date matrix in tests/housing/test_flat_let_to_shelter.py; a browser run per day would cost minutes).
@pytest.mark.today("2026-12-31")
def test_the_handler_lets_a_kvinnojour_flat_to_the_shelter(page, log_in, assert_accessible):
    admin = User.objects.get(email="admin@uppsala.example")
    handler = User.objects.get(email="bostad@uppsala.example")
    district = District.objects.create(name="Gränby")
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    pool = ReservationPool.objects.create(
        name="Kvinnojouren", kind=ReservationPool.Kind.WOMENS_SHELTER, landlord=landlord
    )
    services.pool_set_quota(pool=pool, year=timezone.localdate().year, promised=2, acting_user=admin)
    services.flat_register(
        landlord=landlord,
        pool=pool,
        street_address="Jourgatan 3",
        postal_code="75320",
        district=district,
        rooms=2,
        area=Decimal("52.0"),
        rent=6700,
        floor=1,
        available_from=timezone.localdate(),
        acting_user=handler,
    )

    log_in("bostad@uppsala.example")
    page.get_by_role("link", name="Lägenheter").first.click()
    page.get_by_role("link", name="Hyr ut till jouren").click()
    assert_accessible(page)
    page.get_by_label("Uthyrd till").fill("Uppsala Kvinnojour")
    page.get_by_label("Uthyrd från").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Registrera uthyrningen").click()
    expect(page.get_by_role("alert")).to_contain_text("kan inte ligga i framtiden")
    assert_accessible(page)
    page.get_by_label("Uthyrd från").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrera uthyrningen").click()
    expect(page.get_by_test_id("let-to-shelter")).to_contain_text("Till Uppsala Kvinnojour")
    page.get_by_role("link", name="Reservationspotter och kvoter").click()
    expect(page.get_by_test_id("pool-womens_shelter")).to_contain_text("Snart slut")

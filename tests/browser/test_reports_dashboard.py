"""A manager opens the dashboard from the reports page: key figures, overdue deadlines, quotas and the log review,
all accessible; a caseworker finds no such page."""

from datetime import timedelta

from django.utils import timezone

from playwright.sync_api import expect

from cases.models import Landlord
from housing.models import ReservationPool
from housing.services import pool_set_quota
from kompotten.models import User
from tests.cases.relocation.world import open_request


def test_a_manager_reads_the_dashboard_and_a_caseworker_cannot_reach_it(page, log_in, assert_accessible, networks):
    nexus = User.objects.get(email="nexus@uppsala.example")
    open_request(networks, nexus, on=timezone.localdate() - timedelta(days=30))  # its assessment is overdue
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    pool = ReservationPool.objects.create(
        name="Förflyttningar", kind=ReservationPool.Kind.RELOCATION, landlord=landlord
    )
    pool_set_quota(pool=pool, year=timezone.localdate().year, promised=5, acting_user=nexus)

    log_in("chef@uppsala.example")
    page.get_by_test_id("main-navigation").get_by_role("link", name="Statistik och rapporter").click()
    page.get_by_test_id("dashboard-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledningsöversikt")
    expect(page.get_by_test_id("key-figures").first).to_contain_text("Formella förfrågningar till oss")
    expect(page.get_by_test_id("overdue")).to_contain_text("Skyddsbedömning (Nexus)")
    expect(page.get_by_test_id("quotas")).to_contain_text("Bostadsbolaget")
    expect(page.get_by_test_id("log-review")).to_contain_text("Inte gjord")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in("nexus@uppsala.example")
    response = page.goto("/rapporter/oversikt/")
    assert response.status == 404

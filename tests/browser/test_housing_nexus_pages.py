"""Nexus's side of the chain in the browser: a placement ends with its outcome, a stay in a Nexus flat is handed
over into the chain, and kundvård is requested and decided. Every page is checked with axe."""

from datetime import timedelta

from django.utils import timezone

from playwright.sync_api import expect

from cases import services as case_services
from cases.models import Landlord
from housing.models import NexusFlat, ShelterProvider
from kompotten.models import User
from tests.factories import PersonFactory, open_case


def test_nexus_records_a_placement_a_stay_and_kundvard(page, log_in, assert_accessible):
    nexus = User.objects.get(email="nexus@uppsala.example")
    case = open_case(persons=[PersonFactory(given_name="Tove", family_name="Trygg")], handlers=[nexus])
    ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    NexusFlat.objects.create(
        kind="transition", label="U1", street_address="Utslussgatan 2", postal_code="75320", rooms=2
    )
    Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    today = timezone.localdate().isoformat()

    case_services.deadline_set(
        case=case, label="Skyddsbedömning", starts_on=timezone.localdate(), days=1, acting_user=nexus
    )

    log_in("nexus@uppsala.example")
    expect(page.get_by_test_id("due-deadlines")).to_contain_text("Skyddsbedömning")  # the next five working days
    expect(page.get_by_test_id("due-deadlines")).to_contain_text(case.number)
    assert_accessible(page)
    page.get_by_test_id("nexus-housing-links").get_by_role("link", name="Placeringar i skyddat boende").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny placering").click()
    page.get_by_label("Nexus ärendenummer").fill(case.number)
    page.get_by_label("Leverantör").select_option(label="Tryggt Boende AB")
    page.get_by_label("Medföljande barn").fill("1")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Avsluta").click()
    assert_accessible(page)
    page.get_by_label("Nexus utslussningslägenhet, sedan kontrakt via boendekedjan").check()
    page.get_by_role("button", name="Spara").click()
    page.goto("/bostad/placeringar/?status=all")
    expect(page.get_by_test_id("placement-table")).to_contain_text("Nexus utslussningslägenhet")

    page.goto("/bostad/nexuslagenheter/")
    assert_accessible(page)
    page.get_by_role("link", name="Inflyttning U1").click()
    page.get_by_label("Nexus ärendenummer").fill(case.number)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("nexus-flat-table")).to_contain_text("Tove Trygg")
    page.get_by_role("link", name="Överlämna till boendekedjan U1").click()
    assert_accessible(page)
    page.get_by_label("Planerad utflyttning").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    page.get_by_label("Bakgrund och skäl för remissen").fill("Redo att lämna utslussningslägenheten.")
    page.get_by_role("button", name="Skicka remissen").click()
    expect(page.get_by_test_id("application-table")).to_contain_text("Tove Trygg")
    # She still lives there: the flat stays occupied until her move-out is recorded.
    page.goto("/bostad/nexuslagenheter/")
    expect(page.get_by_test_id("nexus-flat-table")).to_contain_text("Tove Trygg")
    expect(page.get_by_test_id("planned-move-out")).to_contain_text("planerad utflyttning")
    page.get_by_role("link", name="Utflyttning U1").click()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("nexus-flat-table")).not_to_contain_text("Tove Trygg")
    expect(page.get_by_role("link", name="Inflyttning U1")).to_be_visible()

    page.goto("/bostad/kundvard/")
    assert_accessible(page)
    page.get_by_role("link", name="Begär kundvård").click()
    page.get_by_label("Nexus ärendenummer").fill(case.number)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Det finns fel i formuläret")
    assert_accessible(page)
    page.get_by_label("Hyresvärd").select_option(label="Bostadsbolaget")
    page.get_by_label("Hot- och riskbedömning gjord").fill(today)
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Registrera beslut").click()
    assert_accessible(page)
    page.get_by_label("Beviljad").check()
    page.get_by_label("Nya lägenhetens gatuadress").fill("Nyvägen 4")
    page.get_by_label("Nya lägenhetens postnummer").fill("753 20")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("kundvard-table")).to_contain_text("Beviljad")

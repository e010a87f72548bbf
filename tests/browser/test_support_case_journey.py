"""Nexus's client case in the browser (issue 20's journey): Nexus opens a client case, records a placement ending
with its outcome, moves the client into a transition flat, refers her to the housing unit while she lives there,
and the flat becomes free only when her move-out is recorded. Every new page is checked with axe."""

from datetime import timedelta

from django.utils import timezone

from playwright.sync_api import expect

from cases import services as case_services
from housing.models import HousingApplication, NexusFlat, ShelterProvider
from kompotten.models import User
from tests.housing.conftest import approve


def test_nexus_works_a_client_case_from_placement_to_move_out(page, log_in, assert_accessible):
    ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    NexusFlat.objects.create(
        kind="transition", label="U1", street_address="Utslussgatan 2", postal_code="75320", rooms=2
    )
    today = timezone.localdate()

    log_in("nexus@uppsala.example")
    page.get_by_role("navigation").get_by_role("link", name="Stödärenden").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Nytt stödärende").click()
    assert_accessible(page)
    page.get_by_label("Förnamn").fill("Tove")
    page.get_by_label("Efternamn").fill("Trygg")
    page.get_by_label("Personnummer eller samordningsnummer").fill("19900101-0017")
    page.get_by_label("Barn i hushållet").fill("Nora 2019")
    page.get_by_role("button", name="Öppna stödärendet").click()
    expect(page.get_by_test_id("support-case-client")).to_contain_text("Tove Trygg")
    expect(page.get_by_test_id("support-case-client")).to_contain_text("Nora 2019")
    assert_accessible(page)

    # A placement in protected housing, started from the case (no case number asked), ending with its outcome.
    page.get_by_role("link", name="Ny placering").click()
    expect(page.get_by_label("Nexus ärendenummer")).to_have_count(0)
    page.get_by_label("Leverantör").select_option(label="Tryggt Boende AB")
    page.get_by_label("Placerad från").fill((today - timedelta(days=90)).isoformat())
    page.get_by_label("Medföljande barn").fill("1")
    page.get_by_role("button", name="Spara").click()
    page.get_by_test_id("support-placements").get_by_role("link", name="Avsluta").click()
    page.get_by_label("Nexus utslussningslägenhet, sedan kontrakt via boendekedjan").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("support-placements")).to_contain_text("Nexus utslussningslägenhet")

    # Into the transition flat, then referred to the housing unit while she lives there.
    page.get_by_role("link", name="U1 (utslussningslägenhet)").click()
    expect(page.get_by_label("Nexus ärendenummer")).to_have_count(0)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("support-stays")).to_contain_text("U1")
    page.get_by_role("link", name="Överlämna till boendekedjan U1").click()
    page.get_by_label("Planerad utflyttning").fill((today + timedelta(days=60)).isoformat())
    page.get_by_label("Bakgrund och skäl för remissen").fill("Redo att lämna utslussningslägenheten.")
    page.get_by_role("button", name="Skicka remissen").click()
    expect(page.get_by_test_id("support-referrals")).to_contain_text("Remitterad")
    expect(page.get_by_test_id("support-stays")).to_contain_text("planerad utflyttning")
    expect(page.get_by_text("Ingen av Nexus lägenheter är ledig.")).to_be_visible()
    page.goto("/bostad/nexuslagenheter/")
    expect(page.get_by_test_id("nexus-flat-table")).to_contain_text("Tove Trygg")  # still occupied

    # Only the recorded move-out frees the flat.
    page.go_back()
    page.get_by_role("link", name="Registrera utflyttning U1").click()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Flytta in i en ledig lägenhet:")).to_be_visible()
    page.goto("/bostad/nexuslagenheter/")
    expect(page.get_by_test_id("nexus-flat-table")).not_to_contain_text("Tove Trygg")

    # The housing unit decides on the referral (its pages have journeys of their own); until then the case stays open.
    application = HousingApplication.objects.get(nexus_case__isnull=False)
    handler = User.objects.get(email="bostad@uppsala.example")
    team_lead = User.objects.get(email="gruppledare.bostad@uppsala.example")
    case_services.case_assign_handler(case=application.case, user=handler, acting_user=team_lead, reason="Remiss.")
    approve(application, handler)

    # With nothing open any more, Nexus closes the case with a reason; it leaves the list of open cases.
    page.go_back()
    page.get_by_role("link", name="Avsluta stödärendet").click()
    assert_accessible(page)
    page.get_by_label("Klienten har fått ett stadigvarande boende").check()
    page.get_by_role("button", name="Avsluta stödärendet").click()
    expect(page.get_by_test_id("support-case-closed")).to_have_text(today.isoformat())
    page.get_by_role("navigation").get_by_role("link", name="Stödärenden").first.click()
    expect(page.get_by_text("Tove Trygg")).to_have_count(0)

    # A client case for her again, opened from her person page.
    page.goto("/arenden/personer/?q=Trygg")
    page.get_by_role("link", name="Tove Trygg").first.click()
    page.get_by_role("link", name="Nytt stödärende").click()
    assert_accessible(page)
    page.get_by_role("button", name="Öppna stödärendet").click()
    expect(page.get_by_test_id("support-case-client")).to_contain_text("Tove Trygg")

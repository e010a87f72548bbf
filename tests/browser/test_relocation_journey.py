"""Relocation requests in the browser, across Nexus and the partner municipality, with axe on every page."""

from django.utils import timezone

from playwright.sync_api import expect

from cases.relocation.models import Direction
from kompotten.models import User
from tests.cases.relocation.world import open_request
from tests.factories import PersonFactory


def log_out(page):
    page.get_by_role("button", name="Logga ut").click()


def test_an_outgoing_request_is_blocked_without_consent_then_sent_answered_and_housed(
    page, log_in, assert_accessible, networks
):
    nexus = User.objects.get(email="nexus@uppsala.example")
    person = PersonFactory(given_name="Lina", family_name="Utflyttare", acting_user=nexus)
    request = open_request(networks, nexus, direction=Direction.OUTGOING, person=person)
    number = request.case.number

    log_in("nexus@uppsala.example")
    page.goto("/arenden/forfragningar/")
    assert_accessible(page)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_test_id("request-state")).to_have_text("Förbereds")
    assert_accessible(page)
    page.get_by_role("link", name="Skicka förfrågan").click()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("kan inte skickas utan personens samtycke")
    assert_accessible(page)

    page.get_by_role("link", name="Tillbaka till förfrågan").click()
    page.get_by_role("link", name="Registrera samtycke").click()
    assert_accessible(page)
    page.get_by_label("Samtycket lämnades").fill(timezone.localdate().isoformat())
    page.get_by_label("Identitet (namn och personnummer)").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Samtycket är registrerat.")).to_be_visible()
    page.get_by_role("link", name="Skicka förfrågan").click()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("request-state")).to_have_text("Skickad")
    page.get_by_label("Nytt meddelande").fill("Förfrågan skickad, hör av er vid frågor.")
    page.get_by_role("button", name="Skicka meddelande").click()
    expect(page.get_by_test_id("messages")).to_contain_text("hör av er vid frågor")
    log_out(page)

    log_in("kontakt@vasteras.example")
    page.get_by_role("link", name="Förfrågningar mellan våra kommuner").click()
    page.get_by_role("link", name=number).click()
    expect(page.locator("body")).to_contain_text("Lina Utflyttare")  # the consent shares the identity
    expect(page.locator("body")).not_to_contain_text("Ändra kriterier")
    expect(page.get_by_test_id("messages")).to_contain_text("hör av er vid frågor")
    assert_accessible(page)
    page.get_by_role("link", name="Acceptera förfrågan").click()
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("request-state")).to_have_text("Accepterad av samverkanskommunen")
    log_out(page)

    log_in("nexus@uppsala.example")
    page.goto(f"/arenden/{request.case.pk}/forfragan/")
    page.get_by_role("link", name="Inflyttad").click()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("request-state")).to_have_text("Inflyttad")
    expect(page.get_by_test_id("transitions")).to_contain_text("Accepterad av samverkanskommunen")


def test_nexus_registers_a_request_and_a_phone_inquiry_and_finds_whom_to_call(
    page, log_in, assert_accessible, networks
):
    log_in("nexus@uppsala.example")
    assert_accessible(page)  # the Nexus start page with its due assessments
    page.get_by_role("link", name="Registrera inkommande förfrågan").first.click()
    assert_accessible(page)
    page.get_by_label("Nätverk").select_option(label="Kompotten")
    page.get_by_label("Samverkanskommun").select_option(label="Västerås")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("request-state")).to_have_text("Mottagen, skyddsbedömning pågår")
    expect(page.locator("body")).to_contain_text("Skyddsbedömning (Nexus)")
    page.get_by_role("link", name="Ändra kriterier och behov").click()
    assert_accessible(page)

    page.goto("/arenden/telefonforfragningar/ny/")
    assert_accessible(page)
    page.get_by_label("Till oss").check()
    page.get_by_label("Nätverk").select_option(label="Länskompotten Uppsala län")
    page.get_by_label("Samverkanskommun").select_option(label="Enköping")
    page.get_by_label("Vad frågan gällde").select_option(label="Bostadsläget")
    page.get_by_label("Varför det stannade vid telefon").select_option(label="Inga lägenheter att tillgå")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("inquiry-table")).to_contain_text("Enköping")
    assert_accessible(page)

    page.goto("/arenden/forfragningar/omsesidighet/")
    assert_accessible(page)
    page.goto("/arenden/natverk/")
    page.get_by_role("searchbox", name="Kommun").fill("Västerås")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator("main")).to_contain_text("Kompotten")
    assert_accessible(page)

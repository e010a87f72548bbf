"""The first half of the housing chain across roles: Nexus refers a person leaving protected housing, the housing
unit investigates, approves and downloads the decision letter; Nexus sees the state of its referral."""

from playwright.sync_api import expect

from cases.models import District


def test_nexus_refers_and_the_housing_unit_investigates_approves_and_downloads_the_letter(
    page, log_in, assert_accessible
):
    District.objects.create(name="Gottsunda")
    log_in("nexus@uppsala.example")
    page.get_by_role("link", name="Ny remiss till bostadsenheten").click()
    assert_accessible(page)
    page.get_by_role("button", name="Skicka remissen").click()
    expect(page.get_by_role("alert")).to_contain_text("Det finns fel i formuläret")
    assert_accessible(page)
    page.get_by_label("Förnamn").fill("Lina")
    page.get_by_label("Efternamn").fill("Kedjesson")
    page.get_by_label("Reservnummer").fill("RES-2026-1")
    page.get_by_label("Bakgrund och skäl för remissen").fill("Placeringen i skyddat boende avslutas i maj.")
    page.get_by_label("Barn i hushållet").fill("Nora 2018")
    page.get_by_label("Antal rum som behövs").fill("2")
    page.get_by_label("Gottsunda").check()
    page.get_by_role("button", name="Skicka remissen").click()
    expect(page.get_by_text("Remissen är skickad till bostadsenheten.")).to_be_visible()
    table = page.get_by_test_id("application-table")
    expect(table).to_contain_text("Lina Kedjesson")
    expect(table).to_contain_text("Remitterad")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in("bostad@uppsala.example")
    expect(page.get_by_test_id("decisions-due")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Alla ansökningar").click()
    assert_accessible(page)
    page.get_by_test_id("application-table").get_by_role("link").first.click()
    expect(page.get_by_test_id("application-needs")).to_contain_text("Gottsunda")
    expect(page.get_by_test_id("decision-deadline")).to_contain_text("dagar kvar")
    assert_accessible(page)

    page.get_by_role("link", name="Uppdatera utredningen").click()
    assert_accessible(page)
    for checkbox in page.locator("input[type=checkbox]").all():
        # By keyboard: a click on the design system's visually replaced box can miss under load.
        checkbox.focus()
        page.keyboard.press("Space")
        expect(checkbox).to_be_checked()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("application-status")).to_have_text("Under utredning")

    page.get_by_role("link", name="Fatta beslut").click()
    assert_accessible(page)
    page.get_by_label("Bifall").check()
    page.get_by_label("Motivering").fill("Behovet av en egen bostad är styrkt.")
    page.get_by_role("button", name="Fatta beslut").click()
    expect(page.get_by_text("Beslutet är registrerat.")).to_be_visible()
    expect(page.get_by_test_id("application-status")).to_have_text("Bifallen, i kö")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Beslutsbrev (PDF)").click()
    assert download.value.suggested_filename.startswith("beslut-")
    page.get_by_role("button", name="Logga ut").click()

    log_in("nexus@uppsala.example")
    page.goto("/bostad/remisser/")
    expect(page.get_by_test_id("application-table")).to_contain_text("Bifallen, i kö")

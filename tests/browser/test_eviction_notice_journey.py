"""The eviction-prevention caseworker registers notices by keyboard, a repeated notice flags the household's file for
the team lead, and a notice for another district is routed there; every new page passes axe."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from playwright.sync_api import expect

from cases.models import District, DistrictPostalArea
from tests.factories import fresh_identity_number


def _districts():
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    gottsunda = District.objects.create(name="Gottsunda", handled_by_team=False, contact="gottsunda@uppsala.example")
    DistrictPostalArea.objects.create(district=gottsunda, postal_code_from="75640", postal_code_to="75659")


def _fill_notice(page, *, number, postal_code="753 20", served_on=None):
    form = page.get_by_test_id("notice-form")
    expect(form.get_by_label("Mottagningsdatum")).to_be_focused()  # the keyboard starts in the form
    form.get_by_label("Avsändare", exact=True).select_option(label="Inkassobolag (ombud)")
    form.get_by_label("Avsändarens namn").fill("Inkasso AB")
    form.get_by_label("Typ av underrättelse").select_option(label="Uppsägning")
    form.get_by_label("Hyresskuld", exact=True).check()
    form.get_by_label("Hyresskuld, kapital (kr)").fill("18 400")
    form.get_by_label("Kostnader och ränta (kr)").fill("1 250,50")
    form.get_by_label("Uppsägningen delgiven").fill((served_on or timezone.localdate()).isoformat())
    form.get_by_label("Hyresgäst, förnamn", exact=True).fill("Maja")
    form.get_by_label("Hyresgäst, efternamn", exact=True).fill("Ek")
    form.get_by_label("Hyresgäst, personnummer", exact=True).fill(number)
    form.get_by_label("Barn i hushållet").check()
    form.get_by_label("Gatuadress").fill("Svartbäcksgatan 12")
    form.get_by_label("Postnummer").fill(postal_code)
    form.get_by_label("Hyresvärd", exact=True).fill("Uppsalahem")
    form.get_by_label("Typ av hyresvärd").select_option(label="Kommunalt bostadsbolag")
    form.get_by_label("Gatuadress").press("Enter")  # submits from the keyboard


def test_notices_open_a_file_flag_a_repeat_and_route_another_district(page, log_in, assert_accessible):
    _districts()
    number = fresh_identity_number()
    log_in("vrakning@uppsala.example")
    assert_accessible(page)
    page.get_by_role("link", name="Registrera underrättelse").click()
    assert_accessible(page)

    page.get_by_role("button", name="Registrera").click()  # empty: every error in Swedish, nothing saved
    expect(page.locator(".govuk-error-summary")).to_contain_text("Det finns fel i formuläret")
    assert_accessible(page)

    page.goto("/vrakning/underrattelser/ny/")
    _fill_notice(page, number=number, served_on=timezone.localdate() - timedelta(days=20))
    expect(page.get_by_text("Underrättelsen är registrerad i ärende")).to_be_visible()
    expect(page.get_by_test_id("recovery-period")).to_contain_text("Skulden ska vara betald senast")
    expect(page.get_by_test_id("notice-card")).to_contain_text("19 650,50 kr")
    assert_accessible(page)

    page.get_by_role("link", name="Kontrollera folkbokföringen").click()
    assert_accessible(page)
    page.get_by_label("Ja").check()
    page.get_by_label("Barn 1, ålder").fill("6")
    page.get_by_label("Barn 1, boende").select_option(label="Bor växelvis")
    page.get_by_role("button", name="Spara kontrollen").click()
    expect(page.get_by_test_id("register-check")).to_contain_text("6 år, bor växelvis")
    page.get_by_label("Enhet").select_option(label="Ekonomiskt bistånd")
    page.get_by_label("Handläggare", exact=True).fill("Kim Berg")
    page.get_by_role("button", name="Lägg till handläggare att informera").click()
    page.get_by_role("button", name="Markera informerad").click()
    expect(page.get_by_test_id("other-units")).to_contain_text("Informerad")
    assert_accessible(page)

    page.get_by_role("link", name="Skriv brev").click()
    expect(page.get_by_test_id("letter-proposal")).to_contain_text("Familj med barn: besöksbrev med bokad tid.")
    expect(page.get_by_label("Besöksbrev med bokad tid", exact=True)).to_be_checked()
    assert_accessible(page)
    today = timezone.localdate()
    visit_on = today + timedelta(days=(5 - today.weekday()) % 7 or 7)  # a Saturday: a home visit can be
    page.get_by_label("Bokad dag").fill(visit_on.isoformat())
    page.get_by_label("Klockslag").fill("13:30")
    page.get_by_label("Plats").fill("Stationsgatan 12")
    page.get_by_role("button", name="Skapa brevet").click()
    expect(page.get_by_test_id("letter-card")).to_contain_text("13:30")
    with page.expect_download() as download:
        page.get_by_test_id("letter-card").get_by_role("link", name="Ladda ner (PDF)").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"
    assert_accessible(page)

    page.goto("/vrakning/underrattelser/ny/")  # a repeat, whose recovery period ran out before it reached us
    _fill_notice(page, number=number, served_on=timezone.localdate() - timedelta(days=40))
    expect(page.get_by_text("som nu är flaggat för teamledaren")).to_be_visible()
    expect(page.get_by_test_id("notice-card")).to_have_count(2)
    expect(page.get_by_test_id("escalation-warning")).to_be_visible()
    expect(page.get_by_test_id("recovery-period")).to_contain_text("Skulden ska vara betald senast")  # the first's
    expect(page.get_by_test_id("file-deadlines")).to_contain_text("Har gått ut")  # the repeat's, not "Försenad"
    assert_accessible(page)

    page.goto("/vrakning/flaggade/")
    expect(page.get_by_test_id("escalation-table")).to_contain_text("Upprepade underrättelser (2 st)")
    assert_accessible(page)
    page.goto("/vrakning/att-gora/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Att göra de närmaste fem arbetsdagarna")
    expect(page.get_by_test_id("due-table")).to_contain_text("Återvinningsfrist")
    expect(page.get_by_test_id("due-table")).not_to_contain_text("Försenad")
    # The booked visit stays on its Saturday; the repeat's passed recovery period is a file to record, not overdue.
    expect(page.get_by_test_id("visit-table")).to_contain_text(f"Bokat besök lör {visit_on.day} ")
    expect(page.get_by_test_id("visit-table")).to_contain_text("13:30")
    expect(page.get_by_test_id("passed-recovery-table")).to_contain_text("Har gått ut")
    assert_accessible(page)
    page.goto("/vrakning/arenden/?barn=1")
    expect(page.get_by_test_id("file-table")).to_contain_text("Maja Ek")
    assert_accessible(page)

    page.goto("/vrakning/underrattelser/ny/")
    _fill_notice(page, number=fresh_identity_number(), postal_code="75645")
    expect(page.get_by_text("Adressen hör till distriktet Gottsunda")).to_be_visible()
    expect(page.get_by_test_id("routed-table")).to_contain_text("gottsunda@uppsala.example")
    assert_accessible(page)

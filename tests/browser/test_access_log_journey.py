from pathlib import Path

from playwright.sync_api import expect

from kompotten.models import User
from tests.factories import PersonFactory, open_case


def test_views_and_emergency_access_are_logged_and_reviewed_by_the_manager(page, log_in, assert_accessible):
    nora = User.objects.get(email="nexus@uppsala.example")
    person = PersonFactory(protected=True, given_name="Vera", family_name="Dold")
    case = open_case(persons=[person], handlers=[nora])

    log_in("nexus@uppsala.example")
    page.goto(f"/arenden/{case.pk}/")
    page.get_by_role("link", name="Visa person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vera Dold")
    page.get_by_role("button", name="Logga ut").click()

    log_in("nexus2@uppsala.example")
    page.goto(f"/arenden/{case.pk}/")
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Skyddad identitet")
    page.get_by_role("link", name="Nödåtkomst").click()
    assert_accessible(page)
    page.get_by_label("Skäl till nödåtkomst").fill("Polisen ringer om akut hot, behöver uppgifterna nu.")
    page.get_by_role("button", name="Öppna med nödåtkomst").click()
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Vera Dold")
    page.get_by_role("button", name="Logga ut").click()

    log_in("chef@uppsala.example")
    page.get_by_test_id("main-navigation").get_by_role("link", name="Åtkomstlogg").click()
    emergency = page.get_by_test_id("emergency-access")
    expect(emergency).to_contain_text("Omar Haddad")
    expect(emergency).to_contain_text("Polisen ringer om akut hot")
    expect(page.locator("body")).not_to_contain_text("Vera")
    assert_accessible(page)

    emergency.get_by_role("link", name="Identitet visas inte").click()
    log_table = page.get_by_test_id("log-table")
    expect(log_table).to_contain_text("Nora Lindqvist")
    expect(log_table).to_contain_text("Handläggare i ärendet")
    expect(log_table).to_contain_text("Nödåtkomst")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner loggutdrag (PDF)").click()
    assert download.value.suggested_filename == f"loggutdrag-person-{person.pk}.pdf"
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"

    page.get_by_role("link", name="Tillbaka till granskningen").click()
    page.get_by_test_id("emergency-access").get_by_label("Granskningsanteckning").fill("Skälet är godtagbart.")
    page.get_by_role("button", name="Markera som granskad").click()
    expect(page.get_by_text("Nödåtkomsten är markerad som granskad.")).to_be_visible()
    expect(page.get_by_test_id("emergency-access")).to_have_count(0)

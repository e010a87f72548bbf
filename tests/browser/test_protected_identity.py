from playwright.sync_api import expect

from kompotten.models import User
from tests.factories import PersonFactory, open_case


def test_only_an_assigned_caseworker_sees_a_protected_name_and_unassigning_takes_it_away(
    page, log_in, assert_accessible
):
    caseworker = User.objects.get(email="nexus@uppsala.example")
    person = PersonFactory(protected=True, given_name="Ylva", family_name="Gömd")
    case = open_case(persons=[person], handlers=[caseworker])

    log_in("chef@uppsala.example")
    page.goto(f"/arenden/{case.pk}/")  # a manager's placeholder is the neutral one, protected or not
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Identitet visas inte")
    expect(page.locator("body")).not_to_contain_text("Gömd")
    assert_accessible(page)
    page.goto("/arenden/")
    expect(page.get_by_test_id("case-table")).to_contain_text("Identitet visas inte")
    expect(page.get_by_test_id("case-table")).not_to_contain_text("Ylva")
    assert_accessible(page)
    page.get_by_role("button", name="Logga ut").click()

    log_in("nexus@uppsala.example")
    page.goto(f"/arenden/{case.pk}/")
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Ylva Gömd")
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Skyddad folkbokföring")
    assert_accessible(page)
    page.get_by_role("button", name="Ta bort Nora Lindqvist").click()
    expect(page.get_by_text("Handläggaren är borttagen från ärendet.")).to_be_visible()
    expect(page.get_by_test_id("identity-bar")).to_contain_text("Skyddad identitet")
    expect(page.locator("body")).not_to_contain_text("Ylva")


def test_a_caseworker_writes_a_note_sets_a_deadline_and_uploads_a_document(page, log_in, assert_accessible, tmp_path):
    caseworker = User.objects.get(email="nexus@uppsala.example")
    case = open_case(persons=[PersonFactory(given_name="Per", family_name="Persson")], handlers=[caseworker])
    log_in("nexus@uppsala.example")
    page.goto(f"/arenden/{case.pk}/")
    page.get_by_label("Anteckning").fill("Telefonsamtal med sökande om bostadssituationen.")
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.get_by_test_id("journal-note")).to_contain_text("Telefonsamtal med sökande")

    page.get_by_role("link", name="Ny tidsfrist").click()
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Det finns fel i formuläret")
    page.get_by_label("Vad fristen gäller").fill("Bedömning av skyddsbehov")
    page.get_by_label("Räknas från").fill("2026-06-05")
    page.get_by_label("Längd").fill("2")
    page.get_by_label("Enhet").select_option("weeks")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("cell", name="2026-06-22", exact=True)).to_be_visible()

    page.get_by_role("link", name="Lägg till dokument").click()
    upload = tmp_path / "riskbedomning.pdf"
    upload.write_bytes(b"%PDF-1.4 demo")
    page.get_by_label("Fil").set_input_files(str(upload))
    page.get_by_label("Rubrik").fill("Riskbedömning från polisen")
    page.get_by_label("Dokumenttyp").select_option("risk_assessment")
    page.get_by_label("Dokumentdatum").fill("2026-06-04")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_test_id("documents")).to_contain_text("Riskbedömning från polisen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Riskbedömning från polisen").click()
    assert download.value.suggested_filename == "riskbedomning.pdf"


def test_a_caseworker_finds_a_person_by_number_and_opens_their_page(page, log_in, assert_accessible):
    caseworker = User.objects.get(email="nexus@uppsala.example")
    person = PersonFactory(given_name="Siv", family_name="Sökbar")
    open_case(persons=[person], handlers=[caseworker])
    log_in("nexus@uppsala.example")
    page.get_by_test_id("main-navigation").get_by_role("link", name="Sök person").click()
    page.get_by_label("Namn eller personnummer").fill(person.identity_number.replace("-", "")[2:])
    page.get_by_role("button", name="Sök").click()
    assert_accessible(page)
    page.get_by_test_id("search-results").get_by_role("link", name="Siv Sökbar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Siv Sökbar")
    expect(page.get_by_test_id("case-table")).to_have_count(1)
    assert_accessible(page)

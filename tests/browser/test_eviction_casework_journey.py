"""The eviction-prevention caseworker's main journey, from a notice to a closed file counted in the statistics,
and a CSV import with good, bad and repeated rows. Every page on the way passes axe."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from playwright.sync_api import expect

from cases.models import District, DistrictPostalArea, Landlord
from tests.factories import fresh_identity_number

TODAY = timezone.localdate()


def _centrum():
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")


def _save(page, name="Spara"):
    page.get_by_role("button", name=name, exact=True).click()


def test_a_rent_debt_termination_for_a_family_from_notice_to_closure(page, log_in, assert_accessible):
    _centrum()
    log_in("vrakning@uppsala.example")
    page.get_by_role("link", name="Registrera underrättelse").click()
    form = page.get_by_test_id("notice-form")
    form.get_by_label("Avsändare", exact=True).select_option(label="Hyresvärd")
    form.get_by_label("Typ av underrättelse").select_option(label="Uppsägning")
    form.get_by_label("Hyresskuld", exact=True).check()
    form.get_by_label("Hyresskuld, kapital (kr)").fill("14 200")
    form.get_by_label("Uppsägningen delgiven").fill((TODAY - timedelta(days=2)).isoformat())
    form.get_by_label("Hyresgäst, förnamn", exact=True).fill("Nadia")
    form.get_by_label("Hyresgäst, efternamn", exact=True).fill("Berg")
    form.get_by_label("Hyresgäst, personnummer", exact=True).fill(fresh_identity_number())
    form.get_by_label("Barn i hushållet").check()
    form.get_by_label("Gatuadress").fill("Kungsgatan 5")
    form.get_by_label("Postnummer").fill("75321")
    form.get_by_label("Hyresvärd", exact=True).fill("Uppsalahem")
    form.get_by_label("Typ av hyresvärd").select_option(label="Kommunalt bostadsbolag")
    page.get_by_role("button", name="Registrera", exact=True).click()
    expect(page.get_by_test_id("recovery-period")).to_be_visible()

    # The system proposes a visit letter and says why; the caseworker books a time and downloads the PDF.
    expect(page.get_by_test_id("letter-proposal")).to_contain_text("Familj med barn: besöksbrev med bokad tid.")
    page.get_by_role("link", name="Skriv brev").click()
    page.get_by_label("Bokad dag").fill((TODAY + timedelta(days=5)).isoformat())
    page.get_by_label("Klockslag").fill("10:00")
    page.get_by_label("Plats").fill("Stationsgatan 12")
    page.get_by_role("button", name="Skapa brevet").click()
    with page.expect_download() as download:
        page.get_by_test_id("letter-card").get_by_role("link", name="Ladda ner (PDF)").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"

    # Consent, signed.
    page.get_by_role("link", name="Nytt medgivande").click()
    page.get_by_label("Hyresvärden eller inkassobolaget").check()
    assert_accessible(page)
    _save(page)
    page.get_by_role("link", name="Registrera undertecknat").click()
    _save(page)
    expect(page.get_by_test_id("consent-card")).to_contain_text("Undertecknat")

    # The landlord agrees to a repayment plan; the debt is paid.
    page.get_by_role("link", name="Registrera kontakt").click()
    page.get_by_label("Kontakt", exact=True).select_option(label="Kontakt med hyresvärden")
    assert_accessible(page)
    _save(page)
    page.get_by_role("link", name="Registrera besked").click()
    page.get_by_label("Får bo kvar med avbetalningsplan").check()
    _save(page)
    page.get_by_role("link", name="Ny plan").click()
    expect(page.get_by_label("Skuld (kr)")).to_have_value("14200.00")
    page.get_by_label("Belopp per månad (kr)").fill("2 000")
    _save(page)
    page.get_by_test_id("outcomes").get_by_role("link", name="Registrera utfall").click()
    page.get_by_label("Skulden är betald").check()
    _save(page)
    expect(page.get_by_test_id("outcomes")).to_contain_text("Skulden är betald")

    # The file is closed and counted in the month's statistics.
    page.get_by_role("link", name="Avsluta ärendet").click()
    page.get_by_label("Hyresskulden är betald").check()
    page.get_by_label("Bor kvar").check()
    page.get_by_label("Antal berörda barn").fill("2")
    assert_accessible(page)
    _save(page, "Avsluta ärendet")
    expect(page.get_by_test_id("closure")).to_contain_text("Hyresskulden är betald – Bor kvar")
    assert_accessible(page)

    page.goto("/vrakning/statistik/")
    month = page.get_by_test_id("stats-months").get_by_role("row").nth(TODAY.month)
    expect(month).to_contain_text(f"{TODAY:%Y-%m}")
    cells = month.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("1")  # notices received
    expect(cells.nth(1)).to_have_text("1")  # with children
    expect(cells.nth(2)).to_have_text("1")  # closed
    expect(cells.nth(5)).to_have_text("2")  # children affected
    assert_accessible(page)

    for url in ("/vrakning/klara-att-avsluta/", "/vrakning/processmal/", "/vrakning/samverkansmote/"):
        page.goto(url)
        assert_accessible(page)


def test_a_csv_import_with_good_bad_and_repeated_rows(
    page, log_in, assert_accessible, celery_worker_over_redis, tmp_path
):
    _centrum()
    header = "mottagen;avsandare;typ;skal;kapital;delgiven;fornamn;efternamn;personnummer;adress;postnummer;hyresvard"
    place = "75321;Heimstaden"
    good = (
        f"{TODAY};inkasso;uppsägning;hyresskuld;9 800;{TODAY};Åke;Ödman;{fresh_identity_number()};Kungsgatan 7;{place}"
    )
    other = f"{TODAY};hyresvärd;varning;störningar;;;Lina;Ek;{fresh_identity_number()};Kungsgatan 9;{place}"
    bad = (
        f"2026-02-30;inkasso;uppsägning;hyresskuld;9 800;{TODAY};Per;Fel;{fresh_identity_number()};Kungsgatan 1;{place}"
    )
    Landlord.objects.create(name="Heimstaden", kind=Landlord.Kind.PRIVATE)
    path = tmp_path / "lista.csv"
    path.write_bytes("\r\n".join([header, good, bad, other, good]).encode("cp1252"))

    log_in("vrakning@uppsala.example")
    page.get_by_role("link", name="Importera lista (CSV)").click()
    assert_accessible(page)
    page.get_by_label("CSV-fil").set_input_files(str(path))
    page.get_by_role("button", name="Kontrollera filen").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("Windows-1252")
    expect(page.get_by_test_id("import-bad")).to_contain_text("Datumet 2026-02-30 i kolumnen mottagen finns inte")
    expect(page.get_by_test_id("import-duplicates")).to_contain_text("Rad 5")
    assert_accessible(page)
    page.get_by_role("button", name="Importera 2 rader").click()
    for _ in range(20):
        if "Importerad" in page.get_by_test_id("import-status").inner_text():
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(page.get_by_test_id("import-status")).to_contain_text("2 underrättelser importerade")
    assert_accessible(page)
    page.goto("/vrakning/arenden/")
    expect(page.get_by_test_id("file-table")).to_contain_text("Åke Ödman")

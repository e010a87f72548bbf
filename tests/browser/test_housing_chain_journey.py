"""The housing chain across roles, end to end: Nexus refers a person leaving protected housing → the housing unit
investigates, approves and downloads the decision letter → the applicant is queued → a flat of the Kvinnojour pool
offers her nothing (the landlord lets those to the shelter itself) → a flat without a pool is offered, declined
with a reason, another offered and accepted → the social contract starts → after the trial it passes to the tenant.
Every page on the way is checked with axe."""

from django.utils import timezone

import time_machine
from dateutil.relativedelta import relativedelta
from playwright.sync_api import expect

from cases.models import District, Landlord
from housing import services
from housing.models import ReservationPool
from kompotten.models import User


def _stock():
    admin = User.objects.get(email="admin@uppsala.example")
    for name in ("Gottsunda", "Gränby"):
        District.objects.create(name=name)
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    shelter = ReservationPool.objects.create(
        name="Kvinnojouren", kind=ReservationPool.Kind.WOMENS_SHELTER, landlord=landlord
    )
    services.pool_set_quota(pool=shelter, year=timezone.localdate().year, promised=2, acting_user=admin)
    relocation = ReservationPool.objects.create(
        name="Förflyttningar", kind=ReservationPool.Kind.RELOCATION, landlord=landlord
    )
    services.pool_set_quota(pool=relocation, year=timezone.localdate().year, promised=5, acting_user=admin)
    flats = (("Förflyttningsvägen 1", relocation), ("Jourgatan 2", shelter), ("Kedjegatan 4", None))
    for street, pool in (*flats, ("Kedjegatan 6", None)):
        services.flat_register(
            landlord=landlord,
            pool=pool,
            street_address=street,
            postal_code="75431",
            district=District.objects.get(name="Gränby"),
            rooms=3,
            area=70,
            rent=7900,
            floor=1,
            available_from=timezone.localdate(),
            acting_user=admin,
        )


def test_the_housing_chain_from_referral_to_first_hand_contract(page, log_in, assert_accessible):
    _stock()
    # Nexus refers a mother leaving protected housing.
    log_in("nexus@uppsala.example")
    page.get_by_role("link", name="Ny remiss till bostadsenheten").click()
    page.get_by_label("Förnamn").fill("Ronja")
    page.get_by_label("Efternamn").fill("Kedja")
    page.get_by_label("Reservnummer").fill("RES-2026-77")
    page.get_by_label("Bakgrund och skäl för remissen").fill("Placeringen i skyddat boende avslutas.")
    page.get_by_label("Barn i hushållet").fill("Nora 2018\nAdam 2021")
    page.get_by_label("Antal rum som behövs").fill("3")
    page.get_by_label("Gottsunda").check()
    page.get_by_role("button", name="Skicka remissen").click()
    expect(page.get_by_test_id("application-table")).to_contain_text("Remitterad")
    page.get_by_role("button", name="Logga ut").click()

    # The team lead finds the referral in the inbox, first on the start page, and assigns a handler.
    log_in("gruppledare.bostad@uppsala.example")
    page.goto("/bostad/")
    expect(page.get_by_test_id("inbox-row")).to_have_count(1)
    expect(page.get_by_test_id("inbox")).to_contain_text("Ronja Kedja")
    assert_accessible(page)
    page.get_by_test_id("inbox").get_by_role("link", name="Tilldela handläggare").click()
    page.get_by_label("Handläggare").select_option(label="Britt Sandberg")
    page.get_by_role("button", name="Tilldela").click()
    page.goto("/bostad/")
    expect(page.get_by_test_id("inbox")).to_contain_text("Alla nya remisser har handläggare.")
    page.get_by_role("button", name="Logga ut").click()

    # The housing unit investigates, approves and downloads the letter.
    log_in("bostad@uppsala.example")
    page.get_by_role("link", name="Alla ansökningar").click()
    page.get_by_test_id("application-table").get_by_role("link").first.click()
    application_url = page.url
    page.get_by_role("link", name="Uppdatera utredningen").click()
    for checkbox in page.locator("input[type=checkbox]").all():
        # By keyboard: a click on the design system's visually replaced box can miss under load.
        checkbox.focus()
        page.keyboard.press("Space")
        expect(checkbox).to_be_checked()
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Fatta beslut").click()
    page.get_by_label("Bifall").check()
    page.get_by_label("Motivering").fill("Behovet av egen bostad är styrkt.")
    page.get_by_role("button", name="Fatta beslut").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Beslutsbrev (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Queued, with the reason for the place.
    expect(page.get_by_test_id("queue-position")).to_contain_text("Plats 1 i kön.")
    page.goto("/bostad/ko/")
    expect(page.get_by_test_id("queue-table")).to_contain_text("Först i kön: hushåll med barn (förtur)")
    assert_accessible(page)

    # The relocation pool's flat does not fit a housing-chain referral; the Kvinnojour pool's lists nobody (the
    # landlord lets it to the shelter itself); a flat without a pool fits.
    page.goto("/bostad/lagenheter/")
    page.get_by_role("link", name="Matcha Förflyttningsvägen 1").click()
    expect(page.get_by_test_id("not-fitting")).to_contain_text("reserverad för förflyttningar")
    assert_accessible(page)
    page.goto("/bostad/lagenheter/")
    page.get_by_role("link", name="Matcha Jourgatan 2").click()
    expect(page.get_by_test_id("for-no-applicant")).to_contain_text("Kvinnojourens pott")
    expect(page.get_by_test_id("proposals")).not_to_contain_text("Ronja Kedja")
    expect(page.get_by_test_id("not-fitting")).not_to_contain_text("Ronja Kedja")
    page.goto("/bostad/lagenheter/")
    page.get_by_role("link", name="Matcha Kedjegatan 4").click()
    expect(page.get_by_test_id("proposals")).to_contain_text("Ronja Kedja")
    page.get_by_test_id("proposals").get_by_role("link", name="Erbjud").click()
    assert_accessible(page)
    page.get_by_role("button", name="Registrera erbjudandet").click()
    expect(page.get_by_test_id("offers")).to_contain_text("Väntar på svar")

    # Declined: the flat lies too near the threat; she keeps her place.
    page.get_by_role("link", name="Registrera svar").click()
    assert_accessible(page)
    page.get_by_label("Nej tack").check()
    page.get_by_label("Skäl om nej").select_option(
        label="Lägenheten ligger olämpligt med hänsyn till hotbilden – "
        "Lägenheten var olämplig; ingen: behåller sin plats i kön"
    )
    page.get_by_label("Kommentar").fill("För nära förövarens arbetsplats.")
    page.get_by_role("button", name="Registrera svaret").click()
    expect(page.get_by_test_id("offers")).to_contain_text("Nej tack")
    expect(page.get_by_test_id("queue-position")).to_contain_text("Plats 1 i kön.")

    # Offered again and accepted: the contract starts today (it cannot start before the offer).
    page.goto("/bostad/lagenheter/")
    page.get_by_role("link", name="Matcha Kedjegatan 6").click()
    page.get_by_test_id("proposals").get_by_role("link", name="Erbjud").click()
    page.get_by_role("button", name="Registrera erbjudandet").click()
    page.get_by_role("link", name="Registrera svar").click()
    page.get_by_label("Ja tack").check()
    page.get_by_label("Kontraktet börjar").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registrera svaret").click()
    expect(page.get_by_test_id("application-status")).to_have_text("Kontrakt tecknat")
    page.get_by_test_id("contract-link").get_by_role("link").click()
    expect(page.get_by_test_id("contract-summary")).to_contain_text("Kedjegatan 6")
    assert_accessible(page)
    contract_url = page.url

    # Nineteen months on, the trial is over (the idle session with it): a follow-up without remarks, then the
    # contract passes to the tenant.
    with time_machine.travel(timezone.now() + relativedelta(months=19)):
        log_in("bostad@uppsala.example")
        page.goto(contract_url)
        page.get_by_role("link", name="Ny uppföljning").click()
        assert_accessible(page)
        page.get_by_label("Typ").select_option("visit")
        page.get_by_label("Anteckning").fill("Allt fungerar, hyran betald.")
        page.get_by_role("button", name="Spara").click()
        page.get_by_role("link", name="Övergå till hyresgästen").click()
        assert_accessible(page)
        page.get_by_role("button", name="Spara").click()
        expect(page.get_by_test_id("contract-status")).to_have_text("Övergått till förstahandskontrakt")
        page.goto("/bostad/kontrakt/?status=all")
        expect(page.get_by_test_id("contract-table")).to_contain_text("Övergått till förstahandskontrakt")
        assert_accessible(page)
    page.goto("/bostad/potter/")
    # The flat without a pool took nothing from the Kvinnojour pool: none of its two used.
    expect(page.get_by_test_id("pool-womens_shelter").locator("td").nth(2)).to_have_text("0")
    page.goto(application_url)
    expect(page.get_by_test_id("offers")).to_contain_text("Accepterat")
    page.goto("/bostad/")
    assert_accessible(page)

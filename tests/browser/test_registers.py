"""The landlord and district registers in the browser (issue 21 item 2): every page passes axe, and the housing team
lead, typing "Uppsalhem", is asked "Menade du Uppsalahem?" and lands on the landlord meant."""

from playwright.sync_api import expect

from cases.models import District, DistrictPostalArea, Landlord, LandlordContact

HOUSING_TEAM_LEAD = "gruppledare.bostad@uppsala.example"


def test_every_register_page_passes_axe_and_a_typo_is_asked_about(page, log_in, assert_accessible):
    uppsalahem = Landlord.objects.create(name="Uppsalahem", kind=Landlord.Kind.MUNICIPAL)
    contact = LandlordContact.objects.create(landlord=uppsalahem, name="Kim Kundvård", role="Kundansvarig")
    savja = District.objects.create(name="Sävja")
    DistrictPostalArea.objects.create(district=savja, postal_code_from="75700", postal_code_to="75799")

    log_in(HOUSING_TEAM_LEAD)
    for url in (
        "/hyresvardar/",
        "/hyresvardar/?q=upp",
        "/hyresvardar/ny/",
        f"/hyresvardar/{uppsalahem.pk}/",
        f"/hyresvardar/{uppsalahem.pk}/kontakter/{contact.pk}/",
        "/distrikt/",
        "/distrikt/ny/",
        f"/distrikt/{savja.pk}/",
    ):
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)

    page.goto("/hyresvardar/ny/")
    page.get_by_label("Namn").fill("Uppsalhem")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Menade du Uppsalahem?")
    assert_accessible(page)
    page.get_by_label("Uppsalahem", exact=True).check()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("h1")).to_have_text("Uppsalahem")
    assert Landlord.objects.count() == 1

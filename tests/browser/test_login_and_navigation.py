import pytest
from playwright.sync_api import expect

# (e-mail, start page heading, navigation entries shown)
ROLE_JOURNEYS = [
    ("nexus@uppsala.example", "Förflyttningar och boendekedjan", ["Förflyttningar"]),
    ("bostad@uppsala.example", "Bostadsenheten", ["Bostadsenheten"]),
    ("vrakning@uppsala.example", "Vräkningsförebyggande arbete", ["Vräkningsförebyggande"]),
    ("chef@uppsala.example", "Statistik och rapporter", ["Statistik och rapporter"]),
    ("kontakt@vasteras.example", "Samverkan med Uppsala kommun", ["Samverkan"]),
    ("kontakt@enkoping.example", "Samverkan med Uppsala kommun", ["Samverkan"]),
]
ALL_ENTRIES = [
    "Förflyttningar",
    "Bostadsenheten",
    "Vräkningsförebyggande",
    "Statistik och rapporter",
    "Samverkan",
]


@pytest.mark.parametrize(("email", "heading", "shown"), ROLE_JOURNEYS)
def test_each_role_logs_in_to_its_swedish_start_page_and_sees_only_its_navigation(
    page, log_in, assert_accessible, email, heading, shown
):
    page.goto("/")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert_accessible(page)

    log_in(email)

    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    navigation = page.get_by_test_id("main-navigation")
    for entry in ALL_ENTRIES:
        link = navigation.get_by_role("link", name=entry, exact=True)
        expect(link).to_have_count(1 if entry in shown else 0)
    expect(navigation.get_by_role("link", name="Administration")).to_have_count(0)
    assert_accessible(page)


def test_administrator_starts_in_the_django_admin_which_caseworkers_cannot_open(page, log_in):
    log_in("admin@uppsala.example")
    expect(page.get_by_role("link", name="Användare", exact=True)).to_be_visible()
    page.get_by_role("button", name="Logga ut").click()

    log_in("nexus@uppsala.example")
    page.goto("/admin/")
    expect(page.get_by_role("link", name="Användare", exact=True)).to_have_count(0)


def test_a_wrong_password_gives_a_swedish_error_and_keeps_the_address(page):
    page.goto("/logga-in/")
    page.get_by_label("E-postadress").fill("nexus@uppsala.example")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel e-postadress eller lösenord")
    expect(page.get_by_label("E-postadress")).to_have_value("nexus@uppsala.example")


def test_the_user_can_switch_to_english_and_back(page, log_in):
    log_in("nexus@uppsala.example")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.get_by_role("button", name="Svenska").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def test_logging_out_returns_to_the_login_page(page, log_in):
    log_in("bostad@uppsala.example")
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    page.goto("/bostad/")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()

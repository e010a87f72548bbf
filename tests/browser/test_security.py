"""In the browser: the idle warning, and pages that the Content-Security-Policy lets run without a single refusal."""

from datetime import timedelta

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect


@pytest.fixture
def console_problems(page: Page) -> list[str]:
    """Every console error, CSP refusals included ("Refused to ... because it violates ..."), and script errors."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def assert_design_system_ran(page: Page):
    # kompotten.js (an ES module importing GOV.UK Frontend) marks the body once the components have started.
    expect(page.locator("body")).to_have_class("govuk-template__body govuk-frontend-supported")


def test_the_idle_warning_appears_before_the_timeout_and_continuing_keeps_the_session(
    page, log_in, settings, assert_accessible
):
    # The live server reads the settings at request time: a 40-second session, warned about 37 seconds before.
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=40)
    settings.SESSION_IDLE_WARNING = timedelta(seconds=37)
    log_in("nexus@uppsala.example")
    warning = page.get_by_role("alert").filter(has_text="Du loggas snart ut")
    expect(warning).to_have_count(0)

    expect(warning).to_be_visible(timeout=8_000)
    expect(warning).to_contain_text("Om du inte fortsätter loggas du ut klockan")
    assert_accessible(page)
    with page.expect_response("**/session/fortsatt/") as keepalive:
        warning.get_by_role("button", name="Fortsätt vara inloggad").click()

    assert keepalive.value.json()["idle_seconds_left"] >= 39
    expect(warning).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Förflyttningar och boendekedjan")


def test_when_the_idle_time_runs_out_the_page_leaves_for_the_login_page_saying_why(page, log_in, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=4)
    settings.SESSION_IDLE_WARNING = timedelta(seconds=3)
    log_in("bostad@uppsala.example")

    expect(page.get_by_role("heading", name="Logga in")).to_be_visible(timeout=10_000)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Du loggades ut efter")
    assert "/logga-in/?next=/bostad/" in page.url


def test_the_login_page_start_pages_and_two_factor_setup_run_without_csp_violations(
    page, log_in, settings, console_problems
):
    page.goto("/logga-in/")
    assert_design_system_ran(page)

    log_in("kontakt@vasteras.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkan med Uppsala kommun")
    assert_design_system_ran(page)
    page.get_by_role("button", name="Logga ut").click()

    settings.REQUIRE_TWO_FACTOR = True
    log_in("chef@uppsala.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Slå på tvåstegsverifiering")
    qr_code = page.get_by_role("img", name="QR-kod med nyckeln för autentiseringsappen")
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("image => image.naturalWidth") > 0  # the data: image was allowed
    device = TOTPDevice.objects.get(user__email="chef@uppsala.example")
    page.get_by_label("Kod från appen").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Slå på").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina reservkoder")
    page.get_by_role("button", name="Jag har sparat koderna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik och rapporter")
    assert_design_system_ran(page)

    assert console_problems == []


def test_the_django_admin_works_for_the_administrator_under_the_policy(page, log_in, console_problems):
    log_in("admin@uppsala.example")
    page.get_by_role("link", name="Användare", exact=True).first.click()
    page.get_by_role("link", name="chef@uppsala.example").click()
    # The groups' two-list selector and the autocomplete are built by the admin's own scripts.
    expect(page.locator("#id_groups_add_all")).to_be_attached()
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-search__field")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Ändrade användare")

    assert console_problems == []

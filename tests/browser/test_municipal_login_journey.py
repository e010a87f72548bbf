"""Logging in: staff through the municipality's identity provider (a real OpenID provider on loopback, the
`oidc-provider` npm package, tests/oidc/provider.mjs), partner contact persons with a password, two-factor
authentication and a recovery code when the phone is lost."""

import re

import pytest
from axes.models import AccessLog
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from kompotten.models import ProviderGroupRole, User
from kompotten.roles import Role, roles_of

PROVIDER_PASSWORD = "kommunens-lösenord"
# The provider runs in a subprocess on the machine's clock, which the suite's time travel cannot reach: its tokens
# are checked against the real time (tests/clock.py).
on_the_providers_clock = pytest.mark.real_date


def sign_in_at_the_provider(page, email: str) -> None:
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@on_the_providers_clock
def test_a_staff_member_logs_in_with_the_municipal_account_and_is_refused_once_removed_at_the_provider(
    page, oidc_provider, assert_accessible
):
    ProviderGroupRole.objects.create(claim_value="sg-kompotten-bostad", role=Role.HOUSING_HANDLER)
    oidc_provider.add_account(
        "7d1f-anna",
        email="anna.berg@uppsala.example",
        password=PROVIDER_PASSWORD,
        groups=["sg-alla-anstallda", "sg-kompotten-bostad"],
        given_name="Anna",
        family_name="Berg",
    )
    page.goto("/")
    assert_accessible(page)

    page.get_by_role("button", name="Logga in med kommunens konto").click()
    sign_in_at_the_provider(page, "anna.berg@uppsala.example")

    expect(page.get_by_role("heading", level=1)).to_have_text("Bostadsenheten")
    anna = User.objects.get(email="anna.berg@uppsala.example")
    assert (anna.get_full_name(), roles_of(anna)) == ("Anna Berg", [Role.HOUSING_HANDLER])
    assert AccessLog.objects.filter(username="anna.berg@uppsala.example").count() == 1  # recorded as any login

    # Logging out ends the provider's session too: the next login asks for the password again.
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    oidc_provider.remove_account("7d1f-anna")

    page.get_by_role("button", name="Logga in med kommunens konto").click()
    sign_in_at_the_provider(page, "anna.berg@uppsala.example")

    expect(page.get_by_role("alert")).to_contain_text("Unknown user or wrong password.")
    page.goto("/bostad/")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    assert AccessLog.objects.filter(username="anna.berg@uppsala.example").count() == 1


@on_the_providers_clock
def test_a_staff_member_whose_groups_no_longer_map_loses_the_role_and_is_told_why(page, oidc_provider):
    ProviderGroupRole.objects.create(claim_value="sg-kompotten-chefer", role=Role.MANAGER)
    oidc_provider.add_account(
        "c4e2-chef", email="chef@uppsala.example", password=PROVIDER_PASSWORD, groups=["sg-alla-anstallda"]
    )
    # The manager's account, linked to the provider's subject at an earlier login.
    User.objects.filter(email="chef@uppsala.example").update(
        provider_issuer=oidc_provider.issuer, provider_subject="c4e2-chef"
    )

    page.goto("/")
    page.get_by_role("button", name="Logga in med kommunens konto").click()
    sign_in_at_the_provider(page, "chef@uppsala.example")

    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    expect(page.locator(".govuk-notification-banner, [role=alert]").first).to_contain_text(
        "Du kunde inte loggas in med kommunens konto."
    )
    assert roles_of(User.objects.get(email="chef@uppsala.example")) == []


def test_a_partner_logs_in_with_a_recovery_code_once_and_not_twice(page, log_in, settings, assert_accessible):
    settings.REQUIRE_TWO_FACTOR = True
    log_in("kontakt@vasteras.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Slå på tvåstegsverifiering")
    device = TOTPDevice.objects.get(user__email="kontakt@vasteras.example")
    page.get_by_label("Kod från appen").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Slå på").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina reservkoder")
    codes = page.get_by_test_id("recovery-codes").get_by_role("listitem").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert_accessible(page)
    page.get_by_role("button", name="Jag har sparat koderna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkan med Uppsala kommun")
    page.get_by_role("button", name="Logga ut").click()

    # The phone is lost: the first code lets the partner in, once.
    for attempt in ("first", "second"):
        log_in("kontakt@vasteras.example")
        expect(page.get_by_role("heading", level=1)).to_have_text("Skriv koden från appen")
        page.get_by_role("link", name="Logga in med en reservkod").click()
        assert_accessible(page)
        page.get_by_label("Reservkod").fill(codes[0])
        page.get_by_role("button", name="Fortsätt").click()
        if attempt == "first":
            expect(page.get_by_role("heading", level=1)).to_have_text("Samverkan med Uppsala kommun")
            expect(page.get_by_text("Du har 9 reservkoder kvar")).to_be_visible()
            page.get_by_role("button", name="Logga ut").click()

    expect(page.get_by_role("alert")).to_contain_text("Reservkoden stämmer inte eller är redan använd.")
    page.goto("/arenden/samverkan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv koden från appen")

"""Recovery codes (reservkoder): ten one-time codes, shown once when two-factor authentication is turned on, each
passing the second step once instead of the app's code; a new set replaces the old one."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kompotten import two_factor

SETUP = "/tvastegsverifiering/aktivera/"
VERIFY = "/tvastegsverifiering/kod/"
RECOVERY = "/tvastegsverifiering/reservkod/"
CODES = "/tvastegsverifiering/reservkoder/"


@pytest.fixture
def required(settings):
    settings.REQUIRE_TWO_FACTOR = True


def shown_codes(html: str) -> list[str]:
    listing = re.search(r'data-testid="recovery-codes">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r"<li>(\w+)</li>", listing)


def log_in_with_password(client, user, settings):
    client.post("/logga-in/", {"username": user.email, "password": settings.DEMO_PASSWORD})


def test_turning_two_factor_on_shows_ten_recovery_codes_once(client, partner_vasteras, required):
    client.force_login(partner_vasteras)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=partner_vasteras)

    response = client.post(SETUP, {"code": f"{totp(device.bin_key):06d}", "next": "/arenden/samverkan/"})

    codes = shown_codes(response.content.decode())
    assert len(codes) == 10 == len(set(codes))
    assert two_factor.recovery_codes_left(partner_vasteras) == 10
    overview = client.get(CODES).content.decode()
    assert "Du har 10 oanvända reservkoder." in overview
    assert not any(code in overview for code in codes)


def test_a_recovery_code_passes_the_second_step_once_and_not_twice(client, manager, required, settings):
    TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    code = two_factor.recovery_codes_create(manager)[0]
    log_in_with_password(client, manager, settings)
    assert client.get("/rapporter/").url.startswith(VERIFY)
    assert RECOVERY in client.get(VERIFY).content.decode()

    response = client.post(RECOVERY, {"code": f" {code.upper()} ", "next": "/rapporter/"}, follow=True)

    assert response.redirect_chain[0][0] == "/rapporter/"
    assert "Du har 9 reservkoder kvar" in response.content.decode()
    client.post("/logga-ut/")
    log_in_with_password(client, manager, settings)
    again = client.post(RECOVERY, {"code": code})
    assert "Reservkoden stämmer inte eller är redan använd." in again.content.decode()
    assert client.get("/rapporter/").url.startswith(VERIFY)


def test_a_new_set_of_recovery_codes_replaces_the_old_set(client, partner_vasteras, settings):
    TOTPDevice.objects.create(user=partner_vasteras, name="app", confirmed=True)
    old = two_factor.recovery_codes_create(partner_vasteras)
    client.force_login(partner_vasteras)
    session = client.session
    session.save()
    device = TOTPDevice.objects.get(user=partner_vasteras)
    client.post(VERIFY, {"code": f"{totp(device.bin_key):06d}"})

    new = shown_codes(client.post(CODES).content.decode())

    assert len(new) == 10 and not set(new) & set(old)
    assert two_factor.recovery_device(partner_vasteras).verify_token(new[0])
    assert not two_factor.recovery_device(partner_vasteras).verify_token(old[1])


def test_turning_two_factor_off_removes_the_recovery_codes(nexus_caseworker):
    TOTPDevice.objects.create(user=nexus_caseworker, name="app", confirmed=True)
    two_factor.recovery_codes_create(nexus_caseworker)

    two_factor.turn_off(nexus_caseworker)

    assert two_factor.recovery_codes_left(nexus_caseworker) == 0


def test_without_an_app_the_recovery_codes_page_leads_to_the_two_factor_page(client, nexus_caseworker):
    client.force_login(nexus_caseworker)

    assert client.get(CODES).url == "/tvastegsverifiering/"

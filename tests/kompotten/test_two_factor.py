"""Two-factor authentication (TOTP): required for partner contact persons, managers and administrators when
KOMPOTTEN_REQUIRE_2FA is on, open to everyone, and nothing but the setup and code pages before the second step."""

from django.contrib.auth.models import Permission

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kompotten import two_factor

START_PAGES = {
    "manager": "/rapporter/",
    "partner_vasteras": "/arenden/samverkan/",
    "administrator": "/admin/",
    "nexus_caseworker": "/arenden/nexus/",
    "housing_handler": "/bostad/",
    "eviction_caseworker": "/vrakning/",
}
REQUIRED = ["manager", "partner_vasteras", "administrator"]
NOT_REQUIRED = ["nexus_caseworker", "housing_handler", "eviction_caseworker"]
SETUP = "/tvastegsverifiering/aktivera/"
VERIFY = "/tvastegsverifiering/kod/"


@pytest.fixture
def required(settings):
    settings.REQUIRE_TWO_FACTOR = True


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def confirmed_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Autentiseringsapp", confirmed=True)


@pytest.mark.parametrize("persona", REQUIRED)
def test_partners_managers_and_administrators_without_an_app_are_sent_to_set_one_up(client, request, required, persona):
    client.force_login(request.getfixturevalue(persona))
    start = START_PAGES[persona]

    response = client.get(start)

    assert response.status_code == 302
    assert response.url == f"{SETUP}?next={start.replace('/', '%2F')}"
    assert client.get("/").url.startswith(SETUP)


@pytest.mark.parametrize("persona", NOT_REQUIRED)
def test_caseworkers_are_not_required_to_use_two_factor(client, request, required, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(START_PAGES[persona]).status_code == 200


def test_with_the_requirement_off_a_manager_logs_in_with_the_password_alone(client, manager, settings):
    assert settings.REQUIRE_TWO_FACTOR is False  # the test settings' default
    client.force_login(manager)
    assert client.get("/rapporter/").status_code == 200


def test_the_setup_page_shows_the_secret_as_text_and_as_a_qr_code_and_is_never_cached(client, manager, required):
    client.force_login(manager)

    response = client.get(SETUP)
    again = client.get(SETUP)

    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    page = response.content.decode()
    assert two_factor.secret_for_typing(device) in page
    assert '<img class="kompotten-qr-code" src="data:image/svg+xml;base64,' in page
    assert "Din roll kräver tvåstegsverifiering." in page
    assert 'data-testid="main-navigation"' not in page  # its links would only lead back here
    assert "no-store" in response["Cache-Control"]
    assert again.context["secret"] == response.context["secret"]  # the same device on every visit


def test_a_manager_sets_up_the_app_with_a_correct_code_but_not_with_a_wrong_one(client, manager, required):
    client.force_login(manager)
    client.get(f"{SETUP}?next=/rapporter/")
    device = TOTPDevice.objects.get(user=manager)

    wrong = client.post(SETUP, {"code": wrong_code_for(device), "next": "/rapporter/"})

    assert wrong.status_code == 200
    assert "Koden stämmer inte." in wrong.content.decode()
    assert client.get("/rapporter/").status_code == 302
    device.throttle_reset()

    right = client.post(SETUP, {"code": code_for(device), "next": "/rapporter/"})

    assert right.status_code == 200  # the recovery codes, shown once, lead on to /rapporter/
    assert 'href="/rapporter/"' in right.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/rapporter/").status_code == 200


@pytest.mark.parametrize("persona", REQUIRED)
def test_a_user_with_an_app_enters_its_code_before_anything_else(client, request, required, persona):
    user = request.getfixturevalue(persona)
    device = confirmed_device_for(user)
    client.force_login(user)
    start = START_PAGES[persona]
    assert client.get(start).url.startswith(VERIFY)
    assert client.get(SETUP).url.startswith(VERIFY)  # no new app without the old one's code

    wrong = client.post(VERIFY, {"code": wrong_code_for(device), "next": start})
    assert "Koden stämmer inte." in wrong.content.decode()
    assert client.get(start).status_code == 302
    device.throttle_reset()

    assert client.post(VERIFY, {"code": code_for(device), "next": start}).url == start
    assert client.get(start).status_code == 200


def test_the_code_must_be_six_digits_and_guessing_is_slowed_down(client, manager, required):
    device = confirmed_device_for(manager)
    client.force_login(manager)

    assert "Skriv koden som appen visar." in client.post(VERIFY, {"code": ""}).content.decode()
    assert "Skriv koden med sex siffror" in client.post(VERIFY, {"code": "12a456"}).content.decode()
    client.post(VERIFY, {"code": wrong_code_for(device)})
    throttled = client.post(VERIFY, {"code": code_for(device)}).content.decode()

    assert "Du har skrivit fel kod flera gånger i rad. Vänta 1 sekund och försök igen." in throttled
    assert client.get("/rapporter/").status_code == 302


def test_a_code_with_spaces_is_accepted_and_a_foreign_next_address_is_ignored(client, manager, required):
    device = confirmed_device_for(manager)
    client.force_login(manager)
    code = code_for(device)

    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}", "next": "https://evil.example/"})

    assert response.url == "/"


def test_before_the_second_step_logging_out_the_login_page_and_the_language_switch_stay_open(client, manager, required):
    client.force_login(manager)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    assert client.get("/logga-in/").url == "/"  # already logged in: on to the start, which asks for the app
    assert client.get("/session/status/").status_code == 200
    assert client.get(VERIFY).url.startswith(SETUP)
    assert client.post("/logga-ut/").url == "/logga-in/"
    assert client.get("/rapporter/").url.startswith("/logga-in/")


def test_a_caseworker_turns_two_factor_on_voluntarily_and_is_then_asked_for_the_code(
    client, nexus_caseworker, settings
):
    client.force_login(nexus_caseworker)
    page = client.get("/arenden/nexus/").content.decode()
    assert 'href="/tvastegsverifiering/"' in page  # the header's link
    overview = client.get("/tvastegsverifiering/").content.decode()
    assert "Tvåstegsverifiering är inte påslagen för ditt konto." in overview
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=nexus_caseworker)

    assert 'href="/tvastegsverifiering/"' in client.post(SETUP, {"code": code_for(device)}).content.decode()

    client.post("/logga-ut/")
    client.post("/logga-in/", {"username": nexus_caseworker.email, "password": settings.DEMO_PASSWORD})
    assert client.get("/arenden/nexus/").url.startswith(VERIFY)


def test_a_caseworker_may_turn_it_off_again_but_a_manager_required_to_use_it_may_not(
    client, nexus_caseworker, manager, required
):
    for user in (nexus_caseworker, manager):
        confirmed_device_for(user)
        client.force_login(user)
        session = client.session
        device = TOTPDevice.objects.get(user=user)
        session["otp_device_id"] = device.persistent_id
        session.save()
        client.post("/tvastegsverifiering/")

    assert not TOTPDevice.objects.filter(user=nexus_caseworker).exists()
    assert TOTPDevice.objects.filter(user=manager).exists()
    assert "Din roll kräver tvåstegsverifiering" in client.get("/tvastegsverifiering/").content.decode()


def test_an_administrator_resets_two_factor_for_a_user_who_lost_the_phone(client, administrator, manager):
    confirmed_device_for(manager)
    client.force_login(administrator)
    assert administrator.has_perm("kompotten.change_user")
    assert not Permission.objects.filter(codename="delete_totpdevice", group__user=administrator).exists()

    response = client.post(
        "/admin/kompotten/user/", {"action": "reset_two_factor", "_selected_action": [manager.pk]}, follow=True
    )

    assert "Tvåstegsverifieringen är återställd för 1 användare." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=manager).exists()


def test_the_requirement_follows_the_role_not_the_person(manager, nexus_caseworker, settings):
    settings.REQUIRE_TWO_FACTOR = True
    assert two_factor.required_for(manager)
    assert not two_factor.required_for(nexus_caseworker)
    settings.REQUIRE_TWO_FACTOR = False
    assert not two_factor.required_for(manager)

"""Lock-out after repeated failed logins (django-axes): per user name and address, expiring, reset by success."""

from datetime import timedelta

from django.db.models import F
from django.test import RequestFactory

import pytest
from axes.models import AccessAttempt

from kompotten.lockout import client_ip_address, username_of_attempt

OFFICE = "10.1.2.3"
ELSEWHERE = "10.9.8.7"
WRONG_PASSWORD = "fel-lösenord-123"


@pytest.fixture
def attempt(client, settings):
    def attempt(email, *, password=None, address=OFFICE, url="/logga-in/", **headers):
        client.logout()
        password = settings.DEMO_PASSWORD if password == "right" else (password or WRONG_PASSWORD)
        return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=address, **headers)

    return attempt


def fail(attempt, email, times, **kwargs):
    return [attempt(email, **kwargs).status_code for _ in range(times)]


def test_five_failures_lock_that_user_name_from_that_address_even_with_the_right_password(attempt, manager):
    assert fail(attempt, manager.email, 4) == [200] * 4
    assert attempt(manager.email).status_code == 429

    response = attempt(manager.email, password="right")

    assert response.status_code == 429
    assert "_auth_user_id" not in response.wsgi_request.session


def test_the_same_user_name_from_another_address_and_another_user_name_from_the_same_address_still_log_in(
    attempt, manager, nexus_caseworker
):
    fail(attempt, manager.email, 5)

    assert attempt(manager.email, password="right", address=ELSEWHERE).status_code == 302
    assert attempt(nexus_caseworker.email, password="right", address=OFFICE).status_code == 302
    assert attempt(manager.email, password="right", address=OFFICE).status_code == 429


def test_changing_the_case_of_the_address_does_not_buy_more_attempts(attempt, manager):
    for variant in ("Chef@uppsala.example", "CHEF@uppsala.example", " chef@Uppsala.example", "chef@UPPSALA.example"):
        attempt(variant)
    assert attempt("cHeF@uppsala.example").status_code == 429
    assert attempt(manager.email, password="right").status_code == 429


def test_the_lock_out_expires_after_the_cool_off(attempt, manager, settings):
    assert timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    fail(attempt, manager.email, 5)

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=29))
    assert attempt(manager.email, password="right").status_code == 429

    # The refused attempt started the cool-off again: half an hour from it, not from the first failures.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=31))
    assert attempt(manager.email, password="right").status_code == 302


def test_a_successful_login_resets_the_count(attempt, manager):
    fail(attempt, manager.email, 4)
    assert attempt(manager.email, password="right").status_code == 302
    assert not AccessAttempt.objects.exists()
    assert fail(attempt, manager.email, 4) == [200] * 4


def test_the_failure_limit_is_configuration(attempt, manager, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert fail(attempt, manager.email, 2) == [200, 429]


def test_the_lock_out_page_is_swedish_in_our_layout_and_says_when_to_try_again(attempt, manager):
    fail(attempt, manager.email, 4)
    response = attempt(manager.email)

    assert response.status_code == 429
    assert "registration/locked_out.html" in [template.name for template in response.templates]
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Inloggningen är spärrad en stund" in page
    assert "fel lösenord 5 gånger i rad" in page
    retry_at = response.context["retry_at"]
    assert f"spärrad i 30 minuter. Du kan försöka igen klockan {retry_at:%H:%M}." in page
    assert 'class="kompotten-header"' in page
    assert "Content-Security-Policy" in response


def test_the_django_admin_login_is_locked_out_too(attempt, administrator):
    fail(attempt, administrator.email, 5, url="/admin/login/")
    response = attempt(administrator.email, password="right", url="/admin/login/")
    assert response.status_code == 429
    assert "Inloggningen är spärrad en stund" in response.content.decode()


def test_behind_a_proxy_the_address_comes_from_the_configured_header_right_most_first(attempt, manager, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"address": "127.0.0.1"}

    for _ in range(5):
        # A forged left-most address changes nothing: the proxy's own entry is the right-most one.
        attempt(manager.email, HTTP_X_FORWARDED_FOR=f"203.0.113.{_}, {OFFICE}", **proxy)

    assert attempt(manager.email, password="right", HTTP_X_FORWARDED_FOR=OFFICE, **proxy).status_code == 429
    assert attempt(manager.email, password="right", HTTP_X_FORWARDED_FOR=ELSEWHERE, **proxy).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE}


def test_the_client_address_defaults_to_the_connection_and_ignores_forwarding_headers(settings):
    assert settings.CLIENT_IP_HEADER == "REMOTE_ADDR"
    request = RequestFactory().get("/", REMOTE_ADDR=OFFICE, HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert client_ip_address(request) == OFFICE

    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip_address(request) == OFFICE  # no such header: the connection's address
    request.META["HTTP_X_REAL_IP"] = ELSEWHERE
    assert client_ip_address(request) == ELSEWHERE


def test_axes_reads_the_login_forms_username_field_as_the_e_mail_address():
    request = RequestFactory().post("/logga-in/", {"username": " Chef@Uppsala.example ", "email": "x@y.example"})
    assert username_of_attempt(request) == "chef@uppsala.example"
    assert username_of_attempt(request, {"username": "Nexus@uppsala.example"}) == "nexus@uppsala.example"
    assert username_of_attempt(RequestFactory().post("/logga-in/", {})) is None

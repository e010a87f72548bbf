"""Idle and absolute session timeouts, and what the idle warning is told. Time passes by ageing the session's clock."""

import re
from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

import pytest

from kompotten import session_timeout
from kompotten.session_timeout import LAST_ACTIVITY_KEY, STARTED_KEY

START = "/arenden/nexus/"


@pytest.fixture
def logged_in(client, nexus_caseworker):
    client.force_login(nexus_caseworker)
    return client


def age(client, key, delta: timedelta):
    session = client.session
    session[key] -= int(delta.total_seconds())
    session.save()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_logging_in_starts_the_session_clock(client, nexus_caseworker, settings):
    client.post("/logga-in/", {"username": nexus_caseworker.email, "password": settings.DEMO_PASSWORD})
    now = int(timezone.now().timestamp())
    assert now - 5 <= client.session[STARTED_KEY] <= now
    assert client.session[LAST_ACTIVITY_KEY] == client.session[STARTED_KEY]


def test_an_idle_session_is_logged_out_with_a_swedish_message_and_the_page_asked_for_is_kept(logged_in):
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(minutes=30))

    response = logged_in.get(START)

    assert response.status_code == 302
    assert response.url == f"/logga-in/?next={START}"
    login_page = logged_in.get(response.url)
    assert "Du loggades ut efter 30 minuter utan aktivitet." in login_page.content.decode()
    assert not login_page.wsgi_request.user.is_authenticated


def test_activity_within_the_idle_timeout_keeps_the_session_and_counts_as_activity(logged_in):
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(minutes=29))

    assert logged_in.get(START).status_code == 200
    assert int(timezone.now().timestamp()) - logged_in.session[LAST_ACTIVITY_KEY] <= 1


def test_the_absolute_lifetime_ends_even_an_active_session(logged_in):
    age(logged_in, STARTED_KEY, timedelta(hours=10))

    response = logged_in.get(START, follow=True)

    assert response.redirect_chain[0] == (f"/logga-in/?next={START}", 302)
    assert "Du loggades ut eftersom du har varit inloggad i 10 timmar." in response.content.decode()


def test_a_post_after_the_timeout_goes_to_the_login_page_without_replaying_it(logged_in):
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(hours=1))
    response = logged_in.post("/logga-ut/")
    assert response.url == "/logga-in/"
    assert messages_of(response) == ["Du loggades ut efter 30 minuter utan aktivitet."]


def test_the_timeouts_are_configuration(logged_in, nexus_caseworker, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=1)
    settings.SESSION_MAX_LIFETIME = timedelta(hours=1)
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(seconds=61))
    assert "Du loggades ut efter 1 minut utan aktivitet." in logged_in.get(START, follow=True).content.decode()

    logged_in.force_login(nexus_caseworker)
    age(logged_in, STARTED_KEY, timedelta(minutes=61))
    assert messages_of(logged_in.get(START)) == [
        "Du loggades ut eftersom du har varit inloggad i 1 timme. Logga in igen för att fortsätta."
    ]


def test_the_session_cookie_lives_no_longer_than_the_absolute_lifetime(settings):
    assert settings.SESSION_COOKIE_AGE == 10 * 3600 == settings.SESSION_MAX_LIFETIME.total_seconds()


def test_the_page_tells_the_warning_script_how_long_is_left_only_when_logged_in(logged_in):
    # Activity is written at most every ten seconds; five seconds ago stays as it is.
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(seconds=5))

    page = logged_in.get(START).content.decode()

    seconds_left = int(re.search(r'<meta name="kompotten-session-idle-seconds" content="(\d+)">', page)[1])
    assert 1790 <= seconds_left <= 1795
    assert '<meta name="kompotten-session-warning-seconds" content="120">' in page
    assert '<meta name="kompotten-session-keepalive-url" content="/session/fortsatt/">' in page
    assert 'src="/static/js/session-timeout.js"' in page
    assert "Fortsätt vara inloggad" in page

    logged_in.logout()
    login_page = logged_in.get("/logga-in/").content.decode()
    assert "kompotten-session" not in login_page
    assert "session-timeout.js" not in login_page


def test_continuing_refreshes_the_activity_and_tells_the_time_left(logged_in):
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(minutes=28))

    response = logged_in.get("/session/fortsatt/")

    assert response.json() == {"idle_seconds_left": 1800}
    assert "no-store" in response["Cache-Control"]
    assert int(timezone.now().timestamp()) - logged_in.session[LAST_ACTIVITY_KEY] <= 1


def test_asking_for_the_time_left_does_not_count_as_activity(logged_in):
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(minutes=20))
    before = logged_in.session[LAST_ACTIVITY_KEY]

    assert 598 <= logged_in.get("/session/status/").json()["idle_seconds_left"] <= 600
    assert logged_in.session[LAST_ACTIVITY_KEY] == before

    age(logged_in, LAST_ACTIVITY_KEY, timedelta(minutes=10))
    assert logged_in.get("/session/status/").json() == {"idle_seconds_left": 0}


def test_the_status_of_no_session_is_zero_and_continuing_needs_a_login(client, organisation):
    assert client.get("/session/status/").json() == {"idle_seconds_left": 0}
    assert client.get("/session/fortsatt/").url.startswith("/logga-in/")


def test_a_session_from_before_the_clock_existed_starts_it_at_its_next_request(logged_in):
    session = logged_in.session
    del session[STARTED_KEY], session[LAST_ACTIVITY_KEY]
    session.save()

    assert logged_in.get(START).status_code == 200
    assert session_timeout.is_started(logged_in.session)


def test_the_message_speaks_english_to_a_user_who_chose_english(logged_in, settings):
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    age(logged_in, LAST_ACTIVITY_KEY, timedelta(minutes=45))
    page = logged_in.get(START, follow=True).content.decode()
    assert "You were logged out after 30 minutes without activity." in page

"""Against the real OpenID provider on loopback (tests/oidc/provider.mjs, the `oidc_provider` fixture): the first login
stores the provider's issuer and subject, later logins find the user by them, so an address changed at the provider
neither locks the user out nor makes a second account, and another subject presenting an existing user's address is
refused, not merged (kompotten.identity_provider.provider_user).

The browser is played by the Django test client on Kompotten's side and a `requests` session on the provider's: the
provider's redirect to the callback is followed into the test client, with the code and the state it carries."""

from urllib.parse import urljoin, urlsplit

from django.urls import reverse

import pytest
import requests

from kompotten.identity_provider import LOGIN_METHOD_KEY, PROVIDER
from kompotten.models import ProviderGroupRole, User
from kompotten.roles import Role, roles_of

PASSWORD = "kommunens-lösenord"
GROUPS = ["sg-alla-anstallda", "sg-kompotten-bostad"]

# The provider runs in a subprocess on the machine's clock: its tokens are checked against the real time.
pytestmark = pytest.mark.real_date


@pytest.fixture
def mapped(organisation, client, live_server):
    """The housing group mapped; the test client speaks as the live server, whose callback the provider knows."""
    ProviderGroupRole.objects.create(claim_value="sg-kompotten-bostad", role=Role.HOUSING_HANDLER)
    client.defaults["HTTP_HOST"] = urlsplit(live_server.url).netloc


def log_in(client, provider, email: str):
    """One login through the provider in a fresh browser (no provider session yet): Kompotten's answer to the
    callback."""
    client.logout()
    start = client.get(reverse("oidc_login"))
    assert start.status_code == 302 and start.url.startswith(provider.issuer)
    browser, url = requests.Session(), start.url
    callback = reverse("oidc_callback")
    for _ in range(10):
        if urlsplit(url).path == callback:
            target = urlsplit(url)
            return client.get(f"{target.path}?{target.query}")
        if "/interaction/" in url and not url.endswith("/login"):
            page = browser.get(url, allow_redirects=False, timeout=10)
            if page.status_code == 200:  # the sign-in form
                answer = browser.post(
                    url + "/login", data={"email": email, "password": PASSWORD}, allow_redirects=False, timeout=10
                )
                assert answer.is_redirect, answer.text
                url = urljoin(url, answer.headers["Location"])
                continue
        else:
            page = browser.get(url, allow_redirects=False, timeout=10)
        assert page.is_redirect, (url, page.status_code, page.text[-1500:])
        url = urljoin(url, page.headers["Location"])
    raise AssertionError("the provider never sent the browser back")


def test_the_first_login_stores_the_subject_and_an_address_changed_at_the_provider_keeps_the_user(
    client, oidc_provider, mapped
):
    oidc_provider.add_account(
        "7d1f-anna", email="anna.berg@uppsala.example", password=PASSWORD, groups=GROUPS, given_name="Anna"
    )
    response = log_in(client, oidc_provider, "anna.berg@uppsala.example")
    assert response.url == reverse("home")
    assert client.session[LOGIN_METHOD_KEY] == PROVIDER
    anna = User.objects.get(email="anna.berg@uppsala.example")
    assert (anna.provider_issuer, anna.provider_subject) == (oidc_provider.issuer, "7d1f-anna")
    users = User.objects.count()

    # She marries: the provider now gives another address for the same subject.
    oidc_provider.add_account(
        "7d1f-anna", email="anna.lind@uppsala.example", password=PASSWORD, groups=GROUPS, given_name="Anna"
    )
    response = log_in(client, oidc_provider, "anna.lind@uppsala.example")
    assert response.url == reverse("home")
    assert int(client.session["_auth_user_id"]) == anna.pk
    anna.refresh_from_db()
    assert anna.email == "anna.lind@uppsala.example" and roles_of(anna) == [Role.HOUSING_HANDLER]
    assert User.objects.count() == users


def test_another_subject_with_an_existing_users_address_is_refused_not_merged(client, oidc_provider, mapped):
    oidc_provider.add_account("7d1f-anna", email="anna.berg@uppsala.example", password=PASSWORD, groups=GROUPS)
    assert log_in(client, oidc_provider, "anna.berg@uppsala.example").url == reverse("home")
    anna = User.objects.get(email="anna.berg@uppsala.example")
    users = User.objects.count()

    # Her address is given to someone else at the provider (another subject).
    oidc_provider.remove_account("7d1f-anna")
    oidc_provider.add_account("e55a-newcomer", email="anna.berg@uppsala.example", password=PASSWORD, groups=GROUPS)
    refused = log_in(client, oidc_provider, "anna.berg@uppsala.example")

    assert refused.url == reverse("login")
    assert "_auth_user_id" not in client.session
    follow = client.get(refused.url).content.decode()
    assert "Du kunde inte loggas in med kommunens konto." in follow
    anna.refresh_from_db()
    assert anna.provider_subject == "7d1f-anna" and User.objects.count() == users


def test_an_account_made_before_is_linked_only_once_the_administrator_marked_it(
    client, oidc_provider, mapped, housing_handler
):
    oidc_provider.add_account("b0b0-handler", email=housing_handler.email, password=PASSWORD, groups=GROUPS)
    assert log_in(client, oidc_provider, housing_handler.email).url == reverse("login")
    housing_handler.refresh_from_db()
    assert housing_handler.provider_subject == ""

    User.objects.filter(pk=housing_handler.pk).update(provider_link_pending=True)
    assert log_in(client, oidc_provider, housing_handler.email).url == reverse("home")
    housing_handler.refresh_from_db()
    assert (housing_handler.provider_subject, housing_handler.provider_link_pending) == ("b0b0-handler", False)

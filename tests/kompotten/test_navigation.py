from django.urls import reverse

import pytest

START_PAGES = {
    "nexus_caseworker": "/arenden/nexus/",
    "housing_handler": "/bostad/",
    "eviction_caseworker": "/vrakning/",
    "manager": "/rapporter/",
    "partner_vasteras": "/arenden/samverkan/",
    "administrator": "/admin/",
}


@pytest.mark.parametrize(("persona", "start"), START_PAGES.items())
def test_home_sends_each_role_to_what_it_works_on_first(client, request, persona, start):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/").url == start


@pytest.mark.parametrize(("persona", "start"), [(p, s) for p, s in START_PAGES.items() if p != "administrator"])
def test_each_start_page_is_closed_to_the_other_roles(client, request, persona, start):
    for other in START_PAGES:
        if other in (persona, "administrator"):
            continue
        client.force_login(request.getfixturevalue(other))
        # The reports answer 404 to anyone but a manager, as if they did not exist (tests/reports).
        assert client.get(start).status_code == (404 if start == "/rapporter/" else 403), (other, start)


def test_the_navigation_shows_a_partner_only_the_partner_pages(client, partner_vasteras):
    client.force_login(partner_vasteras)
    page = client.get(reverse("cases:partner_start"))
    links = [item["url"] for item in page.context["navigation_items"]]
    assert links == ["/arenden/samverkan/"]


def test_anonymous_visitors_are_sent_to_the_login_page(client, organisation):
    for persona, url in START_PAGES.items():
        if persona == "administrator":
            continue  # the Django admin has its own login page, closed to all but administrators
        response = client.get(url)
        assert response.status_code == 302
        assert "/logga-in/" in response.url


def test_the_django_admin_is_closed_to_caseworkers_and_managers(client, nexus_caseworker, manager):
    for user in (nexus_caseworker, manager):
        client.force_login(user)
        response = client.get("/admin/kompotten/user/")
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_the_login_page_speaks_swedish_even_to_an_english_browser(client, organisation):
    response = client.get("/logga-in/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="sv"' in response.content.decode()
    assert response.headers["Content-Language"] == "sv"


def test_a_manager_reaches_the_units_statistics_from_the_reports_page(client, manager):
    client.force_login(manager)
    page = client.get(reverse("reports:start")).content.decode()
    for url in (reverse("evictions:statistics"), reverse("cases:reciprocity")):
        assert url in page
        assert client.get(url).status_code == 200

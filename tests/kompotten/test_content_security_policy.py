"""The Content-Security-Policy on every page: only our own origin, no inline script or style, and pages that
need neither (what the browser would refuse is checked in tests/browser/test_security.py)."""

import re

import pytest

START_PAGES = {
    "nexus_caseworker": "/arenden/nexus/",
    "housing_handler": "/bostad/",
    "eviction_caseworker": "/vrakning/",
    "manager": "/rapporter/",
    "partner_vasteras": "/arenden/samverkan/",
    "administrator": "/admin/",
}
EXPECTED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def policy_of(response) -> dict[str, list[str]]:
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def assert_locked_down(response):
    assert response.status_code == 200, response.status_code
    assert policy_of(response) == EXPECTED
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    page = response.content.decode()
    assert not INLINE_SCRIPT.search(page), INLINE_SCRIPT.search(page)
    assert not INLINE_STYLE.search(page), INLINE_STYLE.search(page)
    assert not INLINE_HANDLER.search(page), INLINE_HANDLER.search(page)


def test_the_login_page_has_the_policy(client, organisation):
    assert_locked_down(client.get("/logga-in/"))


@pytest.mark.parametrize(("persona", "start"), START_PAGES.items())
def test_each_roles_start_page_has_the_policy(client, request, persona, start):
    client.force_login(request.getfixturevalue(persona))
    assert_locked_down(client.get(start))


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/kompotten/user/", "/admin/kompotten/user/add/", "/admin/kompotten/unit/", "/admin/login/"],
)
def test_the_django_admin_works_under_the_policy(client, administrator, url):
    client.force_login(administrator)
    assert_locked_down(client.get(url, follow=True))


def test_the_admin_change_form_works_under_the_policy(client, administrator, manager):
    client.force_login(administrator)
    assert_locked_down(client.get(f"/admin/kompotten/user/{manager.pk}/change/"))


def test_the_two_factor_pages_have_the_policy_and_the_qr_code_is_a_data_image(client, manager, settings):
    settings.REQUIRE_TWO_FACTOR = True
    client.force_login(manager)
    response = client.get("/tvastegsverifiering/aktivera/")
    assert_locked_down(response)
    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    settings.REQUIRE_TWO_FACTOR = False
    assert_locked_down(client.get("/tvastegsverifiering/"))

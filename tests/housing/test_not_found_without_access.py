"""Every housing URL that takes an id answers 404 to users who may not see the application: like a missing one."""

from django.urls import reverse

import pytest

from tests.cases.test_not_found_without_access import id_url_names
from tests.housing.conftest import approve, refer

URLS = {
    "housing:application_detail": lambda a, d: reverse("housing:application_detail", args=[a.pk]),
    "housing:application_checklist": lambda a, d: reverse("housing:application_checklist", args=[a.pk]),
    "housing:application_decide": lambda a, d: reverse("housing:application_decide", args=[a.pk]),
    "housing:application_move": lambda a, d: reverse("housing:application_move", args=[a.pk, "withdrawn"]),
    "housing:decision_pdf": lambda a, d: reverse("housing:decision_pdf", args=[a.pk, d.pk]),
}


FLAT_URLS = {"housing:flat_edit"}  # tested below, and for protected flats in test_flats_and_pools


def test_this_file_covers_every_housing_url_that_takes_an_id():
    assert {name for name in id_url_names() if name.startswith("housing:")} == set(URLS) | FLAT_URLS


@pytest.fixture
def decided(nexus_caseworker, housing_handler, protected_applicant):
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    return application, approve(application, housing_handler)


# Nexus referred it but investigates nothing; partners never see the investigation, whoever they are.
OUTSIDERS = ["nexus_caseworker", "eviction_caseworker", "partner_vasteras", "partner_enkoping", "administrator"]


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_for_every_url_of_an_application(client, request, decided, persona, method):
    application, decision = decided
    client.force_login(request.getfixturevalue(persona))
    for name, url in URLS.items():
        assert getattr(client, method)(url(application, decision)).status_code == 404, (persona, name, method)


def test_a_missing_and_a_forbidden_application_look_the_same(client, decided, nexus_caseworker):
    application, _ = decided
    client.force_login(nexus_caseworker)
    forbidden = client.get(reverse("housing:application_detail", args=[application.pk]))
    missing = client.get(reverse("housing:application_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_a_decision_of_another_application_is_not_found(client, decided, nexus_caseworker, housing_handler):
    application, decision = decided
    other = refer(nexus_caseworker, handler=housing_handler)
    client.force_login(housing_handler)
    assert client.get(reverse("housing:decision_pdf", args=[other.pk, decision.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["nexus_caseworker", "eviction_caseworker", "partner_vasteras", "manager"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_flats_are_not_found_outside_the_housing_unit(client, request, stock, housing_handler, districts, persona,
                                                      method):  # fmt: skip
    from tests.housing.conftest import flat

    some_flat = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    client.force_login(request.getfixturevalue(persona))
    assert getattr(client, method)(reverse("housing:flat_edit", args=[some_flat.pk])).status_code == 404

"""The case list: paged, sortable, filterable, and a constant number of queries whatever the rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from cases import services
from cases.models import Case
from tests.factories import PersonFactory, open_case


def make_cases(count, handler):
    for _ in range(count):
        case = open_case(persons=[PersonFactory(protected=True), PersonFactory()], handlers=[handler])
        services.deadline_set(case=case, label="Frist", starts_on=case.opened_on, weeks=2, acting_user=handler)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["nexus_caseworker", "manager"])
def test_the_case_list_runs_in_a_constant_number_of_queries(client, request, organisation, nexus_caseworker, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    make_cases(2, nexus_caseworker)
    client.get(reverse("cases:case_list"))  # warm the process-wide cache of the host municipality's name
    few = queries_for(client, reverse("cases:case_list"))
    make_cases(20, nexus_caseworker)
    many = queries_for(client, reverse("cases:case_list"))
    assert many == few
    assert few <= 14


def test_the_list_is_paged_by_25(client, organisation, nexus_caseworker):
    make_cases(27, nexus_caseworker)
    client.force_login(nexus_caseworker)
    first = client.get(reverse("cases:case_list"))
    assert len(first.context["rows"]) == 25
    second = client.get(reverse("cases:case_list"), {"sida": 2})
    assert len(second.context["rows"]) == 2
    assert "27 ärenden" in first.content.decode()


def test_the_list_sorts_filters_and_searches(client, organisation, nexus_caseworker, eviction_caseworker, manager):
    first = open_case(persons=[PersonFactory(family_name="Aaltonen")], handlers=[nexus_caseworker])
    second = open_case(persons=[PersonFactory(family_name="Björk")])
    services.case_close(case=second, acting_user=nexus_caseworker)
    client.force_login(manager)
    numbers = lambda response: [row.case.number for row in response.context["rows"]]  # noqa: E731
    url = reverse("cases:case_list")
    assert numbers(client.get(url, {"status": "all", "sortera": "-nummer"})) == [first.number, second.number]
    assert numbers(client.get(url, {"status": "all", "sortera": "nummer"})) == [second.number, first.number]
    assert numbers(client.get(url)) == [first.number]
    assert numbers(client.get(url, {"status": "closed"})) == [second.number]
    assert numbers(client.get(url, {"status": "all", "q": "Björk"})) == [second.number]
    assert numbers(client.get(url, {"status": "all", "q": second.number})) == [second.number]
    assert numbers(client.get(url, {"typ": Case.Kind.EVICTION})) == []
    client.force_login(nexus_caseworker)
    assert numbers(client.get(url, {"mina": "1", "status": "all"})) == [first.number]

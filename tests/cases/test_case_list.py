"""The case list: paged, sortable, filterable, and a constant number of queries whatever the rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from cases import services
from cases.models import Case
from kompotten.paging import CappedPaginator
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
    assert numbers(client.get(url, {"status": "all", "q": "Björk"})) == []  # a manager finds no one by name
    assert numbers(client.get(url, {"status": "all", "q": second.number})) == [second.number]
    assert numbers(client.get(url, {"typ": Case.Kind.EVICTION})) == []
    client.force_login(nexus_caseworker)
    assert numbers(client.get(url, {"mina": "1", "status": "all"})) == [first.number]


def test_past_the_cap_the_list_says_more_than_and_still_pages(client, organisation, nexus_caseworker, monkeypatch):
    """Counting every visible case on every page costs more than the page at a large city's volume: the count stops
    at a cap, the list says "more than", and the pages up to the cap work as usual."""
    monkeypatch.setattr(CappedPaginator, "cap", 30)
    make_cases(32, nexus_caseworker)
    client.force_login(nexus_caseworker)
    first = client.get(reverse("cases:case_list"))
    assert "Fler än 30 ärenden" in first.content.decode()
    assert len(first.context["rows"]) == 25
    second = client.get(reverse("cases:case_list"), {"sida": 2})
    assert len(second.context["rows"]) == 5
    assert not second.context["page"].has_next()
    numbers = {row.case.number for row in first.context["rows"]} | {row.case.number for row in second.context["rows"]}
    assert len(numbers) == 30
    narrowed = client.get(reverse("cases:case_list"), {"q": first.context["rows"][0].case.number})
    assert "1 ärende" in narrowed.content.decode() and "Fler än" not in narrowed.content.decode()


def test_the_next_deadline_is_the_earliest_running_one(client, organisation, nexus_caseworker):
    case = open_case(handlers=[nexus_caseworker])
    later = services.deadline_set(
        case=case, label="Sen", starts_on=case.opened_on, weeks=4, acting_user=nexus_caseworker
    )
    sooner = services.deadline_set(
        case=case, label="Snar", starts_on=case.opened_on, weeks=1, acting_user=nexus_caseworker
    )
    client.force_login(nexus_caseworker)
    assert client.get(reverse("cases:case_list")).context["rows"][0].next_due == sooner.due_on
    services.deadline_mark_met(deadline=sooner, acting_user=nexus_caseworker)
    assert client.get(reverse("cases:case_list")).context["rows"][0].next_due == later.due_on


def test_an_invalid_filter_value_is_shown_as_an_error_and_left_out(client, organisation, nexus_caseworker):
    """The filters are one form (`cases/filters.py`): a kind that does not exist gets its Swedish error above the
    panel, linked to the field, and the list is shown as if it had been left out (never a 500)."""
    make_cases(2, nexus_caseworker)
    client.force_login(nexus_caseworker)
    response = client.get(reverse("cases:case_list"), {"typ": "ingen-sadan", "status": "all", "sortera": "frist"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Det finns fel i formuläret" in html and 'href="#filter-typ"' in html
    assert "Välj ett giltigt alternativ" in html
    assert len(response.context["rows"]) == 2
    assert response.context["filters"].sort == "frist"

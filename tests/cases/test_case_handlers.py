"""Assigning a handler: a page of its own, since its choice lists every active user of the municipality."""

from django.urls import reverse

from cases import access
from cases.models import CaseAssignment
from tests.factories import open_case


def test_the_case_page_links_to_the_assignment_page_instead_of_listing_every_user(client, organisation, manager):
    case = open_case()
    client.force_login(manager)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert reverse("cases:handler_assign", args=[case.pk]) in page
    assert "<select" not in page


def test_a_manager_assigns_a_handler_on_the_assignment_page(client, organisation, manager, nexus_colleague):
    case = open_case()
    client.force_login(manager)
    url = reverse("cases:handler_assign", args=[case.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert nexus_colleague in form.context["form"].fields["user"].queryset
    response = client.post(url, {"user": nexus_colleague.pk})
    assert response.status_code == 302 and response.url == reverse("cases:case_detail", args=[case.pk])
    assert CaseAssignment.objects.filter(case=case, user=nexus_colleague).exists()
    assert nexus_colleague not in client.get(url).context["form"].fields["user"].queryset


def test_an_empty_choice_is_explained_on_the_page(client, organisation, manager):
    case = open_case()
    client.force_login(manager)
    response = client.post(reverse("cases:handler_assign", args=[case.pk]), {"user": ""})
    assert response.status_code == 400
    assert not CaseAssignment.objects.filter(case=case).exists()


def test_a_caseworker_of_another_unit_may_not_assign(client, organisation, eviction_caseworker, nexus_caseworker):
    case = open_case()
    access.grant_case(eviction_caseworker, case, given_by=nexus_caseworker)  # visible to her through a grant
    client.force_login(eviction_caseworker)
    assert client.get(reverse("cases:handler_assign", args=[case.pk])).status_code == 403
    client.force_login(nexus_caseworker)
    assert client.get(reverse("cases:handler_assign", args=[case.pk])).status_code == 200

"""The team lead (gruppledare) sees the unit's workload: caseworkers with their open cases, the unassigned cases and
the requests for access; counts and case numbers, nobody's identity."""

from django.urls import reverse

import pytest

from cases import services
from cases.models import AccessRequest
from tests.factories import TEST_REASON, PersonFactory, open_case

REASON = "Jag har jouren i helgen och behöver ärendet."


def test_the_team_lead_sees_open_case_counts_and_the_unassigned_cases_without_identities(
    client, organisation, nexus_team_lead, nexus_caseworker
):
    open_case(handlers=[nexus_caseworker])
    open_case(handlers=[nexus_caseworker])
    unassigned = open_case(persons=[PersonFactory(protected=True, given_name="Hemlig", family_name="Gömdasson")])
    client.force_login(nexus_team_lead)
    response = client.get(reverse("cases:workload"))
    counts = {user.email: user.open_cases for user in response.context["caseworkers"]}
    assert counts["nexus@uppsala.example"] == 2 and counts["nexus2@uppsala.example"] == 0
    assert [case.number for case in response.context["unassigned"]] == [unassigned.number]
    page = response.content.decode()
    assert unassigned.number in page and "Skyddad identitet" in page and "Gömdasson" not in page


@pytest.mark.parametrize("persona", ["nexus_caseworker", "manager", "administrator", "partner_vasteras"])
def test_only_team_leads_reach_the_workload_page(client, request, organisation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("cases:workload")).status_code == 403


def test_the_navigation_shows_the_workload_page_to_team_leads(client, organisation, eviction_team_lead):
    client.force_login(eviction_team_lead)
    assert reverse("cases:workload") in client.get(reverse("evictions:start")).content.decode()


def test_a_caseworker_asks_for_access_and_the_team_lead_answers_by_assigning(
    client, organisation, nexus_caseworker, nexus_team_lead
):
    case = open_case(persons=[PersonFactory(protected=True)])
    client.force_login(nexus_caseworker)
    url = reverse("cases:access_request", args=[case.pk])
    assert client.post(url, {"reason": "Kort"}).status_code == 400
    assert client.post(url, {"reason": REASON}).status_code == 302
    assert "Du begärde åtkomst" in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    client.force_login(nexus_team_lead)
    page = client.get(reverse("cases:workload")).content.decode()
    assert REASON in page and f"?anvandare={nexus_caseworker.pk}" in page
    assign = reverse("cases:handler_assign", args=[case.pk])
    assert client.get(f"{assign}?anvandare={nexus_caseworker.pk}").context["form"]["user"].value() == str(
        nexus_caseworker.pk
    )
    client.post(assign, {"user": nexus_caseworker.pk, "reason": TEST_REASON})
    request = AccessRequest.objects.get()
    assert request.handled_by == nexus_team_lead and request.handled_at is not None


def test_asking_twice_is_refused_with_the_reason_field_named(organisation, nexus_caseworker):
    case = open_case(persons=[PersonFactory(protected=True)])
    services.access_request_open(case=case, reason=REASON, acting_user=nexus_caseworker)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.access_request_open(case=case, reason=REASON, acting_user=nexus_caseworker)
    assert "redan begärt" in refused.value.message_dict["reason"][0]
    assert AccessRequest.objects.count() == 1

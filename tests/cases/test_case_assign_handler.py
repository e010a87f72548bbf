"""Grants are given, not taken: who may assign a handler, to whom, and on which cases (issue 18).

Assigning a handler is the grant to the people on the case. Handlers come from the case's own unit; a case with a
protected person is assigned by the unit's team lead or a manager, with a reason, never by a user to herself.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from cases import services
from cases.access import AccessPolicy
from cases.models import CaseAssignment, GrantEvent
from tests.factories import PersonFactory, open_case

REASON = "Ordinarie handläggare är sjuk; Omar tar över utredningen."


@pytest.fixture
def protected_case(organisation):
    return open_case(persons=[PersonFactory(protected=True, given_name="Hemlig", family_name="Gömdasson")])


def assign_url(case):
    return reverse("cases:handler_assign", args=[case.pk])


def nothing_assigned(case):
    return not CaseAssignment.objects.filter(case=case).exists() and not GrantEvent.objects.filter(case=case).exists()


# --- a caseworker and a case with a protected person ----------------------------------------------------------------
def test_a_caseworker_cannot_assign_herself_to_a_case_with_a_protected_person(protected_case, nexus_caseworker):
    with pytest.raises(ValidationError) as refused:
        services.case_assign_handler(
            case=protected_case, user=nexus_caseworker, acting_user=nexus_caseworker, reason=REASON
        )
    assert "Gruppledaren eller en chef tilldelar" in refused.value.message_dict["user"][0]
    assert nothing_assigned(protected_case)
    assert not AccessPolicy(nexus_caseworker).identity_visible(protected_case.persons.get(), protected_case)


def test_a_caseworker_cannot_assign_a_colleague_to_a_case_with_a_protected_person(
    protected_case, nexus_caseworker, nexus_colleague
):
    with pytest.raises(ValidationError):
        services.case_assign_handler(
            case=protected_case, user=nexus_colleague, acting_user=nexus_caseworker, reason=REASON
        )
    assert nothing_assigned(protected_case)


def test_the_assignment_page_is_closed_to_a_caseworker_on_a_case_with_a_protected_person(
    client, protected_case, nexus_caseworker
):
    client.force_login(nexus_caseworker)
    assert client.get(assign_url(protected_case)).status_code == 403
    assert client.post(assign_url(protected_case), {"user": nexus_caseworker.pk, "reason": REASON}).status_code == 403
    assert nothing_assigned(protected_case)
    page = client.get(reverse("cases:case_detail", args=[protected_case.pk])).content.decode()
    assert assign_url(protected_case) not in page
    assert reverse("cases:access_request", args=[protected_case.pk]) in page


def test_the_team_lead_cannot_assign_herself_either(client, protected_case, nexus_team_lead):
    with pytest.raises(ValidationError) as refused:
        services.case_assign_handler(
            case=protected_case, user=nexus_team_lead, acting_user=nexus_team_lead, reason=REASON
        )
    assert "dig själv" in refused.value.message_dict["user"][0]
    client.force_login(nexus_team_lead)
    assert nexus_team_lead not in client.get(assign_url(protected_case)).context["form"].fields["user"].queryset
    response = client.post(assign_url(protected_case), {"user": nexus_team_lead.pk, "reason": REASON})
    assert response.status_code == 400 and nothing_assigned(protected_case)


# --- the team lead gives the grant, with a reason --------------------------------------------------------------------
def test_the_team_lead_assigns_a_caseworker_with_a_reason_and_the_grant_is_recorded(
    client, protected_case, nexus_team_lead, nexus_colleague
):
    client.force_login(nexus_team_lead)
    response = client.post(assign_url(protected_case), {"user": nexus_colleague.pk, "reason": REASON})
    assert response.status_code == 302
    assert CaseAssignment.objects.filter(case=protected_case, user=nexus_colleague).exists()
    event = GrantEvent.objects.get(case=protected_case)
    assert (event.kind, event.given_by, event.user, event.reason, event.protected) == (
        GrantEvent.Kind.ASSIGNED,
        nexus_team_lead,
        nexus_colleague,
        REASON,
        True,
    )
    assert AccessPolicy(nexus_colleague).identity_visible(protected_case.persons.get(), protected_case)


def test_without_a_reason_the_form_comes_back_with_the_choice_kept_and_nothing_assigned(
    client, protected_case, nexus_team_lead, nexus_colleague
):
    client.force_login(nexus_team_lead)
    response = client.post(assign_url(protected_case), {"user": nexus_colleague.pk, "reason": "  "})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["reason"] == ["Ange skälet till tilldelningen."]
    assert form["user"].value() == str(nexus_colleague.pk)
    assert f'<option value="{nexus_colleague.pk}" selected>' in response.content.decode()
    assert nothing_assigned(protected_case)


def test_a_reason_of_a_word_is_refused_by_the_service_naming_the_field(
    protected_case, nexus_team_lead, nexus_colleague
):
    with pytest.raises(ValidationError) as refused:
        services.case_assign_handler(
            case=protected_case, user=nexus_colleague, acting_user=nexus_team_lead, reason="Ok"
        )
    assert "minst 10 tecken" in refused.value.message_dict["reason"][0]
    assert nothing_assigned(protected_case)


def test_a_manager_assigns_with_a_reason_too(protected_case, manager, nexus_colleague):
    services.case_assign_handler(case=protected_case, user=nexus_colleague, acting_user=manager, reason=REASON)
    assert GrantEvent.objects.get(case=protected_case).given_by == manager


def test_another_units_team_lead_cannot_assign(protected_case, eviction_team_lead, nexus_colleague):
    with pytest.raises(ValidationError):
        services.case_assign_handler(
            case=protected_case, user=nexus_colleague, acting_user=eviction_team_lead, reason=REASON
        )
    assert nothing_assigned(protected_case)


# --- handlers come from the case's own unit --------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["manager", "administrator", "housing_handler", "eviction_team_lead"])
def test_nobody_outside_the_cases_unit_becomes_its_handler(request, organisation, nexus_team_lead, persona):
    case = open_case()
    outsider = request.getfixturevalue(persona)
    with pytest.raises(ValidationError) as refused:
        services.case_assign_handler(case=case, user=outsider, acting_user=nexus_team_lead, reason=REASON)
    assert "Välj en handläggare i ärendets enhet" in refused.value.message_dict["user"][0]
    assert nothing_assigned(case)


def test_the_page_offers_only_the_caseworkers_of_the_cases_unit(
    client, organisation, manager, administrator, housing_handler, nexus_caseworker, nexus_colleague, nexus_team_lead
):
    case = open_case()
    client.force_login(manager)
    offered = set(client.get(assign_url(case)).context["form"].fields["user"].queryset)
    assert offered == {nexus_caseworker, nexus_colleague, nexus_team_lead}
    response = client.post(assign_url(case), {"user": administrator.pk, "reason": REASON})
    assert response.status_code == 400
    assert "bara ärendets enhet kan tilldelas" in response.context["form"].errors["user"][0]
    client.post(assign_url(case), {"user": housing_handler.pk})
    assert nothing_assigned(case)


# --- a case without a protected person keeps today's flow ------------------------------------------------------------
def test_a_caseworker_still_takes_an_unprotected_case_of_her_unit_and_the_grant_is_recorded(
    client, organisation, nexus_caseworker
):
    case = open_case(persons=[PersonFactory()])
    client.force_login(nexus_caseworker)
    assert client.post(assign_url(case), {"user": nexus_caseworker.pk}).status_code == 302
    event = GrantEvent.objects.get(case=case)
    assert (event.given_by, event.user, event.protected) == (nexus_caseworker, nexus_caseworker, False)


def test_unassigning_revokes_the_grant_and_is_recorded(protected_case, nexus_team_lead, nexus_colleague):
    services.case_assign_handler(case=protected_case, user=nexus_colleague, acting_user=nexus_team_lead, reason=REASON)
    services.case_unassign_handler(case=protected_case, user=nexus_colleague, acting_user=nexus_team_lead)
    kinds = list(GrantEvent.objects.filter(case=protected_case).order_by("id").values_list("kind", "given_by"))
    assert kinds == [(GrantEvent.Kind.ASSIGNED, nexus_team_lead.pk), (GrantEvent.Kind.UNASSIGNED, nexus_team_lead.pk)]
    assert not AccessPolicy(nexus_colleague).identity_visible(protected_case.persons.get(), protected_case)


def test_a_caseworker_cannot_take_a_colleague_off_a_case_with_a_protected_person(
    protected_case, nexus_team_lead, nexus_caseworker, nexus_colleague
):
    services.case_assign_handler(case=protected_case, user=nexus_colleague, acting_user=nexus_team_lead, reason=REASON)
    with pytest.raises(ValidationError):
        services.case_unassign_handler(case=protected_case, user=nexus_colleague, acting_user=nexus_caseworker)
    assert CaseAssignment.objects.filter(case=protected_case, user=nexus_colleague).exists()


def test_a_handler_steps_down_from_a_case_with_a_protected_person_herself(
    client, protected_case, nexus_team_lead, nexus_caseworker, nexus_colleague
):
    services.case_assign_handler(case=protected_case, user=nexus_caseworker, acting_user=nexus_team_lead, reason=REASON)
    services.case_assign_handler(case=protected_case, user=nexus_colleague, acting_user=nexus_team_lead, reason=REASON)
    client.force_login(nexus_caseworker)
    unassign = "cases:handler_unassign"
    assert client.post(reverse(unassign, args=[protected_case.pk, nexus_colleague.pk])).status_code == 403
    assert client.post(reverse(unassign, args=[protected_case.pk, nexus_caseworker.pk])).status_code == 302
    assert list(protected_case.assignments.values_list("user", flat=True)) == [nexus_colleague.pk]
    assert GrantEvent.objects.filter(kind=GrantEvent.Kind.UNASSIGNED, user=nexus_caseworker).exists()

"""Every grant given is listed for the managers' review ("Beviljade behörigheter"): who gave it, to whom, on which
case or person, why and when; assignments, person grants, emergency access and the grants taken away."""

from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import GrantEvent
from tests.factories import PersonFactory, open_case

REASON = "Ordinarie handläggare är sjuk; Omar tar över utredningen."


def this_month() -> str:
    return f"{timezone.localdate():%Y-%m}"


def test_the_managers_review_lists_the_team_leads_grant_with_giver_receiver_and_reason(
    client, organisation, manager, nexus_team_lead, nexus_colleague
):
    hidden = PersonFactory(protected=True, given_name="Hemlig", family_name="Gömdasson")
    case = open_case(persons=[hidden])
    services.case_assign_handler(case=case, user=nexus_colleague, acting_user=nexus_team_lead, reason=REASON)
    client.force_login(manager)
    for url in (
        reverse("cases:access_review") + f"?manad={this_month()}",
        reverse("cases:grant_events") + f"?manad={this_month()}",
    ):
        page = client.get(url).content.decode()
        assert nexus_team_lead.get_full_name() in page and nexus_colleague.get_full_name() in page
        assert REASON in page and case.number in page and "Tilldelad som handläggare" in page
        assert "Gömdasson" not in page and "Skyddad identitet" in page  # the manager holds no grant


def test_emergency_access_and_person_grants_are_listed_too(client, world, manager, nexus_caseworker, nexus_colleague):
    services.emergency_access_open(
        party=world.nexus_case.parties.get(), reason="Akut hotbild, polisen ringer", acting_user=nexus_colleague
    )
    services.person_grant_access(
        person=world.protected, user=manager, acting_user=nexus_caseworker, reason="Chefen granskar ärendet."
    )
    client.force_login(manager)
    page = client.get(reverse("cases:grant_events") + f"?manad={this_month()}").content.decode()
    assert "Nödåtkomst" in page and "Akut hotbild, polisen ringer" in page
    assert "Behörighet till personen" in page and "Chefen granskar ärendet." in page
    event = GrantEvent.objects.get(kind=GrantEvent.Kind.EMERGENCY)
    assert (event.given_by, event.user, event.case) == (nexus_colleague, nexus_colleague, world.nexus_case)


def test_grants_on_unprotected_cases_are_listed_when_asked_for(client, organisation, manager, nexus_caseworker):
    case = open_case(persons=[PersonFactory()])
    services.case_assign_handler(case=case, user=nexus_caseworker, acting_user=nexus_caseworker)
    client.force_login(manager)
    url = reverse("cases:grant_events") + f"?manad={this_month()}"
    assert case.number not in client.get(url).content.decode()
    assert case.number in client.get(url + "&alla=1").content.decode()


def test_the_grant_list_is_paged_newest_first(
    client, organisation, manager, nexus_team_lead, nexus_colleague, monkeypatch
):
    monkeypatch.setattr("cases.log_review.PAGE_SIZE", 2)
    hidden = PersonFactory(protected=True)  # registered and revoked: two older events
    cases = [open_case(persons=[hidden]) for _ in range(3)]
    for case in cases:
        services.case_assign_handler(case=case, user=nexus_colleague, acting_user=nexus_team_lead, reason=REASON)
    client.force_login(manager)
    first = client.get(reverse("cases:grant_events") + f"?manad={this_month()}")
    assert [row.event.case for row in first.context["rows"]] == [cases[2], cases[1]]
    second = client.get(reverse("cases:grant_events") + "?" + first.context["page"].older_query)
    assert [row.event.case for row in second.context["rows"]] == [cases[0], None]
    assert second.context["rows"][1].event.kind == GrantEvent.Kind.PERSON_REVOKED


def test_grant_events_are_never_changed(organisation, nexus_team_lead, nexus_colleague):
    import pytest

    case = open_case(persons=[PersonFactory(protected=True)])
    services.case_assign_handler(case=case, user=nexus_colleague, acting_user=nexus_team_lead, reason=REASON)
    event = GrantEvent.objects.get(case=case)
    event.reason = "Ändrat i efterhand"
    with pytest.raises(ValueError, match="never changed"):
        event.save()

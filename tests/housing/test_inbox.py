"""The housing unit's inbox (issue 20, item 6): new referrals and hand-overs without a handler, first on the start
page of the team lead, the longest waiting first, gone once a handler is assigned."""

from datetime import date, timedelta

from django.urls import reverse

from housing import services
from housing.models import ReferralKind
from housing.workflow import ApplicationStatus
from tests.factories import TEST_REASON, PersonFactory
from tests.housing.conftest import refer

START = reverse("housing:start")
TODAY = date(2026, 11, 18)


def inbox_numbers(client) -> list[str]:
    return [row.application.case.number for row in client.get(START).context["inbox"]]


def test_the_team_lead_sees_unassigned_referrals_first_the_longest_waiting_first(
    client, nexus_caseworker, housing_handler, housing_team_lead
):
    newer = refer(nexus_caseworker, referred_on=TODAY - timedelta(days=2))
    older = refer(nexus_caseworker, referred_on=TODAY - timedelta(days=9))
    refer(nexus_caseworker, handler=housing_handler)  # has a handler: not in the inbox

    client.force_login(housing_team_lead)
    page = client.get(START).content.decode()
    assert inbox_numbers(client) == [older.case.number, newer.case.number]
    assert page.index('data-testid="inbox"') < page.index('data-testid="decisions-due"')
    inbox = page.split('data-testid="inbox"')[1].split("</section>")[0]
    assert "Boendekedjan" in inbox or ReferralKind.HOUSING_CHAIN.label in inbox
    assert (TODAY - timedelta(days=9)).isoformat() in inbox
    assert ">9<" in inbox and ">2<" in inbox  # days waiting
    assert reverse("cases:handler_assign", args=[older.case_id]) in inbox


def test_a_handler_does_not_see_the_inbox(client, nexus_caseworker, housing_handler):
    refer(nexus_caseworker)
    client.force_login(housing_handler)
    response = client.get(START)
    assert "inbox" not in response.context
    assert 'data-testid="inbox"' not in response.content.decode()


def test_assigning_a_handler_takes_the_referral_out_of_the_inbox(
    client, nexus_caseworker, housing_handler, housing_team_lead
):
    application = refer(nexus_caseworker)
    client.force_login(housing_team_lead)
    assert inbox_numbers(client) == [application.case.number]
    # The inbox's link comes back to the inbox, for the next one; a link to another site is not followed.
    link = reverse("cases:handler_assign", args=[application.case_id]) + f"?next={START}"
    assert link in client.get(START).content.decode()
    outside = reverse("cases:handler_assign", args=[application.case_id]) + "?next=https://evil.example/"
    assert 'href="https://evil.example/"' not in client.get(outside).content.decode()
    response = client.post(link, {"user": housing_handler.pk, "reason": TEST_REASON})
    assert response.status_code == 302 and response["Location"] == START
    assert inbox_numbers(client) == []
    assert "Alla nya remisser har handläggare." in client.get(START).content.decode()


def test_a_protected_applicant_is_masked_in_the_inbox(client, nexus_caseworker, housing_team_lead, protected_applicant):
    refer(nexus_caseworker, person=protected_applicant)
    client.force_login(housing_team_lead)
    inbox = client.get(START).content.decode().split('data-testid="inbox"')[1].split("</section>")[0]
    assert "Hemlig" not in inbox and "Skyddadsson" not in inbox
    assert "Skyddad identitet" in inbox


def test_a_decided_application_is_not_in_the_inbox(client, nexus_caseworker, housing_team_lead):
    application = refer(nexus_caseworker)
    services.application_transition(
        application=application, to_status=ApplicationStatus.WITHDRAWN, reason="Flyttat", acting_user=nexus_caseworker
    )
    client.force_login(housing_team_lead)
    assert inbox_numbers(client) == []


def test_the_inbox_pages_and_costs_the_same_queries_for_more_rows(
    client, nexus_caseworker, housing_team_lead, django_assert_num_queries, django_assert_max_num_queries
):
    refer(nexus_caseworker)
    refer(nexus_caseworker, person=PersonFactory(protected=True, acting_user=nexus_caseworker))
    client.force_login(housing_team_lead)
    client.get(START)
    with django_assert_max_num_queries(40) as few:
        client.get(START)
    for _ in range(28):
        refer(nexus_caseworker)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(START)
    assert len(response.context["inbox"]) == 25 and response.context["page"].has_next()
    assert len(client.get(START + "?sida=2").context["inbox"]) == 5

"""The housing unit's pages: list (paged, filtered, constant queries), referral form, investigation, decision."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Person
from housing import services
from housing.models import ChecklistItem, HousingApplication, ReferralKind
from housing.workflow import ApplicationStatus
from tests.factories import PersonFactory
from tests.housing.conftest import approve, refer

LIST = reverse("housing:application_list")


def test_the_list_costs_the_same_queries_for_few_and_many_rows(
    client, nexus_caseworker, housing_handler, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(housing_handler)
    for _ in range(2):
        refer(nexus_caseworker, person=PersonFactory(protected=True), handler=housing_handler)
    client.get(LIST)
    with django_assert_max_num_queries(30) as few:
        assert client.get(LIST).status_code == 200
    for _ in range(8):
        refer(nexus_caseworker, person=PersonFactory(protected=True), handler=housing_handler)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(LIST)
    assert len(response.context["rows"]) == 10


def test_the_list_filters_by_status_kind_and_due_deadline(client, nexus_caseworker, housing_handler):
    old = refer(nexus_caseworker, referred_on=timezone.localdate() - timedelta(days=85))
    approved = refer(nexus_caseworker, referral_kind=ReferralKind.RELOCATION)
    approve(approved, housing_handler)
    client.force_login(housing_handler)

    def listed(query):
        return [row.application.pk for row in client.get(LIST + query).context["rows"]]

    assert set(listed("")) == {old.pk, approved.pk}
    assert listed("?status=approved") == [approved.pk]
    assert listed("?remissvag=relocation&status=all") == [approved.pk]
    assert listed("?frist=1") == [old.pk]
    assert listed("?mina=1") == []


def test_the_list_masks_a_protected_applicant_for_a_handler_without_a_grant(
    client, nexus_caseworker, housing_handler, protected_applicant
):
    refer(nexus_caseworker, person=protected_applicant)
    client.force_login(housing_handler)
    body = client.get(LIST).content.decode()
    assert "Skyddad identitet" in body
    assert "Skyddadsson" not in body


def test_the_list_pages(client, nexus_caseworker, housing_handler):
    for _ in range(26):
        refer(nexus_caseworker)
    client.force_login(housing_handler)
    assert len(client.get(LIST).context["rows"]) == 25
    assert len(client.get(LIST + "?sida=2").context["rows"]) == 1


@pytest.mark.today("2026-12-04")
def test_on_friday_the_start_page_lists_decisions_due_by_the_fifth_working_day_overdue_first(
    client, nexus_caseworker, housing_handler
):
    overdue = refer(nexus_caseworker, referred_on=date(2026, 8, 3))  # three months: 3 November
    monday = refer(nexus_caseworker, referred_on=date(2026, 9, 5))  # Saturday 5 December: moved to Monday 7th
    fifth = refer(nexus_caseworker, referred_on=date(2026, 9, 11))  # Friday 11 December, the fifth working day
    refer(nexus_caseworker, referred_on=date(2026, 9, 14))  # Monday 14 December, the sixth
    refer(nexus_caseworker)  # three months ahead
    client.force_login(housing_handler)
    response = client.get(reverse("housing:start"))
    assert [row.application.pk for row in response.context["due"]] == [overdue.pk, monday.pk, fifth.pk]
    assert "Beslut att fatta de närmaste fem arbetsdagarna" in response.content.decode()
    listed = client.get(LIST + "?frist=1").context["rows"]
    assert [row.application.pk for row in listed] == [overdue.pk, monday.pk, fifth.pk]


@pytest.mark.today("2027-05-05")
def test_the_day_before_ascension_day_the_start_page_lists_decisions_due_after_it(
    client, nexus_caseworker, housing_handler
):
    after = refer(nexus_caseworker, referred_on=date(2027, 2, 13))  # 13 May, the fifth working day
    refer(nexus_caseworker, referred_on=date(2027, 2, 14))  # 14 May, the sixth
    client.force_login(housing_handler)
    assert [row.application.pk for row in client.get(reverse("housing:start")).context["due"]] == [after.pk]


def _referral_data(**overrides):
    return {
        "given_name": "Lina",
        "family_name": "Ny",
        "identity_number": "",
        "reserve_number": "RES-1",
        "protection_level": "none",
        "background": "Lämnar skyddat boende.",
        "adults": "1",
        "children": "Nora 2018\nAdam 2021",
        "rooms": "3",
        "accessibility": "none",
        "wishes": "",
        **overrides,
    }


def test_nexus_cannot_refer_a_relocation_by_hand_only_through_a_requests_hand_over(client, nexus_caseworker):
    """The Kompotten pool serves relocation applicants; a referral typed in here is the housing chain's, whatever
    the request says, so no applicant reaches the pool without a relocation request behind her."""
    client.force_login(nexus_caseworker)
    assert "Förflyttningsärende" not in client.get(reverse("housing:application_refer")).content.decode()
    client.post(reverse("housing:application_refer"), _referral_data(referral_kind=ReferralKind.RELOCATION))
    assert HousingApplication.objects.get().referral_kind == ReferralKind.HOUSING_CHAIN


def test_nexus_refers_a_new_person_and_sees_the_referral_but_not_the_investigation(client, nexus_caseworker):
    client.force_login(nexus_caseworker)
    assert client.get(reverse("housing:application_refer")).status_code == 200
    response = client.post(reverse("housing:application_refer"), _referral_data())
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("housing:referrals")
    application = HousingApplication.objects.get()
    assert application.referral_kind == ReferralKind.HOUSING_CHAIN
    assert application.children == 2 and application.rooms == 3
    page = client.get(reverse("housing:referrals"))
    assert [row.application for row in page.context["rows"]] == [application]
    assert "Lina Ny" in page.content.decode()
    assert client.get(reverse("housing:application_detail", args=[application.pk])).status_code == 404


def test_the_referral_form_re_renders_with_the_input_and_a_swedish_message(client, nexus_caseworker):
    client.force_login(nexus_caseworker)
    response = client.post(reverse("housing:application_refer"), _referral_data(children="Nora tjugohundra"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Rad 1: skriv förnamn och födelseår" in body
    assert 'value="Lina"' in body
    assert not Person.objects.exists() and not HousingApplication.objects.exists()


def test_a_referral_refused_by_the_service_leaves_no_person_behind(client, nexus_caseworker):
    client.force_login(nexus_caseworker)
    response = client.post(reverse("housing:application_refer"), _referral_data(background="   "))
    assert response.status_code == 400
    assert not Person.objects.exists()


def test_the_housing_unit_registers_an_existing_person_directly(client, housing_handler):
    person = PersonFactory(given_name="Kalle", family_name="Känd", acting_user=housing_handler)
    earlier = refer(housing_handler, person=person, referral_kind=ReferralKind.DIRECT)  # found again by search
    services.application_transition(
        application=earlier, to_status="withdrawn", reason="Flyttade", acting_user=housing_handler
    )
    client.force_login(housing_handler)
    url = reverse("housing:application_refer") + f"?person={person.pk}"
    response = client.post(url, _referral_data(children=""))
    application = HousingApplication.objects.latest("pk")
    assert response.url == reverse("housing:application_detail", args=[application.pk])
    assert application.referral_kind == ReferralKind.DIRECT
    assert application.case.parties.get().person == person
    assert application.case.assignments.get().user == housing_handler
    assert application.children == 0


def test_a_referral_of_a_person_the_user_may_not_see_is_not_found(client, housing_handler, protected_applicant):
    client.force_login(housing_handler)
    url = reverse("housing:application_refer") + f"?person={protected_applicant.pk}"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["eviction_caseworker", "manager", "partner_vasteras"])
def test_only_nexus_and_the_housing_unit_refer(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("housing:application_refer")).status_code == 403


def test_the_handler_investigates_and_decides_through_the_pages(client, nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker, handler=housing_handler)
    client.force_login(housing_handler)
    items = list(ChecklistItem.objects.filter(active=True))
    data = {f"done_{item.pk}": "on" for item in items} | {f"note_{items[0].pk}": "Samtycke finns"}
    response = client.post(reverse("housing:application_checklist", args=[application.pk]), data)
    assert response.status_code == 302
    decide = reverse("housing:application_decide", args=[application.pk])
    response = client.post(decide, {"outcome": "approved", "reasons": "", "decided_on": "2099-01-01"})
    assert response.status_code == 400
    assert "Det finns fel i formuläret" in response.content.decode()
    response = client.post(
        decide, {"outcome": "approved", "reasons": "Styrkt behov.", "decided_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    page = client.get(reverse("housing:application_detail", args=[application.pk])).content.decode()
    assert "Samtycke finns" in page and "Beslutsbrev (PDF)" in page


def test_a_decision_before_the_investigation_is_done_shows_what_is_left(client, nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker, handler=housing_handler)
    client.force_login(housing_handler)
    client.post(reverse("housing:application_checklist", args=[application.pk]), {})
    response = client.post(
        reverse("housing:application_decide", args=[application.pk]),
        {"outcome": "approved", "reasons": "Styrkt behov.", "decided_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Utredningen är inte klar" in response.content.decode()


def test_a_manager_reads_an_application_but_cannot_work_on_it(client, nexus_caseworker, manager):
    application = refer(nexus_caseworker)
    client.force_login(manager)
    assert client.get(reverse("housing:application_detail", args=[application.pk])).status_code == 200
    assert client.get(reverse("housing:application_checklist", args=[application.pk])).status_code == 403


def test_a_move_not_in_the_table_is_refused_with_a_message(client, nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker, handler=housing_handler)
    client.force_login(housing_handler)
    response = client.post(reverse("housing:application_move", args=[application.pk, "paused"]), follow=True)
    assert "kan inte gå från" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFERRED

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest
from dateutil.relativedelta import relativedelta

from cases.models import Deadline
from housing import services
from housing.models import SocialContract
from tests.housing.conftest import approve, flat, refer

TODAY = timezone.localdate()


@pytest.fixture
def start_contract(nexus_caseworker, housing_handler, stock, districts):
    """An accepted offer whose contract started `months_ago`."""

    def make(months_ago=0, *, person=None, **terms):
        starts_on = TODAY - relativedelta(months=months_ago)
        application = refer(
            nexus_caseworker, person=person, handler=housing_handler, referred_on=starts_on - timedelta(days=60)
        )
        approve(application, housing_handler, decided_on=starts_on - timedelta(days=30))
        let = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
        offer = services.offer_make(
            flat=let,
            application=application,
            answer_by=starts_on,
            offered_on=starts_on - timedelta(days=10),
            acting_user=housing_handler,
        )
        services.offer_accept(
            offer=offer,
            answered_on=starts_on,
            acting_user=housing_handler,
            terms=services.ContractTerms(starts_on=starts_on, **terms),
        )
        return SocialContract.objects.get(application=application)

    return make


def test_accepting_an_offer_starts_a_sublet_with_an_18_month_trial_on_the_calendar(start_contract):
    contract = start_contract()
    assert contract.form == SocialContract.Form.SUBLET
    assert contract.trial_months == 18
    assert contract.trial_deadline.due_on == contract.trial_ends_on >= TODAY + relativedelta(months=18)
    assert contract.trial_deadline.case == contract.application.case


def test_a_tenant_held_contract_needs_the_guarantees_amount_and_period(start_contract):
    with pytest.raises(ValidationError, match="hyresgarantins belopp"):
        start_contract(form=SocialContract.Form.GUARANTEE)
    contract = start_contract(
        form="guarantee", guarantee_amount=19500, guarantee_from=TODAY, guarantee_until=TODAY + relativedelta(years=1)
    )
    assert contract.guarantee_amount == 19500


def test_the_trial_is_between_12_and_24_months(start_contract):
    for months in (11, 25):
        with pytest.raises(ValidationError, match="mellan 12 och 24"):
            start_contract(trial_months=months)


def test_the_contract_passes_to_the_tenant_after_a_trial_without_remarks(start_contract, housing_handler):
    contract = start_contract(months_ago=19)
    services.follow_up_add(
        contract=contract,
        happened_on=TODAY - timedelta(days=100),
        kind="visit",
        note="Allt fungerar",
        acting_user=housing_handler,
    )
    services.contract_pass_to_tenant(contract=contract, acting_user=housing_handler)
    contract.refresh_from_db()
    assert (contract.status, contract.closed_on) == (SocialContract.Status.PASSED, TODAY)
    assert Deadline.objects.get(pk=contract.trial_deadline_id).status == Deadline.Status.MET
    assert contract.application.case.closed_on == TODAY


def test_no_pass_before_the_trial_ends(start_contract, housing_handler):
    contract = start_contract(months_ago=6)
    with pytest.raises(ValidationError, match="Prövotiden slutar"):
        services.contract_pass_to_tenant(contract=contract, acting_user=housing_handler)


def test_remarks_during_the_trial_need_a_reason_to_pass(start_contract, housing_handler):
    contract = start_contract(months_ago=19)
    with pytest.raises(ValidationError, match="Beskriv anmärkningen"):
        services.follow_up_add(
            contract=contract, happened_on=TODAY, kind="call", payment_remark=True, acting_user=housing_handler
        )
    services.follow_up_add(
        contract=contract,
        happened_on=TODAY - timedelta(days=200),
        kind="landlord",
        payment_remark=True,
        note="Hyran sen två månader",
        acting_user=housing_handler,
    )
    with pytest.raises(ValidationError, match="anmärkningar"):
        services.contract_pass_to_tenant(contract=contract, acting_user=housing_handler)
    services.contract_pass_to_tenant(
        contract=contract, reason="Skulden är betald sedan ett halvår.", acting_user=housing_handler
    )
    contract.refresh_from_db()
    assert contract.closing_reason == "Skulden är betald sedan ett halvår."


def test_the_trial_is_extended_with_a_reason_up_to_24_months(start_contract, housing_handler):
    contract = start_contract(months_ago=17)
    with pytest.raises(ValidationError):
        services.contract_extend_trial(contract=contract, months=3, reason="", acting_user=housing_handler)
    with pytest.raises(ValidationError, match="högst 24"):
        services.contract_extend_trial(contract=contract, months=7, reason="Störningar", acting_user=housing_handler)
    services.contract_extend_trial(
        contract=contract, months=6, reason="Störningar i våras", acting_user=housing_handler
    )
    contract.refresh_from_db()
    assert contract.trial_months == 24
    assert contract.trial_ends_on == Deadline.objects.get(pk=contract.trial_deadline_id).due_on
    assert contract.trial_ends_on >= contract.starts_on + relativedelta(months=24)
    assert contract.trial_changes.get().reason == "Störningar i våras"


def test_a_contract_ends_with_its_reason(start_contract, housing_handler):
    contract = start_contract(months_ago=3)
    services.contract_end(contract=contract, reason="Hyresgästen flyttade till annan ort.", acting_user=housing_handler)
    contract.refresh_from_db()
    assert contract.status == SocialContract.Status.ENDED
    with pytest.raises(ValidationError, match="inte längre på prövotid"):
        services.contract_extend_trial(contract=contract, months=1, reason="x", acting_user=housing_handler)


def test_trials_ending_within_60_days_are_listed_on_the_start_page(client, start_contract, housing_handler):
    ending = start_contract(months_ago=17)
    start_contract(months_ago=1)
    client.force_login(housing_handler)
    rows = client.get(reverse("housing:start")).context["trials"]
    assert [row.contract for row in rows] == [ending]


def test_the_contract_list_pages_filters_and_keeps_its_query_count(
    client, start_contract, housing_handler, django_assert_max_num_queries, django_assert_num_queries
):
    from tests.factories import PersonFactory

    start_contract(months_ago=17, person=PersonFactory(protected=True))
    start_contract(months_ago=2)
    client.force_login(housing_handler)
    url = reverse("housing:contract_list")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for months in range(3, 7):
        start_contract(months_ago=months)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 6
    assert len(client.get(url + "?slutar=1").context["rows"]) == 1
    assert "Skyddad adress" in client.get(url).content.decode() or "Skyddad identitet" not in response.content.decode()


def test_the_handler_passes_a_contract_through_the_pages(client, start_contract, housing_handler):
    contract = start_contract(months_ago=19)
    client.force_login(housing_handler)
    detail = reverse("housing:contract_detail", args=[contract.pk])
    assert client.get(detail).status_code == 200
    response = client.post(
        reverse("housing:follow_up_add", args=[contract.pk]), {"happened_on": "2000-01-01", "kind": "visit"}
    )
    assert response.status_code == 400 and "mellan kontraktets start och i dag" in response.content.decode()
    client.post(reverse("housing:contract_action", args=[contract.pk, "overgang"]), {"on": TODAY.isoformat()})
    contract.refresh_from_db()
    assert contract.status == SocialContract.Status.PASSED
    assert client.get(reverse("housing:contract_action", args=[contract.pk, "okand"])).status_code == 404


def test_an_unknown_start_date_defaults_to_the_answer_date(start_contract):
    contract = start_contract(months_ago=0)
    assert contract.starts_on == TODAY
    assert isinstance(contract.trial_ends_on, date)

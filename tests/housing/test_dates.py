"""Dates that make sense along the housing chain: the offer on or after the decision, the answer not before the offer,
the contract on or after the offer and the answer, the trial counted from the contract's start, and a decision made
after its deadline marked late with the number of days. The suite's date is Wednesday 2026-11-18 (tests/clock.py)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from dateutil.relativedelta import relativedelta

from cases.calendar import next_working_day
from housing import services
from housing.models import Flat, Offer, SocialContract
from housing.workflow import ApplicationStatus
from tests.clock import SUITE_DATE
from tests.housing.conftest import approve, flat, refer

TODAY = SUITE_DATE
DECIDED = date(2026, 11, 2)


@pytest.fixture
def approved(nexus_caseworker, housing_handler):
    application = refer(nexus_caseworker, handler=housing_handler, referred_on=date(2026, 10, 1))
    approve(application, housing_handler, decided_on=DECIDED)
    application.refresh_from_db()
    return application


@pytest.fixture
def free_flat(housing_handler, stock, districts):
    return flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])


@pytest.fixture
def offer(approved, free_flat, housing_handler):
    """Offered on 2026-11-10, eight days after the decision."""
    return services.offer_make(
        flat=free_flat,
        application=approved,
        offered_on=date(2026, 11, 10),
        answer_by=date(2026, 11, 17),
        acting_user=housing_handler,
    )


def test_an_offer_cannot_be_dated_before_the_decision(approved, free_flat, housing_handler):
    with pytest.raises(ValidationError) as refused:
        services.offer_make(
            flat=free_flat,
            application=approved,
            offered_on=DECIDED - timedelta(days=1),
            answer_by=TODAY,
            acting_user=housing_handler,
        )
    assert refused.value.message_dict == {
        "offered_on": ["Erbjudandet kan inte ligga före beslutet om bostad (2026-11-02)."]
    }
    assert not Offer.objects.exists()
    offer = services.offer_make(
        flat=free_flat, application=approved, offered_on=DECIDED, answer_by=TODAY, acting_user=housing_handler
    )
    assert offer.offered_on == DECIDED


def test_the_offer_form_refuses_a_date_before_the_decision_and_keeps_the_input(
    client, approved, free_flat, housing_handler
):
    client.force_login(housing_handler)
    response = client.post(
        reverse("housing:offer_make", args=[free_flat.pk, approved.pk]),
        {"offered_on": "2026-10-20", "answer_by": "2026-11-25"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Erbjudandet kan inte ligga före beslutet om bostad (2026-11-02)." in body
    assert 'value="2026-10-20"' in body and 'value="2026-11-25"' in body
    assert not Offer.objects.exists()


def test_an_offer_cannot_be_dated_in_the_future(approved, free_flat, housing_handler):
    with pytest.raises(ValidationError) as refused:
        services.offer_make(
            flat=free_flat,
            application=approved,
            offered_on=TODAY + timedelta(days=1),
            answer_by=TODAY + timedelta(days=8),
            acting_user=housing_handler,
            today=TODAY,
        )
    assert refused.value.message_dict == {"offered_on": ["”Erbjudet” kan inte ligga i framtiden."]}
    assert not Offer.objects.exists()


def test_the_offer_form_refuses_a_date_in_the_future_and_keeps_the_input(client, approved, free_flat, housing_handler):
    client.force_login(housing_handler)
    response = client.post(
        reverse("housing:offer_make", args=[free_flat.pk, approved.pk]),
        {"offered_on": "2026-11-19", "answer_by": "2026-11-26"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "”Erbjudet” kan inte ligga i framtiden." in body
    assert 'value="2026-11-19"' in body and 'value="2026-11-26"' in body
    assert not Offer.objects.exists()


def test_the_answer_cannot_be_dated_before_the_offer(offer, housing_handler):
    with pytest.raises(ValidationError) as refused:
        services.offer_accept(offer=offer, answered_on=date(2026, 11, 9), acting_user=housing_handler, today=TODAY)
    assert refused.value.message_dict == {"answered_on": ["Svarsdatumet ska ligga mellan erbjudandet och i dag."]}
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


def test_the_answer_form_refuses_an_answer_before_the_offer_and_keeps_the_input(client, offer, housing_handler):
    client.force_login(housing_handler)
    response = client.post(
        reverse("housing:offer_answer", args=[offer.pk]), {"answer": "accept", "answered_on": "2026-11-09"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Svarsdatumet ska ligga mellan erbjudandet och i dag." in body and 'value="2026-11-09"' in body
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


@pytest.mark.parametrize(
    ("starts_on", "message"),
    [
        # The walk: a contract start 600 days ago was accepted, and its trial was over before it was made.
        (TODAY - timedelta(days=600), "Kontraktet kan inte börja före erbjudandet (2026-11-10)."),
        (date(2026, 11, 9), "Kontraktet kan inte börja före erbjudandet (2026-11-10)."),
        (date(2026, 11, 11), "Kontraktet kan inte börja före svarsdatumet (2026-11-12)."),
    ],
)
def test_the_contract_cannot_start_before_the_offer_or_the_answer(offer, housing_handler, starts_on, message):
    with pytest.raises(ValidationError) as refused:
        services.offer_accept(
            offer=offer,
            answered_on=date(2026, 11, 12),
            terms=services.ContractTerms(starts_on=starts_on),
            acting_user=housing_handler,
            today=TODAY,
        )
    assert refused.value.message_dict == {"starts_on": [message]}
    offer.refresh_from_db()
    offer.flat.refresh_from_db()
    offer.application.refresh_from_db()
    assert offer.status == Offer.Status.OPEN and offer.flat.status == Flat.Status.OFFERED
    assert offer.application.status == ApplicationStatus.APPROVED and not SocialContract.objects.exists()


def test_the_answer_form_refuses_a_contract_start_before_the_answer_and_keeps_the_input(client, offer, housing_handler):
    client.force_login(housing_handler)
    response = client.post(
        reverse("housing:offer_answer", args=[offer.pk]),
        {"answer": "accept", "answered_on": "2026-11-12", "starts_on": "2025-04-02", "trial_months": 18},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kontraktet kan inte börja före erbjudandet (2026-11-10)." in body
    assert 'value="2026-11-12"' in body and 'value="2025-04-02"' in body
    assert not SocialContract.objects.exists()


def test_the_trial_runs_from_the_contract_start_not_from_the_answer(offer, housing_handler):
    starts_on = date(2026, 12, 1)
    services.offer_accept(
        offer=offer,
        answered_on=date(2026, 11, 12),
        terms=services.ContractTerms(starts_on=starts_on, trial_months=12),
        acting_user=housing_handler,
        today=TODAY,
    )
    contract = SocialContract.objects.get()
    assert contract.starts_on == starts_on
    assert contract.trial_ends_on == next_working_day(starts_on + relativedelta(months=12)) == date(2027, 12, 1)
    assert contract.trial_deadline.starts_on == starts_on and contract.trial_deadline.due_on == contract.trial_ends_on


def test_without_a_start_date_the_contract_starts_on_the_answer_date(offer, housing_handler):
    services.offer_accept(offer=offer, answered_on=date(2026, 11, 12), acting_user=housing_handler, today=TODAY)
    contract = SocialContract.objects.get()
    assert contract.starts_on == date(2026, 11, 12)
    assert contract.trial_ends_on == date(2028, 5, 12)  # 18 months, a Friday


def test_a_decision_made_after_its_deadline_is_marked_late_on_the_page_and_the_list(
    client, nexus_caseworker, housing_handler
):
    application = refer(nexus_caseworker, handler=housing_handler, referred_on=date(2026, 3, 2))
    due_on = application.decision_deadline.due_on
    assert due_on < TODAY - timedelta(days=1)
    approve(application, housing_handler, decided_on=TODAY)
    late = (TODAY - due_on).days
    on_time = refer(nexus_caseworker, handler=housing_handler, referred_on=date(2026, 10, 1))
    approve(on_time, housing_handler, decided_on=TODAY)

    client.force_login(housing_handler)
    page = client.get(reverse("housing:application_detail", args=[application.pk])).content.decode()
    deadline = page.split('data-testid="decision-deadline">')[1].split("</dd>")[0]
    assert f"Försenad {late} dagar" in deadline and "Klar" not in deadline
    listing = client.get(reverse("housing:application_list")).content.decode()
    assert f"Försenad {late} dagar" in listing
    assert "Klar" in listing  # the decision made in time
    page = client.get(reverse("housing:application_detail", args=[on_time.pk])).content.decode()
    assert "Klar" in page.split('data-testid="decision-deadline">')[1].split("</dd>")[0]

"""The queue page, matching a flat and the offer forms."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from housing import services
from housing.models import DeclineReason, Flat, HousingApplication, Offer
from housing.workflow import ApplicationStatus
from tests.factories import PersonFactory
from tests.housing.conftest import approve, flat, refer

TODAY = timezone.localdate()


def _approved(nexus_caseworker, housing_handler, days_ago, **kwargs):
    application = refer(nexus_caseworker, handler=housing_handler, referred_on=TODAY - timedelta(days=days_ago + 9),
                        **kwargs)  # fmt: skip
    approve(application, housing_handler, decided_on=TODAY - timedelta(days=days_ago))
    return application


def test_the_queue_page_shows_position_and_why_with_constant_queries(
    client, nexus_caseworker, housing_handler, django_assert_max_num_queries, django_assert_num_queries
):
    for days in (40, 30):
        _approved(nexus_caseworker, housing_handler, days, person=PersonFactory(protected=True))
    client.force_login(housing_handler)
    url = reverse("housing:queue")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for days in range(1, 9):
        _approved(nexus_caseworker, housing_handler, days)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    rows = response.context["rows"]
    assert [row.position for row in rows] == list(range(1, 11))
    assert rows[0].why.startswith("Först i kön")
    assert "efter plats 1 genom senare beslutsdatum" in rows[1].why
    assert "Hushåll med barn går före" in response.content.decode()


def test_the_second_page_of_the_queue_explains_its_first_row_against_the_last_of_the_first(
    client, nexus_caseworker, housing_handler
):
    for days in range(30, 4, -1):
        _approved(nexus_caseworker, housing_handler, days)
    client.force_login(housing_handler)
    rows = client.get(reverse("housing:queue") + "?sida=2").context["rows"]
    assert [row.position for row in rows] == [26]
    assert "efter plats 25 genom senare beslutsdatum" in rows[0].why


def test_the_match_page_proposes_fitting_applicants_and_says_what_fails(
    client, nexus_caseworker, housing_handler, stock, districts
):
    avoiding = _approved(nexus_caseworker, housing_handler, 50, avoid_districts=[districts["Gränby"]])
    too_big = _approved(nexus_caseworker, housing_handler, 40, rooms=5)
    fits = _approved(nexus_caseworker, housing_handler, 30)
    target = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], rooms=2)
    client.force_login(housing_handler)
    response = client.get(reverse("housing:flat_match", args=[target.pk]))
    body = response.content.decode()
    assert [m.application for m in response.context["result"].proposals] == [fits]
    assert too_big.case.number in body and "För få rum" in body
    assert avoiding.case.number not in body
    assert "1 sökande i kön visas inte" in body


def test_an_out_of_order_offer_form_asks_for_the_reason_and_keeps_the_input(
    client, nexus_caseworker, housing_handler, stock, districts
):
    _approved(nexus_caseworker, housing_handler, 40)
    second = _approved(nexus_caseworker, housing_handler, 30)
    target = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    client.force_login(housing_handler)
    url = reverse("housing:offer_make", args=[target.pk, second.pk])
    data = {"offered_on": TODAY.isoformat(), "answer_by": (TODAY + timedelta(days=5)).isoformat()}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Sökande på plats 1 går före i kön" in response.content.decode()
    assert (TODAY + timedelta(days=5)).isoformat() in response.content.decode()
    response = client.post(url, data | {"out_of_order_reason": "Plats 1 har tackat nej till området tidigare."})
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.out_of_order_reason == "Plats 1 har tackat nej till området tidigare."


def test_the_handler_answers_an_offer_with_a_decline_and_then_an_accept(
    client, nexus_caseworker, housing_handler, stock, districts
):
    applicant = _approved(nexus_caseworker, housing_handler, 40)
    target = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    client.force_login(housing_handler)
    offer_url = reverse("housing:offer_make", args=[target.pk, applicant.pk])
    dates = {"offered_on": TODAY.isoformat(), "answer_by": TODAY.isoformat()}
    client.post(offer_url, dates)
    offer = Offer.objects.get()
    answer = reverse("housing:offer_answer", args=[offer.pk])
    response = client.post(answer, {"answer": "decline", "answered_on": TODAY.isoformat()})
    assert response.status_code == 400 and "Välj skälet till nej" in response.content.decode()
    reason = DeclineReason.objects.get(consequence="none", who="applicant")
    client.post(answer, {"answer": "decline", "answered_on": TODAY.isoformat(), "reason": reason.pk,
                         "note": "Vill bo närmare skolan"})  # fmt: skip
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert (
        "Vill bo närmare skolan"
        in client.get(reverse("housing:application_detail", args=[applicant.pk])).content.decode()
    )
    client.post(offer_url, dates)
    second = Offer.objects.get(status=Offer.Status.OPEN)
    client.post(reverse("housing:offer_answer", args=[second.pk]), {"answer": "accept", "answered_on": TODAY})
    applicant.refresh_from_db()
    target.refresh_from_db()
    assert applicant.status == ApplicationStatus.HOUSED
    assert target.status == Flat.Status.LET


def test_the_start_page_lists_offers_awaiting_an_answer(client, nexus_caseworker, housing_handler, stock, districts):
    applicant = _approved(nexus_caseworker, housing_handler, 40)
    target = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    client.force_login(housing_handler)
    client.post(reverse("housing:offer_make", args=[target.pk, applicant.pk]),
                {"offered_on": TODAY.isoformat(), "answer_by": TODAY.isoformat()})  # fmt: skip
    response = client.get(reverse("housing:start"))
    assert [o.application for o in response.context["open_offers"]] == [HousingApplication.objects.get()]


def test_the_start_page_lists_pauses_that_have_run_out(client, nexus_caseworker, housing_handler):
    from cases.services.common import save

    paused = _approved(nexus_caseworker, housing_handler, 40)
    services.application_transition(application=paused, to_status="paused", reason="Vård", acting_user=housing_handler)
    client.force_login(housing_handler)
    assert client.get(reverse("housing:start")).context["pauses_ended"] == []
    paused.refresh_from_db()
    paused.paused_until = TODAY
    save(paused, housing_handler, update_fields=["paused_until"])
    rows = client.get(reverse("housing:start")).context["pauses_ended"]
    assert [row.application for row in rows] == [paused]

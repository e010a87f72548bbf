"""The queue page, matching a flat and the offer forms."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from housing import queue, selectors, services
from housing.models import DeclineReason, Flat, HousingApplication, Offer
from housing.workflow import ApplicationStatus
from tests.factories import PersonFactory
from tests.housing.conftest import approve, flat, refer

TODAY = timezone.localdate()


def _approved(nexus_caseworker, housing_handler, days_ago, **kwargs):
    application = refer(
        nexus_caseworker, handler=housing_handler, referred_on=TODAY - timedelta(days=days_ago + 9), **kwargs
    )
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
    first = client.get(reverse("housing:queue"))
    assert f"?efter={first.context['page'].after}" in first.content.decode()
    second = client.get(reverse("housing:queue") + f"?efter={first.context['page'].after}")
    rows = second.context["rows"]
    assert [row.position for row in rows] == [26]
    assert "efter plats 25 genom senare beslutsdatum" in rows[0].why
    assert "26 sökande i kön Här visas plats 26–26." in " ".join(second.content.decode().split())


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_paging_the_queue_shows_everyone_once_in_order_forward_and_back_at_the_same_cost(
    client, nexus_caseworker, housing_handler, monkeypatch
):
    """Ties on the decision and referral dates, and the children's group, fall across the page boundaries."""
    monkeypatch.setattr(selectors, "PAGE_SIZE", 4)
    child = [services.ChildInput("Barn", TODAY.year - 4)]
    for days, children in [
        (30, []),
        (30, []),
        (30, []),
        (20, child),
        (20, []),
        (20, []),
        (10, child),
        (10, []),
        (40, []),
        (40, child),
    ]:
        _approved(nexus_caseworker, housing_handler, days, children=children)
    whole = list(queue.queued(HousingApplication.objects.all()))  # the whole queue numbered at once
    expected = [(e.pk, e.position, queue.why(e, whole[i - 1] if i else None)) for i, e in enumerate(whole)]
    client.force_login(housing_handler)
    url = reverse("housing:queue")
    client.get(url)  # the first request after logging in also stores the session's clock
    pages, link = [], ""
    while True:
        pages.append(client.get(url + link).context["page"])
        if pages[-1].after is None:
            break
        link = f"?efter={pages[-1].after}"
    assert [(row.application.pk, row.position, row.why) for page in pages for row in page.rows] == expected
    assert [row.position for page in pages for row in page.rows] == list(range(1, 11))
    assert [page.total for page in pages] == [10, 10, 10]
    assert pages[0].before is None and pages[2].after is None

    back = client.get(url + f"?fore={pages[2].before}").context["page"]
    assert [(row.application.pk, row.position, row.why) for row in back.rows] == [
        (row.application.pk, row.position, row.why) for row in pages[1].rows
    ]
    assert _queries(client, url) == _queries(client, url + link) == _queries(client, url + f"?fore={pages[2].before}")


def test_a_malformed_place_in_the_link_starts_the_queue_from_the_first_applicant(
    client, nexus_caseworker, housing_handler
):
    first = _approved(nexus_caseworker, housing_handler, 10)
    client.force_login(housing_handler)
    for link in ("?efter=x", "?fore=1_2025-13-01_2025-01-01_2025_1", "?efter=1_2_3"):
        assert [row.application for row in client.get(reverse("housing:queue") + link).context["rows"]] == [first]


def test_the_application_page_and_the_relocation_request_give_the_place_the_queue_page_shows(
    client, nexus_caseworker, housing_handler
):
    child = [services.ChildInput("Barn", TODAY.year - 4)]
    for days, children in [(30, []), (30, []), (20, child), (10, [])]:
        _approved(nexus_caseworker, housing_handler, days, children=children)
    client.force_login(housing_handler)
    rows = client.get(reverse("housing:queue")).context["rows"]
    for row in rows:
        application = HousingApplication.objects.select_related("case").get(pk=row.application.pk)
        detail = client.get(reverse("housing:application_detail", args=[application.pk])).context["detail"]
        assert detail.queue_position == (row.position, row.why)
        assert selectors.queue_place(application) == row.position


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
    client.post(
        answer,
        {"answer": "decline", "answered_on": TODAY.isoformat(), "reason": reason.pk, "note": "Vill bo närmare skolan"},
    )
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
    client.post(
        reverse("housing:offer_make", args=[target.pk, applicant.pk]),
        {"offered_on": TODAY.isoformat(), "answer_by": TODAY.isoformat()},
    )
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

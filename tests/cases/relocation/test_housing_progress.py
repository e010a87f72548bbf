# ruff: noqa: F811 - the housing unit's fixtures `stock` and `districts` are imported, then requested by name
"""After the hand-over the request shows the housing application as it happens — investigation, decision, place in
the queue, offer, move-in — and the time from the request to the first offer, and the relocation pool's used and
left. The partner sees the state and the dates only."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.relocation import services as relocation
from cases.relocation.models import RelocationRequest
from cases.relocation.progress import time_to_offer, with_first_offer
from cases.relocation.workflow import State
from housing import services as housing_services
from housing.models import HousingApplication
from housing.selectors import queue_place
from tests.cases.relocation.world import assess, open_request
from tests.housing.conftest import approve, districts, flat, refer, stock  # noqa: F401 - fixtures


@pytest.fixture
def handed_over(networks, nexus_caseworker):
    received = timezone.localdate() - timedelta(days=20)
    request = open_request(networks, nexus_caseworker, on=received)
    assess(request, nexus_caseworker, on=received + timedelta(days=5))
    return relocation.request_transition(
        request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker, on=received + timedelta(days=5)
    )


def page_of(client, user, request) -> str:
    client.force_login(user)
    return client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()


def test_the_request_follows_its_application_through_queue_offer_and_move_in(
    client,
    handed_over,
    stock,
    districts,
    nexus_caseworker,
    housing_handler,
    partner_vasteras,
):
    application = HousingApplication.objects.get(case=handed_over.housing_case)
    page = page_of(client, nexus_caseworker, handed_over)
    assert "Remitterad" in page and "Beslut senast" in page
    earlier = timezone.localdate() - timedelta(days=40)
    ahead = refer(housing_handler, referred_on=earlier)
    approve(ahead, housing_handler, decided_on=earlier)
    approve(application, housing_handler)
    application.refresh_from_db()
    ahead.refresh_from_db()
    assert queue_place(application) == 2 and queue_place(ahead) == 1
    page = page_of(client, nexus_caseworker, handed_over)
    assert "Bifallen, i kö" in page and "Bifall," in page
    assert '<dd class="govuk-summary-list__value" data-testid="queue-position">2</dd>' in page

    reserved = flat(
        housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"], pool=stock.relocation_pool, rooms=3
    )
    offer = housing_services.offer_make(
        flat=reserved,
        application=application,
        answer_by=timezone.localdate() + timedelta(days=7),
        out_of_order_reason="Lägenheten är reserverad för förflyttningar.",
        acting_user=housing_handler,
    )
    page = page_of(client, nexus_caseworker, handed_over)
    assert "Väntar på svar" in page and "Från förfrågan till erbjudande" in page
    assert "20 dagar" in page  # received 20 days ago, offered today

    partner_page = page_of(client, partner_vasteras, handed_over)
    assert "Bifallen, i kö" in partner_page and offer.offered_on.isoformat() in partner_page
    for ours in ("queue-position", "Bifall,", "Väntar på svar", application.case.number, "Reserverade lägenheter"):
        assert ours not in partner_page, ours

    housing_services.offer_accept(offer=offer, acting_user=housing_handler)
    handed_over.refresh_from_db()
    assert handed_over.state == State.HOUSED and handed_over.housed_on == timezone.localdate()
    page = page_of(client, nexus_caseworker, handed_over)
    assert "Inflyttad" in page and "Kontrakt tecknat" in page
    assert "Förflyttningar: 1 av 5 använda i år, 4 kvar" in page
    assert "Inflyttad" in page_of(client, partner_vasteras, handed_over)
    assert time_to_offer(handed_over).days == 20


def test_time_to_offer_is_one_query_for_any_number_of_requests(networks, nexus_caseworker, handed_over):
    open_request(networks, nexus_caseworker)
    with CaptureQueriesContext(connection) as queries:
        rows = list(with_first_offer(RelocationRequest.objects.all()).values_list("pk", "first_offer_on"))
    assert len(queries) == 1 and len(rows) == 2 and {first for _, first in rows} == {None}
    assert time_to_offer(handed_over).days is None and time_to_offer(handed_over).days_so_far() == 20


def test_the_pool_shows_before_any_hand_over_and_not_to_the_partner(
    client,
    networks,
    stock,
    nexus_caseworker,
    partner_vasteras,
):
    request = open_request(networks, nexus_caseworker)
    assert "Förflyttningar: 0 av 5 använda i år, 5 kvar" in page_of(client, nexus_caseworker, request)
    assert "Reserverade lägenheter" not in page_of(client, partner_vasteras, request)

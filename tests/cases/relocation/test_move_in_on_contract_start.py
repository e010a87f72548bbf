# ruff: noqa: F811 - the housing unit's fixtures `stock` and `districts` are imported, then requested by name
"""The move-in is the social contract's start: a request handed over to the housing unit says "Erbjudande
accepterat" from the acceptance of a flat until the contract starts, and "Inflyttad" from that day, reported by the
nightly task. Nexus's protection assessment made after its two weeks is marked late. Fixed dates around the suite's
Wednesday 2026-11-18 (tests/clock.py)."""

from datetime import date, datetime

from django.urls import reverse

import pytest
import time_machine

from cases.models import Deadline
from cases.relocation import services as relocation
from cases.relocation.services import NEXUS_ASSESSMENT
from cases.relocation.workflow import State
from housing import services as housing_services
from housing.models import HousingApplication, SocialContract
from housing.tasks import report_move_ins
from tests.cases.relocation.world import assess, open_request
from tests.clock import STOCKHOLM
from tests.housing.conftest import approve, districts, flat, stock  # noqa: F401 - fixtures

RECEIVED, HANDED_OVER = date(2026, 10, 12), date(2026, 11, 5)
STARTS_ON = date(2026, 12, 1)


def offered(networks, nexus_caseworker, housing_handler, stock, districts):
    """A request received 2026-10-12 and handed over 2026-11-05, its applicant approved and offered a flat on
    2026-11-09 with an answer by 2026-11-16."""
    request = open_request(networks, nexus_caseworker, on=RECEIVED)
    assess(request, nexus_caseworker, on=HANDED_OVER)
    request = relocation.request_transition(
        request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker, on=HANDED_OVER
    )
    application = HousingApplication.objects.get(case=request.housing_case)
    approve(application, housing_handler, decided_on=date(2026, 11, 6))
    offer = housing_services.offer_make(
        flat=flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"]),
        application=application,
        offered_on=date(2026, 11, 9),
        answer_by=date(2026, 11, 16),
        acting_user=housing_handler,
    )
    return request, offer


@pytest.fixture
def accepted(networks, nexus_caseworker, housing_handler, stock, districts):
    """The offer accepted on 2026-11-16 with a contract starting 2026-12-01."""
    request, offer = offered(networks, nexus_caseworker, housing_handler, stock, districts)
    housing_services.offer_accept(
        offer=offer,
        answered_on=date(2026, 11, 16),
        terms=housing_services.ContractTerms(starts_on=STARTS_ON),
        acting_user=housing_handler,
        today=date(2026, 11, 18),
    )
    return request


def state_on_page(client, user, request) -> str:
    client.force_login(user)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    return page.split('data-testid="request-state">')[1].split("</strong>")[0]


def test_until_the_contract_starts_the_request_says_offer_accepted(
    client, accepted, nexus_caseworker, partner_vasteras
):
    accepted.refresh_from_db()
    assert accepted.state == State.HANDED_OVER and accepted.housed_on is None
    assert state_on_page(client, nexus_caseworker, accepted) == "Erbjudande accepterat"
    page = client.get(reverse("cases:relocation_detail", args=[accepted.case.pk])).content.decode()
    assert "Kontraktet börjar 2026-12-01" in page
    assert state_on_page(client, partner_vasteras, accepted) == "Erbjudande accepterat"

    assert housing_services.contracts_report_move_ins(today=date(2026, 11, 30)) == []
    accepted.refresh_from_db()
    assert accepted.state == State.HANDED_OVER


def test_on_the_contract_start_the_request_says_moved_in_once(client, accepted, nexus_caseworker):
    contract = SocialContract.objects.get()
    assert housing_services.contracts_report_move_ins(today=STARTS_ON) == [contract]
    accepted.refresh_from_db()
    assert accepted.state == State.HOUSED and accepted.housed_on == STARTS_ON
    assert state_on_page(client, nexus_caseworker, accepted) == "Inflyttad"
    assert housing_services.contracts_report_move_ins(today=date(2026, 12, 2)) == []  # reported once
    assert accepted.transitions.filter(to_state=State.HOUSED).count() == 1


def test_the_nightly_task_reports_the_move_in_on_the_start_date(accepted):
    with time_machine.travel(datetime(2026, 11, 30, 0, 15, tzinfo=STOCKHOLM)):
        assert report_move_ins() == 0
    with time_machine.travel(datetime(2026, 12, 1, 0, 15, tzinfo=STOCKHOLM)):
        assert report_move_ins() == 1
        assert report_move_ins() == 0
    accepted.refresh_from_db()
    assert accepted.state == State.HOUSED and accepted.housed_on == STARTS_ON


def test_a_contract_starting_on_the_answer_reports_the_move_in_at_once(
    networks, nexus_caseworker, housing_handler, stock, districts
):
    request, offer = offered(networks, nexus_caseworker, housing_handler, stock, districts)
    housing_services.offer_accept(offer=offer, answered_on=date(2026, 11, 16), acting_user=housing_handler)
    request.refresh_from_db()
    assert request.state == State.HOUSED and request.housed_on == date(2026, 11, 16)
    assert SocialContract.objects.get().move_in_reported_on == date(2026, 11, 16)
    assert housing_services.contracts_report_move_ins(today=date(2026, 11, 18)) == []


def test_a_protection_assessment_made_after_its_two_weeks_is_marked_late(client, accepted, nexus_caseworker):
    assessment = accepted.case.deadlines.get(label=NEXUS_ASSESSMENT)
    assert assessment.status == Deadline.Status.MET and assessment.met_on == HANDED_OVER
    assert assessment.due_on == date(2026, 10, 26)
    client.force_login(nexus_caseworker)
    page = client.get(reverse("cases:relocation_detail", args=[accepted.case.pk])).content.decode()
    deadlines = page.split('data-testid="deadlines">')[1].split("</ul>")[0]
    assert "Försenad 10 dagar" in deadlines


def test_the_request_list_says_offer_accepted_until_the_contract_starts(
    client, accepted, nexus_caseworker, partner_vasteras
):
    for user in (nexus_caseworker, partner_vasteras):
        client.force_login(user)
        table = client.get(reverse("cases:relocation_list")).content.decode().split('data-testid="request-table"')[1]
        assert "Erbjudande accepterat" in table and "Lämnad till bostadsenheten" not in table

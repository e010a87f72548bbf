"""The committee's relocation figures for a year, from requests walked through the real services: Table 1 per
direction, network and partner, decisions, processing times against the two deadlines, request to offer,
reciprocity and the reserved flats. The period is 2025, both ends included."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from cases import services
from cases.models import CaseParty, District, Landlord
from cases.relocation import services as relocation
from cases.relocation.models import Direction, TelephoneInquiry
from cases.relocation.statistics import relocation_figures
from cases.relocation.workflow import State
from housing import services as housing
from housing.models import ChecklistItem, ReservationPool
from tests.cases.relocation.world import CRITERIA, assess
from tests.factories import PersonFactory

START, END = date(2025, 1, 1), date(2025, 12, 31)


def request(networks, nexus, *, on, direction=Direction.INCOMING, county=False):
    request = relocation.request_open(
        direction=direction,
        network=networks.lanskompotten if county else networks.kompotten,
        municipality=networks.enkoping if county else networks.vasteras,
        on=on,
        acting_user=nexus,
        **CRITERIA,
    )
    person = PersonFactory(acting_user=nexus)
    services.case_add_person(case=request.case, person=person, role=CaseParty.Role.APPLICANT, acting_user=nexus)
    return request


def move(request, to_state, user, on):
    if to_state in (State.HANDED_OVER, State.REJECTED_BY_NEXUS):
        assess(request, user, confirmed=to_state == State.HANDED_OVER, on=on)
    return relocation.request_transition(request=request, to_state=to_state, acting_user=user, on=on, reason="Skäl")


def decide(request, handler, outcome, on):
    application = request.housing_case.housing_application
    housing.checklist_save(
        application=application, done=dict.fromkeys(ChecklistItem.objects.filter(active=True), ""), acting_user=handler
    )
    housing.application_decide(
        application=application, outcome=outcome, reasons="Utrett.", decided_on=on, acting_user=handler
    )
    return application


def inquiry(networks, nexus, on, direction=Direction.INCOMING, county=False):
    relocation.inquiry_record(
        occurred_on=on,
        direction=direction,
        acting_user=nexus,
        network=networks.lanskompotten if county else networks.kompotten,
        municipality=networks.enkoping if county else networks.vasteras,
        topic=TelephoneInquiry.Topic.HOUSING_SITUATION,
        stop_reason=TelephoneInquiry.StopReason.NO_FLATS,
    )


@pytest.fixture
def year_2025(networks, nexus_caseworker, housing_handler, partner_vasteras, administrator):
    """Incoming from Västerås: A (handed over in 7 days, approved, offered and housed), B (rejected by Nexus
    after 21 days, late), C (received in 2024, handed over 2 January in 13 days, refused after the three months).
    Incoming from Enköping on 31 December (D) and on 1 January 2026 (outside). Outgoing to Västerås: F, sent,
    accepted, housed. Telephone: two in from Västerås, one out to Enköping, one in on 31 December 2024 (outside).
    The relocation pool promises five flats in 2025; A's flat is taken from it."""
    nexus, handler = nexus_caseworker, housing_handler
    a = request(networks, nexus, on=date(2025, 3, 3))
    a = move(a, State.HANDED_OVER, nexus, date(2025, 3, 10))
    decide(a, handler, "approved", date(2025, 5, 10))
    b = move(request(networks, nexus, on=date(2025, 4, 1)), State.REJECTED_BY_NEXUS, nexus, date(2025, 4, 22))
    c = move(request(networks, nexus, on=date(2024, 12, 20)), State.HANDED_OVER, nexus, date(2025, 1, 2))
    decide(c, handler, "rejected", date(2025, 7, 15))
    request(networks, nexus, on=date(2025, 12, 31), county=True)
    request(networks, nexus, on=date(2026, 1, 1), county=True)
    f = request(networks, nexus, on=date(2025, 1, 20), direction=Direction.OUTGOING)
    relocation.consent_record(request=f, given_on=date(2025, 1, 20), acting_user=nexus)
    move(f, State.SENT, nexus, date(2025, 2, 1))
    move(f, State.ACCEPTED, partner_vasteras, date(2025, 2, 15))
    move(f, State.HOUSED, nexus, date(2025, 6, 1))
    inquiry(networks, nexus, date(2025, 2, 3))
    inquiry(networks, nexus, date(2025, 9, 9))
    inquiry(networks, nexus, date(2025, 10, 1), direction=Direction.OUTGOING, county=True)
    inquiry(networks, nexus, date(2024, 12, 31))
    _offer_a_reserved_flat(a, handler, administrator)
    return {"a": a, "b": b, "c": c, "f": f}


def _offer_a_reserved_flat(request, handler, administrator):
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    kind = ReservationPool.Kind.RELOCATION
    pool = ReservationPool.objects.create(name="Förflyttningar", kind=kind, landlord=landlord)
    housing.pool_set_quota(pool=pool, year=2025, promised=5, acting_user=administrator)
    flat = housing.flat_register(
        landlord=landlord,
        pool=pool,
        street_address="Storgatan 1",
        postal_code="75320",
        district=District.objects.create(name="Luthagen"),
        rooms=2,
        area=Decimal("55.0"),
        rent=6500,
        floor=1,
        available_from=date(2025, 5, 1),
        acting_user=handler,
    )
    offer = housing.offer_make(
        flat=flat,
        application=request.housing_case.housing_application,
        offered_on=date(2025, 6, 2),
        answer_by=date(2025, 6, 9),
        acting_user=handler,
    )
    housing.offer_accept(offer=offer, answered_on=date(2025, 6, 5), acting_user=handler)


def test_table_1_counts_formal_requests_inquiries_and_households_housed_each_way(year_2025):
    figures = relocation_figures(START, END)
    assert (figures.incoming.formal, figures.incoming.telephone, figures.incoming.housed) == (3, 2, 1)
    assert (figures.outgoing.formal, figures.outgoing.telephone, figures.outgoing.housed) == (1, 1, 1)


def test_table_1_per_network_and_partner(year_2025):
    rows = {(row.network, row.municipality): row for row in relocation_figures(START, END).partners}
    vasteras, enkoping = rows[("Kompotten", "Västerås")], rows[("Länskompotten Uppsala län", "Enköping")]
    assert (vasteras.incoming.formal, vasteras.incoming.telephone, vasteras.incoming.housed) == (2, 2, 1)
    assert (vasteras.outgoing.formal, vasteras.outgoing.telephone, vasteras.outgoing.housed) == (1, 0, 1)
    assert (enkoping.incoming.formal, enkoping.outgoing.telephone) == (1, 1)
    networks = {row.network: row for row in relocation_figures(START, END).networks}
    assert networks["Länskompotten Uppsala län"].incoming.formal == 1


def test_decisions_of_nexus_the_partner_and_the_housing_unit(year_2025):
    decisions = relocation_figures(START, END).decisions
    assert (decisions.handed_over, decisions.rejected_by_nexus) == (2, 1)
    assert (decisions.accepted_by_partner, decisions.rejected_by_partner) == (1, 0)
    assert {row.value: row.count for row in decisions.housing} == {"approved": 1, "rejected": 1}


def test_processing_times_against_the_two_week_and_three_month_deadlines(year_2025):
    figures = relocation_figures(START, END)
    # Nexus: A 7 days (within), B 21 days (late), C 13 days (within; received in 2024, assessed in 2025).
    assert figures.nexus_assessment.count == 3
    assert figures.nexus_assessment.median_days == 13
    assert figures.nexus_assessment.within_deadline == 2
    assert figures.nexus_assessment.share_within == pytest.approx(2 / 3)
    # Housing unit: A 61 days (within three months), C 194 days (late).
    assert figures.housing_decision.count == 2
    assert figures.housing_decision.median_days == pytest.approx((61 + 194) / 2)
    assert figures.housing_decision.share_within == 0.5
    # A: received 3 March, first offer 2 June.
    assert (figures.request_to_offer.count, figures.request_to_offer.median_days) == (1, 91)


def test_reciprocity_and_reserved_flats(year_2025):
    figures = relocation_figures(START, END)
    assert [(row.municipality, row.housed_here, row.housed_there, row.balance) for row in figures.reciprocity] == [
        ("Västerås", 1, 1, 0)
    ]
    assert (figures.reserved_flats.promised, figures.reserved_flats.used, figures.reserved_flats.left) == (5, 1, 4)


def test_the_period_includes_both_ends(year_2025):
    assert relocation_figures(date(2025, 12, 31), date(2025, 12, 31)).incoming.formal == 1
    assert relocation_figures(date(2026, 1, 1), date(2026, 1, 1)).incoming.formal == 1
    assert relocation_figures(date(2025, 3, 3), date(2025, 3, 3)).incoming.formal == 1
    assert relocation_figures(date(2025, 3, 4), date(2025, 3, 31)).incoming.formal == 0
    empty = relocation_figures(date(2024, 1, 1), date(2024, 6, 30))
    assert (empty.nexus_assessment.count, empty.nexus_assessment.median_days, empty.nexus_assessment.share_within) == (
        0,
        None,
        None,
    )


def test_the_query_count_does_not_grow_with_the_requests(networks, nexus_caseworker):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            relocation_figures(START, END)
        return len(captured)

    first = move(
        request(networks, nexus_caseworker, on=date(2025, 2, 3)), State.HANDED_OVER, nexus_caseworker, date(2025, 2, 10)
    )
    inquiry(networks, nexus_caseworker, date(2025, 2, 3))
    few = queries()
    for n in range(6):
        day = date(2025, 3, 1) + timedelta(days=n * 20)
        move(
            request(networks, nexus_caseworker, on=day, county=bool(n % 2)),
            State.REJECTED_BY_NEXUS,
            nexus_caseworker,
            day + timedelta(days=n),
        )
        inquiry(networks, nexus_caseworker, day, direction=Direction.OUTGOING, county=bool(n % 2))
    assert first.handed_over_on == date(2025, 2, 10)
    assert queries() == few <= 12

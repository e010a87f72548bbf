"""The housing chain's figures for a period, from records made through the real services: referrals per kind,
decisions and their processing time, contracts started and passed, placements ended by outcome with their children,
kundvård, Nexus's flats and the landlords' quotas. The period is 2025, both ends included."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from housing import services
from housing.models import NexusFlat, PlacementOutcome, ReferralKind, ReservationPool, ShelterProvider
from housing.statistics import housing_figures
from kompotten.models import Unit
from tests.factories import PersonFactory, open_case
from tests.housing.conftest import approve, flat, investigate, refer

START, END = date(2025, 1, 1), date(2025, 12, 31)


def nexus_case(nexus):
    return open_case(unit_kind=Unit.Kind.NEXUS, persons=[PersonFactory(acting_user=nexus)], acting_user=nexus)


def reject(application, by, on):
    investigate(application, by)
    return services.application_decide(
        application=application, outcome="rejected", reasons="Inte styrkt.", decided_on=on, acting_user=by
    )


def housed(application, handler, *, landlord, district, on, pool=None):
    offered = flat(handler, landlord=landlord, district=district, pool=pool, available_from=on)
    offer = services.offer_make(
        flat=offered, application=application, offered_on=on, answer_by=on + timedelta(days=7), acting_user=handler
    )
    services.offer_accept(offer=offer, answered_on=on, acting_user=handler)
    return application.contract


@pytest.fixture
def year_2025(stock, districts, nexus_caseworker, housing_handler, administrator):
    nexus, handler, district = nexus_caseworker, housing_handler, districts["Luthagen"]
    # Referrals: two through the chain and one direct in 2025, one on 31 December 2024 (outside).
    first = refer(nexus, referred_on=date(2025, 2, 1))
    second = refer(nexus, referred_on=date(2025, 3, 1))
    direct = refer(handler, referral_kind=ReferralKind.DIRECT, referred_on=date(2025, 4, 1))
    refer(nexus, referred_on=date(2024, 12, 31))
    approve(first, handler, decided_on=date(2025, 3, 1))  # 28 days, within three months
    reject(second, handler, date(2025, 7, 1))  # 122 days, past the deadline of 1 June
    approve(direct, handler, decided_on=date(2025, 4, 10))  # 9 days
    housed(first, handler, landlord=stock.uppsalahem, district=district, on=date(2025, 5, 5))
    # A contract started in 2023 passes to the tenant in 2025, once its 18-month trial is over.
    old = refer(nexus, referred_on=date(2023, 1, 10))
    approve(old, handler, decided_on=date(2023, 2, 1))
    contract = housed(old, handler, landlord=stock.private, district=district, on=date(2023, 6, 1))
    services.contract_pass_to_tenant(contract=contract, on=date(2025, 1, 15), acting_user=handler)
    # Placements ended: with the provider's first-hand contract (two children came, two got a home), an own
    # solution on 31 December, and one on 1 January 2026 (outside).
    provider = ShelterProvider.objects.create(name="Skyddat AB", agreement="RA-1")
    for ends_on, outcome, children in (
        (date(2025, 2, 1), PlacementOutcome.FIRST_HAND_VIA_PROVIDER, 2),
        (date(2025, 12, 31), PlacementOutcome.OWN_SOLUTION, 1),
        (date(2026, 1, 1), PlacementOutcome.OWN_SOLUTION, 0),
    ):
        placement = services.placement_start(
            case=nexus_case(nexus), provider=provider, starts_on=date(2024, 6, 1), children=children, acting_user=nexus
        )
        housed_children = children if outcome == PlacementOutcome.FIRST_HAND_VIA_PROVIDER else 0
        services.placement_end(
            placement=placement, ends_on=ends_on, outcome=outcome, outcome_children=housed_children, acting_user=nexus
        )
    # Kundvård granted with a new lease in the victim's name.
    kundvard = services.kundvard_request(
        case=nexus_case(nexus),
        landlord=stock.uppsalahem,
        requested_on=date(2025, 3, 1),
        risk_assessed_on=date(2025, 2, 20),
        lived_with_perpetrator=True,
        acting_user=nexus,
    )
    services.kundvard_decide(
        kundvard=kundvard,
        decision="granted",
        decided_on=date(2025, 3, 15),
        new_street_address="Nya gatan 2",
        new_postal_code="75320",
        moved_on=date(2025, 4, 1),
        new_lease_in_victims_name=True,
        acting_user=nexus,
    )
    # A Nexus transition flat: moved in, then handed over into the chain (a fourth chain referral in 2025).
    nexus_flat = NexusFlat.objects.create(
        kind=NexusFlat.Kind.TRANSITION, label="U1", street_address="Utslussgatan 1", postal_code="75320", rooms=2
    )
    stay = services.nexus_flat_move_in(
        flat=nexus_flat, case=nexus_case(nexus), since=date(2025, 1, 10), acting_user=nexus
    )
    services.nexus_flat_hand_over(
        stay=stay,
        planned_move_out=date(2025, 6, 30),
        background="Klar för eget kontrakt.",
        referred_on=date(2025, 6, 30),
        acting_user=nexus,
    )
    services.nexus_flat_move_out(stay=stay, until=date(2025, 6, 30), acting_user=nexus)
    # The women's shelter's quota for 2025: two promised, one taken.
    services.pool_set_quota(pool=stock.shelter_pool, year=2025, promised=2, acting_user=administrator)
    shelter_flat = flat(handler, landlord=stock.uppsalahem, district=district, pool=stock.shelter_pool)
    services.pool_take(pool=stock.shelter_pool, flat=shelter_flat, used_on=date(2025, 8, 1), acting_user=handler)


def test_referrals_per_kind_and_decisions_per_outcome(year_2025):
    figures = housing_figures(START, END)
    assert {row.value: row.count for row in figures.referrals} == {
        ReferralKind.HOUSING_CHAIN: 3,
        ReferralKind.RELOCATION: 0,
        ReferralKind.DIRECT: 1,
    }
    assert figures.referrals_total == 4
    assert {row.value: row.count for row in figures.decisions} == {"approved": 2, "rejected": 1}


def test_decision_time_against_the_decision_deadline(year_2025):
    time = housing_figures(START, END).decision_time
    assert (time.count, time.median_days, time.within_deadline) == (3, 28, 2)


def test_contracts_started_and_passed_to_the_tenant(year_2025):
    figures = housing_figures(START, END)
    assert (figures.contracts_started, figures.contracts_passed_to_tenant, figures.contracts_ended) == (1, 1, 0)


def test_placements_ended_by_outcome_with_their_children(year_2025):
    figures = housing_figures(START, END)
    rows = {row.outcome: row for row in figures.placements_ended}
    provider = rows[PlacementOutcome.FIRST_HAND_VIA_PROVIDER]
    assert (provider.placements, provider.children, provider.children_housed) == (1, 2, 2)
    assert (rows[PlacementOutcome.OWN_SOLUTION].placements, rows[PlacementOutcome.OWN_SOLUTION].children) == (1, 1)
    assert [row.outcome for row in figures.placements_ended] == PlacementOutcome.values  # seed 001's order
    assert (figures.placements_ended_total, figures.placement_children_total) == (2, 3)


def test_kundvard_nexus_flats_and_quotas(year_2025):
    figures = housing_figures(START, END)
    assert figures.kundvard.requested == figures.kundvard.granted == figures.kundvard.moved == 1
    assert (figures.kundvard.refused, figures.kundvard.new_lease_in_victims_name) == (0, 1)
    assert (figures.nexus_flats.moved_in, figures.nexus_flats.moved_out, figures.nexus_flats.handed_over_to_chain) == (
        1,
        1,
        1,
    )
    [shelter] = figures.womens_shelter
    assert (shelter.landlord, shelter.promised, shelter.used, shelter.left) == ("Bostadsbolaget", 2, 1, 1)
    kinds = {row.kind for row in figures.quotas}
    assert ReservationPool.Kind.RELOCATION in kinds and ReservationPool.Kind.SOCIAL_CONTRACT in kinds


def test_the_period_includes_both_ends(year_2025):
    last_day = housing_figures(date(2025, 12, 31), date(2025, 12, 31))
    assert last_day.placements_ended_total == 1 and last_day.referrals_total == 0
    first_day = housing_figures(date(2025, 2, 1), date(2025, 2, 1))
    assert (first_day.referrals_total, first_day.placements_ended_total) == (1, 1)
    assert housing_figures(date(2026, 1, 1), date(2026, 1, 1)).placements_ended_total == 1


def test_the_query_count_does_not_grow_with_the_applications(stock, nexus_caseworker, housing_handler):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            housing_figures(START, END)
        return len(captured)

    approve(refer(nexus_caseworker, referred_on=date(2025, 2, 1)), housing_handler, decided_on=date(2025, 3, 1))
    few = queries()
    for n in range(5):
        application = refer(nexus_caseworker, referred_on=date(2025, 2, 1) + timedelta(days=n))
        approve(application, housing_handler, decided_on=date(2025, 4, 1) + timedelta(days=n))
    assert queries() == few <= 12

"""Placements in protected housing with every outcome, Nexus's flats and their hand-over, kundvård."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from housing import selectors, services
from housing.models import Flat, Kundvard, NexusFlat, PlacementOutcome, ReferralKind, ShelterProvider
from tests.factories import PersonFactory, open_case

TODAY = timezone.localdate()


@pytest.fixture
def provider(organisation):
    return ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")


@pytest.fixture
def nexus_case(nexus_caseworker):
    return open_case(persons=[PersonFactory()], handlers=[nexus_caseworker])


@pytest.mark.parametrize("outcome", PlacementOutcome.values)
def test_every_placement_outcome_is_recorded_with_its_children(nexus_caseworker, provider, nexus_case, outcome):
    placement = services.placement_start(
        case=nexus_case,
        provider=provider,
        starts_on=TODAY - timedelta(days=90),
        children=2,
        acting_user=nexus_caseworker,
    )
    services.placement_end(placement=placement, ends_on=TODAY, outcome=outcome, acting_user=nexus_caseworker)
    placement.refresh_from_db()
    assert (placement.outcome, placement.outcome_children, placement.ends_on) == (outcome, 2, TODAY)


def test_the_outcomes_are_counted_per_year_with_children(nexus_caseworker, provider, nexus_case):
    for outcome, children in [("first_hand_via_provider", 2), ("first_hand_via_provider", 1), ("own_solution", 0)]:
        placement = services.placement_start(
            case=nexus_case,
            provider=provider,
            children=children,
            starts_on=TODAY - timedelta(days=30),
            acting_user=nexus_caseworker,
        )
        services.placement_end(placement=placement, ends_on=TODAY, outcome=outcome, acting_user=nexus_caseworker)
    services.placement_start(case=nexus_case, provider=provider, starts_on=TODAY, acting_user=nexus_caseworker)
    counts = {row.outcome: (row.placements, row.children) for row in selectors.placement_outcomes(TODAY.year)}
    assert counts["first_hand_via_provider"] == (2, 3)
    assert counts["own_solution"] == (1, 0)
    assert counts["back_to_perpetrator"] == (0, 0)
    assert len(counts) == len(PlacementOutcome.values)


def test_a_placement_ends_once_with_a_known_outcome_and_sensible_numbers(nexus_caseworker, provider, nexus_case):
    placement = services.placement_start(
        case=nexus_case,
        provider=provider,
        starts_on=TODAY - timedelta(days=9),
        children=1,
        acting_user=nexus_caseworker,
    )
    for kwargs in (
        {"outcome": "somewhere"},
        {"outcome": "own_solution", "outcome_children": 2},
        {"outcome": "own_solution", "ends_on": TODAY - timedelta(days=10)},
    ):
        with pytest.raises(ValidationError):
            services.placement_end(placement=placement, acting_user=nexus_caseworker, **{"ends_on": TODAY, **kwargs})
    services.placement_end(placement=placement, ends_on=TODAY, outcome="kundvard", acting_user=nexus_caseworker)
    with pytest.raises(ValidationError, match="redan avslutad"):
        services.placement_end(placement=placement, ends_on=TODAY, outcome="kundvard", acting_user=nexus_caseworker)


def test_a_placement_belongs_to_a_nexus_case(nexus_caseworker, provider, housing_handler):
    from cases.models import Case
    from kompotten.models import Unit

    housing_case = open_case(unit_kind=Unit.Kind.HOUSING, kind=Case.Kind.HOUSING, persons=[PersonFactory()])
    with pytest.raises(ValidationError, match="Nexus"):
        services.placement_start(case=housing_case, provider=provider, starts_on=TODAY, acting_user=housing_handler)


def test_a_nexus_flat_has_one_occupant_and_hands_over_into_the_chain(nexus_caseworker, nexus_case):
    flat = NexusFlat.objects.create(
        kind="transition", label="U1", street_address="Hemligvägen 1", postal_code="75320", rooms=2
    )
    stay = services.nexus_flat_move_in(
        flat=flat, case=nexus_case, since=TODAY - timedelta(days=200), acting_user=nexus_caseworker
    )
    other = open_case(persons=[PersonFactory()], handlers=[nexus_caseworker])
    with pytest.raises(ValidationError, match="bor redan"):
        services.nexus_flat_move_in(flat=flat, case=other, since=TODAY, acting_user=nexus_caseworker)
    application = services.nexus_flat_hand_over(
        stay=stay, planned_move_out=TODAY, background="Redo för eget kontrakt.", rooms=2, acting_user=nexus_caseworker
    )
    stay.refresh_from_db()
    assert (stay.until, stay.planned_move_out, stay.handed_over_to) == (None, TODAY, application)
    assert application.referral_kind == ReferralKind.HOUSING_CHAIN
    assert application.case.parties.get().person == nexus_case.parties.get().person
    services.nexus_flat_move_out(stay=stay, until=TODAY, acting_user=nexus_caseworker)
    services.nexus_flat_move_in(flat=flat, case=other, since=TODAY, acting_user=nexus_caseworker)


def test_kundvard_from_request_to_the_old_flat_entering_the_flats_list(nexus_caseworker, nexus_case, stock, districts):
    with pytest.raises(ValidationError, match="kommunala bostadsbolaget"):
        services.kundvard_request(
            case=nexus_case,
            landlord=stock.private,
            requested_on=TODAY,
            risk_assessed_on=TODAY,
            acting_user=nexus_caseworker,
        )
    with pytest.raises(ValidationError, match="innan kundvård begärs"):
        services.kundvard_request(
            case=nexus_case,
            landlord=stock.uppsalahem,
            requested_on=TODAY - timedelta(days=2),
            risk_assessed_on=TODAY,
            acting_user=nexus_caseworker,
        )
    kundvard = services.kundvard_request(
        case=nexus_case,
        landlord=stock.uppsalahem,
        requested_on=TODAY,
        risk_assessed_on=TODAY - timedelta(days=3),
        lived_with_perpetrator=True,
        acting_user=nexus_caseworker,
    )
    with pytest.raises(ValidationError, match="nya lägenhetens adress"):
        services.kundvard_decide(kundvard=kundvard, decision="granted", decided_on=TODAY, acting_user=nexus_caseworker)
    services.kundvard_decide(
        kundvard=kundvard,
        decision="granted",
        decided_on=TODAY,
        new_street_address="Nyvägen 4",
        new_postal_code="75320",
        moved_on=TODAY,
        new_lease_in_victims_name=True,
        acting_user=nexus_caseworker,
        old_flat={
            "street_address": "Gamla gatan 2",
            "postal_code": "75320",
            "district": districts["Gränby"],
            "rooms": 3,
            "area": 74,
            "rent": 8000,
            "floor": 2,
            "available_from": TODAY + timedelta(days=60),
        },
    )
    kundvard.refresh_from_db()
    assert kundvard.decision == Kundvard.Decision.GRANTED and kundvard.new_lease_in_victims_name
    assert kundvard.old_flat.status == Flat.Status.AVAILABLE
    assert kundvard.old_flat.landlord == stock.uppsalahem


def test_a_new_lease_in_the_victims_name_needs_that_they_lived_with_the_perpetrator(
    nexus_caseworker, nexus_case, stock
):
    kundvard = services.kundvard_request(
        case=nexus_case,
        landlord=stock.uppsalahem,
        requested_on=TODAY,
        risk_assessed_on=TODAY,
        acting_user=nexus_caseworker,
    )
    with pytest.raises(ValidationError, match="bodde med förövaren"):
        services.kundvard_decide(
            kundvard=kundvard,
            decision="granted",
            decided_on=TODAY,
            new_street_address="Nyvägen 4",
            new_postal_code="75320",
            new_lease_in_victims_name=True,
            acting_user=nexus_caseworker,
        )
    services.kundvard_decide(kundvard=kundvard, decision="refused", decided_on=TODAY, acting_user=nexus_caseworker)
    kundvard.refresh_from_db()
    assert kundvard.decision == Kundvard.Decision.REFUSED and kundvard.old_flat is None


def test_a_referred_tenant_keeps_the_flat_until_her_move_out_is_recorded(nexus_caseworker, nexus_case):
    flat = NexusFlat.objects.create(
        kind="transition", label="U2", street_address="Hemligvägen 2", postal_code="75320", rooms=2
    )
    stay = services.nexus_flat_move_in(
        flat=flat, case=nexus_case, since=TODAY - timedelta(days=120), acting_user=nexus_caseworker
    )
    planned = TODAY + timedelta(days=60)
    services.nexus_flat_hand_over(
        stay=stay, planned_move_out=planned, background="Bor kvar tills kontrakt finns.", acting_user=nexus_caseworker
    )
    stay.refresh_from_db()
    assert stay.until is None and stay.planned_move_out == planned
    deadline = stay.move_out_deadline
    assert deadline.case == nexus_case and deadline.status == "running" and deadline.due_on >= planned
    assert "U2" in deadline.label
    other = open_case(persons=[PersonFactory()], handlers=[nexus_caseworker])
    with pytest.raises(ValidationError, match="bor redan"):
        services.nexus_flat_move_in(flat=flat, case=other, since=TODAY, acting_user=nexus_caseworker)
    with pytest.raises(ValidationError, match="redan överlämnad"):
        services.nexus_flat_hand_over(
            stay=stay, planned_move_out=planned, background="Igen.", acting_user=nexus_caseworker
        )

    services.nexus_flat_move_out(stay=stay, until=TODAY, acting_user=nexus_caseworker)
    stay.refresh_from_db()
    deadline.refresh_from_db()
    assert stay.until == TODAY and (deadline.status, deadline.met_on) == ("met", TODAY)
    services.nexus_flat_move_in(flat=flat, case=other, since=TODAY, acting_user=nexus_caseworker)


def test_an_actual_move_out_in_the_future_is_refused_naming_the_field(nexus_caseworker, nexus_case):
    flat = NexusFlat.objects.create(
        kind="emergency", label="J1", street_address="Hemligvägen 3", postal_code="75320", rooms=1
    )
    stay = services.nexus_flat_move_in(flat=flat, case=nexus_case, since=TODAY, acting_user=nexus_caseworker)
    with pytest.raises(ValidationError) as refused:
        services.nexus_flat_move_out(stay=stay, until=TODAY + timedelta(days=1), acting_user=nexus_caseworker)
    assert "Flyttade ut" in refused.value.message_dict["until"][0]
    stay.refresh_from_db()
    assert stay.until is None


def test_a_planned_move_out_before_the_move_in_is_refused(nexus_caseworker, nexus_case):
    flat = NexusFlat.objects.create(
        kind="transition", label="U3", street_address="Hemligvägen 4", postal_code="75320", rooms=2
    )
    stay = services.nexus_flat_move_in(flat=flat, case=nexus_case, since=TODAY, acting_user=nexus_caseworker)
    with pytest.raises(ValidationError) as refused:
        services.nexus_flat_hand_over(
            stay=stay,
            planned_move_out=TODAY - timedelta(days=1),
            background="Redo.",
            acting_user=nexus_caseworker,
        )
    assert "Planerad utflyttning" in refused.value.message_dict["planned_move_out"][0]
    assert not stay.case.deadlines.exists()

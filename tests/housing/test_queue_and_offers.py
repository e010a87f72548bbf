from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

import pytest

from housing import queue, services
from housing.models import DeclineReason, Flat, HousingApplication, Offer, PoolUse, ReferralKind
from housing.workflow import ApplicationStatus
from kompotten.models import Municipality
from tests.factories import PersonFactory
from tests.housing.conftest import approve, flat, refer

TODAY = timezone.localdate()


def queued_ids():
    return [a.pk for a in queue.queued(HousingApplication.objects.all())]


@pytest.fixture
def approved(nexus_caseworker, housing_handler):
    """Approve with a decision `days_ago`, a referral date and children as given."""

    def make(days_ago, *, children=0, referred_days_ago=None, **kwargs):
        kids = [services.ChildInput(f"Barn{n}", TODAY.year - 5) for n in range(children)]
        application = refer(
            nexus_caseworker,
            children=kids,
            handler=housing_handler,
            referred_on=TODAY - timedelta(days=referred_days_ago or days_ago + 30),
            **kwargs,
        )
        approve(application, housing_handler, decided_on=TODAY - timedelta(days=days_ago))
        application.refresh_from_db()
        return application

    return make


def test_the_queue_puts_children_first_then_decision_date_then_referral_date_then_case_number(approved):
    late_with_children = approved(5, children=1)
    early_without = approved(50)
    same_day_later_referral = approved(20, referred_days_ago=40)
    same_day_earlier_referral = approved(20, referred_days_ago=60)
    same_day_same_referral_a = approved(10, referred_days_ago=30)
    same_day_same_referral_b = approved(10, referred_days_ago=30)
    assert queued_ids() == [
        late_with_children.pk,
        early_without.pk,
        same_day_earlier_referral.pk,
        same_day_later_referral.pk,
        same_day_same_referral_a.pk,
        same_day_same_referral_b.pk,
    ]


def test_each_position_says_why(approved):
    approved(5, children=1)
    approved(50)
    approved(20, referred_days_ago=60)
    approved(20, referred_days_ago=40)
    approved(10, referred_days_ago=30)
    approved(10, referred_days_ago=30)
    entries = list(queue.queued(HousingApplication.objects.all()))
    reasons = [queue.why(entry, entries[i - 1] if i else None) for i, entry in enumerate(entries)]
    assert reasons[0].startswith("Först i kön: hushåll med barn (förtur)")
    assert reasons[1].startswith("Efter alla hushåll med barn")
    assert "efter plats 2 genom senare beslutsdatum" in reasons[2]
    assert "Samma beslutsdatum som plats 3; efter genom senare remissdatum" in reasons[3]
    assert "efter plats 4 genom senare beslutsdatum" in reasons[4]
    assert reasons[5] == "Samma beslutsdatum och remissdatum som plats 5; efter genom högre ärendenummer."


def test_paused_and_undecided_applicants_are_not_in_the_queue(approved, nexus_caseworker, housing_handler):
    waiting = approved(5)
    paused = approved(6)
    services.application_transition(application=paused, to_status="paused", reason="Vård", acting_user=housing_handler)
    refer(nexus_caseworker)
    assert queued_ids() == [waiting.pk]


def test_matching_never_proposes_an_applicant_who_must_avoid_the_district(approved, stock, housing_handler, districts):
    avoiding = approved(30, avoid_districts=[districts["Gottsunda"]])
    other = approved(10)
    in_gottsunda = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gottsunda"])
    result = queue.match_flat(in_gottsunda, HousingApplication.objects.all())
    assert [m.application.pk for m in result.proposals] == [other.pk]
    assert avoiding.pk not in [m.application.pk for m in result.matches]
    assert result.excluded_for_area == 1
    with pytest.raises(ValidationError, match="område som sökande ska undvika"):
        services.offer_make(
            flat=in_gottsunda,
            application=avoiding,
            answer_by=TODAY,
            acting_user=housing_handler,
            out_of_order_reason="x",
        )
    assert not Offer.objects.exists()


def test_an_applicant_who_must_avoid_our_municipality_is_never_proposed_and_another_municipality_does_not_matter(
    approved, stock, housing_handler, districts
):
    avoiding = approved(30, avoid_municipalities=[Municipality.objects.get(code=settings.HOST_MUNICIPALITY_CODE)])
    other = approved(10, avoid_municipalities=[Municipality.objects.get(code="0381")])
    target = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    result = queue.match_flat(target, HousingApplication.objects.all())
    assert [m.application.pk for m in result.proposals] == [other.pk]
    assert avoiding.pk not in [m.application.pk for m in result.matches] and result.excluded_for_area == 1
    with pytest.raises(ValidationError, match="område som sökande ska undvika"):
        services.offer_make(
            flat=target, application=avoiding, answer_by=TODAY, acting_user=housing_handler, out_of_order_reason="x"
        )


def test_matching_says_which_requirement_fails(approved, stock, housing_handler, districts):
    big = approved(40, rooms=4)
    wheelchair = approved(30, accessibility="wheelchair")
    relocation = approved(20)  # a housing-chain referral: not for the relocation pool
    # as the hand-over of a relocation request refers: from the partner municipality
    fits = approved(
        10, referral_kind=ReferralKind.RELOCATION, referring_municipality=Municipality.objects.get(code="1980")
    )
    small = flat(
        housing_handler,
        landlord=stock.uppsalahem,
        district=districts["Gränby"],
        rooms=2,
        floor=3,
        pool=stock.relocation_pool,
    )
    result = queue.match_flat(small, HousingApplication.objects.all())
    fails = {m.application.pk: m.fails for m in result.matches}
    assert fails[big.pk][0].startswith("För få rum: lägenheten har 2, hushållet behöver minst 4")
    assert fails[wheelchair.pk][0].startswith("Tillgänglighet: hushållet behöver ”Tillgänglig för rullstol”")
    assert fails[relocation.pk][0].startswith("Potten: lägenheten är reserverad för förflyttningar")
    assert fails[fits.pk] == []
    assert [m.application.pk for m in result.proposals] == [fits.pk]


def test_a_ground_floor_flat_meets_a_need_for_an_elevator(approved, stock, housing_handler, districts):
    needs_elevator = approved(10, accessibility="elevator")
    ground = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], floor=0)
    assert queue.match_flat(ground, HousingApplication.objects.all()).proposals[0].application == needs_elevator


def test_an_offer_out_of_queue_order_needs_a_written_reason_and_keeps_the_queue(
    approved, stock, housing_handler, districts
):
    first = approved(30)
    second = approved(10)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    with pytest.raises(ValidationError, match="Sökande på plats 1 går före i kön"):
        services.offer_make(
            flat=free, application=second, answer_by=TODAY + timedelta(days=7), acting_user=housing_handler
        )
    offer = services.offer_make(
        flat=free,
        application=second,
        answer_by=TODAY + timedelta(days=7),
        acting_user=housing_handler,
        out_of_order_reason="Plats 1 är inlagd på sjukhus i två månader.",
    )
    assert offer.out_of_order and offer.position == 2
    snapshot = offer.queue_snapshot
    assert snapshot["rule"] == str(queue.QUEUE_RULE)
    assert [(e["application"], e["position"], e["fits"]) for e in snapshot["entries"]] == [
        (first.pk, 1, True),
        (second.pk, 2, True),
    ]
    assert snapshot["chosen"] == second.pk


def test_an_offer_in_order_needs_no_reason_and_marks_the_flat_offered(approved, stock, housing_handler, districts):
    first = approved(30)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    offer = services.offer_make(
        flat=free,
        application=first,
        answer_by=TODAY + timedelta(days=7),
        acting_user=housing_handler,
        out_of_order_reason="ignoreras",
    )
    assert not offer.out_of_order and offer.position == 1
    free.refresh_from_db()
    assert free.status == Flat.Status.OFFERED


def test_an_applicant_has_at_most_one_open_offer(approved, stock, housing_handler, districts):
    applicant = approved(30)
    one = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    two = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"])
    offer = services.offer_make(flat=one, application=applicant, answer_by=TODAY, acting_user=housing_handler)
    with pytest.raises(ValidationError, match="Har redan ett erbjudande"):
        services.offer_make(flat=two, application=applicant, answer_by=TODAY, acting_user=housing_handler)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.create(
            application=applicant,
            flat=two,
            offered_on=TODAY,
            answer_by=TODAY,
            position=1,
            queue_snapshot={},
            made_by=housing_handler,
        )
    assert list(Offer.objects.all()) == [offer]


def test_a_flat_already_offered_cannot_be_offered_again(approved, stock, housing_handler, districts):
    first, second = approved(30), approved(10)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    services.offer_make(flat=free, application=first, answer_by=TODAY, acting_user=housing_handler)
    with pytest.raises(ValidationError, match="inte ledig"):
        services.offer_make(
            flat=free, application=second, answer_by=TODAY, acting_user=housing_handler, out_of_order_reason="Skäl"
        )


def test_accepting_lets_the_flat_counts_the_pool_and_houses_the_applicant(approved, stock, housing_handler, districts):
    applicant = approved(30)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.social_pool)
    offer = services.offer_make(flat=free, application=applicant, answer_by=TODAY, acting_user=housing_handler)
    services.offer_accept(offer=offer, acting_user=housing_handler)
    offer.refresh_from_db()
    free.refresh_from_db()
    applicant.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    assert (free.status, free.tenant) == (Flat.Status.LET, applicant.case.parties.get().person)
    assert applicant.status == ApplicationStatus.HOUSED
    assert services.pool_year(stock.social_pool, TODAY.year).used == 1
    with pytest.raises(ValidationError, match="redan besvarat"):
        services.offer_accept(offer=offer, acting_user=housing_handler)


def test_a_flat_from_an_empty_pool_needs_an_override_recorded_on_acceptance(
    approved, stock, housing_handler, districts
):
    services.pool_set_quota(pool=stock.social_pool, year=TODAY.year, promised=0, acting_user=housing_handler)
    applicant = approved(30)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.social_pool)
    with pytest.raises(ValidationError, match="har inga lägenheter kvar"):
        services.offer_make(flat=free, application=applicant, answer_by=TODAY, acting_user=housing_handler)
    offer = services.offer_make(
        flat=free,
        application=applicant,
        answer_by=TODAY,
        acting_user=housing_handler,
        pool_override_reason="Jouren har akut behov; chefen har godkänt.",
    )
    services.offer_accept(offer=offer, acting_user=housing_handler)
    use = PoolUse.objects.get()
    assert use.override_reason == "Jouren har akut behov; chefen har godkänt."


def _reason(consequence):
    return DeclineReason.objects.filter(consequence=consequence).first()


def test_a_decline_without_consequence_keeps_the_place_and_frees_the_flat(approved, stock, housing_handler, districts):
    first, second = approved(30), approved(10)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    offer = services.offer_make(flat=free, application=first, answer_by=TODAY, acting_user=housing_handler)
    services.offer_decline(
        offer=offer, reason=_reason("none"), note="För långt från skolan", acting_user=housing_handler
    )
    free.refresh_from_db()
    assert free.status == Flat.Status.AVAILABLE
    assert queued_ids() == [first.pk, second.pk]
    offer.refresh_from_db()
    assert (offer.status, offer.answer_note) == (Offer.Status.DECLINED, "För långt från skolan")


def test_a_decline_with_a_pause_takes_the_applicant_out_of_the_queue_until_a_date(
    approved, stock, housing_handler, districts
):
    first = approved(30)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    offer = services.offer_make(flat=free, application=first, answer_by=TODAY, acting_user=housing_handler)
    with pytest.raises(ValidationError):
        services.offer_decline(offer=offer, reason=_reason("pause"), paused_until=TODAY, acting_user=housing_handler)
    services.offer_decline(offer=offer, reason=_reason("pause"), acting_user=housing_handler)
    first.refresh_from_db()
    assert first.status == ApplicationStatus.PAUSED
    assert first.paused_until == TODAY + timedelta(days=90)
    assert queued_ids() == []
    services.application_transition(application=first, to_status="approved", acting_user=housing_handler)
    assert queued_ids() == [first.pk]  # back at the same place: the order is by decision date


def test_a_decline_back_to_investigation_reopens_the_investigation(approved, stock, housing_handler, districts):
    first = approved(30)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    offer = services.offer_make(flat=free, application=first, answer_by=TODAY, acting_user=housing_handler)
    reason = _reason("back_to_investigation")
    services.offer_decline(offer=offer, reason=reason, acting_user=housing_handler)
    first.refresh_from_db()
    assert first.status == ApplicationStatus.INVESTIGATING
    assert first.transitions.last().reason == reason.label


def test_an_answer_date_before_the_offer_is_refused(approved, stock, housing_handler, districts):
    first = approved(30)
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    offer = services.offer_make(flat=free, application=first, answer_by=TODAY, acting_user=housing_handler)
    with pytest.raises(ValidationError):
        services.offer_accept(offer=offer, answered_on=date(2000, 1, 1), acting_user=housing_handler)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OPEN


def test_only_approved_applicants_get_offers(nexus_caseworker, stock, housing_handler, districts):
    undecided = refer(nexus_caseworker, person=PersonFactory())
    free = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    with pytest.raises(ValidationError, match="står i kön"):
        services.offer_make(flat=free, application=undecided, answer_by=TODAY, acting_user=housing_handler)


def test_a_kvinnojour_flat_lists_no_applicant_and_is_offered_to_nobody(
    client, approved, stock, housing_handler, districts
):
    applicant = approved(30)  # a housing-chain referral, whom the pool once served
    shelter_flat = flat(
        housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.shelter_pool
    )
    result = queue.match_flat(shelter_flat, HousingApplication.objects.all())
    assert result.matches == [] and result.excluded == []
    with pytest.raises(ValidationError, match="Kvinnojourens pott"):
        services.offer_make(flat=shelter_flat, application=applicant, answer_by=TODAY, acting_user=housing_handler)
    assert not Offer.objects.exists()
    client.force_login(housing_handler)
    page = client.get(reverse("housing:flat_match", args=[shelter_flat.pk])).content.decode()
    assert "Kvinnojourens pott" in page and applicant.case.number not in page
    response = client.post(
        reverse("housing:offer_make", args=[shelter_flat.pk, applicant.pk]),
        {"offered_on": TODAY.isoformat(), "answer_by": TODAY.isoformat()},
    )
    assert response.status_code == 400 and "Kvinnojourens pott" in response.content.decode()
    assert not Offer.objects.exists()

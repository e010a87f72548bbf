# ruff: noqa: F811 - the relocation fixture `networks` is imported, then requested by name
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import AccessLogEntry
from cases.relocation import services as relocation
from cases.relocation.workflow import State
from housing import services
from housing.models import Flat, HousingApplication, PoolStatus, PoolUse, ReferralKind
from tests.cases.relocation.world import assess, networks, open_request  # noqa: F401 - the fixture is requested by name
from tests.factories import PersonFactory
from tests.housing.conftest import approve, flat, refer


def test_a_pool_counts_promised_used_and_left_per_year(stock, housing_handler, districts):
    year = timezone.localdate().year
    pool = stock.shelter_pool
    for n in range(2):
        taken = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=pool)
        services.pool_take(pool=pool, flat=taken, used_on=date(year, 3, n + 1), acting_user=housing_handler)
    status = services.pool_year(pool, year)
    assert (status.promised, status.used, status.left, status.overrides) == (2, 2, 0, 0)
    last_year = services.pool_year(pool, year - 1)
    assert (last_year.promised, last_year.used) == (0, 0)


def test_an_empty_pool_gives_a_flat_only_with_a_recorded_override(stock, housing_handler, districts):
    year = timezone.localdate().year
    pool = stock.shelter_pool
    services.pool_set_quota(pool=pool, year=year, promised=0, acting_user=housing_handler)
    third = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=pool)
    with pytest.raises(ValidationError, match="har inga lägenheter kvar"):
        services.pool_take(pool=pool, flat=third, used_on=date(year, 5, 1), acting_user=housing_handler)
    assert not PoolUse.objects.exists()
    use = services.pool_take(
        pool=pool,
        flat=third,
        used_on=date(year, 5, 1),
        acting_user=housing_handler,
        override_reason="Akut behov, jouren har inget annat",
    )
    assert use.is_override and use.override_reason == "Akut behov, jouren har inget annat"
    assert services.pool_year(pool, year).overrides == 1


def test_a_reason_given_while_the_pool_has_flats_left_is_not_an_override(stock, housing_handler, districts):
    taken = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.relocation_pool)
    use = services.pool_take(
        pool=stock.relocation_pool,
        flat=taken,
        used_on=timezone.localdate(),
        acting_user=housing_handler,
        override_reason="onödigt",
    )
    assert not use.is_override


def test_an_agreement_gives_the_landlords_social_contract_pool_its_quota(stock):
    status = services.pool_year(stock.social_pool, timezone.localdate().year)
    assert status.promised == 40
    assert stock.social_pool.landlord == stock.uppsalahem


def test_a_flat_with_an_unknown_postal_code_or_another_landlords_pool_is_refused(stock, housing_handler, districts):
    with pytest.raises(ValidationError):
        services.flat_register(
            landlord=stock.private,
            pool=stock.relocation_pool,
            street_address="Gatan 1",
            postal_code="75320",
            district=districts["Gränby"],
            rooms=2,
            area=50,
            rent=6000,
            floor=1,
            available_from=timezone.localdate(),
            acting_user=housing_handler,
        )
    with pytest.raises(ValidationError):
        services.flat_register(
            landlord=stock.private,
            street_address="Gatan 1",
            postal_code="00000",
            district=districts["Gränby"],
            rooms=2,
            area=50,
            rent=6000,
            floor=1,
            available_from=timezone.localdate(),
            acting_user=housing_handler,
        )
    assert not Flat.objects.exists()


def test_a_flat_let_to_a_protected_person_hides_its_address_from_those_without_a_grant(
    client, stock, housing_handler, nexus_caseworker, districts, eviction_caseworker
):
    protected = PersonFactory(protected=True, acting_user=nexus_caseworker)
    hidden = flat(
        housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"], street_address="Hemliga gatan 3"
    )
    services.flat_let(flat=hidden, tenant=protected, acting_user=housing_handler)
    flat(housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"], street_address="Öppna gatan 5")
    client.force_login(housing_handler)
    body = client.get(reverse("housing:flat_list")).content.decode()
    assert "Öppna gatan 5" in body
    assert "Hemliga gatan 3" not in body and "Skyddad adress" in body
    for method in ("get", "post"):
        assert getattr(client, method)(reverse("housing:flat_edit", args=[hidden.pk])).status_code == 404

    case_services.person_grant_access(person=protected, user=housing_handler, acting_user=nexus_caseworker)
    body = client.get(reverse("housing:flat_list")).content.decode()
    assert "Hemliga gatan 3" in body
    assert AccessLogEntry.objects.filter(user=housing_handler, person=protected).exists()


def test_the_flat_list_filters_and_costs_the_same_queries_for_more_rows(
    client, stock, housing_handler, districts, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(housing_handler)
    flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], rooms=1)
    flat(housing_handler, landlord=stock.private, district=districts["Luthagen"], rooms=3)
    url = reverse("housing:flat_list")
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for rooms in range(1, 9):
        flat(housing_handler, landlord=stock.private, district=districts["Gottsunda"], rooms=rooms)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 10
    assert len(client.get(url + f"?omrade={districts['Luthagen'].pk}").context["rows"]) == 1
    assert len(client.get(url + "?rum=3").context["rows"]) == 7
    assert len(client.get(url + f"?hyresvard={stock.uppsalahem.pk}").context["rows"]) == 1
    refused = client.get(url + "?rum=tre&omrade=" + str(districts["Gottsunda"].pk))  # the form's error, not a 500
    assert 'href="#filter-rum"' in refused.content.decode() and len(refused.context["rows"]) == 8
    assert refused.context["filters"].min_rooms == ""


def test_the_flat_form_re_renders_with_the_input_and_a_swedish_message(client, stock, housing_handler, districts):
    client.force_login(housing_handler)
    data = {
        "landlord": stock.private.pk,
        "pool": stock.relocation_pool.pk,
        "street_address": "Nygatan 2",
        "postal_code": "75320",
        "district": districts["Gränby"].pk,
        "rooms": "2",
        "area": "48.5",
        "rent": "6100",
        "floor": "1",
        "accessibility": "none",
        "available_from": "2026-12-01",
    }
    response = client.post(reverse("housing:flat_add"), data)
    assert response.status_code == 400
    assert "Potten hör till en annan hyresvärd" in response.content.decode()
    assert 'value="Nygatan 2"' in response.content.decode()
    response = client.post(reverse("housing:flat_add"), data | {"landlord": stock.uppsalahem.pk})
    assert response.status_code == 302
    created = Flat.objects.get()
    assert (created.locality, created.rooms, created.pool) == ("Uppsala", 2, stock.relocation_pool)
    response = client.post(
        reverse("housing:flat_edit", args=[created.pk]), data | {"landlord": stock.uppsalahem.pk, "rent": "6300"}
    )
    created.refresh_from_db()
    assert created.rent == 6300


def test_the_pools_page_shows_promised_used_left_and_overrides(client, stock, housing_handler, districts):
    year = timezone.localdate().year
    services.pool_set_quota(pool=stock.shelter_pool, year=year, promised=0, acting_user=housing_handler)
    taken = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.shelter_pool)
    services.pool_take(
        pool=stock.shelter_pool,
        flat=taken,
        used_on=timezone.localdate(),
        override_reason="Beslut av enhetschefen",
        acting_user=housing_handler,
    )
    client.force_login(housing_handler)
    rows = {row.pool.kind: row for row in client.get(reverse("housing:pools")).context["rows"]}
    assert (rows["relocation"].promised, rows["relocation"].used, rows["relocation"].left) == (5, 0, 5)
    assert (rows["womens_shelter"].used, rows["womens_shelter"].left) == (1, 0)
    assert rows["womens_shelter"].status == PoolStatus.OVER_QUOTA
    assert "Beslut av enhetschefen" in client.get(reverse("housing:pools")).content.decode()


@pytest.mark.parametrize("persona", ["nexus_caseworker", "eviction_caseworker", "partner_vasteras"])
def test_only_the_housing_unit_sees_flats(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("housing:flat_list")).status_code == 403


def pool_statuses(client, user) -> dict[str, str]:
    client.force_login(user)
    page = client.get(reverse("housing:pools"))
    return {row.pool.kind: row.status for row in page.context["rows"]}, page.content.decode()


def take(pool, n, user, districts, stock, **kwargs):
    for day in range(n):
        taken = flat(user, landlord=stock.uppsalahem, district=districts["Gränby"], pool=pool)
        services.pool_take(
            pool=pool, flat=taken, used_on=date(timezone.localdate().year, 2, day + 1), acting_user=user, **kwargs
        )


def test_a_pool_with_none_left_says_slut_not_snart_slut(client, stock, housing_handler, districts):
    take(stock.shelter_pool, 2, housing_handler, districts, stock)  # two promised, two used
    statuses, page = pool_statuses(client, housing_handler)
    assert statuses["womens_shelter"] == PoolStatus.EMPTY
    assert "Slut" in page and "Snart slut" not in page
    client.force_login(housing_handler)
    start = client.get(reverse("housing:start")).content.decode()
    assert "Kvinnojouren: 0 kvar av 2" in start and "Slut" in start


def test_a_pool_used_beyond_its_quota_says_over_kvoten(client, stock, housing_handler, districts):
    take(stock.shelter_pool, 3, housing_handler, districts, stock, override_reason="Akut, beslut av enhetschefen")
    statuses, page = pool_statuses(client, housing_handler)
    assert statuses["womens_shelter"] == PoolStatus.OVER_QUOTA
    assert "Över kvoten" in page
    client.force_login(housing_handler)
    assert "Kvinnojouren: 3 använda av 2" in client.get(reverse("housing:start")).content.decode()


def test_snart_slut_only_when_a_few_are_left(client, stock, housing_handler, districts):
    statuses, page = pool_statuses(client, housing_handler)
    assert statuses["relocation"] == PoolStatus.FLATS_LEFT  # 5 of 5 left
    assert statuses["womens_shelter"] == PoolStatus.FEW_LEFT  # 2 of 2 left: a few
    take(stock.relocation_pool, 3, housing_handler, districts, stock)
    statuses, page = pool_statuses(client, housing_handler)
    assert statuses["relocation"] == PoolStatus.FEW_LEFT and "Snart slut" in page  # 2 of 5 left
    assert statuses["social_contract"] == PoolStatus.FLATS_LEFT  # 40 promised, none used
    assert PoolStatus.of(promised=0, used=0) == PoolStatus.EMPTY


# --- the relocation pool serves only applicants handed over from a relocation request -------------------------------
def test_the_relocation_pool_refuses_an_applicant_from_the_plain_referral_form(
    client, stock, districts, nexus_caseworker, housing_handler
):
    plain = refer(nexus_caseworker, referral_kind=ReferralKind.RELOCATION, handler=housing_handler)
    approve(plain, housing_handler)
    reserved = flat(
        housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.relocation_pool
    )
    with pytest.raises(ValidationError, match="bara är för sökande som lämnats över från en förflyttningsförfrågan"):
        services.offer_make(
            flat=reserved,
            application=plain,
            answer_by=timezone.localdate() + timedelta(days=7),
            out_of_order_reason="Försök",
            acting_user=housing_handler,
        )
    reserved.refresh_from_db()
    assert reserved.status == Flat.Status.AVAILABLE and not reserved.offers.exists()

    client.force_login(housing_handler)
    result = client.get(reverse("housing:flat_match", args=[reserved.pk])).context["result"]
    assert plain.pk not in [m.application.pk for m in result.proposals]
    [match] = [m for m in result.matches if m.application.pk == plain.pk]
    assert "överlämnad förflyttningsförfrågan" in " ".join(match.fails)
    # the same applicant may have any flat outside the relocation pool
    ordinary = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.social_pool)
    services.offer_make(
        flat=ordinary,
        application=plain,
        answer_by=timezone.localdate() + timedelta(days=7),
        acting_user=housing_handler,
    )


def test_the_relocation_pool_serves_an_applicant_handed_over_from_a_request(
    client, networks, stock, districts, nexus_caseworker, housing_handler
):
    received = timezone.localdate() - timedelta(days=20)
    request = open_request(networks, nexus_caseworker, on=received)
    assess(request, nexus_caseworker, on=received + timedelta(days=5))
    request = relocation.request_transition(
        request=request,
        to_state=State.HANDED_OVER,
        acting_user=nexus_caseworker,
        on=received + timedelta(days=5),
    )
    handed_over = HousingApplication.objects.get(case=request.housing_case)
    assert handed_over.handed_over_from_relocation_request
    approve(handed_over, housing_handler)
    reserved = flat(
        housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"], pool=stock.relocation_pool, rooms=3
    )
    client.force_login(housing_handler)
    result = client.get(reverse("housing:flat_match", args=[reserved.pk])).context["result"]
    assert [m.application.pk for m in result.proposals] == [handed_over.pk]
    offer = services.offer_make(
        flat=reserved,
        application=handed_over,
        answer_by=timezone.localdate() + timedelta(days=7),
        acting_user=housing_handler,
    )
    services.offer_accept(offer=offer, acting_user=housing_handler)
    assert services.pool_year(stock.relocation_pool, timezone.localdate().year).used == 1

"""Every housing URL that takes an id answers 404 to users who may not see its object: like a missing one."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Case
from housing import services
from housing.models import (
    Decision,
    Flat,
    HousingApplication,
    Kundvard,
    NexusFlat,
    NexusFlatStay,
    Offer,
    ProtectedPlacement,
    ShelterProvider,
    SocialContract,
)
from tests.cases.test_not_found_without_access import id_url_names
from tests.housing.conftest import approve, flat, refer


@dataclass
class Objects:
    application: HousingApplication
    decision: Decision
    flat: Flat
    offer: Offer
    contract: SocialContract


URLS = {
    "housing:application_detail": lambda o: reverse("housing:application_detail", args=[o.application.pk]),
    "housing:application_checklist": lambda o: reverse("housing:application_checklist", args=[o.application.pk]),
    "housing:application_decide": lambda o: reverse("housing:application_decide", args=[o.application.pk]),
    "housing:application_move": lambda o: reverse("housing:application_move", args=[o.application.pk, "paused"]),
    "housing:decision_pdf": lambda o: reverse("housing:decision_pdf", args=[o.application.pk, o.decision.pk]),
    "housing:offer_answer": lambda o: reverse("housing:offer_answer", args=[o.offer.pk]),
    "housing:flat_edit": lambda o: reverse("housing:flat_edit", args=[o.flat.pk]),
    "housing:flat_match": lambda o: reverse("housing:flat_match", args=[o.flat.pk]),
    "housing:flat_let_to_shelter": lambda o: reverse("housing:flat_let_to_shelter", args=[o.flat.pk]),
    "housing:offer_make": lambda o: reverse("housing:offer_make", args=[o.flat.pk, o.application.pk]),
    "housing:contract_detail": lambda o: reverse("housing:contract_detail", args=[o.contract.pk]),
    "housing:follow_up_add": lambda o: reverse("housing:follow_up_add", args=[o.contract.pk]),
    "housing:contract_action": lambda o: reverse("housing:contract_action", args=[o.contract.pk, "avsluta"]),
}
# The referring unit's own referral: everyone outside Nexus (the housing unit included) gets 404.
REFERRER_URLS = {
    "housing:referral_withdraw": lambda o: reverse("housing:referral_withdraw", args=[o.application.pk]),
}
# Nexus's records: outsiders are everyone but Nexus (the housing unit included).
NEXUS_URLS = {
    "housing:placement_end": lambda n: reverse("housing:placement_end", args=[n.placement.pk]),
    "housing:nexus_flat_move_in": lambda n: reverse("housing:nexus_flat_move_in", args=[n.flat.pk]),
    "housing:nexus_flat_move_out": lambda n: reverse("housing:nexus_flat_move_out", args=[n.stay.pk]),
    "housing:nexus_flat_hand_over": lambda n: reverse("housing:nexus_flat_hand_over", args=[n.stay.pk]),
    "housing:kundvard_decide": lambda n: reverse("housing:kundvard_decide", args=[n.kundvard.pk]),
    "housing:support_case_detail": lambda n: reverse("housing:support_case_detail", args=[n.case.pk]),
    "housing:support_case_close": lambda n: reverse("housing:support_case_close", args=[n.case.pk]),
    "housing:support_case_open_for_person": lambda n: reverse(
        "housing:support_case_open_for_person", args=[n.case.parties.get().person_id]
    ),
}


def test_this_file_covers_every_housing_url_that_takes_an_id():
    assert {name for name in id_url_names() if name.startswith("housing:")} == set(URLS) | set(NEXUS_URLS) | set(
        REFERRER_URLS
    )


@pytest.fixture
def objects(nexus_caseworker, housing_handler, protected_applicant, stock, districts) -> Objects:
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    decision = approve(application, housing_handler)
    offered = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gränby"])
    offer = services.offer_make(
        flat=offered, application=application, answer_by=timezone.localdate(), acting_user=housing_handler
    )
    # A second, accepted application gives a contract (the first keeps its open offer for offer_answer).
    other = refer(nexus_caseworker, handler=housing_handler)
    approve(other, housing_handler)
    let = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"])
    accepted = services.offer_make(
        flat=let,
        application=other,
        answer_by=timezone.localdate(),
        acting_user=housing_handler,
        out_of_order_reason="Test",
    )
    services.offer_accept(offer=accepted, acting_user=housing_handler)
    return Objects(application, decision, offered, offer, other.contract)


# Nexus referred it but investigates nothing; partners never see the investigation, whoever they are.
OUTSIDERS = ["nexus_caseworker", "eviction_caseworker", "partner_vasteras", "partner_enkoping", "administrator"]


@pytest.mark.parametrize("persona", OUTSIDERS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_for_every_housing_url(client, request, objects, persona, method):
    client.force_login(request.getfixturevalue(persona))
    for name, url in URLS.items():
        assert getattr(client, method)(url(objects)).status_code == 404, (persona, name, method)


def test_a_missing_and_a_forbidden_application_look_the_same(client, objects, nexus_caseworker):
    client.force_login(nexus_caseworker)
    forbidden = client.get(reverse("housing:application_detail", args=[objects.application.pk]))
    missing = client.get(reverse("housing:application_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_a_decision_of_another_application_is_not_found(client, objects, nexus_caseworker, housing_handler):
    other = refer(nexus_caseworker, handler=housing_handler)
    client.force_login(housing_handler)
    assert client.get(reverse("housing:decision_pdf", args=[other.pk, objects.decision.pk])).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_flat_let_to_a_protected_person_is_not_found_without_a_grant(
    client, objects, housing_handler, method, nexus_caseworker
):
    from cases import services as case_services

    services.offer_accept(offer=objects.offer, acting_user=housing_handler)
    objects.contract = objects.application.contract
    case_services.case_unassign_handler(
        case=objects.application.case, user=housing_handler, acting_user=housing_handler
    )
    client.force_login(housing_handler)
    for name in ("housing:flat_edit", "housing:flat_match", "housing:flat_let_to_shelter"):
        assert getattr(client, method)(URLS[name](objects)).status_code == 404, name
    # The contract is the housing unit's case: its page opens, with the tenant and the address masked.
    page = client.get(URLS["housing:contract_detail"](objects)).content.decode()
    assert "Skyddad adress" in page and "Storgatan" not in page and "Skyddadsson" not in page


@dataclass
class NexusObjects:
    placement: ProtectedPlacement
    flat: NexusFlat
    stay: NexusFlatStay
    kundvard: Kundvard
    case: Case


@pytest.fixture
def nexus_objects(nexus_caseworker, protected_applicant, stock) -> NexusObjects:
    from tests.factories import open_case

    case = open_case(kind=Case.Kind.SUPPORT, persons=[protected_applicant], handlers=[nexus_caseworker])
    provider = ShelterProvider.objects.create(name="Tryggt Boende AB", agreement="SN 2025/112")
    placement = services.placement_start(
        case=case, provider=provider, starts_on=timezone.localdate(), acting_user=nexus_caseworker
    )
    flats = [
        NexusFlat.objects.create(
            kind="emergency", label=f"J{n}", street_address="Jourvägen 1", postal_code="75320", rooms=2
        )
        for n in (1, 2)
    ]
    stay = services.nexus_flat_move_in(
        flat=flats[0], case=case, since=timezone.localdate(), acting_user=nexus_caseworker
    )
    kundvard = services.kundvard_request(
        case=case,
        landlord=stock.uppsalahem,
        requested_on=timezone.localdate(),
        risk_assessed_on=timezone.localdate(),
        acting_user=nexus_caseworker,
    )
    return NexusObjects(placement, flats[1], stay, kundvard, case)


@pytest.mark.parametrize(
    "persona", ["housing_handler", "eviction_caseworker", "partner_vasteras", "partner_enkoping", "administrator"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_get_404_for_every_nexus_url(client, request, nexus_objects, persona, method):
    client.force_login(request.getfixturevalue(persona))
    for name, url in NEXUS_URLS.items():
        assert getattr(client, method)(url(nexus_objects)).status_code == 404, (persona, name, method)


def test_nexus_lists_mask_a_protected_occupant_for_a_colleague_without_a_grant(
    client, nexus_objects, nexus_colleague, nexus_caseworker
):
    client.force_login(nexus_colleague)
    body = client.get(reverse("housing:nexus_flat_list")).content.decode()
    assert "Jourvägen" in body  # the empty flat J2
    rows = {row.flat.label: row for row in client.get(reverse("housing:nexus_flat_list")).context["rows"]}
    assert rows["J1"].address == "Skyddad adress"
    assert "Skyddadsson" not in body
    client.force_login(nexus_caseworker)
    rows = {row.flat.label: row for row in client.get(reverse("housing:nexus_flat_list")).context["rows"]}
    assert rows["J1"].address.startswith("Jourvägen 1")


@pytest.mark.parametrize(
    "persona", ["housing_handler", "eviction_caseworker", "partner_vasteras", "manager", "administrator"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_referring_unit_reaches_its_referrals_withdrawal(client, request, objects, persona, method):
    client.force_login(request.getfixturevalue(persona))
    for name, url in REFERRER_URLS.items():
        assert getattr(client, method)(url(objects)).status_code == 404, (persona, name, method)


@pytest.mark.parametrize("name", ["housing:placement_add", "housing:kundvard_add", "housing:application_refer"])
def test_a_form_started_from_a_case_that_is_no_client_case_is_not_found(client, nexus_caseworker, name):
    from tests.factories import open_case

    relocation = open_case(handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    assert client.get(reverse(name) + f"?arende={relocation.pk}").status_code == 404
    assert client.get(reverse(name) + "?arende=x").status_code == 404

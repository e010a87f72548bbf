# ruff: noqa: F811 - the housing unit's fixtures `stock` and `districts` are imported, then requested by name
"""Areas to avoid carried across the hand-over (issue 20): the partner's words are mapped by Nexus to our districts
and to municipalities before the request may go to the housing unit; the hand-over carries the mapping to the
housing application, and matching never lists or offers her a flat in an avoided district."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import CaseEvent
from cases.relocation import services as relocation
from cases.relocation.models import RelocationRequest
from cases.relocation.workflow import State
from housing import queue
from housing import services as housing_services
from housing.models import HousingApplication, Offer
from kompotten.models import Municipality
from tests.cases.relocation.test_filing import file_request
from tests.cases.relocation.world import CRITERIA, assess, open_request
from tests.housing.conftest import approve, districts, flat, stock  # noqa: F401 - fixtures

TODAY = timezone.localdate()


@pytest.fixture
def filed(client, networks, partner_vasteras, districts):
    client.force_login(partner_vasteras)
    assert file_request(client, networks, avoid_areas="Storgatan 12 och gottsunda").status_code == 302
    client.logout()
    return RelocationRequest.objects.get()


def hand_over(request, nexus):
    if not request.assessments.exists():
        assess(request, nexus, on=timezone.localdate())
    return relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus)


def test_an_area_the_partner_typed_is_avoided_from_the_request_to_the_flat(
    filed, stock, districts, nexus_caseworker, housing_handler
):
    # The hand-over waits for Nexus's mapping, and says which field.
    with pytest.raises(ValidationError, match="Ange vilka stadsdelar eller kommuner personen måste undvika"):
        hand_over(filed, nexus_caseworker)
    filed.refresh_from_db()
    assert filed.state == State.RECEIVED and filed.housing_case is None and not HousingApplication.objects.exists()

    relocation.request_map_avoid_areas(
        request=filed, districts=[districts["Gottsunda"]], municipalities=[], acting_user=nexus_caseworker
    )
    request = hand_over(filed, nexus_caseworker)
    application = HousingApplication.objects.get(case=request.housing_case)
    assert list(application.avoid_districts.all()) == [districts["Gottsunda"]]

    approve(application, housing_handler)
    in_gottsunda = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Gottsunda"], rooms=3)
    match = queue.match_flat(in_gottsunda, HousingApplication.objects.all())
    assert application.pk not in [m.application.pk for m in match.matches]
    with pytest.raises(ValidationError, match="område som sökande ska undvika"):
        housing_services.offer_make(
            flat=in_gottsunda, application=application, answer_by=TODAY + timedelta(days=7), acting_user=housing_handler
        )
    assert not Offer.objects.exists()

    elsewhere = flat(housing_handler, landlord=stock.uppsalahem, district=districts["Luthagen"], rooms=3)
    match = queue.match_flat(elsewhere, HousingApplication.objects.all())
    assert [m.application.pk for m in match.proposals] == [application.pk]
    offer = housing_services.offer_make(
        flat=elsewhere, application=application, answer_by=TODAY + timedelta(days=7), acting_user=housing_handler
    )
    assert offer.application == application


def test_the_mapping_page_ticks_the_districts_the_partner_named_and_the_timeline_shows_the_mapping(
    client, filed, districts, nexus_caseworker, partner_vasteras
):
    client.force_login(nexus_caseworker)
    detail = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert 'data-testid="avoid-unmapped"' in detail
    url = reverse("cases:relocation_avoid_areas", args=[filed.case.pk])
    form = client.get(url).context["form"]
    assert list(form["avoid_districts"].value()) == [districts["Gottsunda"].pk]  # "gottsunda", any letter case
    assert "Storgatan 12 och gottsunda" in client.get(url).content.decode()

    enkoping = Municipality.objects.get(code="0381")
    data = {"avoid_districts": [districts["Gottsunda"].pk], "avoid_municipalities": [enkoping.pk]}
    response = client.post(url, data)
    assert response.status_code == 302
    filed.refresh_from_db()
    assert list(filed.avoid_districts.all()) == [districts["Gottsunda"]]
    assert list(filed.avoid_municipalities.all()) == [enkoping]
    assert filed.avoid_areas_mapped_by == nexus_caseworker and not filed.avoid_areas_unmapped
    assert filed.avoid_areas == "Storgatan 12 och gottsunda"  # the partner's words stay as written
    event = filed.case.events.get(action="avoid_areas_mapped")
    assert event.get_action_display() == "Områden att undvika kartlades"
    assert event.detail == "Stadsdelar: 1, kommuner: 1"
    detail = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert 'data-testid="avoid-unmapped"' not in detail and "Enköping" in detail

    client.force_login(partner_vasteras)  # the partner reads back its own words, not our mapping
    partner_page = client.get(reverse("cases:relocation_detail", args=[filed.case.pk])).content.decode()
    assert 'data-testid="avoid-areas"' not in partner_page


def test_none_of_ours_is_an_explicit_recorded_choice_and_nothing_chosen_is_refused(
    client, filed, districts, nexus_caseworker
):
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_avoid_areas", args=[filed.case.pk])
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Välj de stadsdelar eller kommuner som samverkanskommunen menar" in response.content.decode()
    both = client.post(url, {"avoid_districts": [districts["Gottsunda"].pk], "avoid_none_of_ours": "on"})
    assert both.status_code == 400 and "inte båda" in both.content.decode()
    filed.refresh_from_db()
    assert filed.avoid_areas_unmapped and not filed.avoid_districts.exists()

    assert client.post(url, {"avoid_none_of_ours": "on"}).status_code == 302
    filed.refresh_from_db()
    assert filed.avoid_none_of_ours and not filed.avoid_areas_unmapped
    assert filed.case.events.get(action="avoid_areas_mapped").detail == "Inget av områdena är våra"
    request = hand_over(filed, nexus_caseworker)
    application = HousingApplication.objects.get(case=request.housing_case)
    assert not application.avoid_districts.exists()
    assert "Storgatan 12 och gottsunda" in application.wishes  # kept for information, not relied on


def test_our_own_municipality_cannot_be_avoided(filed, districts, nexus_caseworker):
    with pytest.raises(ValidationError) as error:
        relocation.request_map_avoid_areas(
            request=filed,
            districts=[],
            municipalities=[Municipality.objects.get(code="0380")],
            acting_user=nexus_caseworker,
        )
    assert "avoid_municipalities" in error.value.message_dict


def test_changed_words_after_the_mapping_ask_for_a_new_mapping(filed, districts, nexus_caseworker):
    relocation.request_map_avoid_areas(
        request=filed, districts=[districts["Gottsunda"]], municipalities=[], acting_user=nexus_caseworker
    )
    relocation.request_update_details(request=filed, avoid_areas="Gottsunda och Gränby", acting_user=nexus_caseworker)
    filed.refresh_from_db()
    assert filed.avoid_areas_unmapped
    with pytest.raises(ValidationError, match="innan överlämningen"):
        hand_over(filed, nexus_caseworker)


def test_a_mapping_after_the_hand_over_is_added_to_the_application(networks, districts, nexus_caseworker):
    request = hand_over(open_request(networks, nexus_caseworker, **CRITERIA), nexus_caseworker)
    application = HousingApplication.objects.get(case=request.housing_case)
    assert not application.avoid_districts.exists()
    enkoping = Municipality.objects.get(code="0381")
    relocation.request_map_avoid_areas(
        request=request, districts=[districts["Gränby"]], municipalities=[enkoping], acting_user=nexus_caseworker
    )
    assert list(application.avoid_districts.all()) == [districts["Gränby"]]
    assert list(application.avoid_municipalities.all()) == [enkoping]
    assert application.case.events.filter(action=CaseEvent.Action.DETAILS_CHANGED).exists()


def test_without_typed_areas_nothing_to_avoid_is_still_an_explicit_choice(client, networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker)
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_avoid_areas", args=[request.case.pk])
    empty = client.post(url, {})
    assert empty.status_code == 400 and "bekräfta att personen inte behöver undvika något" in empty.content.decode()
    request.refresh_from_db()
    assert request.avoid_areas_mapped_on is None and not request.case.events.filter(action="avoid_areas_mapped")
    assert client.post(url, {"avoid_none_of_ours": "on"}).status_code == 302
    assert request.case.events.get(action="avoid_areas_mapped").detail == "Inget att undvika"

"""The population-register check (a manual form behind the PopulationRegister interface) and the caseworkers of
other units to inform."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from evictions import services
from evictions.events import EvictionAction
from evictions.models import EvictionFile, OtherUnitContact, RegisterCheck, RegisteredChild
from evictions.register import ChildFacts, RegisterFacts

TODAY = timezone.localdate()


def _post(client, file, **children):
    data = {
        "checked_on": TODAY.isoformat(),
        "registered_at_address": "ja",
        "note": "",
        "barn-TOTAL_FORMS": "6",
        "barn-INITIAL_FORMS": "0",
        "barn-MIN_NUM_FORMS": "0",
        "barn-MAX_NUM_FORMS": "12",
    } | children
    return client.post(reverse("evictions:register_check", args=[file.case_id]), data)


def test_the_caseworker_records_the_register_check_and_the_file_becomes_a_family(client, register, eviction_caseworker):
    file = register().file
    assert not file.has_children
    client.force_login(eviction_caseworker)
    assert client.get(reverse("evictions:register_check", args=[file.case_id])).status_code == 200
    response = _post(
        client,
        file,
        **{"barn-0-age": "4", "barn-0-living": "permanent", "barn-1-age": "11", "barn-1-living": "alternate"},
    )
    assert response.status_code == 302
    check = RegisterCheck.objects.get()
    assert check.registered_at_address and check.checked_by == eviction_caseworker
    assert sorted(check.children.values_list("age", "living")) == [(4, "permanent"), (11, "alternate")]
    assert EvictionFile.objects.get(pk=file.pk).has_children
    assert file.case.events.filter(action=EvictionAction.REGISTER_CHECKED).exists()
    page = client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    assert "4 år, bor stadigvarande" in page and "11 år, bor växelvis" in page


@pytest.mark.parametrize(
    ("children", "message"),
    [
        ({"barn-0-age": "18", "barn-0-living": "permanent"}, "mindre än eller lika med 17"),
        ({"barn-0-age": "7"}, "Ange både ålder och boende"),
        ({"barn-0-living": "visiting"}, "Ange både ålder och boende"),
    ],
)
def test_a_child_row_that_is_not_whole_is_refused_and_shown_again(
    client, register, eviction_caseworker, children, message
):
    file = register().file
    client.force_login(eviction_caseworker)
    response = _post(client, file, **children)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RegisterCheck.objects.exists()


def test_a_later_check_without_children_makes_the_file_a_single_household_again(register, eviction_caseworker):
    file = register(children_in_household=True).file
    facts = RegisterFacts(checked_on=TODAY, registered_at_address=False, source=RegisterCheck.Source.MANUAL)
    services.register_check_record(file=file, facts=facts, acting_user=eviction_caseworker)
    assert not EvictionFile.objects.get(pk=file.pk).has_children


class FakeRegister:
    """A register integration as one would plug it in: it answers for every address."""

    def look_up(self, *, persons, street_address, postal_code):
        assert persons and postal_code == "75320"
        children = (ChildFacts(9, RegisteredChild.Living.VISITING),)
        return RegisterFacts(TODAY, True, RegisterCheck.Source.REGISTER, children, note="Från registret")


def test_a_register_integration_fills_the_form_in(client, register, eviction_caseworker, settings):
    settings.EVICTIONS_POPULATION_REGISTER = "tests.evictions.test_register_check.FakeRegister"
    file = register().file
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:register_check", args=[file.case_id])).content.decode()
    assert 'value="9"' in page and 'value="visiting" selected' in page and "Från registret" in page


def test_other_units_caseworkers_are_listed_and_marked_informed(client, register, eviction_caseworker):
    file = register().file
    client.force_login(eviction_caseworker)
    url = reverse("evictions:other_unit_add", args=[file.case_id])
    assert client.post(url, {"unit": "financial_aid", "caseworker": "Kim Berg, 018-00 00 00"}).status_code == 302
    duplicate = client.post(url, {"unit": "financial_aid", "caseworker": "kim berg, 018-00 00 00"})
    assert duplicate.status_code == 400 and "finns redan" in duplicate.content.decode()
    contact = OtherUnitContact.objects.get()
    client.post(reverse("evictions:other_unit_informed", args=[file.case_id, contact.pk]))
    contact.refresh_from_db()
    assert contact.informed_on == TODAY
    assert file.case.events.filter(action=EvictionAction.OTHERS_INFORMED).exists()
    with pytest.raises(ValidationError):
        services.other_unit_mark_informed(contact=contact, acting_user=eviction_caseworker)


def test_a_contact_of_another_file_is_not_reached_through_this_file(client, register, eviction_caseworker):
    mine, other = register().file, register().file
    contact = services.other_unit_add(file=other, unit="adults", caseworker="Lo", acting_user=eviction_caseworker)
    client.force_login(eviction_caseworker)
    response = client.post(reverse("evictions:other_unit_informed", args=[mine.case_id, contact.pk]))
    assert response.status_code == 404

"""A typo in a landlord's name ("Uppsalhem") no longer creates a new private landlord: the notice form asks "Menade
du Uppsalahem?", a new landlord needs its type, and the CSV import names the suggestion as the row's error."""

from django.urls import reverse

import pytest

from cases.models import Landlord
from evictions.models import Notice
from kompotten.models import Unit
from tests.evictions.test_import import csv_bytes, preview, row
from tests.evictions.test_pages import FORM
from tests.factories import fresh_identity_number


@pytest.fixture
def uppsalahem(organisation):
    return Landlord.objects.create(name="Uppsalahem", kind=Landlord.Kind.MUNICIPAL)


def test_the_notice_form_asks_menade_du_and_registers_on_the_landlord_meant(
    client, districts, uppsalahem, eviction_caseworker
):
    client.force_login(eviction_caseworker)
    typo = FORM | {"landlord_name": "Uppsalhem", "landlord_kind": ""}
    asked = client.post(reverse("evictions:notice_add"), typo)
    page = asked.content.decode()
    assert asked.status_code == 400 and "Menade du Uppsalahem?" in page
    assert "Nej, Uppsalhem är en ny hyresvärd" in page
    assert not Notice.objects.exists() and Landlord.objects.count() == 1
    client.post(reverse("evictions:notice_add"), typo | {"landlord_suggestion": "Uppsalahem"})
    assert Notice.objects.get().landlord == uppsalahem
    assert Landlord.objects.count() == 1


def test_a_new_landlord_on_the_notice_form_needs_its_type_chosen(client, districts, uppsalahem, eviction_caseworker):
    client.force_login(eviction_caseworker)
    new = FORM | {"landlord_name": "Uppsalhem", "landlord_suggestion": "ny", "landlord_kind": ""}
    untyped = client.post(reverse("evictions:notice_add"), new)
    assert untyped.status_code == 400 and "Hyresvärden är ny: välj typ av hyresvärd." in untyped.content.decode()
    assert not Notice.objects.exists()
    client.post(reverse("evictions:notice_add"), new | {"landlord_kind": "cooperative"})
    assert Notice.objects.get().landlord.kind == Landlord.Kind.COOPERATIVE
    form = client.get(reverse("evictions:notice_add")).content.decode()
    assert 'value="private" selected' not in form  # no landlord type is chosen for the caseworker


def test_the_import_names_the_suggestion_for_an_unknown_landlord_close_to_a_known_one(
    districts, uppsalahem, eviction_caseworker
):
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    rows = [
        row(hyresvard="Uppsalhem", hyresvardstyp="privat"),
        row(hyresvard="Nya Bostäder", hyresvardstyp="", personnummer=fresh_identity_number()),
        row(hyresvard="UPPSALAHEM", hyresvardstyp="", personnummer=fresh_identity_number()),
    ]
    batch = preview(csv_bytes(rows), unit, eviction_caseworker)
    reasons = {line["line"]: " ".join(line["errors"]) for line in batch.report if line["status"] == "bad"}
    assert "Menade du Uppsalahem?" in reasons[2]
    assert "fyll i kolumnen hyresvardstyp" in reasons[3]
    assert set(reasons) == {2, 3}

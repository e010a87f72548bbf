"""Migration 0011: a granted kundvård's free-text address moves onto its person (the protected address under
skyddad folkbokföring), unless the person's address changed after the decision, and the column goes."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import Person
from housing import services
from tests.factories import PersonFactory, open_case
from tests.migrations import migrate

BEFORE = [("housing", "0010_application_referrals_latest_index")]


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {column.name for column in connection.introspection.get_table_description(cursor, table)}


@pytest.mark.django_db(transaction=True)
def test_kundvard_addresses_move_onto_their_persons_and_the_column_is_dropped(nexus_caseworker, stock):
    today = timezone.localdate()
    protected = PersonFactory(protected=True, street_address="Skenvägen 1")
    plain = PersonFactory(street_address="Gamla vägen 1")
    moved_since = PersonFactory(street_address="Gamla vägen 2")
    kundvard = {}
    for person in (protected, plain, moved_since):
        kundvard[person.pk] = services.kundvard_request(
            case=open_case(persons=[person], handlers=[nexus_caseworker]),
            landlord=stock.uppsalahem,
            requested_on=today - timedelta(days=20),
            risk_assessed_on=today - timedelta(days=20),
            acting_user=nexus_caseworker,
        )
    # This one moved on: her record's address changed after the kundvård decision ten days ago.
    Person.history.filter(id=moved_since.pk).update(history_date=timezone.now() - timedelta(days=15))
    case_services.person_update(
        person=moved_since,
        acting_user=nexus_caseworker,
        phone="",
        workplace="",
        street_address="Senare vägen 3",
        postal_code="75320",
        protection_level="none",
        protection_noted_on=None,
        protection_source="",
    )
    try:
        old = migrate(BEFORE)
        OldKundvard = old.get_model("housing", "Kundvard")  # noqa: N806
        for person, address, days in (
            (protected, "Nyvägen 4, 753 20 Uppsala", 0),
            (plain, "Bytesvägen 8", 0),
            (moved_since, "Mellanvägen 5", 10),
        ):
            OldKundvard.objects.filter(pk=kundvard[person.pk].pk).update(
                decision="granted", decided_on=today - timedelta(days=days), new_address=address
            )
    finally:
        migrate()

    protected = Person.objects.get(pk=protected.pk)
    place = protected.protected_address
    assert (place.street_address, place.postal_code, place.locality) == ("Nyvägen 4", "75320", "Uppsala")
    assert protected.street_address == "Skenvägen 1"
    assert place.history.get().history_change_reason == "Adress från kundvård (migrering)"
    plain = Person.objects.get(pk=plain.pk)
    assert (plain.street_address, plain.postal_code) == ("Bytesvägen 8", "")
    assert plain.history.order_by("history_date").last().history_user == nexus_caseworker
    assert Person.objects.get(pk=moved_since.pk).street_address == "Senare vägen 3"  # the newer address stays
    for table in ("housing_kundvard", "housing_historicalkundvard"):
        assert "new_address" not in _columns(table)

"""Housing's and eviction prevention's landlords and districts become one register (cases 0025, housing 0017–0018,
evictions 0026, relocation 0007): the same landlord typed differently in the two apps is one landlord, with eviction
prevention's type; one district; and every flat, notice, file, meeting, contact and avoided area points at it."""

from datetime import timedelta

from django.utils import timezone

import pytest

from cases.models import District, DistrictPostalArea, Landlord, LandlordContact
from evictions import services as eviction_services
from evictions.models import EvictionFile, LandlordMeeting, Notice
from housing.models import Flat, HousingApplication
from kompotten.models import Unit
from tests.evictions.conftest import notice_input
from tests.housing.conftest import flat, refer
from tests.migrations import migrate

BEFORE = [
    ("housing", "0016_flat_let_to_shelter"),
    ("evictions", "0025_landlord_meeting_minutes"),
    ("relocation", "0006_request_client_case"),
    ("cases", "0026_retention_rules_and_access_log_culling"),
]


@pytest.mark.django_db(transaction=True)
def test_the_two_apps_landlords_and_districts_merge_into_one_register(
    organisation, housing_handler, nexus_caseworker, eviction_caseworker
):
    # Today's rows made through the services, to move back onto the two apps' own tables.
    landlord = Landlord.objects.create(name="Uppsalahem", kind=Landlord.Kind.MUNICIPAL)
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    the_flat = flat(housing_handler, landlord=landlord, district=centrum)
    application = refer(nexus_caseworker)
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    notice = eviction_services.notice_register(data=notice_input(), unit=unit, acting_user=eviction_caseworker)
    meeting = LandlordMeeting.objects.create(landlord=landlord, meets_on=timezone.localdate() + timedelta(days=7))
    try:
        old = migrate(BEFORE)
        # The same landlord and district in each app, typed differently, and a contact person in each.
        HousingLandlord = old.get_model("housing", "Landlord")  # noqa: N806
        EvictionLandlord = old.get_model("evictions", "Landlord")  # noqa: N806
        housing_stadshem = HousingLandlord.objects.create(name="Stadshem AB", kind="private")
        eviction_stadshem = EvictionLandlord.objects.create(name="STADSHEM AB", kind="municipal")
        old.get_model("housing", "LandlordContact").objects.create(
            landlord=housing_stadshem, name="Karin Kundvård", title="Kundvård"
        )
        old.get_model("evictions", "LandlordContact").objects.create(
            landlord=eviction_stadshem, name="Kim Inkasso", role="Inkasso", phone="018-10 10 10"
        )
        housing_savja = old.get_model("housing", "District").objects.create(name="Sävja")
        eviction_savja = old.get_model("evictions", "District").objects.create(
            name="Sävja", handled_by_team=False, contact="savja@uppsala.example"
        )
        old.get_model("evictions", "DistrictPostalArea").objects.create(
            district=eviction_savja, postal_code_from="75700", postal_code_to="75799"
        )
        old.get_model("housing", "Flat").objects.filter(pk=the_flat.pk).update(
            landlord=housing_stadshem, district=housing_savja
        )
        old.get_model("housing", "HousingApplication").objects.get(pk=application.pk).avoid_districts.add(housing_savja)
        old.get_model("evictions", "Notice").objects.filter(pk=notice.pk).update(
            landlord=eviction_stadshem, district=eviction_savja
        )
        old.get_model("evictions", "EvictionFile").objects.filter(pk=notice.file_id).update(district=eviction_savja)
        old.get_model("evictions", "LandlordMeeting").objects.filter(pk=meeting.pk).update(landlord=eviction_stadshem)
    finally:
        migrate()

    stadshem = Landlord.objects.get(name__iexact="stadshem ab")
    assert stadshem.kind == Landlord.Kind.MUNICIPAL  # eviction prevention's type: Kronofogden counts it
    assert Landlord.objects.filter(name__iexact="uppsalahem").count() == 1
    savja = District.objects.get(name="Sävja")
    assert (savja.handled_by_team, savja.contact) == (False, "savja@uppsala.example")
    assert list(savja.postal_areas.values_list("postal_code_from", "postal_code_to")) == [("75700", "75799")]
    assert District.objects.filter(name="Centrum").count() == 1
    assert {(c.name, c.role) for c in LandlordContact.objects.filter(landlord=stadshem)} == {
        ("Karin Kundvård", "Kundvård"),
        ("Kim Inkasso", "Inkasso"),
    }
    moved_flat = Flat.objects.get(pk=the_flat.pk)
    assert (moved_flat.landlord, moved_flat.district) == (stadshem, savja)
    assert list(HousingApplication.objects.get(pk=application.pk).avoid_districts.all()) == [savja]
    moved_notice = Notice.objects.get(pk=notice.pk)
    assert (moved_notice.landlord, moved_notice.district) == (stadshem, savja)
    assert EvictionFile.objects.get(pk=notice.file_id).district == savja
    assert LandlordMeeting.objects.get(pk=meeting.pk).landlord == stadshem
    uppsalahem = Landlord.objects.get(name="Uppsalahem")
    assert moved_notice.history.earliest().landlord_id == uppsalahem.pk  # the history follows the new ids

"""The landlords' monthly meeting list (only files whose consent allows it; printable, no protected address) and the
statistics page (notices and closures per month, breakdowns)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Landlord, LandlordContact
from evictions import services
from evictions.models import Closure, LandlordMeeting, Notice, Partner
from tests.evictions.conftest import notice_input, pdf_text, tenant
from tests.factories import PersonFactory

TODAY = timezone.localdate()


def _consent(file, user, partners=(Partner.LANDLORD,)):
    consent = services.consent_create(file=file, partners=list(partners), acting_user=user)
    return services.consent_sign(consent=consent, signed_on=TODAY, acting_user=user)


def test_the_meeting_list_has_the_landlord_s_open_files_with_consent_and_drops_a_revoked_one(
    client, register, eviction_caseworker
):
    listed = register(notice_input(landlord_name="Uppsalahem", tenants=(tenant(given_name="Lista"),))).file
    revoked = register(notice_input(landlord_name="Uppsalahem", tenants=(tenant(given_name="Återkallad"),))).file
    no_consent = register(notice_input(landlord_name="Uppsalahem", tenants=(tenant(given_name="Utan"),))).file
    other = register(
        notice_input(landlord_name="Heimstaden", landlord_kind="private", tenants=(tenant(given_name="Annan"),))
    ).file
    care_only = register(notice_input(landlord_name="Uppsalahem", tenants=(tenant(given_name="Omsorg"),))).file
    _consent(listed, eviction_caseworker)
    services.consent_revoke(consent=_consent(revoked, eviction_caseworker), acting_user=eviction_caseworker)
    _consent(other, eviction_caseworker)
    _consent(care_only, eviction_caseworker, partners=(Partner.CARE,))
    landlord = Landlord.objects.get(name="Uppsalahem")
    LandlordContact.objects.create(landlord=landlord, name="Kim Kundvård", phone="018-00 00 00")
    LandlordMeeting.objects.create(landlord=landlord, meets_on=TODAY + timedelta(days=10), place="Uppsalahem")
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:meeting"), {"hyresvard": landlord.pk}).content.decode()
    assert listed.case.number in page and "Lista" in page and "Kim Kundvård" in page
    for absent in (revoked, no_consent, other, care_only):
        assert absent.case.number not in page
    text = pdf_text(client.get(reverse("evictions:meeting_pdf", args=[landlord.pk])).content)
    assert listed.case.number in text and "Svartbäcksgatan 10" in text and revoked.case.number not in text


def test_the_meeting_list_never_carries_a_protected_address(client, register, eviction_caseworker):
    hidden = PersonFactory(protected=True, given_name="Hemlig")
    file = register(
        notice_input(tenants=(tenant(identity_number=hidden.identity_number),), street_address="Lönnvägen 4")
    ).file
    _consent(file, eviction_caseworker)
    landlord = Landlord.objects.get()
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:meeting"), {"hyresvard": landlord.pk}).content.decode()
    assert file.case.number in page and "Lönnvägen" not in page
    text = pdf_text(client.get(reverse("evictions:meeting_pdf", args=[landlord.pk])).content)
    assert file.case.number in text and "Lönnvägen" not in text


@pytest.mark.parametrize("persona", ["nexus_caseworker", "housing_handler", "manager", "partner_vasteras"])
def test_only_the_team_gets_the_meeting_list(client, request, register, persona):
    register()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("evictions:meeting")).status_code == 403
    assert client.get(reverse("evictions:meeting_pdf", args=[Landlord.objects.get().pk])).status_code == 404


def test_the_statistics_count_notices_and_closures_per_month(client, register, eviction_caseworker, manager):
    year = TODAY.year - 1
    march = date(year, 3, 10)
    family = register(notice_input(received_on=march, served_on=march, children_in_household=True)).file
    register(notice_input(received_on=march, served_on=march, sender_kind=Notice.Sender.DEBT_COLLECTOR))
    kfm = register(
        notice_input(
            received_on=date(year, 5, 2),
            kind=Notice.Kind.EVICTION,
            served_on=None,
            eviction_date=date(year, 6, 1),
            sender_kind=Notice.Sender.KRONOFOGDEN,
        )
    ).file
    register(notice_input(received_on=date(year, 5, 3), served_on=date(year, 5, 3), postal_code="75645"))  # routed
    register(notice_input(received_on=date(year, 5, 4), served_on=date(year, 5, 4), postal_code="72212"))  # Västerås
    services.file_close(
        file=family,
        ground=Closure.Ground.DEBT_PAID,
        outcome=Closure.Outcome.STAYED,
        children_affected=2,
        closed_on=date(year, 4, 20),
        acting_user=eviction_caseworker,
    )
    services.file_close(
        file=kfm,
        ground=Closure.Ground.EVICTION_WITHDRAWN,
        outcome=Closure.Outcome.STAYED,
        closed_on=date(year, 6, 1),
        acting_user=eviction_caseworker,
    )
    for user in (eviction_caseworker, manager):
        client.force_login(user)
        response = client.get(reverse("evictions:statistics"), {"ar": year})
        stats = response.context["stats"]
        months = {m.number: m for m in stats.months}
        assert (months[3].received, months[3].with_children) == (2, 1)
        assert months[5].received == 1  # the notices routed to Gottsunda and Västerås are not the team's
        assert (months[4].closed, months[4].children_affected) == (1, 2)
        assert (months[6].closed, months[6].prevented, months[6].executed) == (1, 1, 0)
        assert stats.totals.received == 3
        assert stats.routed == 2
        page = response.content.decode()
        assert "Vidarebefordrade till annan enhet eller kommun: 2 underrättelser" in page
        assert ("Inkassobolag (ombud)", 1) in stats.by_sender and ("Kronofogden", 1) in stats.by_sender
        assert ("Bor kvar", 2) in stats.by_outcome


def test_the_statistics_take_the_same_queries_whatever_the_volume(client, register, eviction_caseworker):
    client.force_login(eviction_caseworker)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("evictions:statistics")).status_code == 200
        return len(captured)

    register()
    few = queries()
    for _ in range(5):
        register()
    assert queries() == few


def test_other_roles_do_not_see_the_statistics(client, organisation, housing_handler):
    client.force_login(housing_handler)
    assert client.get(reverse("evictions:statistics")).status_code == 403


def test_the_meeting_list_takes_the_same_queries_for_two_files_as_for_six(client, register, eviction_caseworker):
    def add(count):
        for _ in range(count):
            file = register(notice_input(tenants=(tenant(), tenant()))).file
            _consent(file, eviction_caseworker)
            services.repayment_plan_add(
                file=file,
                agreed_on=TODAY,
                debt=Decimal(9000),
                monthly_amount=Decimal(900),
                acting_user=eviction_caseworker,
            )

    client.force_login(eviction_caseworker)
    add(2)
    url = reverse("evictions:meeting") + f"?hyresvard={Landlord.objects.get().pk}"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    add(4)
    assert queries() == few

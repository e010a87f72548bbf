"""Each notice once, whatever channel brought it: a notice typed in by hand and then sent again in the landlord's CSV,
a form sent twice (one after the other or at the same moment) and two registrations at once for a new tenant all
leave one notice, one person, no false escalation and one notice in the month's statistics."""

import threading
from dataclasses import replace

from django.db import connection
from django.urls import reverse

import pytest

from cases.access import AccessPolicy
from cases.models import Landlord, Person
from evictions import services
from evictions import statistics as stats
from evictions.models import EvictionFile, ImportBatch, Notice
from kompotten.models import Unit
from tests.evictions.conftest import days_ago, notice_input, tenant
from tests.evictions.test_import import csv_bytes, preview, row, run
from tests.evictions.test_pages import FORM
from tests.factories import fresh_identity_number


def _as_csv_row(data, **overrides) -> dict:
    """The notice as the landlord's list has it: sent in later (another received date), same tenant, kind, service
    date and landlord."""
    person = data.tenants[0]
    return (
        row(
            mottagen=days_ago(0).isoformat(),
            delgiven=data.served_on.isoformat(),
            fornamn=person.given_name,
            efternamn=person.family_name,
            personnummer=person.identity_number,
            hyresvard=data.landlord_name.upper(),  # the landlord as the list spells it
            hyresvardstyp="",
            barn="",
        )
        | overrides
    )


def test_a_csv_holding_notices_first_typed_in_by_hand_imports_none_of_them_again(
    client, register, eviction_caseworker, django_capture_on_commit_callbacks
):
    typed = [
        notice_input(tenants=(tenant(given_name=name),), received_on=days_ago(3), served_on=days_ago(5))
        for name in ("Anna", "Bo")
    ]
    by_hand = [register(data) for data in typed]
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    new = row(fornamn="Cilla", personnummer=fresh_identity_number(), hyresvard="Uppsalahem", hyresvardstyp="")
    batch = preview(csv_bytes([*map(_as_csv_row, typed), new]), unit, eviction_caseworker)
    assert (batch.rows_ok, batch.rows_registered, batch.rows_bad, batch.rows_duplicate) == (1, 2, 0, 0)

    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:import_detail", args=[batch.pk])).content.decode()
    assert "Importera 1 rad" in page and page.count("redan registrerad") == 2
    for notice in by_hand:
        assert reverse("evictions:file_detail", args=[notice.file.case_id]) in page

    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.IMPORTED
    assert (batch.imported_count, batch.rows_registered, batch.error) == (1, 2, "")
    assert Notice.objects.count() == 3
    assert not EvictionFile.objects.filter(escalated=True).exists()  # no "second notice" for Anna or Bo
    # The month counts three notices (the suite's date, 18 November, puts all three in November), not five.
    month = stats.year_statistics(AccessPolicy(eviction_caseworker), days_ago(0).year).months[days_ago(3).month - 1]
    assert days_ago(3).month == days_ago(0).month and month.received == 3


def test_a_notice_typed_in_while_its_import_waited_is_skipped_by_the_import(
    register, eviction_caseworker, django_capture_on_commit_callbacks
):
    data = notice_input(received_on=days_ago(2), served_on=days_ago(4))
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    batch = preview(csv_bytes([_as_csv_row(data, hyresvardstyp="kommunal")]), unit, eviction_caseworker)
    assert batch.rows_ok == 1
    register(data)  # typed in from the paper copy before the import ran
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert (batch.status, batch.imported_count, batch.rows_registered) == (ImportBatch.Status.IMPORTED, 0, 1)
    assert Notice.objects.count() == 1 and not EvictionFile.objects.get().escalated


def test_a_file_listing_the_same_notice_twice_imports_it_once(
    register, eviction_caseworker, django_capture_on_commit_callbacks
):
    first = row(hyresvard="Heimstaden")
    again = first | {"kapital": "13 000", "hyresvard": "heimstaden"}  # the amount corrected, the name in lower case
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    batch = preview(csv_bytes([first, again]), unit, eviction_caseworker)
    assert (batch.rows_ok, batch.rows_duplicate, batch.rows_registered) == (1, 1, 0)
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.imported_count == 1 and Notice.objects.count() == 1 and not EvictionFile.objects.get().escalated


def test_a_form_sent_twice_registers_one_notice_and_tells_the_second_sender(client, districts, eviction_caseworker):
    client.force_login(eviction_caseworker)
    first = client.post(reverse("evictions:notice_add"), FORM, follow=True)
    assert "Underrättelsen är registrerad i ärende" in first.content.decode()
    second = client.post(reverse("evictions:notice_add"), FORM, follow=True)
    page = second.content.decode()
    notice = Notice.objects.get()
    assert "Underrättelsen är redan registrerad" in page
    assert f'href="{reverse("evictions:file_detail", args=[notice.file.case_id])}"' in page
    assert second.redirect_chain[-1][0] == reverse("evictions:notice_add")
    file = notice.file
    assert not file.escalated and file.notices.count() == 1
    assert stats.year_statistics(AccessPolicy(eviction_caseworker), 2026).months[2].received == 1


def test_the_same_notice_from_another_channel_or_sender_is_the_same_notice(register):
    first = register(notice_input())
    again = register(
        replace(
            notice_input(tenants=first_tenants(first)),
            received_on=days_ago(0),
            channel=Notice.Channel.EMAIL,
            sender_kind=Notice.Sender.DEBT_COLLECTOR,
            landlord_name=" uppsalahem ",
        )
    )
    assert again.already_registered and again.pk == first.pk and Notice.objects.count() == 1
    other_kind = register(notice_input(tenants=first_tenants(first), kind=Notice.Kind.WARNING))
    assert not other_kind.already_registered and Notice.objects.count() == 2


def first_tenants(notice):
    person = notice.tenants.get().person
    return (tenant(identity_number=person.identity_number, given_name=person.given_name),)


def _at_once(register_one, times: int = 2) -> list:
    """Runs `register_one` in `times` threads released at the same moment; returns what each returned or raised."""
    barrier, outcomes = threading.Barrier(times), []

    def attempt():
        try:
            barrier.wait()
            outcomes.append(register_one())
        except Exception as error:  # noqa: BLE001 - the test reports any error as an outcome
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_identical_registrations_at_once_give_one_notice_and_no_error(
    transactional_db, districts, eviction_caseworker, register
):
    known = register(notice_input(kind=Notice.Kind.WARNING, reasons=(Notice.Reason.DISTURBANCE,)))
    data = notice_input(tenants=first_tenants(known))
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    outcomes = _at_once(lambda: services.notice_register(data=data, unit=unit, acting_user=eviction_caseworker))
    assert all(isinstance(outcome, Notice) for outcome in outcomes), outcomes
    assert sorted(outcome.already_registered for outcome in outcomes) == [False, True]
    assert Notice.objects.filter(kind=Notice.Kind.TERMINATION).count() == 1


@pytest.mark.parametrize("landlord_known", [True, False])
def test_a_new_tenant_registered_twice_at_once_is_one_person_with_one_notice(
    transactional_db, districts, eviction_caseworker, landlord_known
):
    if landlord_known:
        Landlord.objects.create(name="Uppsalahem", kind=Landlord.Kind.MUNICIPAL)
    data = notice_input(tenants=(tenant(given_name="Nora"),), landlord_name="Uppsalahem" if landlord_known else "Ny AB")
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    outcomes = _at_once(lambda: services.notice_register(data=data, unit=unit, acting_user=eviction_caseworker))
    assert all(isinstance(outcome, Notice) for outcome in outcomes), outcomes
    assert Person.objects.filter(identity_number=data.tenants[0].identity_number).count() == 1
    assert Notice.objects.count() == 1 and EvictionFile.objects.count() == 1
    assert not EvictionFile.objects.get().escalated

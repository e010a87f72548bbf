"""Issue 18: a tenant on a notice, routed or imported, is a person of the register from the first moment, so a
protected one is masked — name and address — on the routed notices, the file page and the import preview for a
caseworker without a grant, and shown with an access-log row naming them to one with a grant. Import previews and
files are kept no longer than needed, and the row report holds no names. Grants are given, never taken: a file
naming a protected tenant gets no handler from its registration, even when the caseworker already sees the person;
the team lead finds it by number and assigns it with a reason."""

import json
from datetime import timedelta

from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import AccessLogEntry, GrantEvent, ProtectionLevel
from evictions import registration, services, tasks
from evictions.models import EvictionFile, ImportBatch, Notice, NoticeTenant
from kompotten.models import Unit
from tests.evictions.conftest import (
    PLACEHOLDER,
    as_tenant,
    assert_masked,
    days_ago,
    grant,
    notice_input,
    pdf_text,
    tenant,
    views_of,
)
from tests.evictions.test_import import csv_bytes, preview, row, run
from tests.evictions.test_pages import FORM
from tests.factories import TEST_REASON


# --- routed notices ------------------------------------------------------------------------------------------------
def test_a_routed_notice_of_a_protected_person_is_masked_without_a_grant_and_logged_when_shown(
    client, register, leila, eviction_caseworker, administrator
):
    typed = tenant(identity_number=leila.identity_number, given_name="Leila", family_name="Karimi")
    notice = register(notice_input(tenants=(typed,), postal_code="75645", street_address="Rosenvägen 7"))
    assert notice.routing == Notice.Routing.DISTRICT
    assert notice.tenants.get().person == leila  # the register's person, not a copy

    client.force_login(eviction_caseworker)
    url = reverse("evictions:routed_notices")
    page = client.get(url).content.decode()
    assert_masked(page, leila, "Rosenvägen", "75645")
    assert "Gottsunda" in page  # where it went is no secret
    assert not views_of(leila, eviction_caseworker)

    grant(leila, eviction_caseworker, administrator)
    page = client.get(url).content.decode()
    assert "Leila Karimi" in page and "Rosenvägen 7" in page and PLACEHOLDER not in page
    [entry] = views_of(leila, eviction_caseworker)
    assert (entry.what, entry.grant, entry.case) == (url, AccessLogEntry.Grant.PERSON, None)


def test_a_routed_notice_shows_the_name_the_notice_gave_and_the_person_is_new_in_the_register(
    client, register, eviction_caseworker
):
    register(notice_input(tenants=(tenant(given_name="Gunnel", family_name="Ek"),), postal_code="72212"))
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:routed_notices")).content.decode()
    assert "Gunnel Ek" in page and "Västerås" in page and PLACEHOLDER not in page
    assert NoticeTenant.objects.get().person.protection_level == ProtectionLevel.NONE
    assert not AccessLogEntry.objects.exists()  # nothing protected was shown


def test_a_person_protected_after_the_notice_was_routed_is_masked_from_then_on(
    client, register, eviction_caseworker, nexus_caseworker
):
    """The tenant is the person, so a protection recorded later reaches the old notice too."""
    register(notice_input(tenants=(tenant(given_name="Maja", family_name="Sten"),), postal_code="75645"))
    person = NoticeTenant.objects.get().person
    case_services.person_update(
        person=person,
        acting_user=nexus_caseworker,
        phone="",
        workplace="",
        street_address="Box 1",
        postal_code="75320",
        protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        protection_noted_on=timezone.localdate(),
        protection_source="Skatteverket",
    )
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:routed_notices")).content.decode()
    assert_masked(page, person, "Svartbäcksgatan")


# --- the file page (the notice as received) -----------------------------------------------------------------------
def test_the_notice_on_the_file_page_is_revealed_to_a_granted_caseworker_with_a_log_row(
    client, register, leila, eviction_caseworker, administrator
):
    typed = tenant(identity_number=leila.identity_number, given_name="Leila", family_name="Karimi-Ahmadi")
    notice = register(notice_input(tenants=(typed,), street_address="Rosenvägen 7"))
    client.force_login(eviction_caseworker)
    url = reverse("evictions:file_detail", args=[notice.file.case_id])
    assert_masked(client.get(url).content.decode(), leila, "Rosenvägen", "Karimi-Ahmadi")
    assert not views_of(leila, eviction_caseworker)

    grant(leila, eviction_caseworker, administrator)
    page = client.get(url).content.decode()
    assert "Leila Karimi-Ahmadi" in page and "Rosenvägen 7" in page  # the notice's name, as the sender wrote it
    assert len(views_of(leila, eviction_caseworker)) == 1  # one row per person and page


# --- the import preview --------------------------------------------------------------------------------------------
@pytest.fixture
def unit(districts):
    return Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)


def test_the_import_preview_masks_a_protected_tenant_and_the_address_and_logs_each_reveal(
    client, unit, leila, eviction_caseworker, administrator
):
    protected = row(fornamn="Leila", efternamn="Karimi", personnummer=leila.identity_number, adress="Rosenvägen 7")
    other = row(fornamn="Bo", efternamn="Berg", adress="Kungsgatan 9")
    batch = preview(csv_bytes([protected, other]), unit, eviction_caseworker)
    client.force_login(eviction_caseworker)
    url = reverse("evictions:import_detail", args=[batch.pk])

    page = client.get(url).content.decode()
    assert_masked(page, leila, "Rosenvägen")
    assert "Bo Berg" in page and "Kungsgatan 9" in page  # not protected (and not yet in the register)
    assert not views_of(leila, eviction_caseworker)

    grant(leila, eviction_caseworker, administrator)
    page = client.get(url).content.decode()
    assert "Leila Karimi" in page and "Rosenvägen 7" in page
    [entry] = views_of(leila, eviction_caseworker)
    assert (entry.what, entry.grant) == (url, AccessLogEntry.Grant.PERSON)


def test_the_row_report_holds_line_numbers_and_reasons_and_no_names_or_addresses(
    unit, leila, eviction_caseworker, django_capture_on_commit_callbacks
):
    rows = [
        row(fornamn="Leila", efternamn="Karimi", personnummer=leila.identity_number, adress="Rosenvägen 7"),
        row(fornamn="Bo", efternamn="Berg", adress="Kungsgatan 9", mottagen="2026-02-30"),
        row(fornamn="Cilla", efternamn="Ceder", adress="Ågatan 1"),
    ]
    raw = csv_bytes(rows)
    batch = preview(raw, unit, eviction_caseworker)
    assert batch.report[1] == {"line": 3, "status": "bad", "errors": [batch.report[1]["errors"][0]]}
    assert "2026-02-30" in batch.report[1]["errors"][0]

    def leaks(report) -> list[str]:
        text = json.dumps(report, ensure_ascii=False)
        personal = ["Leila", "Karimi", "Rosenvägen", "Bo", "Berg", "Kungsgatan", "Cilla", "Ågatan"]
        return [word for word in [*personal, *(r["personnummer"] for r in rows)] if word in text]

    assert not leaks(batch.report)
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.IMPORTED and batch.content == ""
    assert not leaks(ImportBatch.objects.get(pk=batch.pk).report)
    again = preview(raw, unit, eviction_caseworker)  # a second upload's repeats are reported by line only
    assert again.rows_registered == 2 and not leaks(again.report)


def test_the_stored_file_is_removed_when_an_import_fails_too(
    unit, eviction_caseworker, monkeypatch, django_capture_on_commit_callbacks
):
    batch = preview(csv_bytes([row()]), unit, eviction_caseworker)

    def failing(**kwargs):
        raise services.ValidationError("Hyresvärden är ny: ange typ av hyresvärd.")

    monkeypatch.setattr(services.registration, "notices_register", failing)
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.FAILED
    assert ImportBatch.objects.get(pk=batch.pk).content == ""


def test_a_database_conflict_during_the_import_is_reported_without_the_conflicting_values(
    unit, eviction_caseworker, monkeypatch, django_capture_on_commit_callbacks
):
    number = row()["personnummer"]
    batch = preview(csv_bytes([row(personnummer=number)]), unit, eviction_caseworker)

    def conflict(**kwargs):
        raise IntegrityError(f"duplicate key value violates unique constraint DETAIL: (identity_number)=({number})")

    monkeypatch.setattr(services.registration, "notices_register", conflict)
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.FAILED and number not in batch.error and "krock" in batch.error


# --- purging previews ---------------------------------------------------------------------------------------------
def _uploaded(batch, ago: timedelta) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(uploaded_at=timezone.now() - ago)


def test_beat_deletes_a_preview_not_confirmed_within_a_day_with_its_file(client, unit, eviction_caseworker, run_tasks):
    old = preview(csv_bytes([row()]), unit, eviction_caseworker)
    fresh = preview(csv_bytes([row()]), unit, eviction_caseworker)
    _uploaded(old, timedelta(days=1, minutes=1))
    _uploaded(fresh, timedelta(hours=23))
    with run_tasks():
        result = tasks.import_batches_purge.delay()
    assert result.get() == 1
    assert list(ImportBatch.objects.values_list("pk", flat=True)) == [fresh.pk]
    client.force_login(eviction_caseworker)
    assert client.get(reverse("evictions:import_detail", args=[old.pk])).status_code == 404


def test_the_purge_takes_the_time_as_input_and_leaves_imports_alone(
    unit, eviction_caseworker, django_capture_on_commit_callbacks
):
    preview_batch = preview(csv_bytes([row()]), unit, eviction_caseworker)
    imported = run(
        preview(csv_bytes([row()]), unit, eviction_caseworker), eviction_caseworker, django_capture_on_commit_callbacks
    )
    now = timezone.now()
    assert services.import_batches_purge(now=now + timedelta(hours=23)) == (0, 0)
    assert services.import_batches_purge(now=now + timedelta(days=1, seconds=1)) == (1, 0)
    assert not ImportBatch.objects.filter(pk=preview_batch.pk).exists()
    assert ImportBatch.objects.filter(pk=imported.pk, status=ImportBatch.Status.IMPORTED).exists()


def test_an_import_whose_task_was_lost_is_failed_after_a_day_and_its_file_removed(
    unit, eviction_caseworker, django_capture_on_commit_callbacks
):
    batch = preview(csv_bytes([row()]), unit, eviction_caseworker)
    with django_capture_on_commit_callbacks(execute=False):  # the broker lost the message
        services.import_batch_queue(batch=batch, acting_user=eviction_caseworker)
    assert services.import_batches_purge(now=timezone.now() + timedelta(days=2)) == (0, 1)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and batch.content == "" and "inom ett dygn" in batch.error
    assert services.import_batch_run(batch=batch, acting_user=eviction_caseworker).imported_count == 0
    assert not Notice.objects.exists()


# --- grants are given, never taken -------------------------------------------------------------------------------
def test_a_caseworker_who_sees_the_protected_tenant_registers_the_notice_and_is_told_it_went_to_the_team_lead(
    client, districts, mira, eviction_caseworker
):
    client.force_login(eviction_caseworker)
    today = timezone.localdate()
    form = FORM | {
        "tenant_given_name": "Mira",
        "tenant_family_name": "Skyddsdotter",
        "tenant_identity_number": mira.identity_number,
        "received_on": today.isoformat(),
        "served_on": (today - timedelta(days=1)).isoformat(),
    }
    response = client.post(reverse("evictions:notice_add"), form, follow=True)

    case = Notice.objects.get().file.case
    assert response.redirect_chain[-1][0] == reverse("evictions:file_detail", args=[case.pk])
    page = response.content.decode()
    assert f"Underrättelsen är registrerad i ärende {case.number}" in page
    assert "har gått till gruppledaren, som tilldelar en handläggare" in page
    assert not case.assignments.exists()
    assert not GrantEvent.objects.filter(case=case).exists()  # no grant taken, by her or for her
    file = case.eviction_file
    assert file.escalated and file.escalation_reason == registration.PROTECTED_FLAG_REASON


def test_the_team_lead_finds_the_file_by_number_without_the_identity_and_assigns_it_with_a_reason(
    client, register, mira, eviction_caseworker, eviction_team_lead
):
    case = register(notice_input(tenants=(as_tenant(mira),), served_on=days_ago(18))).file.case  # due in three days
    assign_url = reverse("cases:handler_assign", args=[case.pk])
    client.force_login(eviction_team_lead)
    for url in (reverse("cases:workload"), reverse("evictions:due_list")):
        page = client.get(url).content.decode()
        assert case.number in page and assign_url in page, url
        assert_masked(page, mira, "Svartbäcksgatan")
    assert "Väntar på handläggare" in page  # the due list: the team lead's files to assign come first
    assert "Ingen handläggare" in page  # and the recovery period runs while nobody handles the file
    assert not views_of(mira, eviction_team_lead)

    response = client.post(assign_url, {"user": eviction_caseworker.pk, "reason": TEST_REASON})
    assert response.status_code == 302
    assert list(case.assignments.values_list("user", flat=True)) == [eviction_caseworker.pk]
    event = GrantEvent.objects.get(case=case)
    assert (event.user, event.given_by, event.reason, event.protected) == (
        eviction_caseworker,
        eviction_team_lead,
        TEST_REASON,
        True,
    )
    page = client.get(reverse("evictions:due_list")).content.decode()
    assert "Ingen handläggare" not in page and "Väntar på handläggare" not in page


def test_an_import_leaves_a_protected_tenants_file_to_the_team_lead_and_says_so(
    client, unit, mira, eviction_caseworker, django_capture_on_commit_callbacks
):
    rows = [row(fornamn="Mira", efternamn="Skyddsdotter", personnummer=mira.identity_number), row()]
    batch = run(
        preview(csv_bytes(rows), unit, eviction_caseworker), eviction_caseworker, django_capture_on_commit_callbacks
    )
    assert (batch.status, batch.to_team_lead) == (ImportBatch.Status.IMPORTED, 1)
    protected = EvictionFile.objects.get(case__parties__person=mira)
    assert not protected.case.assignments.exists() and not GrantEvent.objects.filter(case=protected.case).exists()
    other = EvictionFile.objects.exclude(pk=protected.pk).get()
    assert list(other.case.assignments.values_list("user", flat=True)) == [eviction_caseworker.pk]

    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:import_detail", args=[batch.pk])).content.decode()
    assert "1 ärende gäller en person med skyddade personuppgifter och har gått till gruppledaren" in page


def test_a_relative_who_sent_the_notice_is_named_only_to_those_who_see_the_tenant(
    client, register, leila, eviction_caseworker, administrator
):
    notice = register(
        notice_input(
            tenants=(as_tenant(leila),),
            sender_kind=Notice.Sender.RELATIVE,
            sender_name="Sara Karimi",
            receipt_requested=True,
        )
    )
    client.force_login(eviction_caseworker)
    url = reverse("evictions:file_detail", args=[notice.file.case_id])
    page = client.get(url).content.decode()
    assert "Sara Karimi" not in page and f"Anhörig: {PLACEHOLDER}" in page
    receipt = client.get(reverse("evictions:receipt_pdf", args=[notice.file.case_id, notice.pk]))
    text = pdf_text(receipt.content)
    assert "Anhörig" in text and "Sara Karimi" not in text  # the receipt leaves out who the household is

    grant(leila, eviction_caseworker, administrator)
    assert "Anhörig: Sara Karimi" in client.get(url).content.decode()

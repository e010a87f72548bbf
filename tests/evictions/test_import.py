"""Bulk intake: UTF-8 and Excel's Swedish semicolon CSV (Windows-1252), a preview validating row by row, bad rows
shown with the reason and not imported, idempotent re-import, all or nothing, and the refusals of bad files."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.access import AccessPolicy
from cases.models import Person
from evictions import registration, selectors, services, tasks
from evictions.models import ImportBatch, Notice
from kompotten.models import Unit
from tests.factories import fresh_identity_number

HEADER = [
    "mottagen",
    "avsandare",
    "typ",
    "skal",
    "kapital",
    "kostnader",
    "delgiven",
    "fornamn",
    "efternamn",
    "personnummer",
    "adress",
    "postnummer",
    "hyresvard",
    "hyresvardstyp",
    "barn",
]
TODAY = timezone.localdate()


def row(**overrides) -> dict:
    values = {
        "mottagen": TODAY.isoformat(),
        "avsandare": "inkasso",
        "typ": "uppsägning",
        "skal": "hyresskuld",
        "kapital": "12 500,50",
        "kostnader": "350",
        "delgiven": TODAY.isoformat(),
        "fornamn": "Åsa",
        "efternamn": "Öberg",
        "personnummer": fresh_identity_number(),
        "adress": "Kungsgatan 3",
        "postnummer": "753 21",
        "hyresvard": "Heimstaden",
        "hyresvardstyp": "privat",
        "barn": "ja",
    }
    return values | overrides


def csv_bytes(rows, *, delimiter=";", encoding="utf-8", header=HEADER) -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(r.get(name, "") for name in header) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@pytest.fixture
def unit(districts):
    return Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)


def preview(raw, unit, user, filename="lista.csv"):
    return services.import_batch_preview(raw=raw, filename=filename, unit=unit, acting_user=user)


def run(batch, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        services.import_batch_queue(batch=batch, acting_user=user)
    return services.import_batch_run(batch=batch, acting_user=user)


def test_good_rows_are_imported_bad_ones_shown_with_the_reason_and_repeats_skipped(
    unit, eviction_caseworker, django_capture_on_commit_callbacks
):
    good, other = row(), row(fornamn="Bo", personnummer=fresh_identity_number())
    bad = [
        row(mottagen="2026-02-30"),
        row(postnummer="99999"),
        row(personnummer="19900101-0000"),
        row(typ="vräkning"),
        row(kapital=""),
    ]
    batch = preview(csv_bytes([good, *bad, other, good]), unit, eviction_caseworker)
    assert (batch.rows_ok, batch.rows_bad, batch.rows_duplicate) == (2, 5, 1)
    reasons = {line["line"]: " ".join(line["errors"]) for line in batch.report if line["status"] == "bad"}
    assert "Datumet 2026-02-30 i kolumnen mottagen finns inte" in reasons[3]
    assert "postnummerregistret" in reasons[4]
    assert "Personnumret i kolumnen personnummer" in reasons[5]
    assert "Okänt värde ”vräkning” i kolumnen typ" in reasons[6]
    assert "kapitalbelopp" in reasons[7]
    assert Notice.objects.count() == 0  # the preview saves nothing
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.IMPORTED and batch.imported_count == 2
    assert Notice.objects.count() == 2 and batch.content == ""
    notice = Notice.objects.get(tenants__given_name="Åsa")
    assert str(notice.rent_debt_capital) == "12500.50" and notice.file.has_children
    assert notice.recovery_deadline is not None


def test_importing_the_same_file_twice_creates_no_duplicates(
    unit, eviction_caseworker, django_capture_on_commit_callbacks
):
    raw = csv_bytes([row(), row(fornamn="Bo")])
    run(preview(raw, unit, eviction_caseworker), eviction_caseworker, django_capture_on_commit_callbacks)
    again = preview(raw, unit, eviction_caseworker)
    assert (again.rows_ok, again.rows_registered, again.rows_duplicate) == (0, 2, 0)
    with pytest.raises(Exception, match="inga rader"):
        services.import_batch_queue(batch=again, acting_user=eviction_caseworker)
    assert Notice.objects.count() == 2


def test_excel_s_swedish_semicolon_csv_in_windows_1252_is_read(unit, eviction_caseworker):
    batch = preview(csv_bytes([row()], encoding="cp1252"), unit, eviction_caseworker)
    assert batch.encoding == "Windows-1252" and batch.rows_ok == 1
    assert selectors.import_preview(AccessPolicy(eviction_caseworker), batch).good[0].tenants[0].name == "Åsa Öberg"
    comma = preview(
        csv_bytes([row(kapital="12500.50")], delimiter=",", encoding="utf-8-sig"), unit, eviction_caseworker
    )
    assert comma.encoding == "UTF-8" and comma.rows_ok == 1


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (csv_bytes([row()], header=[n for n in HEADER if n != "personnummer"]), "Kolumner saknas: personnummer"),
        ("mottagen;typ\n".encode("utf-16"), "inte en textfil"),
        (b"", "tom"),
        (csv_bytes([]), "inga rader"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_saved(unit, eviction_caseworker, raw, message):
    with pytest.raises(Exception, match=message):
        preview(raw, unit, eviction_caseworker)
    assert not ImportBatch.objects.exists()


def test_a_failure_during_the_import_leaves_nothing_half_imported(
    unit, eviction_caseworker, monkeypatch, django_capture_on_commit_callbacks
):
    batch = preview(csv_bytes([row(), row(fornamn="Bo"), row(fornamn="Cilla")]), unit, eviction_caseworker)
    original, calls = registration._Registration.register, []

    def failing(self, data, import_key):
        calls.append(1)
        if len(calls) == 3:
            raise services.ValidationError("Databasen svarade inte")
        return original(self, data, import_key)

    monkeypatch.setattr(registration._Registration, "register", failing)
    batch = run(batch, eviction_caseworker, django_capture_on_commit_callbacks)
    assert batch.status == ImportBatch.Status.FAILED and "Databasen svarade inte" in batch.error
    assert Notice.objects.count() == 0 and Person.objects.filter(given_name="Bo").count() == 0


def test_the_task_imports_once_however_often_it_runs(unit, eviction_caseworker, django_capture_on_commit_callbacks):
    batch = preview(csv_bytes([row()]), unit, eviction_caseworker)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.import_batch_queue(batch=batch, acting_user=eviction_caseworker)
    assert len(callbacks) == 1
    assert tasks.import_batch_run(batch.pk, eviction_caseworker.pk) == 1
    assert tasks.import_batch_run(batch.pk, eviction_caseworker.pk) == 1
    assert Notice.objects.count() == 1


def test_the_pages_upload_preview_and_confirm(client, unit, eviction_caseworker, django_capture_on_commit_callbacks):
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:import_upload")).content.decode()
    assert "personnummer" in page and "hyresvardstyp" in page
    upload = SimpleUploadedFile("lista.csv", csv_bytes([row(), row(mottagen="2026-13-01")]), "text/csv")
    response = client.post(reverse("evictions:import_upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.headers["Location"] == reverse(
        "evictions:import_detail", args=[batch.pk]
    )
    page = client.get(reverse("evictions:import_detail", args=[batch.pk])).content.decode()
    assert "Importera 1 rad" in page and "2026-13-01" in page
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("evictions:import_detail", args=[batch.pk]))
    assert len(callbacks) == 1 and ImportBatch.objects.get().status == ImportBatch.Status.QUEUED


def test_an_upload_larger_than_the_limit_is_refused(client, unit, eviction_caseworker):
    client.force_login(eviction_caseworker)
    big = SimpleUploadedFile("stor.csv", b"x" * (5 * 1024 * 1024 + 1), "text/csv")
    response = client.post(reverse("evictions:import_upload"), {"file": big})
    assert response.status_code == 400 and "större än 5 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "manager", "partner_vasteras", "administrator"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_import_is_404_to_everyone_outside_the_team(client, request, unit, eviction_caseworker, persona, method):
    batch = preview(csv_bytes([row()]), unit, eviction_caseworker)
    client.force_login(request.getfixturevalue(persona))
    assert getattr(client, method)(reverse("evictions:import_detail", args=[batch.pk])).status_code == 404

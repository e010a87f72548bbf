from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.models import CaseEvent, Document, JournalNote
from tests.factories import open_case


@pytest.fixture
def case(organisation, nexus_caseworker, nexus_colleague):
    return open_case(handlers=[nexus_caseworker, nexus_colleague])


def test_the_author_may_edit_a_note_for_a_short_while(case, nexus_caseworker):
    note = services.note_add(case=case, text="Första", acting_user=nexus_caseworker)
    services.note_edit(note=note, text="Rättad text", acting_user=nexus_caseworker)
    note.refresh_from_db()
    assert note.text == "Rättad text" and note.edited_at is not None
    assert note.history.first().history_user == nexus_caseworker


def test_nobody_else_may_edit_a_note(case, nexus_caseworker, nexus_colleague):
    note = services.note_add(case=case, text="Första", acting_user=nexus_caseworker)
    with pytest.raises(ValidationError):
        services.note_edit(note=note, text="Ändrad", acting_user=nexus_colleague)


def test_after_the_window_a_correction_is_a_new_note(case, nexus_caseworker):
    note = services.note_add(case=case, text="Fel datum", acting_user=nexus_caseworker)
    JournalNote.objects.filter(pk=note.pk).update(written_at=timezone.now() - timedelta(hours=2))
    note.refresh_from_db()
    with pytest.raises(ValidationError):
        services.note_edit(note=note, text="Ändrad", acting_user=nexus_caseworker)
    correction = services.note_add(case=case, text="Rätt datum", corrects=note, acting_user=nexus_caseworker)
    assert list(note.corrections.all()) == [correction]
    assert JournalNote.objects.filter(case=case).count() == 2


def test_the_edit_page_sends_an_expired_note_to_the_correction_form(client, case, nexus_caseworker):
    note = services.note_add(case=case, text="Gammal", acting_user=nexus_caseworker)
    JournalNote.objects.filter(pk=note.pk).update(written_at=timezone.now() - timedelta(hours=2))
    client.force_login(nexus_caseworker)
    response = client.get(reverse("cases:note_edit", args=[case.pk, note.pk]))
    assert response.url == reverse("cases:note_correct", args=[case.pk, note.pk])


def test_an_empty_note_is_refused_and_the_form_says_so(client, case, nexus_caseworker):
    client.force_login(nexus_caseworker)
    response = client.post(reverse("cases:note_add", args=[case.pk]), {"text": "  "})
    assert response.status_code == 400
    assert JournalNote.objects.count() == 0


def test_a_note_is_written_through_the_case_page(client, case, nexus_caseworker):
    client.force_login(nexus_caseworker)
    response = client.post(reverse("cases:note_add", args=[case.pk]), {"text": "Samtal med sökande."}, follow=True)
    assert "Samtal med sökande." in response.content.decode()
    assert case.events.filter(action=CaseEvent.Action.NOTE_ADDED, actor=nexus_caseworker).exists()


def test_a_manager_reads_but_does_not_write(client, case, manager):
    client.force_login(manager)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 200
    assert client.post(reverse("cases:note_add", args=[case.pk]), {"text": "x"}).status_code == 403


def test_documents_are_stored_privately_under_a_random_name(client, case, nexus_caseworker, settings):
    client.force_login(nexus_caseworker)
    upload = SimpleUploadedFile("Anna Svensson beslut.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    data = {"file": upload, "title": "Beslut", "type": "decision", "document_date": "2026-11-01"}
    assert client.post(reverse("cases:document_add", args=[case.pk]), data).status_code == 302
    document = Document.objects.get()
    assert "Svensson" not in document.file.name
    assert document.original_name == "Anna Svensson beslut.pdf"
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    assert not document.file.path.startswith(str(settings.STATIC_ROOT))


def test_an_unsupported_file_type_is_refused_with_a_swedish_message(client, case, nexus_caseworker):
    client.force_login(nexus_caseworker)
    upload = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/x-msdownload")
    data = {"file": upload, "title": "Program", "type": "other", "document_date": "2026-11-01"}
    response = client.post(reverse("cases:document_add", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Filtypen stöds inte" in response.content.decode()
    assert 'value="Program"' in response.content.decode()


def test_a_file_whose_content_is_not_what_its_type_claims_is_refused(client, case, nexus_caseworker):
    client.force_login(nexus_caseworker)
    disguised = SimpleUploadedFile("beslut.pdf", b"MZ\x90\x00 a Windows program", content_type="application/pdf")
    data = {"file": disguised, "title": "Beslut", "type": "other", "document_date": "2026-11-01"}
    response = client.post(reverse("cases:document_add", args=[case.pk]), data)
    assert response.status_code == 400 and "Filtypen stöds inte" in response.content.decode()
    assert not case.documents.exists()

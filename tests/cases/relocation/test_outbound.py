"""What Nexus writes to a partner municipality is checked before it leaves (messages, shared notes and documents,
the request's history and criteria), and again each time the partner reads it; a document we add stays internal
unless the caseworker shares it, and a shared one is checked by its text too."""

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.models import Document, JournalNote
from cases.relocation import services as relocation
from cases.relocation.models import RelocationMessage, RelocationRequest, RelocationTransition
from cases.relocation.workflow import State
from tests.cases.relocation.test_filing import file_request
from tests.cases.relocation.world import open_request
from tests.factories import PersonFactory
from tests.outgoing import DOCX, PNG, docx_with, needs_fixing_table, pdf_with, protect_later

WORKPLACE_MESSAGE = "Hon arbetar på Hemliga Bageriet AB, ring henne där."


@pytest.fixture
def protected_request(networks, nexus_caseworker):
    person = PersonFactory(
        protected=True,
        given_name="Leila",
        family_name="Utgåendesson",
        workplace="Hemliga Bageriet AB",
        acting_user=nexus_caseworker,
    )
    services.person_set_protected_address(
        person=person, street_address="Gömda vägen 9", postal_code="75645", acting_user=nexus_caseworker
    )
    request = open_request(networks, nexus_caseworker, person=person)
    return request


def test_a_message_with_a_protected_persons_workplace_is_refused_and_no_email_is_sent(
    client, protected_request, nexus_caseworker, run_tasks
):
    client.force_login(nexus_caseworker)
    mail.outbox.clear()
    with run_tasks():
        response = client.post(
            reverse("cases:relocation_message", args=[protected_request.case.pk]), {"body": WORKPLACE_MESSAGE}
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Texten innehåller en skyddad persons arbetsplats. Ta bort uppgiften innan meddelandet skickas." in page
    assert WORKPLACE_MESSAGE in page  # the caseworker's text is kept to correct
    assert not RelocationMessage.objects.exists()
    assert mail.outbox == []


def test_a_message_without_protected_details_is_sent_and_the_email_carries_no_text(
    client, protected_request, nexus_caseworker, partner_vasteras, run_tasks
):
    client.force_login(nexus_caseworker)
    with run_tasks():
        response = client.post(
            reverse("cases:relocation_message", args=[protected_request.case.pk]),
            {"body": "Vi har tagit emot er förfrågan och återkommer."},
        )
    assert response.status_code == 302
    (to_partner,) = mail.outbox
    assert to_partner.to == [partner_vasteras.email]
    assert "återkommer" not in to_partner.body and "återkommer" not in to_partner.subject


def test_the_partners_own_message_is_not_checked_against_our_register(protected_request, partner_vasteras):
    """What the partner writes is its own knowledge; checking it would let it probe whom we protect."""
    relocation.message_post(request=protected_request, body=WORKPLACE_MESSAGE, acting_user=partner_vasteras)
    assert RelocationMessage.objects.count() == 1


def test_a_shared_note_is_checked_and_an_internal_one_is_not(protected_request, nexus_caseworker):
    case = protected_request.case
    with pytest.raises(ValidationError, match="skyddad persons adress"):
        services.note_add(
            case=case, text="Bor på Gömda vägen 9.", shared_with_partners=True, acting_user=nexus_caseworker
        )
    assert not JournalNote.objects.filter(case=case).exists()
    note = services.note_add(case=case, text="Bor på Gömda vägen 9.", acting_user=nexus_caseworker)
    assert not note.shared_with_partners


def _upload(client, request, **data):
    return client.post(
        reverse("cases:relocation_document_add", args=[request.case.pk]),
        {"file": SimpleUploadedFile("risk.txt", b"riskbedomning", "text/plain"), "type": "risk_assessment", **data},
    )


def test_a_document_we_add_is_internal_unless_the_caseworker_shares_it(client, protected_request, nexus_caseworker):
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_document_add", args=[protected_request.case.pk])
    form = client.get(url).content.decode()
    assert 'name="shared_with_partners"' in form
    checkbox = form[form.index('name="shared_with_partners"') - 300 : form.index('name="shared_with_partners"') + 300]
    assert "checked" not in checkbox
    assert _upload(client, protected_request, title="Riskbedömning").status_code == 302
    assert not Document.objects.get(case=protected_request.case).shared_with_partners


def test_sharing_a_document_checks_its_title(client, protected_request, nexus_caseworker, run_tasks):
    client.force_login(nexus_caseworker)
    mail.outbox.clear()
    with run_tasks():
        refused = _upload(client, protected_request, title="Hyresavtal Gömda vägen 9", shared_with_partners="on")
    assert refused.status_code == 400
    assert "Ta bort uppgiften ur rubriken eller låt dokumentet stanna internt." in refused.content.decode()
    assert not Document.objects.filter(case=protected_request.case).exists() and mail.outbox == []
    assert _upload(client, protected_request, title="Hyresavtal Gömda vägen 9").status_code == 302  # internal


def test_the_reason_of_a_move_the_partner_reads_is_checked(protected_request, nexus_caseworker):
    with pytest.raises(ValidationError, match="liknar en gatuadress"):
        relocation.request_transition(
            request=protected_request,
            to_state=State.REJECTED_BY_NEXUS,
            reason="Hon har flyttat till Storgatan 12.",
            acting_user=nexus_caseworker,
        )
    assert not RelocationTransition.objects.filter(request=protected_request, to_state=State.REJECTED_BY_NEXUS)


def test_the_criteria_the_partner_reads_are_checked(protected_request, nexus_caseworker):
    with pytest.raises(ValidationError, match="arbetsplats"):
        relocation.request_update_details(
            request=protected_request,
            serious_violence="Han väntar utanför Hemliga Bageriet AB.",
            acting_user=nexus_caseworker,
        )
    protected_request.refresh_from_db()
    assert "Bageriet" not in protected_request.serious_violence


def test_the_pause_reason_the_partner_reads_is_checked(protected_request, nexus_caseworker):
    deadline = protected_request.case.deadlines.get()
    with pytest.raises(ValidationError, match="telefonnummer"):
        services.deadline_pause(
            deadline=deadline, reason="Väntar på svar, ring 070-000 00 00.", acting_user=nexus_caseworker
        )
    deadline.refresh_from_db()
    assert deadline.status == deadline.Status.RUNNING


# --- checked again as the partner reads it ----------------------------------------------------------------------------
@pytest.fixture
def written_before(networks, nexus_caseworker, partner_vasteras):
    """A request whose person was not protected when Nexus wrote to the partner about her new address and work;
    the partner wrote about her work too."""
    person = PersonFactory(given_name="Leila", family_name="Senaresson", acting_user=nexus_caseworker)
    request = open_request(networks, nexus_caseworker, person=person)
    case = request.case
    relocation.message_post(
        request=request, body="Hon har fått jobb på Hemliga Bageriet AB.", acting_user=nexus_caseworker
    )
    relocation.message_post(
        request=request, body="Vi vet att hon arbetar på Hemliga Bageriet AB.", acting_user=partner_vasteras
    )
    services.note_add(
        case=case, text="Hon har flyttat till Gömda vägen 9.", shared_with_partners=True, acting_user=nexus_caseworker
    )
    services.document_add(
        case=case,
        title="Hyresavtal Gömda vägen 9",
        type=Document.Type.CONTRACT,
        document_date=case.opened_on,
        uploaded_file=SimpleUploadedFile("avtal.txt", b"Hyresavtal", "text/plain"),
        shared_with_partners=True,
        acting_user=nexus_caseworker,
    )
    relocation.request_update_details(
        request=request, avoid_areas="Kvarteren kring Gömda vägen", acting_user=nexus_caseworker
    )
    services.deadline_pause(
        deadline=case.deadlines.get(), reason="Väntar på svar från Hemliga Bageriet AB.", acting_user=nexus_caseworker
    )
    protect_later(person, nexus_caseworker, workplace="Hemliga Bageriet AB")
    return request


def _request_page(client, request) -> str:
    return client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()


def test_what_nexus_wrote_before_the_protection_is_withheld_from_the_partner_and_the_partners_own_words_are_not(
    client, written_before, partner_vasteras, json_log
):
    client.force_login(partner_vasteras)
    page = _request_page(client, written_before)
    # The message, the shared note, the document's title, the area to avoid and the pause reason.
    assert page.count("Innehållet är undanhållet") == 5
    for written in ("fått jobb", "Gömda", "Hyresavtal", "Väntar på svar"):
        assert written not in page
    assert "Vi vet att hon arbetar på Hemliga Bageriet AB." in page  # its own knowledge: no probing
    assert "Polisanmälan om grov kvinnofridskränkning." in page  # the rest of what Nexus wrote still reads
    refused = [line for line in json_log() if line["event"] == "outbound_text_refused"]
    assert len(refused) == 5 and {line["at"] for line in refused} == {"output"}
    assert not [line for line in refused if "Gömda" in str(line) or "Bageriet" in str(line)]  # ids only


def test_the_partner_does_not_find_a_withheld_document_and_nexus_still_does(
    client, written_before, partner_vasteras, nexus_caseworker
):
    document = written_before.case.documents.get()
    url = reverse("cases:document_download", args=[written_before.case.pk, document.pk])
    client.force_login(partner_vasteras)
    assert url not in _request_page(client, written_before)
    assert client.get(url).status_code == 404
    client.force_login(nexus_caseworker)
    assert client.get(url).status_code == 200


def test_the_handler_sees_on_the_case_page_which_outgoing_text_needs_fixing(
    client, written_before, nexus_caseworker, nexus_colleague
):
    client.force_login(nexus_caseworker)
    table = needs_fixing_table(client, written_before.case)
    for what in (
        "Meddelande",
        "Delad journalanteckning",
        "Delat dokument",
        "Förfrågans kriterier och behov",
        "Pausad tidsfrist: Skyddsbedömning (Nexus)",
    ):
        assert what in table, what
    assert "Texten innehåller en skyddad persons arbetsplats." in table
    assert "Texten innehåller en skyddad persons adress." in table
    assert "fått jobb" not in table and "Gömda" not in table  # the item and why, never the text
    # A colleague without a grant on the protected person is not told where her details are.
    client.force_login(nexus_colleague)
    assert needs_fixing_table(client, written_before.case) == ""


def test_the_reason_of_a_move_written_before_the_protection_is_withheld(
    client, networks, nexus_caseworker, partner_vasteras
):
    person = PersonFactory(acting_user=nexus_caseworker)
    request = open_request(networks, nexus_caseworker, person=person)
    relocation.request_transition(
        request=request,
        to_state=State.DECLINED_BY_PERSON,
        acting_user=nexus_caseworker,
        reason="Hon har ordnat ett eget boende på Gömda vägen 9.",
    )
    protect_later(person, nexus_caseworker)
    client.force_login(partner_vasteras)
    page = _request_page(client, request)
    assert "Gömda" not in page and "Innehållet är undanhållet" in page


def test_a_request_the_partner_filed_shows_it_its_own_details_even_where_they_look_like_an_address(
    client, networks, partner_vasteras
):
    """The filing names a protected person, so an address shape is refused in what we write; what the partner
    wrote itself is shown back unchanged, whatever our register holds."""
    client.force_login(partner_vasteras)
    assert file_request(client, networks, avoid_areas="Storgatan 12 och Gottsunda").status_code == 302
    page = _request_page(client, RelocationRequest.objects.get())
    assert "Storgatan 12 och Gottsunda" in page and "Innehållet är undanhållet" not in page


# --- the content of a shared document --------------------------------------------------------------------------------
def _share(client, request, name, content, content_type, **data):
    form = {
        "file": SimpleUploadedFile(name, content, content_type),
        "title": "Underlag",
        "type": "other",
        "shared_with_partners": "on",
        **data,
    }
    return client.post(reverse("cases:relocation_document_add", args=[request.case.pk]), form)


def test_a_pdf_carrying_the_protected_address_is_not_shared_and_nothing_is_saved(
    client, protected_request, nexus_caseworker, run_tasks
):
    client.force_login(nexus_caseworker)
    mail.outbox.clear()
    pdf = pdf_with("Hyresavtal för lägenheten på Gömda vägen 9, 756 45 Uppsala.")
    with run_tasks():
        refused = _share(client, protected_request, "avtal.pdf", pdf, "application/pdf")
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Texten innehåller en skyddad persons adress. Ta bort uppgiften ur filen eller låt dokumentet stanna" in page
    assert not Document.objects.exists() and mail.outbox == []
    with run_tasks():  # internal, it may hold anything
        assert (
            _share(client, protected_request, "avtal.pdf", pdf, "application/pdf", shared_with_partners="").status_code
            == 302
        )
    assert not Document.objects.get().shared_with_partners


def test_a_word_file_naming_the_protected_workplace_is_not_shared(client, protected_request, nexus_caseworker):
    client.force_login(nexus_caseworker)
    refused = _share(client, protected_request, "plan.docx", docx_with("Hon jobbar på Hemliga Bageriet AB."), DOCX)
    assert refused.status_code == 400 and "skyddad persons arbetsplats" in refused.content.decode()
    assert not Document.objects.exists()


def test_a_readable_file_without_protected_details_is_shared_without_more_ado(
    client, protected_request, nexus_caseworker
):
    client.force_login(nexus_caseworker)
    pdf = pdf_with("Beslut om skyddat boende, besöksadress Stationsgatan 12.")  # our letterhead passes
    assert _share(client, protected_request, "beslut.pdf", pdf, "application/pdf").status_code == 302
    document = Document.objects.get()
    assert document.shared_with_partners and document.reviewed_by is None


def test_a_file_that_cannot_be_read_is_shared_only_with_the_caseworkers_confirmation_which_is_recorded(
    client, protected_request, nexus_caseworker
):
    client.force_login(nexus_caseworker)
    refused = _share(client, protected_request, "skanning.png", PNG, "image/png")
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Filens text kan inte läsas" in page and "bekräfta att det inte innehåller skyddade uppgifter" in page
    assert not Document.objects.exists()
    confirmed = _share(client, protected_request, "skanning.png", PNG, "image/png", reviewed="on")
    assert confirmed.status_code == 302
    document = Document.objects.get()
    assert document.shared_with_partners
    assert document.reviewed_by == nexus_caseworker and timezone.localdate(document.reviewed_at) == timezone.localdate()
    history = client.get(reverse("cases:case_history", args=[protected_request.case.pk])).content.decode()
    assert "Granskat före delning av" in history and nexus_caseworker.get_full_name() in history


def test_a_shared_file_whose_text_became_protected_is_not_found_by_the_partner_and_nexus_still_finds_it(
    client, networks, nexus_caseworker, partner_vasteras
):
    """The file's text is read again as the partner downloads it: a workplace registered as protected after the
    file was shared stops it, though its title says nothing."""
    person = PersonFactory(given_name="Leila", family_name="Filsson", acting_user=nexus_caseworker)
    request = open_request(networks, nexus_caseworker, person=person)
    document = services.document_add(
        case=request.case,
        title="Underlag",
        type=Document.Type.OTHER,
        document_date=request.case.opened_on,
        uploaded_file=SimpleUploadedFile("underlag.txt", "Hon arbetar på Nya Bageriet AB.".encode(), "text/plain"),
        shared_with_partners=True,
        acting_user=nexus_caseworker,
    )
    url = reverse("cases:document_download", args=[request.case.pk, document.pk])
    client.force_login(partner_vasteras)
    assert client.get(url).status_code == 200
    protect_later(person, nexus_caseworker, workplace="Nya Bageriet AB")
    assert client.get(url).status_code == 404
    client.force_login(nexus_caseworker)
    assert client.get(url).status_code == 200

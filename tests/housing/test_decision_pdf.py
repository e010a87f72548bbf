"""The decision letter: a tagged PDF in Swedish with the decision, its reasons and how to appeal, and never a
protected address. Its text is read back with pypdf."""

from io import BytesIO

from django.urls import reverse

from pypdf import PdfReader

from cases import services as case_services
from cases.models import AccessLogEntry
from tests.factories import PersonFactory
from tests.housing.conftest import approve, investigate, refer


def pdf_text(response) -> str:
    reader = PdfReader(BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged: the PDF/UA variant
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _download(client, application, decision):
    return client.get(reverse("housing:decision_pdf", args=[application.pk, decision.pk]))


def test_the_approval_letter_states_decision_reasons_and_appeal(client, nexus_caseworker, housing_handler):
    person = PersonFactory(given_name="Maja", family_name="Öppen", street_address="Kungsgatan 1")
    application = refer(nexus_caseworker, person=person, handler=housing_handler)
    decision = approve(application, housing_handler, reasons="Behovet av bostad är styrkt i utredningen.")
    client.force_login(housing_handler)
    response = _download(client, application, decision)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"beslut-{application.case.number}.pdf" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "Beslut om bostadssocialt kontrakt" in text
    assert "beviljar din ansökan om bostadssocialt kontrakt (bifall)" in text
    assert "Behovet av bostad är styrkt i utredningen." in text
    assert "överklaga det hos förvaltningsrätten" in text
    assert "till socialnämnden" in text and "inom tre veckor från den dag du fick del av beslutet" in text
    assert application.case.number in text
    assert "Maja Öppen" in text


def test_a_rejection_letter_says_so(client, nexus_caseworker, housing_handler):
    from housing import services

    application = refer(nexus_caseworker, handler=housing_handler)
    investigate(application, housing_handler)
    decision = services.application_decide(
        application=application, outcome="rejected", reasons="Sökande har eget kontrakt.", acting_user=housing_handler
    )
    client.force_login(housing_handler)
    text = pdf_text(_download(client, application, decision))
    assert "avslår din ansökan" in text and "Sökande har eget kontrakt." in text
    assert "förvaltningsrätten" in text


def test_the_letter_never_carries_a_protected_address_and_its_download_is_logged(
    client, nexus_caseworker, housing_handler, protected_applicant
):
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    decision = approve(application, housing_handler)
    client.force_login(housing_handler)
    text = pdf_text(_download(client, application, decision))
    assert "Hemlig Skyddadsson" in text  # the assigned handler may see who it is for
    for address_part in ("Gömda vägen", "75645", "756 45", "Provgatan", "753 20", "75320"):
        assert address_part not in text
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.DOWNLOAD_DOCUMENT, user=housing_handler)
    assert (entry.person, entry.case) == (protected_applicant, application.case)


def test_a_handler_without_a_grant_gets_the_placeholder_in_the_letter(
    client, nexus_caseworker, housing_handler, protected_applicant
):
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    decision = approve(application, housing_handler)
    case_services.case_unassign_handler(case=application.case, user=housing_handler, acting_user=housing_handler)
    client.force_login(housing_handler)
    text = pdf_text(_download(client, application, decision))
    assert "Skyddad identitet" in text
    assert "Hemlig" not in text and "Skyddadsson" not in text

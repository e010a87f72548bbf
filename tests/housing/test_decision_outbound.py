"""A decision's reasons are printed in the letter and leave the unit: a protected person's details are refused before
anything is decided, and nothing else is; and again each time the letter is printed, for a protection registered
after the decision."""

from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import AccessLogEntry
from housing.models import Decision
from housing.workflow import ApplicationStatus
from tests.factories import PersonFactory
from tests.housing.conftest import approve, investigate, refer
from tests.housing.test_decision_pdf import pdf_text
from tests.outgoing import needs_fixing_table, protect_later


def _reject(client, application, reasons):
    return client.post(
        reverse("housing:application_decide", args=[application.pk]),
        {"outcome": "rejected", "reasons": reasons, "decided_on": timezone.localdate().isoformat()},
    )


@pytest.mark.parametrize("reasons", ["Sökanden bor redan på Gömda vägen 9.", "Sökanden bor redan på gomda vagen 9"])
def test_a_rejection_reason_with_the_protected_street_address_is_refused_and_nothing_is_decided(
    client, nexus_caseworker, housing_handler, protected_applicant, reasons
):
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    investigate(application, housing_handler)
    client.force_login(housing_handler)
    response = _reject(client, application, reasons)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Texten innehåller en skyddad persons adress. Ta bort uppgiften innan beslutet skickas." in page
    assert reasons in page  # the form keeps what the handler wrote, to correct it
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INVESTIGATING and application.decided_on is None
    assert not Decision.objects.exists()  # so no decision letter can be made either


def test_an_address_shape_is_refused_only_when_a_protected_person_is_on_the_case(
    client, nexus_caseworker, housing_handler, protected_applicant
):
    client.force_login(housing_handler)
    protected = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    investigate(protected, housing_handler)
    response = _reject(client, protected, "Sökanden har fått en lägenhet på Storgatan 12.")
    assert response.status_code == 400 and "liknar en gatuadress" in response.content.decode()
    plain = refer(nexus_caseworker, handler=housing_handler)
    investigate(plain, housing_handler)
    assert _reject(client, plain, "Sökanden har fått en lägenhet på Storgatan 12.").status_code == 302


def test_an_unprotected_applicants_own_address_passes_and_is_printed(client, nexus_caseworker, housing_handler):
    person = PersonFactory(given_name="Maja", family_name="Öppen", street_address="Kungsgatan 1")
    application = refer(nexus_caseworker, person=person, handler=housing_handler)
    investigate(application, housing_handler)
    client.force_login(housing_handler)
    assert (
        _reject(client, application, "Sökanden har redan ett förstahandskontrakt på Kungsgatan 1.").status_code == 302
    )
    decision = Decision.objects.get(application=application)
    pdf = client.get(reverse("housing:decision_pdf", args=[application.pk, decision.pk]))
    assert "Kungsgatan 1" in pdf_text(pdf)


# --- checked again when the letter is printed -------------------------------------------------------------------------
@pytest.fixture
def decided_before(client, nexus_caseworker, housing_handler):
    """A rejection whose reasons name the flat the applicant lives at, written before she was protected."""
    person = PersonFactory(given_name="Maja", family_name="Senare")
    application = refer(nexus_caseworker, person=person, handler=housing_handler)
    investigate(application, housing_handler)
    client.force_login(housing_handler)
    assert (
        _reject(client, application, "Sökanden har redan ett förstahandskontrakt på Gömda vägen 9.").status_code == 302
    )
    protect_later(person, housing_handler)
    return Decision.objects.get(application=application)


def _pdf(client, decision):
    return client.get(reverse("housing:decision_pdf", args=[decision.application_id, decision.pk]))


def test_a_decision_letter_whose_reasons_became_protected_is_not_printed_and_the_page_says_why(
    client, decided_before, housing_handler, json_log
):
    response = _pdf(client, decided_before)
    assert response.status_code == 302 and not response.content.startswith(b"%PDF")
    page = client.get(response["Location"]).content.decode()
    assert (
        f"Beslutsbrev {decided_before.decided_on} skrivs inte ut. "
        "Fältet ”Motivering”: Texten innehåller en skyddad persons adress."
    ) in page
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.DOWNLOAD_DOCUMENT).exists()
    (refused,) = [line for line in json_log() if line["event"] == "outbound_text_refused"]
    assert (refused["at"], refused["item"], refused["field"]) == (
        "output",
        f"housing.decision:{decided_before.pk}",
        "reasons",
    )
    assert "Gömda" not in str(refused)


def test_the_handler_sees_the_decision_on_the_case_page_as_text_to_fix(client, decided_before, housing_handler):
    table = needs_fixing_table(client, decided_before.application.case)
    assert f"Beslutsbrev {decided_before.decided_on}" in table and "Motivering" in table
    assert "Texten innehåller en skyddad persons adress." in table


def test_a_colleague_without_a_grant_is_not_told_what_the_reasons_carry(client, decided_before, housing_team_lead):
    client.force_login(housing_team_lead)
    response = _pdf(client, decided_before)
    page = client.get(response["Location"]).content.decode()
    assert "Texten innehåller uppgifter om en person med skyddade personuppgifter." in page
    assert "skyddad persons adress" not in page


def test_a_letter_to_a_protected_applicant_is_one_access_log_row_naming_her(
    client, nexus_caseworker, housing_handler, protected_applicant
):
    application = refer(nexus_caseworker, person=protected_applicant, handler=housing_handler)
    decision = approve(application, housing_handler)
    client.force_login(housing_handler)
    last = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert _pdf(client, decision).content.startswith(b"%PDF")
    (row,) = AccessLogEntry.objects.filter(pk__gt=last)  # the download, which stands for the view of her name too
    assert (row.person, row.action) == (protected_applicant, AccessLogEntry.Action.DOWNLOAD_DOCUMENT)

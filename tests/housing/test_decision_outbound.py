"""A decision's reasons are printed in the letter and leave the unit: a protected person's details are refused before
anything is decided, and nothing else is."""

from django.urls import reverse
from django.utils import timezone

import pytest

from housing.models import Decision
from housing.workflow import ApplicationStatus
from tests.factories import PersonFactory
from tests.housing.conftest import investigate, refer
from tests.housing.test_decision_pdf import pdf_text


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

"""Outgoing relocation requests started from Nexus's client case hang on it, with the client as their person."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Case
from cases.relocation import services as relocation
from cases.relocation.models import Direction, RelocationRequest
from housing.services import support_case_applicant
from tests.cases.relocation.world import open_request
from tests.factories import PersonFactory, open_case


@pytest.fixture
def client_case(nexus_caseworker) -> Case:
    person = PersonFactory(given_name="Vera", family_name="Nexusdotter", acting_user=nexus_caseworker)
    return open_case(kind=Case.Kind.SUPPORT, persons=[person], handlers=[nexus_caseworker])


def test_an_outgoing_request_started_from_the_client_case_hangs_on_it_with_the_client(
    client, networks, nexus_caseworker, client_case
):
    open_request(networks, nexus_caseworker, direction=Direction.OUTGOING, person=support_case_applicant(client_case))
    client.force_login(nexus_caseworker)
    page = client.get(reverse("housing:support_case_detail", args=[client_case.pk])).content.decode()
    assert "Inga utgående förfrågningar." in page  # one made elsewhere for the same person does not hang on the case
    url = reverse("cases:relocation_open", args=["utgaende"]) + f"?arende={client_case.pk}"
    assert url in page
    form = client.get(url).content.decode()
    assert f"Förfrågan gäller klienten i stödärende {client_case.number}." in form
    today = timezone.localdate().isoformat()
    response = client.post(url, {"network": networks.kompotten.pk, "municipality": networks.vasteras.pk, "on": today})
    assert response.status_code == 302
    created = RelocationRequest.objects.get(client_case=client_case)
    assert created.direction == Direction.OUTGOING
    assert list(created.case.parties.values_list("person__family_name", flat=True)) == ["Nexusdotter"]
    page = client.get(reverse("housing:support_case_detail", args=[client_case.pk])).content.decode()
    assert created.case.number in page and "Inga utgående förfrågningar." not in page


def test_a_bad_request_from_the_client_case_keeps_the_case_and_saves_nothing(
    client, networks, nexus_caseworker, client_case
):
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_open", args=["utgaende"]) + f"?arende={client_case.pk}"
    wrong = {"network": networks.lanskompotten.pk, "municipality": networks.vasteras.pk, "on": "2026-01-01"}
    response = client.post(url, wrong)
    assert response.status_code == 400
    body = response.content.decode()
    assert "var inte medlem i Länskompotten" in body and client_case.number in body
    assert not RelocationRequest.objects.exists()


def test_a_case_that_is_no_client_case_is_not_found(client, networks, nexus_caseworker, client_case):
    relocation_case = open_case(handlers=[nexus_caseworker])
    client.force_login(nexus_caseworker)
    outgoing = reverse("cases:relocation_open", args=["utgaende"])
    for method in ("get", "post"):
        for pk in (relocation_case.pk, "x", 999999):
            assert getattr(client, method)(outgoing + f"?arende={pk}").status_code == 404, (method, pk)
    # An incoming request is never started from a client case.
    assert (
        client.get(reverse("cases:relocation_open", args=["inkommande"]) + f"?arende={client_case.pk}").status_code
        == 404
    )


def test_only_an_outgoing_request_hangs_on_a_client_case(networks, nexus_caseworker, client_case):
    with pytest.raises(ValidationError):
        relocation.request_open(
            direction=Direction.INCOMING,
            network=networks.kompotten,
            municipality=networks.vasteras,
            on=timezone.localdate(),
            client_case=client_case,
            acting_user=nexus_caseworker,
        )
    assert not RelocationRequest.objects.exists()


def test_the_client_case_stays_open_while_its_outgoing_request_runs(networks, nexus_caseworker, client_case):
    from housing.services import support_case_close

    today = timezone.localdate()
    request = relocation.request_open(
        direction=Direction.OUTGOING,
        network=networks.kompotten,
        municipality=networks.vasteras,
        on=today,
        acting_user=nexus_caseworker,
        client_case=client_case,
    )
    with pytest.raises(ValidationError, match=f"förflyttningsärendet {request.case.number} pågår"):
        support_case_close(case=client_case, closed_on=today, reason="settled", acting_user=nexus_caseworker)
    client_case.refresh_from_db()
    assert client_case.closed_on is None

    relocation.request_transition(
        request=request, to_state="withdrawn", acting_user=nexus_caseworker, reason="Klienten ordnade eget boende."
    )
    support_case_close(case=client_case, closed_on=today, reason="settled", acting_user=nexus_caseworker)
    client_case.refresh_from_db()
    assert client_case.closed_on == today

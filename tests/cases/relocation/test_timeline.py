"""The request's timeline shows its pauses, the consent given and revoked and the messages beside its states; the
partner sees only what the person's consent covers."""

import re

from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from cases.relocation import services as relocation
from cases.relocation.services import CONSENT_HOLD, NEXUS_ASSESSMENT
from tests.cases.relocation.world import open_request


def timeline(client, user, request) -> list[str]:
    client.force_login(user)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    listed = re.search(r'data-testid="transitions">(.*?)</ol>', page, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", listed, re.S)]


def has(entries: list[str], text: str) -> bool:
    return any(text in entry for entry in entries)


@pytest.fixture
def request_with_history(networks, nexus_caseworker, partner_vasteras):
    """An incoming request with consent, a paused and resumed assessment deadline, and a message from each side."""
    request = open_request(networks, nexus_caseworker)
    relocation.consent_record(
        request=request, given_on=timezone.localdate(), share_household=True, acting_user=nexus_caseworker
    )
    deadline = request.case.deadlines.get(label=NEXUS_ASSESSMENT)
    case_services.deadline_pause(deadline=deadline, reason="Väntar på tolk.", acting_user=nexus_caseworker)
    case_services.deadline_resume(deadline=deadline, reason="Tolken är bokad.", acting_user=nexus_caseworker)
    relocation.message_post(request=request, body="Finns det ett polisbeslut?", acting_user=partner_vasteras)
    relocation.message_post(request=request, body="Ja, det kommer i veckan.", acting_user=nexus_caseworker)
    return request


@pytest.mark.dates  # the day's events in order whatever the day
def test_nexus_sees_pauses_consent_and_messages_in_order_among_the_states(
    client, request_with_history, nexus_caseworker
):
    entries = timeline(client, nexus_caseworker, request_with_history)
    assert has(entries, "Mottagen, skyddsbedömning pågår")
    expected = [
        "Samtycke lämnat",  # recorded by the day: first among the day's events
        "Tidsfristen pausades: Skyddsbedömning (Nexus)",
        "Tidsfristen återupptogs: Skyddsbedömning (Nexus)",
        "Meddelande från Västerås",
        "Meddelande från Nexus",
    ]
    positions = [next(i for i, entry in enumerate(entries) if text in entry) for text in expected]
    assert positions == sorted(positions), entries
    assert has(entries, "Väntar på tolk.") and has(entries, "Tolken är bokad.")
    assert not has(entries, "Finns det ett polisbeslut?")  # the message itself stays in the thread


def test_the_revocation_shows_and_the_partner_sees_nothing_we_did_after_it(
    client, request_with_history, nexus_caseworker, partner_vasteras
):
    request = request_with_history
    before = timeline(client, partner_vasteras, request)
    assert has(before, "Tidsfristen pausades: Skyddsbedömning (Nexus)") and has(before, "Meddelande från Nexus")
    assert not has(before, "Väntar på tolk.")  # our pause's reason is ours
    relocation.consent_revoke(consent=request.consents.get(), acting_user=nexus_caseworker)
    hold = request.case.deadlines.get(label=CONSENT_HOLD)
    case_services.deadline_pause(deadline=hold, reason="Personen nås inte.", acting_user=nexus_caseworker)
    relocation.message_post(request=request, body="Vi väntar på besked.", acting_user=partner_vasteras)

    ours = timeline(client, nexus_caseworker, request)
    assert has(ours, "Samtycket återkallat") and has(ours, "Vilande: samtycket är återkallat")
    assert has(ours, f"Tidsfristen pausades: {CONSENT_HOLD}") and has(ours, "Personen nås inte.")

    partners = timeline(client, partner_vasteras, request)
    assert has(partners, "Samtycket återkallat") and has(partners, "Vilande: samtycket är återkallat")
    assert has(partners, "Tidsfristen återupptogs: Skyddsbedömning (Nexus)")  # from before the revocation
    assert not has(partners, f"Tidsfristen pausades: {CONSENT_HOLD}")
    assert sum("Meddelande från Västerås" in entry for entry in partners) == 2  # its own thread goes on

    relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=nexus_caseworker)
    assert has(timeline(client, partner_vasteras, request), f"Tidsfristen pausades: {CONSENT_HOLD}")

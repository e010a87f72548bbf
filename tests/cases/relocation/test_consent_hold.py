"""Consent that acts: when the person revokes her consent the request rests (on hold) and Nexus is asked to obtain
new consent or end it; the partner stops seeing what the consent covered — our housing application's state too —
and hears nothing of the request's status; an outgoing request cannot be accepted. New consent takes the request
back where it rested, and the request's history shows both."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import CaseEvent, Deadline
from cases.relocation import notifications
from cases.relocation import services as relocation
from cases.relocation.consent import PROGRESS, consent_covers
from cases.relocation.models import Direction, RelocationRequest
from cases.relocation.tasks import send_relocation_notification
from cases.relocation.workflow import Actor, State
from tests.cases.relocation.test_filing import file_request
from tests.cases.relocation.world import assess, open_request

PROMPT = "Samtycket är återkallat: hämta in nytt samtycke eller avsluta förfrågan."


def page_of(client, user, request) -> str:
    client.force_login(user)
    return client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()


def revoke(client, nexus, request):
    client.force_login(nexus)
    consent = request.consents.get(revoked_on__isnull=True)
    response = client.post(reverse("cases:relocation_consent_revoke", args=[request.case.pk, consent.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    request.refresh_from_db()


def renew(client, nexus, request):
    client.force_login(nexus)
    url = reverse("cases:relocation_consent_add", args=[request.case.pk])
    response = client.post(url, {"given_on": timezone.localdate().isoformat(), "share_household": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    request.refresh_from_db()


def status_mails_to(address) -> list:
    return [m for m in mail.outbox if "ny status" in m.subject and address in m.to]


@pytest.fixture
def filed_and_handed_over(client, networks, partner_vasteras, nexus_caseworker):
    """A request the partner filed itself (with the person's consent), handed over to the housing unit."""
    client.force_login(partner_vasteras)
    assert file_request(client, networks, avoid_areas="").status_code == 302
    request = RelocationRequest.objects.get()
    assess(request, nexus_caseworker, on=timezone.localdate())
    return relocation.request_transition(request=request, to_state=State.HANDED_OVER, acting_user=nexus_caseworker)


def test_revoked_consent_on_a_partner_filed_request_puts_it_on_hold_and_hides_our_housing_state(
    client, filed_and_handed_over, nexus_caseworker, partner_vasteras, run_tasks
):
    request = filed_and_handed_over
    handed_over_on = request.handed_over_on
    partner_page = page_of(client, partner_vasteras, request)
    assert 'data-testid="housing-application"' in partner_page and "Remitterad" in partner_page

    mail.outbox.clear()
    with run_tasks():
        revoke(client, nexus_caseworker, request)
    assert request.state == State.ON_HOLD
    assert status_mails_to(partner_vasteras.email) == []  # the hold itself is not announced to the partner
    hold = request.case.deadlines.get(label=relocation.CONSENT_HOLD)
    assert hold.status == Deadline.Status.RUNNING and hold.due_on > timezone.localdate()

    ours = page_of(client, nexus_caseworker, request)
    assert PROMPT in ours and "Registrera nytt samtycke" in ours
    assert "Återta förfrågan" in ours and "Avsluta av annat skäl" in ours  # or end it
    assert "Vilande: samtycket är återkallat" in ours and "Personens samtycke är återkallat." in ours
    assert 'data-testid="housing-application"' in ours  # Nexus still follows the application

    partner_page = page_of(client, partner_vasteras, request)
    assert 'data-testid="housing-application"' not in partner_page and "Remitterad" not in partner_page
    assert PROMPT not in partner_page and "Vilande: samtycket är återkallat" in partner_page
    assert not consent_covers(request, PROGRESS)
    # Any status news queued while the consent is revoked is dropped when it would be sent.
    assert send_relocation_notification(request.pk, notifications.STATUS, str(Actor.PARTNER)) == 0

    mail.outbox.clear()
    with run_tasks():
        renew(client, nexus_caseworker, request)
    assert request.state == State.HANDED_OVER and request.handed_over_on == handed_over_on
    hold.refresh_from_db()
    assert hold.status == Deadline.Status.MET
    assert status_mails_to(partner_vasteras.email)  # news flows again
    assert "Remitterad" in page_of(client, partner_vasteras, request)
    assert PROMPT not in page_of(client, nexus_caseworker, request)
    moves = list(request.transitions.values_list("to_state", "reason"))[-2:]
    assert moves == [
        (State.ON_HOLD, "Personens samtycke är återkallat."),
        (State.HANDED_OVER, "Nytt samtycke registrerat."),
    ]
    client.force_login(nexus_caseworker)
    timeline = client.get(reverse("cases:case_detail", args=[request.case.pk])).content.decode()
    assert "Samtycke återkallades" in timeline and "Vilande: samtycket är återkallat" in timeline
    actions = list(request.case.events.values_list("action", flat=True))
    assert CaseEvent.Action.CONSENT_REVOKED in actions and actions.count(CaseEvent.Action.CONSENT_RECORDED) == 2


def test_the_move_in_reported_while_the_request_rests_still_closes_it_without_telling_the_partner(
    filed_and_handed_over, client, nexus_caseworker, housing_handler, partner_vasteras, run_tasks
):
    request = filed_and_handed_over
    revoke(client, nexus_caseworker, request)
    mail.outbox.clear()
    with run_tasks():
        relocation.housing_moved_in(housing_case=request.housing_case, acting_user=housing_handler)
    request.refresh_from_db()
    assert request.state == State.HOUSED and not request.case.is_open
    assert status_mails_to(partner_vasteras.email) == []


@pytest.fixture
def sent(networks, nexus_caseworker):
    request = open_request(networks, nexus_caseworker, direction=Direction.OUTGOING)
    relocation.consent_record(request=request, given_on=timezone.localdate(), acting_user=nexus_caseworker)
    return relocation.request_transition(request=request, to_state=State.SENT, acting_user=nexus_caseworker)


def test_an_outgoing_request_cannot_be_accepted_while_consent_is_revoked_and_can_be_after_renewal(
    client, sent, nexus_caseworker, partner_vasteras, run_tasks
):
    sent_on = sent.sent_on
    mail.outbox.clear()
    with run_tasks():
        revoke(client, nexus_caseworker, sent)
    assert sent.state == State.ON_HOLD
    assert status_mails_to(partner_vasteras.email) == []
    assert PROMPT in page_of(client, nexus_caseworker, sent)

    page = page_of(client, partner_vasteras, sent)
    assert "Acceptera förfrågan" not in page and "Avslå förfrågan" not in page
    accept = reverse("cases:relocation_transition", args=[sent.case.pk, State.ACCEPTED])
    refused = client.post(accept, {"reason": ""})  # from a page read before the revocation
    assert refused.status_code == 400 and "Personen har återkallat sitt samtycke" in refused.content.decode()
    with pytest.raises(ValidationError, match="Förfrågan vilar tills Nexus har registrerat ett nytt samtycke"):
        relocation.request_transition(request=sent, to_state=State.ACCEPTED, acting_user=partner_vasteras)
    sent.refresh_from_db()
    assert sent.state == State.ON_HOLD and sent.answered_on is None

    renew(client, nexus_caseworker, sent)
    assert sent.state == State.SENT and sent.sent_on == sent_on
    assert "Acceptera förfrågan" in page_of(client, partner_vasteras, sent)
    assert client.post(accept, {"reason": ""}).status_code == 302
    sent.refresh_from_db()
    assert sent.state == State.ACCEPTED


def test_a_resting_request_returns_only_with_new_consent_and_not_from_the_page(client, sent, nexus_caseworker):
    revoke(client, nexus_caseworker, sent)
    with pytest.raises(ValidationError, match="utan nytt samtycke"):
        relocation.request_transition(request=sent, to_state=State.SENT, acting_user=nexus_caseworker)
    client.force_login(nexus_caseworker)
    resume = reverse("cases:relocation_transition", args=[sent.case.pk, State.SENT])
    refused = client.post(resume, {"reason": ""})
    assert refused.status_code == 400 and "utan nytt samtycke" in refused.content.decode()
    assert "Skicka förfrågan" not in page_of(client, nexus_caseworker, sent)  # never offered: new consent does it
    relocation.consent_record(request=sent, given_on=timezone.localdate(), acting_user=nexus_caseworker)
    sent.refresh_from_db()
    assert sent.state == State.SENT


def test_nexus_may_end_a_request_that_rests_and_its_deadline_closes_with_it(client, sent, nexus_caseworker):
    revoke(client, nexus_caseworker, sent)
    client.force_login(nexus_caseworker)
    url = reverse("cases:relocation_transition", args=[sent.case.pk, State.WITHDRAWN])
    assert client.post(url, {"reason": "Personen vill inte flytta längre."}).status_code == 302
    sent.refresh_from_db()
    assert sent.state == State.WITHDRAWN and sent.ended_on == timezone.localdate()
    hold = sent.case.deadlines.get(label=relocation.CONSENT_HOLD)
    assert hold.status == Deadline.Status.MET


def test_a_revocation_where_nobody_acts_next_changes_only_what_is_shared(client, networks, nexus_caseworker):
    prepared = open_request(networks, nexus_caseworker, direction=Direction.OUTGOING)
    relocation.consent_record(
        request=prepared, given_on=timezone.localdate() - timedelta(days=3), acting_user=nexus_caseworker
    )
    revoke(client, nexus_caseworker, prepared)
    assert prepared.state == State.PREPARED  # not yet sent: sending already waits for consent
    assert not prepared.case.deadlines.filter(label=relocation.CONSENT_HOLD).exists()

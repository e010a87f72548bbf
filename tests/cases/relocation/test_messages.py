"""The message thread between the two municipalities, and the e-mail that tells the other side: the case number
and a link, never a name — also through a real SMTP server on loopback, sent by the real Celery worker."""

import socket
import time

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest
from aiosmtpd.controller import Controller

from cases.relocation import services as relocation
from cases.relocation.models import RelocationMessage
from cases.relocation.workflow import State
from tests.cases.relocation.world import assess, open_request
from tests.factories import PersonFactory


@pytest.fixture
def request_with_leila(networks, nexus_caseworker):
    person = PersonFactory(
        given_name="Leila", family_name="Meddelandesson", protected=True, acting_user=nexus_caseworker
    )
    return open_request(networks, nexus_caseworker, person=person)


def test_both_sides_write_in_one_thread_and_read_all_of_it(
    client, request_with_leila, nexus_caseworker, partner_vasteras
):
    case_pk = request_with_leila.case.pk
    client.force_login(partner_vasteras)
    client.post(reverse("cases:relocation_message", args=[case_pk]), {"body": "Finns det lägenheter i vår?"})
    client.force_login(nexus_caseworker)
    client.post(reverse("cases:relocation_message", args=[case_pk]), {"body": "Vi återkommer inom två veckor."})
    for user in (nexus_caseworker, partner_vasteras):
        client.force_login(user)
        thread = client.get(reverse("cases:relocation_detail", args=[case_pk])).content.decode()
        assert thread.index("Finns det lägenheter i vår?") < thread.index("Vi återkommer inom två veckor.")


def test_an_empty_or_overlong_message_is_refused_and_the_text_kept(client, request_with_leila, partner_vasteras):
    client.force_login(partner_vasteras)
    url = reverse("cases:relocation_message", args=[request_with_leila.case.pk])
    assert "Ange nytt meddelande." in client.post(url, {"body": "  "}).content.decode()
    long_text = "Lång text " * 600
    response = client.post(url, {"body": long_text})
    assert response.status_code == 400 and "Lång text Lång text" in response.content.decode()
    assert not RelocationMessage.objects.exists()


def test_a_housing_handler_or_another_municipality_cannot_post(request_with_leila, housing_handler, partner_enkoping):
    for user in (housing_handler, partner_enkoping):
        with pytest.raises(ValidationError):
            relocation.message_post(request=request_with_leila, body="Hej", acting_user=user)


def test_the_other_side_gets_an_email_with_the_case_number_and_a_link_only(
    request_with_leila, nexus_caseworker, partner_vasteras, run_tasks, settings
):
    settings.BASE_URL = "https://kompotten.uppsala.example"
    with run_tasks():
        relocation.message_post(
            request=request_with_leila, body="Leila Meddelandesson ringde", acting_user=partner_vasteras
        )
    (to_us,) = mail.outbox
    number = request_with_leila.case.number
    assert to_us.to == [nexus_caseworker.email]
    assert to_us.subject == f"Kompotten: nytt meddelande i förfrågan {number}"
    assert f"https://kompotten.uppsala.example/arenden/{request_with_leila.case.pk}/forfragan/" in to_us.body
    assert "Leila" not in to_us.body and "ringde" not in to_us.body
    assess(request_with_leila, nexus_caseworker)
    with run_tasks():
        relocation.request_transition(
            request=request_with_leila, to_state=State.HANDED_OVER, acting_user=nexus_caseworker
        )
    (to_partner,) = [email for email in mail.outbox[1:] if email.to == [partner_vasteras.email]]
    assert "ny status" in to_partner.subject  # (the housing unit is told of the hand-over in an e-mail of its own)


def test_the_leak_check_stops_an_email_that_carries_a_name(request_with_leila, nexus_caseworker):
    """Every e-mail the suite sends passes tests.email_backend, which refuses one with a person's name in it."""
    with pytest.raises(AssertionError, match="personal data"):
        mail.send_mail("Om Leila Meddelandesson", "Ring henne.", None, [nexus_caseworker.email])


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.worker
def test_a_notification_goes_through_the_worker_to_a_real_smtp_server(
    celery_worker_over_redis, networks, nexus_caseworker, partner_vasteras, settings
):
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        request = open_request(networks, nexus_caseworker)
        relocation.message_post(request=request, body="Vi har en lägenhet.", acting_user=nexus_caseworker)
        deadline = time.monotonic() + 30
        while not inbox.messages and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        controller.stop()
    (recipients, content), *_ = inbox.messages
    assert recipients == [partner_vasteras.email]
    assert request.case.number in content and "lägenhet" not in content

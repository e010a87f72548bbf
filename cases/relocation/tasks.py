"""Background work on relocation requests. Tasks take ids, look the objects up, call services, and are safe to run
twice."""

from smtplib import SMTPException

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import translation

from celery import shared_task

from cases.relocation import notifications
from cases.relocation.models import RelocationRequest
from cases.relocation.workflow import Actor


# The name it had in cases.tasks, so messages queued before a deploy still find it.
@shared_task(
    name="cases.tasks.send_relocation_notification",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=6,
)
def send_relocation_notification(request_id: int, event: str, to_side: str) -> int:
    """One e-mail to each recipient (nobody sees the others' addresses), in Swedish; returns how many were sent.
    A request that no longer exists, or news the person's consent no longer covers when it is sent, sends nothing."""
    request = RelocationRequest.objects.select_related("case", "partner_contact").filter(pk=request_id).first()
    if request is None or not notifications.may_tell(request, event, to_side):
        return 0
    with translation.override("sv"):
        subject, body = notifications.compose(request, event)
    addresses = notifications.recipients(request, to_side)
    messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
    return get_connection().send_messages(messages) or 0


def notify_other_side(request: RelocationRequest, event: str, acting_side: str | None) -> None:
    """After the commit, tell the other side: the partner when we act, our side when the partner acts."""
    to_side = Actor.NEXUS if acting_side == Actor.PARTNER else Actor.PARTNER
    transaction.on_commit(lambda: send_relocation_notification.delay(request.pk, event, str(to_side)))

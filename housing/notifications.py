"""E-mail about housing applications: a new referral or hand-over to the housing unit's shared address, and a
decision to whoever referred the applicant (Nexus).

E-mail leaves the system and the applicants may be in hiding: a notification carries the case number and a link,
nothing else — no name, no address, no reasons. Sent by a Celery task after the change is committed (`notify`
enqueues `send_housing_notification`), so a mail server that is down delays it and never undoes or blocks the
change; the task retries. Nothing is sent for an application the housing unit registered itself.
"""

from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from celery import shared_task

from housing.models import HousingApplication
from kompotten.capabilities import Capability
from kompotten.models import Unit, User

NEW, DECISION = "new", "decision"


def _referring_unit(application: HousingApplication) -> Unit | None:
    """The unit that referred: the referring unit, or for a hand-over from a relocation request the unit of the
    caseworker who handed it over."""
    return application.referring_unit or application.referred_by.unit


def is_from_outside(application: HousingApplication) -> bool:
    """Did someone other than the housing unit itself refer the applicant?"""
    unit = _referring_unit(application)
    return unit is None or unit.kind != Unit.Kind.HOUSING


def recipients(application: HousingApplication, event: str) -> list[str]:
    """A new referral: the housing unit's shared address, or when it has none its team leads'. A decision: the
    referring unit's shared address, or when it has none the caseworker who referred."""
    if not is_from_outside(application):
        return []
    if event == NEW:
        unit = application.case.unit
        if unit.email:
            return [unit.email]
        leads = User.objects.filter(is_active=True, unit=unit).exclude(email="")
        return sorted({user.email for user in leads if user.has_perm(Capability.LEAD_TEAM)})
    unit = _referring_unit(application)
    if unit is not None and unit.email:
        return [unit.email]
    referrer = application.referred_by
    return [referrer.email] if referrer.is_active and referrer.email else []


def compose(application: HousingApplication, event: str) -> tuple[str, str]:
    number = application.case.number
    if event == NEW:
        path = reverse("housing:application_detail", args=[application.pk])
        subject = _("Kompotten: ny remiss till bostadsenheten %(number)s") % {"number": number}
        news = _("En ny remiss har kommit till bostadsenheten: %(number)s. Den väntar på handläggare.") % {
            "number": number
        }
    else:
        path = reverse("housing:referrals" if application.referring_unit_id else "cases:nexus_start")
        subject = _("Kompotten: beslut i ärende %(number)s") % {"number": number}
        news = _("Bostadsenheten har fattat beslut i ärende %(number)s.") % {"number": number}
    body = "\n\n".join(
        [
            news,
            _("Logga in i Kompotten för att läsa mer: %(url)s") % {"url": settings.BASE_URL.rstrip("/") + path},
            _("Det här meddelandet innehåller av säkerhetsskäl inga personuppgifter. Svara inte på det."),
        ]
    )
    return subject, body


@shared_task(
    name="housing.tasks.send_housing_notification",
    autoretry_for=(SMTPException, OSError),
    retry_backoff=True,
    max_retries=6,
)
def send_housing_notification(application_id: int, event: str) -> int:
    """One e-mail to each recipient, in Swedish; returns how many were sent. An application that no longer exists
    sends nothing."""
    application = (
        HousingApplication.objects.select_related("case__unit", "referring_unit", "referred_by__unit")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    with translation.override("sv"):
        subject, body = compose(application, event)
    messages = [EmailMessage(subject, body, to=[address]) for address in recipients(application, event)]
    return get_connection().send_messages(messages) or 0


def notify(application: HousingApplication, event: str) -> None:
    """After the commit, tell whoever should hear of it (nothing for the housing unit's own registrations)."""
    if is_from_outside(application):
        transaction.on_commit(lambda: send_housing_notification.delay(application.pk, event))

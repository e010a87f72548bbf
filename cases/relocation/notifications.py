"""E-mail about relocation requests: a new request, message, shared document or status, to the other side.

E-mail leaves the system, and the people in these requests may be in hiding: a notification carries the case
number and a link, nothing else — no name, number, address or message text. Sent by a Celery task after the change
is committed (`cases.relocation.tasks.notify_other_side` enqueues `send_relocation_notification`), so a mail server
that is down delays it and never undoes or blocks the change; the task retries.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.relocation import consent
from cases.relocation.contacts import designated_nexus_contacts
from cases.relocation.models import RelocationRequest
from cases.relocation.workflow import Actor
from kompotten.models import User

MESSAGE, STATUS, NEW, DOCUMENT = "message", "status", "new", "document"


def may_tell(request: RelocationRequest, event: str, to_side: str) -> bool:
    """The partner hears of the request's status only while the person's consent covers it (`consent_covers`);
    messages and documents in the thread still reach it (Nexus may need to say why the request rests)."""
    if to_side == Actor.PARTNER and event == STATUS:
        return consent.consent_covers(request, consent.PROGRESS)
    return True


def recipients(request: RelocationRequest, to_side: str) -> list[str]:
    """The partner's named contact person (or its active contact users); on our side the handlers of the case, or
    when nobody is assigned yet our designated contact persons in the request's network, or else the unit that
    owns it."""
    if to_side == Actor.PARTNER:
        if request.partner_contact and request.partner_contact.email:
            return [request.partner_contact.email]
        users = User.objects.filter(is_active=True, partner_municipality_id=request.municipality_id)
    else:
        users = User.objects.filter(is_active=True, case_assignments__case_id=request.case_id)
        if not users.exists():
            designated = designated_nexus_contacts(request.network, timezone.localdate()).exclude(email="")
            if designated.exists():
                return sorted(set(designated.values_list("email", flat=True)))
            users = User.objects.filter(is_active=True, unit_id=request.case.unit_id)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def compose(request: RelocationRequest, event: str) -> tuple[str, str]:
    number = request.case.number
    url = settings.BASE_URL.rstrip("/") + reverse("cases:relocation_detail", args=[request.case_id])
    if event == NEW:
        subject = _("Kompotten: ny förfrågan %(number)s") % {"number": number}
        news = _("En samverkanskommun har skickat en ny förfrågan till er: %(number)s.") % {"number": number}
    elif event == MESSAGE:
        subject = _("Kompotten: nytt meddelande i förfrågan %(number)s") % {"number": number}
        news = _("Det finns ett nytt meddelande i förfrågan %(number)s.") % {"number": number}
    elif event == DOCUMENT:
        subject = _("Kompotten: nytt dokument i förfrågan %(number)s") % {"number": number}
        news = _("Det finns ett nytt dokument i förfrågan %(number)s.") % {"number": number}
    else:
        subject = _("Kompotten: förfrågan %(number)s har ny status") % {"number": number}
        news = _("Förfrågan %(number)s har fått en ny status.") % {"number": number}
    body = "\n\n".join(
        [
            news,
            _("Logga in i Kompotten för att läsa mer: %(url)s") % {"url": url},
            _("Det här meddelandet innehåller av säkerhetsskäl inga personuppgifter. Svara inte på det."),
        ]
    )
    return subject, body

"""What of a housing case leaves the unit (`cases.outgoing`): the reasons of each decision, printed in its letter."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.models import Case
from cases.outbound import Channel
from cases.outgoing import OutgoingText
from housing.models import Decision


def decision_text(decision: Decision) -> OutgoingText:
    return OutgoingText(
        source=decision,
        label=_("Beslutsbrev %(date)s") % {"date": decision.decided_on},
        channel=Channel.DECISION,
        fields={"reasons": (str(Decision._meta.get_field("reasons").verbose_name), decision.reasons)},
        url=reverse("housing:application_detail", args=[decision.application_id]) + "#beslut",
    )


def texts(case: Case) -> list[OutgoingText]:
    return [decision_text(decision) for decision in Decision.objects.filter(application__case=case)]


def support_texts(case: Case) -> list[OutgoingText]:
    """Nexus's client case sends nothing out itself: its placements, flat stays and kundvård stay with Nexus, and
    what leaves about the client leaves from the referral or request hanging on it, each a case of its own."""
    return []

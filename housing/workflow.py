"""The states of a housing application (ansökan om bostadssocialt kontrakt) and who may move them.

One table, `TRANSITIONS`: every allowed move, the roles that may make it and what the move means. A move not in
the table is refused by `housing.services.application_transition`, which is the only code that changes a status.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role


class ApplicationStatus(models.TextChoices):
    REFERRED = "referred", _("Remitterad")
    INVESTIGATING = "investigating", _("Under utredning")
    APPROVED = "approved", _("Bifallen, i kö")
    PAUSED = "paused", _("Pausad i kön")
    HOUSED = "housed", _("Kontrakt tecknat")
    REJECTED = "rejected", _("Avslag")
    WITHDRAWN = "withdrawn", _("Återkallad")


@dataclass(frozen=True)
class Transition:
    roles: frozenset[str]
    label: str | Promise  # the button, and the line in the application's status history
    needs_reason: bool = False


S = ApplicationStatus
HOUSING = frozenset({Role.HOUSING_HANDLER})
HOUSING_OR_REFERRER = frozenset({Role.HOUSING_HANDLER, Role.NEXUS_CASEWORKER})

TRANSITIONS: dict[tuple[str, str], Transition] = {
    (S.REFERRED, S.INVESTIGATING): Transition(HOUSING, _("Påbörja utredning")),
    (S.REFERRED, S.WITHDRAWN): Transition(HOUSING_OR_REFERRER, _("Återkalla remissen"), needs_reason=True),
    # A decision is made through application_decide, which records the decision and then takes one of these.
    (S.INVESTIGATING, S.APPROVED): Transition(HOUSING, _("Bifall")),
    (S.INVESTIGATING, S.REJECTED): Transition(HOUSING, _("Avslag")),
    (S.INVESTIGATING, S.WITHDRAWN): Transition(HOUSING_OR_REFERRER, _("Återkalla ansökan"), needs_reason=True),
    # In the queue: a declined offer may pause the applicant or send them back to investigation.
    (S.APPROVED, S.PAUSED): Transition(HOUSING, _("Pausa i kön"), needs_reason=True),
    (S.PAUSED, S.APPROVED): Transition(HOUSING, _("Åter i kön")),
    (S.APPROVED, S.INVESTIGATING): Transition(HOUSING, _("Tillbaka till utredning"), needs_reason=True),
    (S.PAUSED, S.INVESTIGATING): Transition(HOUSING, _("Tillbaka till utredning"), needs_reason=True),
    (S.APPROVED, S.HOUSED): Transition(HOUSING, _("Kontrakt tecknat")),
    (S.APPROVED, S.WITHDRAWN): Transition(HOUSING, _("Återkalla ansökan"), needs_reason=True),
    (S.PAUSED, S.WITHDRAWN): Transition(HOUSING, _("Återkalla ansökan"), needs_reason=True),
}

# Moves a handler makes from the application page with a button; the others follow from a decision or an offer.
MANUAL = {
    (S.REFERRED, S.INVESTIGATING),
    (S.REFERRED, S.WITHDRAWN),
    (S.INVESTIGATING, S.WITHDRAWN),
    (S.APPROVED, S.PAUSED),
    (S.PAUSED, S.APPROVED),
    (S.APPROVED, S.INVESTIGATING),
    (S.PAUSED, S.INVESTIGATING),
    (S.APPROVED, S.WITHDRAWN),
    (S.PAUSED, S.WITHDRAWN),
}

OPEN = frozenset({S.REFERRED, S.INVESTIGATING, S.APPROVED, S.PAUSED})
UNDECIDED = frozenset({S.REFERRED, S.INVESTIGATING})


def transition(from_status: str, to_status: str) -> Transition | None:
    return TRANSITIONS.get((from_status, to_status))


def may(roles, from_status: str, to_status: str) -> bool:
    """Whether someone holding `roles` may move an application from one state to the other."""
    edge = transition(from_status, to_status)
    return edge is not None and bool(edge.roles & set(roles))


def manual_moves(from_status: str, roles) -> list[tuple[str, Transition]]:
    """The buttons to show on an application in `from_status` to someone holding `roles`."""
    return [
        (to, TRANSITIONS[(frm, to)])
        for (frm, to) in TRANSITIONS
        if frm == from_status and (frm, to) in MANUAL and may(roles, frm, to)
    ]

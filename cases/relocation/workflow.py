"""The workflow of a relocation request: its states, and one table of the moves allowed and who may make them.

Incoming (a partner municipality asks us): received → Nexus assesses the protection need (within two weeks) →
rejected by Nexus, or handed over to the housing unit, which investigates and decides → housed (the person has
moved in); or withdrawn, declined by the person, or ended for another reason at any open step.
Outgoing (we ask a partner): prepared → sent (only with the person's consent) → accepted or rejected by the
partner → housed → ended; or withdrawn at any open step.

Each move is owned by an actor: our Nexus caseworker, the partner's contact person, or the housing unit (its own
services report the move-in back). `cases.relocation.services.request_transition` is the one place a state changes.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Mottagen, skyddsbedömning pågår")
    HANDED_OVER = "handed_over", _("Lämnad till bostadsenheten")
    REJECTED_BY_NEXUS = "rejected_by_nexus", _("Avvisad av Nexus")
    PREPARED = "prepared", _("Förbereds")
    SENT = "sent", _("Skickad")
    ACCEPTED = "accepted", _("Accepterad av samverkanskommunen")
    REJECTED_BY_PARTNER = "rejected_by_partner", _("Avslagen av samverkanskommunen")
    HOUSED = "housed", _("Inflyttad")
    WITHDRAWN = "withdrawn", _("Återtagen")
    DECLINED_BY_PERSON = "declined_by_person", _("Personen tackade nej")
    ENDED = "ended", _("Avslutad")


class Actor(models.TextChoices):
    NEXUS = "nexus", _("Nexus")
    PARTNER = "partner", _("Samverkanskommunen")
    HOUSING = "housing", _("Bostadsenheten")


@dataclass(frozen=True)
class Move:
    actors: frozenset[str]
    needs_reason: bool = False
    label: str = ""


def _move(*actors, needs_reason=False, label=""):
    return Move(frozenset(actors), needs_reason, label)


INCOMING, OUTGOING = "incoming", "outgoing"

# (direction, from state, to state) -> who may make the move, and whether it needs a written reason.
TRANSITIONS: dict[tuple[str, str, str], Move] = {
    (INCOMING, State.RECEIVED, State.HANDED_OVER): _move(Actor.NEXUS, label=_("Lämna till bostadsenheten")),
    (INCOMING, State.RECEIVED, State.REJECTED_BY_NEXUS): _move(
        Actor.NEXUS, needs_reason=True, label=_("Avvisa förfrågan")
    ),
    (INCOMING, State.HANDED_OVER, State.HOUSED): _move(Actor.HOUSING, label=_("Inflyttad")),
    (OUTGOING, State.PREPARED, State.SENT): _move(Actor.NEXUS, label=_("Skicka förfrågan")),
    (OUTGOING, State.SENT, State.ACCEPTED): _move(Actor.PARTNER, label=_("Acceptera förfrågan")),
    (OUTGOING, State.SENT, State.REJECTED_BY_PARTNER): _move(
        Actor.PARTNER, needs_reason=True, label=_("Avslå förfrågan")
    ),
    (OUTGOING, State.ACCEPTED, State.HOUSED): _move(Actor.NEXUS, Actor.PARTNER, label=_("Inflyttad")),
    (OUTGOING, State.HOUSED, State.ENDED): _move(Actor.NEXUS, label=_("Avsluta")),
}
# At any open step the request may be withdrawn, and Nexus may record that the person declined or end it.
# Once handed over, the housing application is withdrawn with the request: the partner asks Nexus (in the
# thread), and Nexus, who may withdraw the referral in the housing unit's table, withdraws both.
for _state in (State.RECEIVED, State.HANDED_OVER):
    withdrawers = (Actor.PARTNER, Actor.NEXUS) if _state == State.RECEIVED else (Actor.NEXUS,)
    TRANSITIONS[(INCOMING, _state, State.WITHDRAWN)] = _move(
        *withdrawers, needs_reason=True, label=_("Återta förfrågan")
    )
    TRANSITIONS[(INCOMING, _state, State.DECLINED_BY_PERSON)] = _move(
        Actor.NEXUS, needs_reason=True, label=_("Personen tackade nej")
    )
    TRANSITIONS[(INCOMING, _state, State.ENDED)] = _move(
        Actor.NEXUS, needs_reason=True, label=_("Avsluta av annat skäl")
    )
for _state in (State.PREPARED, State.SENT, State.ACCEPTED):
    TRANSITIONS[(OUTGOING, _state, State.WITHDRAWN)] = _move(
        Actor.NEXUS, needs_reason=True, label=_("Återta förfrågan")
    )

INITIAL = {INCOMING: State.RECEIVED, OUTGOING: State.PREPARED}
FINAL = frozenset(
    {
        State.REJECTED_BY_NEXUS,
        State.REJECTED_BY_PARTNER,
        State.WITHDRAWN,
        State.DECLINED_BY_PERSON,
        State.ENDED,
    }
)
# An incoming request is done once the person has moved in: the case closes then.
CLOSING = FINAL | {State.HOUSED}


def move(direction: str, from_state: str, to_state: str) -> Move | None:
    return TRANSITIONS.get((direction, from_state, to_state))


def moves_from(direction: str, state: str, actor: str) -> list[tuple[str, Move]]:
    """The moves `actor` may make from `state`, in the table's order."""
    return [
        (to_state, rule)
        for (rule_direction, from_state, to_state), rule in TRANSITIONS.items()
        if rule_direction == direction and from_state == state and actor in rule.actors
    ]


def is_open(direction: str, state: str) -> bool:
    closing = FINAL if direction == OUTGOING else CLOSING
    return state not in closing

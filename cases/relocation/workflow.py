"""The workflow of a relocation request: its states, and one table of the moves allowed and who may make them.

Incoming (a partner municipality asks us): received → Nexus assesses the protection need (within two weeks) →
rejected by Nexus, or handed over to the housing unit, which investigates and decides → housed (the person has
moved in); or withdrawn, declined by the person, or ended for another reason at any open step.
Outgoing (we ask a partner): prepared → sent (only with the person's consent) → accepted or rejected by the
partner → housed → ended; or withdrawn at any open step.

While the person's consent is revoked the request rests (on hold) at any step where the partner or we would
otherwise act on it: Nexus obtains new consent, which returns it to the state it rested in, or ends it. Only the
consent services make those two moves (`consent_revoke`, `consent_record`); ending is offered on the page.

Each move is owned by an actor: our Nexus caseworker, the partner's contact person, or the housing unit (its own
services report the move-in back). One table per direction, in the shape of `kompotten.workflow`;
`cases.relocation.services.request_transition` is the one place a state changes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.workflow import Messages, Workflow, edge


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
    ON_HOLD = "on_hold", _("Vilande: samtycket är återkallat")


class Actor(models.TextChoices):
    NEXUS = "nexus", _("Nexus")
    PARTNER = "partner", _("Samverkanskommunen")
    HOUSING = "housing", _("Bostadsenheten")


INCOMING, OUTGOING = "incoming", "outgoing"
MESSAGES = Messages(
    no_edge=_("En förfrågan med status ”%(from)s” kan inte bli ”%(to)s”."),
    not_yours=_("Din roll får inte göra den ändringen av förfrågan."),
    no_reason=_("Ange ett skäl. Det sparas i förfrågans historik."),
)
NEXUS, PARTNER, HOUSING = Actor.NEXUS, Actor.PARTNER, Actor.HOUSING
WITHDRAW, DECLINED, END_OTHERWISE = _("Återta förfrågan"), _("Personen tackade nej"), _("Avsluta av annat skäl")


def _manual(*actors, needs_reason=False, label=""):
    return edge(*actors, label=label, manual=True, needs_reason=needs_reason)


def _hold(*states):
    """Into the hold from each of `states` and back to it: made by the consent services for Nexus, never offered."""
    moves = {}
    for state in states:
        moves[(state, State.ON_HOLD)] = edge(NEXUS, label=_("Samtycket återkallat"))
        moves[(State.ON_HOLD, state)] = edge(NEXUS, label=_("Nytt samtycke"))
    return moves


# At any open step the request may be withdrawn, and Nexus may record that the person declined or end it.
# Once handed over, the housing application is withdrawn with the request: the partner asks Nexus (in the
# thread), and Nexus, who may withdraw the referral in the housing unit's table, withdraws both.
INCOMING_WORKFLOW = Workflow(
    name="relocation_incoming",
    model="relocation.RelocationRequest",
    states=State,
    state_field="state",
    messages=MESSAGES,
    edges={
        (State.RECEIVED, State.HANDED_OVER): _manual(NEXUS, label=_("Lämna till bostadsenheten")),
        (State.RECEIVED, State.REJECTED_BY_NEXUS): _manual(NEXUS, needs_reason=True, label=_("Avvisa förfrågan")),
        # The housing unit reports the move-in (`housing_moved_in`) on the day the social contract starts.
        (State.HANDED_OVER, State.HOUSED): edge(HOUSING, label=_("Inflyttad")),
        (State.RECEIVED, State.WITHDRAWN): _manual(PARTNER, NEXUS, needs_reason=True, label=WITHDRAW),
        (State.RECEIVED, State.DECLINED_BY_PERSON): _manual(NEXUS, needs_reason=True, label=DECLINED),
        (State.RECEIVED, State.ENDED): _manual(NEXUS, needs_reason=True, label=END_OTHERWISE),
        (State.HANDED_OVER, State.WITHDRAWN): _manual(NEXUS, needs_reason=True, label=WITHDRAW),
        (State.HANDED_OVER, State.DECLINED_BY_PERSON): _manual(NEXUS, needs_reason=True, label=DECLINED),
        (State.HANDED_OVER, State.ENDED): _manual(NEXUS, needs_reason=True, label=END_OTHERWISE),
        # Consent revoked: the request rests until new consent returns it where it was, or Nexus ends it. The
        # housing unit may still report a move-in (the application is the person's own, not the partner's).
        **_hold(State.RECEIVED, State.HANDED_OVER),
        (State.ON_HOLD, State.HOUSED): edge(HOUSING, label=_("Inflyttad")),
        (State.ON_HOLD, State.WITHDRAWN): _manual(NEXUS, needs_reason=True, label=WITHDRAW),
        (State.ON_HOLD, State.ENDED): _manual(NEXUS, needs_reason=True, label=END_OTHERWISE),
    },
)
OUTGOING_WORKFLOW = Workflow(
    name="relocation_outgoing",
    model="relocation.RelocationRequest",
    states=State,
    state_field="state",
    messages=MESSAGES,
    edges={
        (State.PREPARED, State.SENT): _manual(NEXUS, label=_("Skicka förfrågan")),
        (State.SENT, State.ACCEPTED): _manual(PARTNER, label=_("Acceptera förfrågan")),
        (State.SENT, State.REJECTED_BY_PARTNER): _manual(PARTNER, needs_reason=True, label=_("Avslå förfrågan")),
        (State.ACCEPTED, State.HOUSED): _manual(NEXUS, PARTNER, label=_("Inflyttad")),
        (State.HOUSED, State.ENDED): _manual(NEXUS, label=_("Avsluta")),
        (State.PREPARED, State.WITHDRAWN): _manual(NEXUS, needs_reason=True, label=WITHDRAW),
        (State.SENT, State.WITHDRAWN): _manual(NEXUS, needs_reason=True, label=WITHDRAW),
        (State.ACCEPTED, State.WITHDRAWN): _manual(NEXUS, needs_reason=True, label=WITHDRAW),
        # Consent revoked: the partner cannot accept (or move in) a request that rests.
        **_hold(State.SENT, State.ACCEPTED),
        (State.ON_HOLD, State.WITHDRAWN): _manual(NEXUS, needs_reason=True, label=WITHDRAW),
    },
)
WORKFLOWS = {INCOMING: INCOMING_WORKFLOW, OUTGOING: OUTGOING_WORKFLOW}

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


def workflow_for(direction: str) -> Workflow:
    """The table of moves of a request going this way."""
    return WORKFLOWS[direction]


def is_open(direction: str, state: str) -> bool:
    closing = FINAL if direction == OUTGOING else CLOSING
    return state not in closing


def resumable(direction: str) -> frozenset[str]:
    """The states a request resting on revoked consent may return to (the one it rested in, says the service)."""
    workflow = workflow_for(direction)
    return frozenset(
        to for (from_, to) in workflow.edges if from_ == State.ON_HOLD and (to, State.ON_HOLD) in workflow.edges
    )

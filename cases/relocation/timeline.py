"""The request's timeline (its "Händelser"): the state transitions, the pauses and resumptions of its deadlines, the
person's consent given and revoked, and the messages of its thread, in the order they happened.

The partner sees what its consent covers (`consent_covers`): while the person's consent is revoked it sees the
timeline up to the revocation and the rest that followed it, the consent changes and the messages of its own thread,
but nothing else we did on the request since. The reasons of our pauses are ours; the partner reads the reason of
a deadline paused now beside the deadline, where it is checked as it leaves (`cases.relocation.outgoing`).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import DeadlineChange
from cases.relocation.consent import PROGRESS, consent_covers
from cases.relocation.models import RelocationRequest
from cases.relocation.workflow import State


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    at: datetime | None  # None for what is recorded by the day only (the consent)
    kind: str  # "transition", "pause", "resume", "consent_given", "consent_revoked", "message"
    label: str
    by: str = ""
    reason: str = ""
    source: object = None  # the transition whose reason may be withheld from the partner (`withheld`)

    @property
    def sort_key(self):
        # A day's consent change comes before what it caused that day (the rest, the paused deadlines).
        return (self.on, self.at or timezone.make_aware(datetime.combine(self.on, time.min)))

    @property
    def withheld(self) -> bool:
        return bool(getattr(self.source, "withheld", False))


PAUSE_ACTIONS = {DeadlineChange.Action.PAUSED: "pause", DeadlineChange.Action.RESUMED: "resume"}


def request_timeline(request: RelocationRequest, transitions: list, messages: list, *, partner: bool) -> list:
    """The timeline of `request` for its page; `transitions` and `messages` are the page's own (the partner's
    withheld texts marked on them)."""
    entries = [_transition(transition) for transition in transitions]
    entries += _pauses(request, ours=not partner)
    entries += _consents(request)
    entries += [_message(message) for message in messages]
    entries.sort(key=lambda entry: entry.sort_key)
    if partner and not consent_covers(request, PROGRESS):
        entries = _up_to_revocation(request, entries)
    return entries


def _transition(transition) -> TimelineEntry:
    return TimelineEntry(
        on=timezone.localdate(transition.at),
        at=transition.at,
        kind="transition",
        label=str(transition.get_to_state_display()),
        by=transition.by.get_full_name() if transition.by else "",
        reason=transition.reason,
        source=transition,
    )


def _pauses(request: RelocationRequest, *, ours: bool) -> list[TimelineEntry]:
    changes = DeadlineChange.objects.filter(deadline__case=request.case, action__in=PAUSE_ACTIONS).select_related(
        "deadline", "changed_by"
    )
    labels = {"pause": _("Tidsfristen pausades: %(label)s"), "resume": _("Tidsfristen återupptogs: %(label)s")}
    return [
        TimelineEntry(
            on=timezone.localdate(change.changed_at),
            at=change.changed_at,
            kind=PAUSE_ACTIONS[change.action],
            label=labels[PAUSE_ACTIONS[change.action]] % {"label": change.deadline.label},
            by=change.changed_by.get_full_name() if ours else "",
            reason=change.reason if ours else "",
        )
        for change in changes
    ]


def _consents(request: RelocationRequest) -> list[TimelineEntry]:
    entries = []
    for consent in request.consents.all():
        entries.append(TimelineEntry(on=consent.given_on, at=None, kind="consent_given", label=_("Samtycke lämnat")))
        if consent.revoked_on is not None:
            entries.append(
                TimelineEntry(on=consent.revoked_on, at=None, kind="consent_revoked", label=_("Samtycket återkallat"))
            )
    return entries


def _message(message) -> TimelineEntry:
    author = message.author
    side = author.partner_municipality.short_name if author.partner_municipality else author.unit.name
    return TimelineEntry(
        on=timezone.localdate(message.sent_at),
        at=message.sent_at,
        kind="message",
        label=_("Meddelande från %(side)s") % {"side": side},
    )


def _up_to_revocation(request: RelocationRequest, entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """What the partner may see while the consent is revoked: everything before the revocation put the request on
    hold (before the day of the revocation, when it did not), the hold itself, the consent changes and the
    messages."""
    revoked_on = max(consent.revoked_on for consent in request.consents.all() if consent.revoked_on)
    holds = [
        entry
        for entry in entries
        if entry.kind == "transition" and entry.source.to_state == State.ON_HOLD and entry.on >= revoked_on
    ]
    cutoff = holds[-1].sort_key if holds else (revoked_on, timezone.make_aware(datetime.combine(revoked_on, time.min)))
    always = {"consent_given", "consent_revoked", "message"}
    return [entry for entry in entries if entry.sort_key <= cutoff or entry.kind in always]

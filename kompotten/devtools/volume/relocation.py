"""Relocation requests (förflyttningsförfrågningar) and telephone inquiries, along `cases.relocation.workflow`.

Incoming: received, assessed by Nexus within two weeks (mostly), then handed over to the housing unit (its
application follows `kompotten.devtools.volume.housing`; the request is housed, withdrawn or ended with it), or
rejected, withdrawn, declined or ended. Outgoing: prepared, sent with the person's consent and the four criteria,
answered by the partner, housed and ended; or withdrawn. Every move is an edge of the workflow table.
"""

from datetime import date, timedelta

from cases.models import Case, CaseEvent, CaseParty
from cases.relocation.models import (
    Direction,
    NetworkMembership,
    RelocationConsent,
    RelocationRequest,
    RelocationTransition,
    RiskAssessor,
    TelephoneInquiry,
)
from cases.relocation.services import NEXUS_ASSESSMENT
from cases.relocation.workflow import INITIAL, State, is_open, workflow_for
from housing.models import ReferralKind
from housing.workflow import ApplicationStatus
from kompotten.devtools.volume.casework import CaseSpec, DeadlineSpec, insert_cases, persons_insert
from kompotten.devtools.volume.housing import Referral, Stock, applications_insert, trajectory
from kompotten.devtools.volume.people import Staff, persons_create
from kompotten.devtools.volume.writer import Writer
from kompotten.models import Unit

CRITERIA = {
    "serious_violence": "Upprepat grovt våld, polisanmält.",
    "home_options_tried": "Skyddat boende och kvarskrivning prövade.",
    "risk_assessed_by": RiskAssessor.POLICE,
    "cannot_arrange_housing": "Saknar kontakter och ekonomi för eget kontrakt.",
}
REASONS = {
    State.REJECTED_BY_NEXUS: "Skyddsbehovet kunde tillgodoses i hemkommunen.",
    State.WITHDRAWN: "Den andra kommunen återtog förfrågan.",
    State.DECLINED_BY_PERSON: "Personen tackade nej.",
    State.ENDED: "Avslutad av annat skäl.",
    State.REJECTED_BY_PARTNER: "Inga lägenheter att tillgå.",
}


def _memberships(on: date, members: list[NetworkMembership]) -> list[NetworkMembership]:
    return [m for m in members if m.joined_on <= on and (m.left_on is None or m.left_on >= on)]


def _incoming(writer: Writer, opened: date) -> list[tuple[str, int]]:
    """The states an incoming request passes after `received`, with days after the previous move."""
    rng = writer.rng
    assessed = rng.randint(3, 14) if rng.random() < 0.85 else rng.randint(15, 30)
    roll = rng.random()
    if roll < 0.55:
        return [(State.HANDED_OVER, assessed)]
    final = (
        State.REJECTED_BY_NEXUS if roll < 0.6 else rng.choice([State.WITHDRAWN, State.DECLINED_BY_PERSON, State.ENDED])
    )
    return [(final, assessed)]


def _outgoing(writer: Writer) -> list[tuple[str, int]]:
    rng = writer.rng
    path = [(State.SENT, rng.randint(1, 10))]
    if rng.random() < 0.1:
        return path + [(State.WITHDRAWN, rng.randint(5, 30))]
    if rng.random() < 0.3:
        return path + [(State.REJECTED_BY_PARTNER, rng.randint(14, 60))]
    return path + [
        (State.ACCEPTED, rng.randint(14, 60)),
        (State.HOUSED, rng.randint(60, 400)),
        (State.ENDED, rng.randint(30, 90)),
    ]


def requests_create(
    writer: Writer, count: int, *, staff: Staff, stock: Stock, years: int, protected_share: float
) -> list[Referral]:
    """`count` requests, each about its own person; a hand-over opens its housing application (written here too,
    as the hand-over asks the housing unit's referral service). Returns those referrals."""
    members = list(
        NetworkMembership.objects.select_related("network", "municipality").exclude(
            municipality__code=staff.units[Unit.Kind.NEXUS].municipality.code
        )
    )
    unit = staff.units[Unit.Kind.NEXUS]
    start = writer.today - timedelta(days=365 * years)
    persons = persons_create(writer, count, protected_share=protected_share, created_by=staff.by_kind[unit.kind][0])
    rows, specs, referrals, opened_on = [], [], [], {}
    for person in persons:
        opened = writer.day_between(start, writer.today)
        membership = writer.rng.choice(_memberships(opened, members) or members)
        direction = Direction.INCOMING if writer.rng.random() < 0.65 else Direction.OUTGOING
        moves, state, day = [], INITIAL[direction], opened
        for to_state, after in _incoming(writer, opened) if direction == Direction.INCOMING else _outgoing(writer):
            day += timedelta(days=after)
            if day > writer.today:
                break
            assert workflow_for(direction).allowed(state, to_state), (direction, state, to_state)
            moves.append((state, to_state, day))
            state = to_state
        spec = CaseSpec(
            kind=Case.Kind.RELOCATION,
            unit=unit,
            handler=staff.handler(writer, Unit.Kind.NEXUS),
            opened_on=opened,
            persons=[(person, CaseParty.Role.APPLICANT)],
            partner=membership.municipality,
        )
        person.created_by = spec.handler
        referral = None
        if state == State.HANDED_OVER:
            referral = Referral(
                person=person,
                referred_on=day,
                kind=ReferralKind.RELOCATION,
                handler=staff.handler(writer, Unit.Kind.HOUSING),
                referring_municipality=membership.municipality,
            )
            trajectory(writer, referral, stock)
            state = _follow_application(referral, moves, state)
            referrals.append(referral)
        if direction == Direction.INCOMING:
            met = next((d for _f, _t, d in moves), None)
            spec.deadlines.append(DeadlineSpec(NEXUS_ASSESSMENT, opened, weeks=2, met_on=met))
        for _from, to_state, on in moves:
            spec.event(on, CaseEvent.Action.STATUS_CHANGED, str(State(to_state).label))
        if not is_open(direction, state):
            spec.closed_on = moves[-1][2]
        specs.append(spec)
        opened_on[person.identity_number] = opened
        rows.append((direction, state, membership, moves, referral))
    persons_insert(writer, persons, registered_on=lambda p: opened_on[p.identity_number])
    insert_cases(writer, specs)
    applications_insert(writer, referrals, staff=staff, stock=stock)
    _requests(writer, specs, rows)
    return referrals


def _follow_application(referral: Referral, moves: list, state: str) -> str:
    """A handed-over request is housed with its application, or withdrawn or ended when the application is."""
    outcome = {
        ApplicationStatus.HOUSED: State.HOUSED,
        ApplicationStatus.WITHDRAWN: State.WITHDRAWN,
        ApplicationStatus.REJECTED: State.ENDED,
    }.get(referral.status)
    if outcome is None:
        return state
    moves.append((state, outcome, referral.moves[-1][2]))
    return outcome


def _requests(writer: Writer, specs: list[CaseSpec], rows: list) -> None:
    requests, transitions, consents = [], [], []
    for spec, (direction, state, membership, moves, referral) in zip(specs, rows, strict=True):
        stamps = {
            State.HANDED_OVER: "handed_over_on",
            State.SENT: "sent_on",
            State.ACCEPTED: "answered_on",
            State.REJECTED_BY_PARTNER: "answered_on",
            State.HOUSED: "housed_on",
        }
        dates = {stamps[to]: on for _f, to, on in moves if to in stamps}
        ended = next((on for _f, to, on in moves if to in REASONS and to != State.REJECTED_BY_PARTNER), None)
        sent = direction == Direction.OUTGOING and any(to == State.SENT for _f, to, _d in moves)
        request = RelocationRequest(
            case=spec.case,
            direction=direction,
            state=state,
            network=membership.network,
            municipality=membership.municipality,
            received_on=spec.opened_on if direction == Direction.INCOMING else None,
            ended_on=ended,
            rooms_needed=writer.rng.randint(1, 4),
            housing_case=referral.application.case if referral else None,
            risk_assessed_on=spec.opened_on if sent else None,
            **(CRITERIA if sent else {}),
            **dates,
        )
        request._history_date, request._history_user = writer.moment(spec.opened_on), spec.handler
        requests.append(request)
        transitions.append(
            RelocationTransition(
                request=request, to_state=INITIAL[direction], by=spec.handler, at=writer.moment(spec.opened_on)
            )
        )
        transitions += [
            RelocationTransition(
                request=request,
                from_state=f,
                to_state=t,
                by=spec.handler,
                at=writer.moment(on),
                reason=REASONS.get(t, ""),
            )
            for f, t, on in moves
        ]
        if sent:
            consents.append(
                RelocationConsent(
                    request=request,
                    given_on=spec.opened_on,
                    share_identity=True,
                    share_household=True,
                    recorded_by=spec.handler,
                )
            )
    writer.insert(requests)
    writer.insert(transitions)
    writer.insert(consents, at=lambda c: writer.moment(c.given_on), by=lambda c: c.recorded_by)


def inquiries_create(writer: Writer, count: int, *, staff: Staff, years: int) -> None:
    members = list(
        NetworkMembership.objects.select_related("network", "municipality").exclude(
            municipality__code=staff.units[Unit.Kind.NEXUS].municipality.code
        )
    )
    start = writer.today - timedelta(days=365 * years)
    inquiries = []
    for _ in range(count):
        on = writer.day_between(start, writer.today)
        membership = writer.rng.choice(_memberships(on, members) or members)
        inquiries.append(
            TelephoneInquiry(
                occurred_on=on,
                direction=writer.rng.choice(Direction.values),
                network=membership.network,
                municipality=membership.municipality,
                topic=writer.rng.choice(TelephoneInquiry.Topic.values),
                stop_reason=writer.rng.choice(TelephoneInquiry.StopReason.values),
                recorded_by=staff.handler(writer, Unit.Kind.NEXUS),
            )
        )
    writer.insert(inquiries, at=lambda i: writer.moment(i.occurred_on), by=lambda i: i.recorded_by)

"""Housing applications (bostadssociala ärenden) along `housing.workflow`, flats, offers and social contracts.

An application is referred, investigated (the whole checklist), decided within about three months (approve or
reject), queued, and housed when a flat is let to it (an accepted offer, a sublet contract on an 18-month trial
on the one calendar); an approved applicant not housed within two years withdraws. Every move is an edge of
`housing.workflow.APPLICATION`, recorded as an `ApplicationTransition`, as `application_transition` does.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_update_with_history

from cases.models import Case, CaseEvent, CaseParty, District, Landlord, Person
from housing import queue, workflow
from housing.events import HousingAction
from housing.models import (
    ApplicationTransition,
    ChecklistCheck,
    ChecklistItem,
    Decision,
    Flat,
    HousingApplication,
    Offer,
    ReferralKind,
    SocialContract,
)
from housing.services.applications import DECISION_DEADLINE_LABEL, decision_months
from housing.services.contracts import TRIAL_LABEL
from housing.workflow import ApplicationStatus as S
from kompotten.devtools.volume.casework import CaseSpec, DeadlineSpec, insert_cases, persons_insert
from kompotten.devtools.volume.people import Staff, persons_create
from kompotten.devtools.volume.writer import Writer
from kompotten.models import Municipality, Unit, User

QUEUE_PATIENCE = timedelta(days=730)  # an approved applicant not housed by then has found another way


@dataclass
class Referral:
    """One application to make: who, when, from where."""

    person: Person
    referred_on: date
    kind: str
    handler: User  # the housing handler the case is assigned to (unless `assigned` is False)
    referring_unit: Unit | None = None
    referring_municipality: Municipality | None = None
    moves: list[tuple[str, str, date]] = field(default_factory=list)  # (from, to, on), filled by `trajectory`
    decided_on: date | None = None
    housed_on: date | None = None
    application: HousingApplication | None = None
    assigned: bool = True  # False: a new referral nobody handles yet, in the team lead's inbox

    @property
    def status(self) -> str:
        return self.moves[-1][1] if self.moves else S.REFERRED


@dataclass
class Stock:
    """The flats there are to let: an applicant is housed only while one is left."""

    flats_left: int
    house_share: float
    free: list[Flat] = field(default_factory=list)  # written flats not yet let, taken in order


def trajectory(writer: Writer, referral: Referral, stock: Stock) -> None:
    """The application's moves up to the reference date, each an edge of the workflow table."""
    rng, today, on = writer.rng, writer.today, referral.referred_on
    steps = [(S.REFERRED, S.INVESTIGATING, on + timedelta(days=rng.randint(1, 20)))]
    if rng.random() < 0.05:
        steps.append((S.INVESTIGATING, S.WITHDRAWN, steps[-1][2] + timedelta(days=rng.randint(5, 40))))
    else:
        decided = on + timedelta(days=rng.randint(25, 88) if rng.random() < 0.9 else rng.randint(89, 130))
        approved = rng.random() < 0.75
        steps.append((S.INVESTIGATING, S.APPROVED if approved else S.REJECTED, decided))
        housed_on = decided + timedelta(days=rng.randint(60, 700))
        if approved and stock.flats_left > 0 and housed_on <= today and rng.random() < stock.house_share:
            stock.flats_left -= 1
            steps.append((S.APPROVED, S.HOUSED, housed_on))
        elif approved:
            steps.append((S.APPROVED, S.WITHDRAWN, decided + QUEUE_PATIENCE))
    for from_status, to_status, day in steps:
        if day > today:
            break
        assert workflow.APPLICATION.allowed(from_status, to_status), (from_status, to_status)
        referral.moves.append((from_status, to_status, day))
        if to_status in (S.APPROVED, S.REJECTED):
            referral.decided_on = day
        if to_status == S.HOUSED:
            referral.housed_on = day


def flats_create(writer: Writer, count: int, *, handler) -> list[Flat]:
    landlord = (
        Landlord.objects.filter(kind=Landlord.Kind.MUNICIPAL).first()
        or writer.insert([Landlord(name="Volym Bostäder AB", kind=Landlord.Kind.MUNICIPAL)], by=handler)[0]
    )
    districts = list(District.objects.filter(active=True)) or writer.insert(
        [District(name=name) for name in ("Centrum", "Norr", "Öst", "Syd")], by=handler
    )
    flats = []
    for n in range(count):
        rooms = writer.rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
        flats.append(
            Flat(
                landlord=landlord,
                street_address=f"Volymgatan {n // 40 + 1}, lgh {1001 + n % 40}",
                postal_code="75320",
                locality="Uppsala",
                district=writer.rng.choice(districts),
                rooms=rooms,
                area=Decimal(25 + rooms * 20),
                rent=3000 + rooms * 2000,
                floor=n % 6,
                available_from=writer.today - timedelta(days=writer.rng.randint(0, 3650)),
            )
        )
    return writer.insert(flats, at=lambda flat: writer.moment(flat.available_from), by=handler)


def applications_insert(writer: Writer, referrals: list[Referral], *, staff: Staff, stock: Stock) -> None:
    """Writes the applications of `referrals` (their trajectories made) with everything their moves leave."""
    unit = staff.units[Unit.Kind.HOUSING]
    items = list(ChecklistItem.objects.filter(active=True))
    months = {kind: decision_months(kind) for kind in ReferralKind.values}
    specs = [_spec(writer, referral, unit, staff, months) for referral in referrals]
    insert_cases(writer, specs)
    applications = []
    for referral, spec in zip(referrals, specs, strict=True):
        referral.application = HousingApplication(
            case=spec.case,
            referral_kind=referral.kind,
            referred_on=referral.referred_on,
            referred_by=spec.handler,
            referring_unit=referral.referring_unit,
            referring_municipality=referral.referring_municipality,
            background="Genererad remiss (volymdata).",
            rooms=writer.rng.randint(1, 4),
            status=referral.status,
            decided_on=referral.decided_on,
            decision_deadline=spec.deadline_rows[0],
        )
        applications.append(referral.application)
    writer.insert(applications, at=lambda a: writer.moment(a.referred_on), by=lambda a: a.referred_by)
    _moves(writer, referrals, specs, items)
    _housed(writer, [(r, s) for r, s in zip(referrals, specs, strict=True) if r.housed_on], stock)


def _spec(writer: Writer, referral: Referral, unit: Unit, staff: Staff, months: dict) -> CaseSpec:
    spec = CaseSpec(
        kind=Case.Kind.HOUSING,
        unit=unit,
        handler=referral.handler,
        opened_on=referral.referred_on,
        persons=[(referral.person, CaseParty.Role.APPLICANT)],
        assigned=referral.assigned,
    )
    spec.event(referral.referred_on, HousingAction.REFERRED, str(ReferralKind(referral.kind).label))
    ended = next((day for _f, to, day in referral.moves if to in (S.APPROVED, S.REJECTED, S.WITHDRAWN)), None)
    spec.deadlines.append(
        DeadlineSpec(DECISION_DEADLINE_LABEL, referral.referred_on, months=months[referral.kind], met_on=ended)
    )
    for from_status, to_status, day in referral.moves:
        spec.event(day, CaseEvent.Action.STATUS_CHANGED, f"{S(from_status).label} → {S(to_status).label}")
    if referral.housed_on:
        trial = DeadlineSpec(TRIAL_LABEL, referral.housed_on, months=18)
        if trial.due_on <= writer.today:  # the trial passed: the contract went to the tenant, the case closed
            trial.met_on = spec.closed_on = trial.due_on
        spec.deadlines.append(trial)
    return spec


def _moves(writer: Writer, referrals: list[Referral], specs: list[CaseSpec], items) -> None:
    transitions, decisions, checks = [], [], []
    for referral, spec in zip(referrals, specs, strict=True):
        application = referral.application
        for from_status, to_status, _day in referral.moves:
            reason = "Har ordnat boende på annat sätt." if to_status == S.WITHDRAWN else ""
            transitions.append(
                ApplicationTransition(
                    application=application,
                    from_status=from_status,
                    to_status=to_status,
                    reason=reason,
                    by=spec.handler,
                )
            )
        if referral.decided_on:
            approved = any(to == S.APPROVED for _f, to, _d in referral.moves)
            outcome = Decision.Outcome.APPROVED if approved else Decision.Outcome.REJECTED
            decisions.append(
                Decision(
                    application=application,
                    outcome=outcome,
                    reasons="Genererat beslut.",
                    decided_on=referral.decided_on,
                    decided_by=spec.handler,
                )
            )
            checks += [
                ChecklistCheck(
                    application=application, item=item, checked_on=referral.decided_on, checked_by=spec.handler
                )
                for item in items
            ]
    writer.insert(transitions)
    writer.insert(decisions, at=lambda d: writer.moment(d.decided_on), by=lambda d: d.decided_by)
    writer.insert(checks, at=lambda c: writer.moment(c.checked_on), by=lambda c: c.checked_by)


def _housed(writer: Writer, housed: list, stock: Stock) -> None:
    """Each housed applicant gets a flat of their own: an accepted offer, the flat let, a contract."""
    offers, contracts, let = [], [], []
    for referral, spec in housed:
        flat = stock.free.pop()
        application, day = referral.application, referral.housed_on
        offers.append(
            Offer(
                application=application,
                flat=flat,
                offered_on=day - timedelta(days=7),
                answer_by=day,
                status=Offer.Status.ACCEPTED,
                answered_on=day,
                position=1,
                made_by=spec.handler,
                queue_snapshot={
                    "rule": str(queue.QUEUE_RULE),
                    "made_on": (day - timedelta(days=7)).isoformat(),
                    "flat": flat.pk,
                    "chosen": application.pk,
                    "entries": [
                        {
                            "application": application.pk,
                            "case": spec.case.number,
                            "position": 1,
                            "fits": True,
                            "fails": [],
                        }
                    ],
                },
            )
        )
        trial = spec.deadline_rows[-1]
        passed = trial.status == trial.Status.MET
        contracts.append(
            SocialContract(
                application=application,
                flat=flat,
                starts_on=day,
                move_in_reported_on=day,  # as contract_start does for a contract starting by the acceptance
                trial_ends_on=trial.due_on,
                trial_deadline=trial,
                status=SocialContract.Status.PASSED if passed else SocialContract.Status.TRIAL,
                closed_on=trial.due_on if passed else None,
                closing_reason="Prövotiden utan anmärkning." if passed else "",
                created_by=spec.handler,
            )
        )
        flat.status, flat.tenant = Flat.Status.LET, referral.person
        flat.available_from = min(flat.available_from, day - timedelta(days=7))
        let.append(flat)
    writer.insert(offers, at=lambda o: writer.moment(o.answered_on), by=lambda o: o.made_by)
    writer.insert(contracts, at=lambda c: writer.moment(c.starts_on), by=lambda c: c.created_by)
    # The flats' new state, with its history row, as flat_let writes it.
    bulk_update_with_history(
        let, Flat, ["status", "tenant", "available_from"], batch_size=2000, default_date=writer.moment(writer.today)
    )
    writer.rows["housing.Flat (let)"] += len(let)


def stock_for(flats: list[Flat], applications: int) -> Stock:
    """About four in five flats end up let: the share of approved applicants housed follows from that."""
    share = min(0.9, 0.8 * len(flats) / max(applications * 0.7 * 0.8, 1))
    return Stock(flats_left=len(flats), house_share=share, free=list(flats))


def direct_referrals_create(
    writer: Writer, count: int, *, staff: Staff, stock: Stock, years: int, protected_share: float
) -> None:
    """Applications referred by Nexus (the housing chain) or registered by the housing unit itself."""
    persons = persons_create(
        writer, count, protected_share=protected_share, created_by=staff.by_kind[Unit.Kind.HOUSING][0]
    )
    start = writer.today - timedelta(days=365 * years)
    referrals = []
    for person in persons:
        chain = writer.rng.random() < 0.7
        referral = Referral(
            person=person,
            referred_on=writer.day_between(start, writer.today),
            kind=ReferralKind.HOUSING_CHAIN if chain else ReferralKind.DIRECT,
            handler=staff.handler(writer, Unit.Kind.HOUSING),
            referring_unit=staff.units[Unit.Kind.NEXUS if chain else Unit.Kind.HOUSING],
        )
        person.created_by = referral.handler
        trajectory(writer, referral, stock)
        # A referral not yet taken up waits in the team lead's inbox; a protected one is always given a handler
        # at once (the person is granted to whoever registered her, her handler).
        referral.assigned = referral.status != S.REFERRED or person.is_protected
        referrals.append(referral)
    referred_on = {r.person.identity_number: r.referred_on for r in referrals}
    persons_insert(writer, persons, registered_on=lambda p: referred_on[p.identity_number])
    applications_insert(writer, referrals, staff=staff, stock=stock)

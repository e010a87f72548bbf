"""Eviction-prevention files (vräkningsförebyggande ärenden) and their notices, as `notice_register` makes them.

Each tenant household has up to a few files over the years, each more than two years after the last one closed
(otherwise `notice_register` would have joined the old file): the first notice opens the file, later ones join it
and flag it for the team lead. A termination for rent debt starts the three-week recovery period (from the day it
was served), a Kronofogden notice the eviction date, both on the one calendar. A file closes on a ground that
`evictions.closing` accepts for its notices; its running deadlines are met on that day.
"""

import math
from datetime import date, timedelta
from decimal import Decimal

from cases.models import Case, CaseParty, Landlord
from evictions.events import EvictionAction
from evictions.models import Closure, EvictionFile, Notice, NoticeTenant
from evictions.routing import route_for
from evictions.services import EVICTION_DATE_LABEL, RECOVERY_PERIOD_LABEL, RECOVERY_PERIOD_WEEKS
from evictions.workflow import FileStatus
from kompotten.devtools.volume.casework import CaseSpec, DeadlineSpec, insert_cases, persons_insert
from kompotten.devtools.volume.people import Staff, persons_create
from kompotten.devtools.volume.writer import Writer
from kompotten.models import Unit

STREETS = [
    ("Svartbäcksgatan", "75320"),
    ("Kungsgatan", "75321"),
    ("Luthagsesplanaden", "75227"),
    ("Tycho Hedéns väg", "75431"),
    ("Väderkvarnsgatan", "75329"),
    ("Sävja allé", "75757"),
    ("Salabacksgatan", "75219"),
]
LINK_GAP = timedelta(days=730 + 30)  # more than the two years in which a new notice joins the old file
LONGEST_FILE = timedelta(days=60 * 2 + 150)  # later notices, then the time to close
CHUNK = 5000  # households written at a time


def _streets() -> list[tuple[str, str, object]]:
    """The streets whose notices the team handles itself, with their district (routing as registered)."""
    routes = [(street, code, route_for(code)) for street, code in STREETS]
    return [(street, code, route.district) for street, code, route in routes if route.handled_here]


def _landlords(writer: Writer, by) -> list[Landlord]:
    existing = list(Landlord.objects.all())
    return existing or writer.insert(
        [Landlord(name=f"Volym Fastigheter {n}", kind=kind) for n, kind in enumerate(Landlord.Kind.values * 3)], by=by
    )


def files_create(
    writer: Writer, *, files: int, notices: int, persons: int, protected_share: float, staff: Staff, years: int
) -> None:
    per_person = math.ceil(files / persons)
    window = timedelta(days=365 * years) / per_person
    assert window >= LINK_GAP + LONGEST_FILE, "Too many files per household for the years: they would link."
    streets, landlords = _streets(), _landlords(writer, staff.by_kind[Unit.Kind.EVICTION_PREVENTION][0])
    extra_notice_share = (notices - files) / files  # later notices per file, on average
    made = 0
    for first in range(0, persons, CHUNK):
        households = min(CHUNK, persons - first)
        handlers = [staff.handler(writer, Unit.Kind.EVICTION_PREVENTION) for _ in range(households)]
        people = persons_create(writer, households, protected_share=protected_share, created_by=handlers[0])
        plans = []
        for person, handler in zip(people, handlers, strict=True):
            street, code, district = writer.rng.choice(streets)
            person.street_address, person.postal_code = f"{street} {writer.rng.randint(1, 60)}", code
            person.locality, person.created_by = "Uppsala", handler
            start = writer.today - timedelta(days=365 * years)
            latest = writer.today - timedelta(days=writer.rng.randint(0, window.days - 1))
            for j in reversed(range(per_person)):  # a window apart, counted back from the latest
                opened = latest - window * j
                if made < files and opened >= start:
                    plans.append(_plan(writer, person, handler, district, opened, extra_notice_share, landlords))
                    made += 1
        people = [person for person in people if hasattr(person, "_first_opened")]  # households with a file
        persons_insert(writer, people, registered_on=lambda p: p._first_opened)
        _write(writer, plans, staff)


def _plan(writer, person, handler, district, opened, extra_share, landlords) -> dict:
    rng = writer.rng
    if not hasattr(person, "_first_opened"):
        person._first_opened = opened
    count = 1 + sum(rng.random() < extra_share / 2 for _ in range(2)) if extra_share <= 2 else 3
    first = rng.choices(["rent", "warning", "eviction"], weights=[85, 10, 5])[0]
    kinds = [first] + [rng.choice(["rent", "eviction"]) for _ in range(count - 1)]
    days, notices = opened, []
    for kind in kinds:
        notices.append(_notice(writer, kind, days, rng.choice(landlords)))
        days += timedelta(days=rng.randint(10, 60))
    last = max(n["received_on"] for n in notices)
    closes = max(last, *(n["eviction_date"] or last for n in notices)) + timedelta(days=rng.randint(20, 150))
    return {
        "person": person,
        "handler": handler,
        "district": district,
        "opened": opened,
        "has_children": rng.random() < 0.3,
        "notices": [n for n in notices if n["received_on"] <= writer.today],
        "closed_on": closes if closes <= writer.today else None,
    }


def _notice(writer: Writer, kind: str, received: date, landlord: Landlord) -> dict:
    rng = writer.rng
    notice = {
        "received_on": received,
        "landlord": landlord,
        "served_on": None,
        "eviction_date": None,
        "reasons": [],
        "capital": None,
    }
    if kind == "rent":
        notice.update(
            kind=Notice.Kind.TERMINATION,
            sender=Notice.Sender.LANDLORD,
            reasons=[Notice.Reason.RENT_DEBT],
            served_on=received - timedelta(days=rng.randint(0, 5)),
            capital=Decimal(rng.randint(30, 900) * 100),
        )
    elif kind == "warning":
        notice.update(kind=Notice.Kind.WARNING, sender=Notice.Sender.LANDLORD, reasons=[Notice.Reason.DISTURBANCE])
    else:
        notice.update(
            kind=Notice.Kind.EVICTION,
            sender=Notice.Sender.KRONOFOGDEN,
            eviction_date=received + timedelta(days=rng.randint(20, 60)),
        )
    return notice


def _deadline(notice: dict, met_on) -> DeadlineSpec | None:
    if notice["kind"] == Notice.Kind.TERMINATION:
        return DeadlineSpec(RECOVERY_PERIOD_LABEL, notice["served_on"], weeks=RECOVERY_PERIOD_WEEKS, met_on=met_on)
    if notice["kind"] == Notice.Kind.EVICTION:
        days = (notice["eviction_date"] - notice["received_on"]).days
        return DeadlineSpec(EVICTION_DATE_LABEL, notice["received_on"], days=days, met_on=met_on)
    return None


def _closure(writer: Writer, plan: dict) -> tuple[str, str, str]:
    """(ground, outcome, note) that `evictions.closing` accepts for the file's notices."""
    kinds = {n["kind"] for n in plan["notices"]}
    if Notice.Kind.EVICTION in kinds:
        if writer.rng.random() < 0.3:
            return Closure.Ground.EVICTION_EXECUTED, Closure.Outcome.EVICTED, ""
        return Closure.Ground.EVICTION_WITHDRAWN, Closure.Outcome.STAYED, ""
    if Notice.Kind.TERMINATION in kinds:
        return Closure.Ground.DEBT_PAID, writer.rng.choice([Closure.Outcome.STAYED] * 8 + [Closure.Outcome.MOVED]), ""
    return Closure.Ground.OTHER, Closure.Outcome.STAYED, "Inga fler klagomål."


def _write(writer: Writer, plans: list[dict], staff: Staff) -> None:
    unit = staff.units[Unit.Kind.EVICTION_PREVENTION]
    specs = []
    for plan in plans:
        spec = CaseSpec(
            kind=Case.Kind.EVICTION,
            unit=unit,
            handler=plan["handler"],
            opened_on=plan["opened"],
            persons=[(plan["person"], CaseParty.Role.TENANT)],
            closed_on=plan["closed_on"],
        )
        for index, notice in enumerate(plan["notices"]):
            spec.event(notice["received_on"], EvictionAction.NOTICE_REGISTERED, str(Notice.Kind(notice["kind"]).label))
            if index:
                spec.event(
                    notice["received_on"], EvictionAction.ESCALATED, f"Upprepade underrättelser ({index + 1} st)"
                )
            deadline = _deadline(notice, plan["closed_on"])
            notice["deadline"] = len(spec.deadlines) if deadline else None
            if deadline:
                spec.deadlines.append(deadline)
        specs.append(spec)
    insert_cases(writer, specs)
    file_rows, notice_rows, tenants, closures = [], [], [], []
    for plan, spec in zip(plans, specs, strict=True):
        closed, repeated = plan["closed_on"], len(plan["notices"]) > 1
        file = EvictionFile(
            case=spec.case,
            status=FileStatus.CLOSED if closed else FileStatus.OPEN,
            district=plan["district"],
            has_children=plan["has_children"],
            escalated=repeated and not closed,
            escalated_on=plan["notices"][-1]["received_on"] if repeated else None,
            escalation_reason=f"Upprepade underrättelser ({len(plan['notices'])} st)" if repeated else "",
        )
        file._history_date, file._history_user = writer.moment(spec.opened_on), spec.handler
        file_rows.append(file)
        person = plan["person"]
        for notice in plan["notices"]:
            deadline = spec.deadline_rows[notice["deadline"]] if notice["deadline"] is not None else None
            row = Notice(
                file=file,
                unit=spec.unit,
                received_on=notice["received_on"],
                channel=Notice.Channel.POST,
                sender_kind=notice["sender"],
                receipt_requested=notice["sender"] == Notice.Sender.KRONOFOGDEN,
                kind=notice["kind"],
                reasons=notice["reasons"],
                rent_debt_capital=notice["capital"],
                served_on=notice["served_on"],
                eviction_date=notice["eviction_date"],
                street_address=person.street_address,
                postal_code=person.postal_code,
                locality="Uppsala",
                landlord=notice["landlord"],
                first_tenant=person,  # one household's notices differ in kind or date: each notice once
                district=plan["district"],
                registered_by=spec.handler,
                recovery_deadline=deadline if notice["kind"] == Notice.Kind.TERMINATION else None,
                eviction_deadline=deadline if notice["kind"] == Notice.Kind.EVICTION else None,
            )
            row._history_date, row._history_user = writer.moment(notice["received_on"]), spec.handler
            notice_rows.append(row)
            tenant = NoticeTenant(
                notice=row, person=person, given_name=person.given_name, family_name=person.family_name
            )
            tenant._history_date, tenant._history_user = row._history_date, spec.handler
            tenants.append(tenant)
        if closed:
            ground, outcome, note = _closure(writer, plan)
            closures.append(
                Closure(
                    file=file,
                    closed_on=closed,
                    ground=ground,
                    outcome=outcome,
                    note=note,
                    closed_by=spec.handler,
                    children_affected=writer.rng.randint(1, 3) if plan["has_children"] else 0,
                    social_services_attended=True if ground == Closure.Ground.EVICTION_EXECUTED else None,
                )
            )
    writer.insert(file_rows)
    writer.insert(notice_rows)
    writer.insert(tenants)
    writer.insert(closures, at=lambda c: writer.moment(c.closed_on), by=lambda c: c.closed_by)

"""The case core every generated capability shares: case, persons in it, handler and grants, deadlines, timeline.

Mirrors what the services write: `case_open` (number from the year's sequence, an "opened" event),
`case_assign_handler` (assignment, a view_case grant), `person_register` (a protected person is granted to the
user who registers them, here the handler), `deadline_set` (due on the lag (1930:173) calendar) and
`deadline_mark_met`. Each app's module fills `CaseSpec`s; `insert_cases` writes them all in bulk.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import Permission

from cases.calendar import statutory_due_date
from cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CasePartner,
    CaseParty,
    CaseUserObjectPermission,
    Deadline,
    DeadlineChange,
    Person,
    PersonUserObjectPermission,
)
from kompotten.devtools.volume.writer import Writer
from kompotten.models import Municipality, Unit, User


@dataclass
class DeadlineSpec:
    label: str
    starts_on: date
    days: int = 0
    weeks: int = 0
    months: int = 0
    met_on: date | None = None  # None: still running

    @property
    def due_on(self) -> date:
        return statutory_due_date(self.starts_on, days=self.days, weeks=self.weeks, months=self.months)


@dataclass
class CaseSpec:
    kind: str
    unit: Unit
    handler: User
    opened_on: date
    persons: list[tuple[Person, str]]  # (person, CaseParty.Role)
    closed_on: date | None = None
    partner: Municipality | None = None
    deadlines: list[DeadlineSpec] = field(default_factory=list)
    events: list[tuple[date, str, str]] = field(default_factory=list)  # (day, CaseEvent.Action, detail)
    assigned: bool = True  # False: nobody handles it yet (a new referral in the team lead's inbox)
    case: Case | None = None  # set by insert_cases
    deadline_rows: list[Deadline] = field(default_factory=list)  # in the order of `deadlines`

    def event(self, day: date, action: str, detail: str = "") -> None:
        self.events.append((day, action, detail))


def _permission(codename: str) -> Permission:
    return Permission.objects.get(codename=codename, content_type__app_label="cases")


def persons_insert(writer: Writer, persons: list[Person], *, registered_on) -> None:
    """Persons with their history; a protected one granted to whoever registered them (person_register)."""
    writer.insert(persons, at=lambda p: writer.moment(registered_on(p)), by=lambda p: p.created_by)
    view_person = _permission("view_person")
    writer.insert(
        [
            PersonUserObjectPermission(user_id=p.created_by_id, content_object=p, permission=view_person)
            for p in persons
            if p.is_protected
        ]
    )


def insert_cases(writer: Writer, specs: list[CaseSpec]) -> None:
    """Writes the cases of `specs` and everything the case core keeps about them; sets `spec.case`."""
    for spec in specs:
        spec.case = Case(
            kind=spec.kind,
            unit=spec.unit,
            opened_on=spec.opened_on,
            closed_on=spec.closed_on,
            year=spec.opened_on.year,
            sequence=writer.case_sequence(spec.opened_on.year),
            created_by=spec.handler,
        )
        spec.case._history_date = writer.moment(spec.opened_on, hour=8)
        spec.case._history_user = spec.handler
        spec.events.insert(0, (spec.opened_on, CaseEvent.Action.OPENED, spec.case.get_kind_display()))
        if spec.closed_on:
            spec.event(spec.closed_on, CaseEvent.Action.CLOSED)
    writer.insert([spec.case for spec in specs])
    _parties_and_handlers(writer, specs)
    _deadlines(writer, specs)
    writer.insert(
        [
            CaseEvent(case=spec.case, at=writer.moment(day), actor=spec.handler, action=action, detail=detail[:300])
            for spec in specs
            for day, action, detail in spec.events
        ]
    )


def _parties_and_handlers(writer: Writer, specs: list[CaseSpec]) -> None:
    view_case = _permission("view_case")
    parties, assignments, grants, partners = [], [], [], []
    for spec in specs:
        opened = writer.moment(spec.opened_on, hour=8)
        for person, role in spec.persons:
            party = CaseParty(case=spec.case, person=person, role=role)
            party._history_date, party._history_user = opened, spec.handler
            parties.append(party)
            spec.events.append((spec.opened_on, CaseEvent.Action.PERSON_ADDED, str(CaseParty.Role(role).label)))
        if spec.assigned:
            assignment = CaseAssignment(case=spec.case, user=spec.handler, assigned_by=spec.handler)
            assignment._history_date, assignment._history_user = opened, spec.handler
            assignments.append(assignment)
            grants.append(CaseUserObjectPermission(user=spec.handler, content_object=spec.case, permission=view_case))
            spec.events.append((spec.opened_on, CaseEvent.Action.HANDLER_ASSIGNED, spec.handler.get_full_name()))
        if spec.partner:
            partner = CasePartner(case=spec.case, municipality=spec.partner)
            partner._history_date, partner._history_user = opened, spec.handler
            partners.append(partner)
            spec.events.append((spec.opened_on, CaseEvent.Action.PARTNER_ADDED, spec.partner.name))
    writer.insert(parties)
    writer.insert(assignments)
    writer.insert(grants)
    writer.insert(partners)


def _deadlines(writer: Writer, specs: list[CaseSpec]) -> None:
    rows, changes = [], []
    for spec in specs:
        for d in spec.deadlines:
            due = d.due_on
            row = Deadline(
                case=spec.case,
                label=d.label,
                starts_on=d.starts_on,
                due_on=due,
                original_due_on=due,
                status=Deadline.Status.MET if d.met_on else Deadline.Status.RUNNING,
                met_on=d.met_on,
            )
            row._history_date, row._history_user = writer.moment(d.starts_on), spec.handler
            rows.append(row)
            spec.deadline_rows.append(row)
            spec.event(d.starts_on, CaseEvent.Action.DEADLINE_SET, f"{d.label}: {due.isoformat()}")
            if d.met_on:
                changes.append((row, d.met_on, spec.handler))
                spec.event(d.met_on, CaseEvent.Action.DEADLINE_MET, d.label)
    writer.insert(rows)
    writer.insert(
        [
            DeadlineChange(
                deadline=row,
                action=DeadlineChange.Action.MET,
                reason="",
                due_on_before=row.due_on,
                due_on_after=row.due_on,
                changed_by=by,
            )
            for row, _met_on, by in changes
        ]
    )

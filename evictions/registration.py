"""Registering notices (underrättelser): one from the form, or thousands from a CSV import, through the same code.

`notices_register` applies the rules of a registration to each notice in order, as if each were registered alone:
route the address, find or register the tenants (on a routed notice too: every tenant is a person, looked up by
identity number, so their protection applies from the first moment), join the household's file of the last two
years (open, or closed since then) or open one with the caseworker as handler (none when it names a protected
person: the team lead assigns it, with a reason), flag a repeated notice, or a protected person, for the team lead,
and set the recovery period and the eviction date on the lag (1930:173) calendar. A protected person who joins a file
that has handlers is not opened to them by their assignment: each handler's access to the person waits for the team
lead (`cases.PendingPartyAccess`), unless she may see the person already. A notice sees what the notices
before it in the batch made. A notice registered before (`evictions.models.files.SAME_NOTICE`: the same tenant,
kind, service date and landlord), by any channel, is found and returned as it is, marked `already_registered`:
registering it again changes nothing.

Nothing is written while the notices are worked through: `Writes` keeps every row, change, history row (the same
saves, so the same history, as one registration at a time), grant and timeline event, and writes them in bulk at
the end. At 40-odd queries a notice, row-by-row registration spent most of its time waiting for the database.

Two registrations at once of the same notice, or of notices naming the same new tenant, are told apart by the
database: the person's identity number, the landlord's name and the notice itself (`notice_registered_once`) are
unique, so the second transaction's insert waits for the first and fails once it commits. `notices_register` then
tries once more, from the start, and finds what the first one registered.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from cases import access
from cases import services as case_services
from cases.access import AccessPolicy
from cases.identity_numbers import parse_identity_number
from cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseParty,
    Deadline,
    Landlord,
    PendingPartyAccess,
    Person,
    ProtectionLevel,
)
from evictions import late_payers, workflow
from evictions.events import EvictionAction
from evictions.landlord_message import form_3_errors
from evictions.models import EvictionFile, Notice, NoticeTenant
from evictions.routing import Route, locality_for, route_for
from kompotten.models import Unit, User
from kompotten.workflow import who_is

# Deadline labels are stored, so they are the Swedish terms themselves (as the caseworkers search for them).
RECOVERY_PERIOD_LABEL = "Återvinningsfrist"
EVICTION_DATE_LABEL = "Avhysning (Kronofogden)"
RECOVERY_PERIOD_WEEKS = 3  # 12 kap. 44 § jordabalken
LINKING_PERIOD = relativedelta(years=2)  # a household the team had contact with in the last two years
PROTECTED_FLAG_REASON = "Skyddade personuppgifter: teamledaren fördelar ärendet till en behörig handläggare"
PENDING_FLAG_REASON = (
    "Skyddade personuppgifter: en ny person i ärendet visas för handläggaren när teamledaren bekräftat åtkomsten"
)
INSERT_AT_MOST = 20  # rows of a table that `_copy` inserts with INSERT rather than COPY
ID_BLOCK = 2000  # ids taken from a table's sequence at a time


@dataclass(frozen=True)
class TenantInput:
    given_name: str
    family_name: str
    identity_number: str


@dataclass(frozen=True)
class NoticeInput:
    """What a notice says, as the form or an import row gives it."""

    received_on: date
    channel: str
    sender_kind: str
    kind: str
    street_address: str
    postal_code: str
    landlord_name: str
    landlord_kind: str
    tenants: tuple[TenantInput, ...]
    reasons: tuple[str, ...] = ()
    sender_name: str = ""
    sender_reference: str = ""
    receipt_requested: bool = False
    rent_debt_capital: Decimal | None = None
    rent_debt_costs: Decimal | None = None
    served_on: date | None = None
    eviction_date: date | None = None
    apartment_number: str = ""
    children_in_household: bool = False
    # Formulär 3 (evictions.landlord_message)
    service_method: str = ""
    amount_to_pay: Decimal | None = None
    last_day_to_pay: date | None = None
    monthly_rent: Decimal | None = None
    rooms: int | None = None
    floor_area: Decimal | None = None


def validate_notice(data: NoticeInput) -> None:
    """The rules every notice must meet, from the form or an import row; raises a ValidationError per field."""
    if errors := notice_rules(vars(data)):
        raise ValidationError(errors)


def notice_rules(values: dict) -> dict[str, str]:
    """The rules as {field: message}. A value that is missing (a field of the form that has an error of its own)
    skips the rules that need it, so the form can show these with the missing fields' errors on the first submit."""
    errors = {}
    today = timezone.localdate()
    received_on, kind, reasons = values.get("received_on"), values.get("kind"), values.get("reasons") or ()
    served_on, eviction_date = values.get("served_on"), values.get("eviction_date")
    if received_on and received_on > today:
        errors["received_on"] = _("Mottagningsdagen kan inte ligga i framtiden.")
    if kind in (Notice.Kind.TERMINATION, Notice.Kind.WARNING) and not reasons:
        errors["reasons"] = _("Ange minst ett skäl till uppsägningen eller varningen.")
    if Notice.Reason.RENT_DEBT in reasons and "rent_debt_capital" in values and values["rent_debt_capital"] is None:
        errors["rent_debt_capital"] = _("Ange hyresskuldens kapitalbelopp i kronor, som det står i underrättelsen.")
    if kind == Notice.Kind.TERMINATION and "served_on" in values and served_on is None:
        errors["served_on"] = _("Ange dagen då uppsägningen delgavs: återvinningsfristen räknas från den.")
    if served_on and served_on > today:
        errors["served_on"] = _("Delgivningsdagen kan inte ligga i framtiden.")
    if kind == Notice.Kind.EVICTION and "eviction_date" in values and eviction_date is None:
        errors["eviction_date"] = _("Ange datum för avhysningen från Kronofogden.")
    elif eviction_date and received_on and eviction_date <= received_on:
        errors["eviction_date"] = _("Avhysningsdatumet måste ligga efter mottagningsdagen.")
    if "tenants" in values and not values["tenants"]:
        errors["tenants"] = _("Ange minst en hyresgäst.")
    return form_3_errors(values) | errors


class Writes:
    """Rows to insert, rows changed, their history rows and timeline events, written in bulk by `flush`.

    A new row takes its id from its table's sequence at once, so rows can point at each other and a history row can
    copy the row as it was at that moment, before anything is inserted. Each `add` and `change` is one `save` of the
    row-by-row services: it makes the same history row ("+" or "~", by the acting user)."""

    def __init__(self, acting_user: User, *, id_block: int = 1):
        self.user = acting_user
        self.id_block = min(max(id_block, 1), ID_BLOCK)
        self._ids: dict[type, list[int]] = defaultdict(list)
        self.new: dict[type, list[models.Model]] = {}  # in the order the tables were first written
        self._new_keys: set[tuple[type, int]] = set()
        self.changed: dict[tuple[type, int], tuple[models.Model, set[str]]] = {}
        self.history: dict[type, list[dict]] = defaultdict(list)
        self.events: list[CaseEvent] = []
        self.handled: list[Case] = []  # new cases the acting user handles, granted in one go
        self.sequences = {}  # year -> the locked case-number counter

    def add(self, row: models.Model) -> models.Model:
        model = type(row)
        row.pk = self._next_id(model)
        for field in _auto_now_add(model):
            field.pre_save(row, add=True)  # as save() would, so the history row has it too
        self.new.setdefault(model, []).append(row)
        self._new_keys.add((model, row.pk))
        self._snapshot(row, "+")
        return row

    def change(self, row: models.Model, fields: list[str]) -> None:
        key = (type(row), row.pk)
        if key not in self._new_keys and key not in self.changed:
            self.changed[key] = (row, set())
        if key in self.changed:
            self.changed[key][1].update(fields)
        self._snapshot(row, "~")

    def event(self, case: Case, action: str, detail: str = "") -> None:
        """As `record_event`: the detail never holds personal data."""
        self.events.append(CaseEvent(case=case, action=action, actor=self.user, detail=str(detail)[:300]))

    def case_number(self, year: int) -> int:
        if year not in self.sequences:
            self.sequences[year] = case_services.case_sequence_locked(year)
        self.sequences[year].last += 1
        return self.sequences[year].last

    def _snapshot(self, row: models.Model, history_type: str) -> None:
        """The history row of this save, as simple-history's `bulk_history_create` makes it: the tracked fields as
        the save leaves them, when, by whom, and whether the row was added ("+") or changed ("~")."""
        tracked = _tracked_fields(type(row))
        if tracked:
            state = {name: getattr(row, name) for name in tracked}
            state |= {"history_date": timezone.now(), "history_type": history_type, "history_change_reason": ""}
            self.history[type(row)].append(state | {"history_user_id": self.user.pk})

    def reserve(self, *tables: type) -> None:
        """Takes a block of ids of each of these tables in one query, for the rows a batch is about to write (a
        registration writes a row in most of them), instead of a query per table at its first row. An id left unused
        is a gap in the table's sequence, as a rolled-back insert leaves one."""
        wanted = [model for model in dict.fromkeys(tables) if not self._ids[model]]
        if not wanted:
            return
        select = "SELECT %s::integer, nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)"
        params = []
        for index, model in enumerate(wanted):
            params += [index, model._meta.db_table, model._meta.pk.column, self.id_block]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([select] * len(wanted)), params)
            for index, value in cursor.fetchall():
                self._ids[wanted[index]].append(value)
        for model in wanted:
            self._ids[model].sort(reverse=True)

    def _next_id(self, model: type) -> int:
        ids = self._ids[model]
        if not ids:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [model._meta.db_table, model._meta.pk.column, self.id_block],
                )
                ids.extend(sorted((row[0] for row in cursor.fetchall()), reverse=True))
        return ids.pop()

    # No savepoint of its own: called inside the registration's or the transition's atomic block, which rolls back.
    @transaction.atomic(savepoint=False)
    def flush(self) -> None:
        for sequence in self.sequences.values():
            sequence.save(update_fields=["last"])
        for model, rows in self.new.items():
            fields = model._meta.concrete_fields
            _copy(model, [{field.attname: getattr(row, field.attname) for field in fields} for row in rows])
            for row in rows:  # saved, as far as the ORM is concerned
                row._state.adding, row._state.db = False, connection.alias
        if self.handled:
            access.grant_cases(self.user, self.handled, given_by=self.user)
        by_model = defaultdict(lambda: ([], set()))
        for (model, _pk), (row, fields) in self.changed.items():
            by_model[model][0].append(row)
            by_model[model][1].update(fields)
        for model, (rows, fields) in by_model.items():
            model._default_manager.bulk_update(rows, sorted(fields), batch_size=ID_BLOCK)
        for model, states in self.history.items():
            _copy(model.history.model, states)
        _copy(
            CaseEvent,
            [
                {"case_id": e.case_id, "at": e.at, "actor_id": e.actor_id, "action": e.action, "detail": e.detail}
                for e in self.events
            ],
        )


def _copy(model: type, rows: list[dict]) -> None:
    """Inserts rows (attribute name: value, the same names in every row) with PostgreSQL's COPY, through psycopg.
    For tens of thousands of rows of thirty columns it is about eight times faster than `bulk_create`, whose
    INSERT statements psycopg and PostgreSQL must parse value by value. A few rows (a notice registered from the
    form writes one or two in each table) go in one INSERT: COPY costs a round trip more, which they feel."""
    if not rows:
        return
    fields = {field.attname: field for field in model._meta.concrete_fields}
    names = list(rows[0])
    columns = ", ".join(connection.ops.quote_name(fields[name].column) for name in names)
    if len(rows) <= INSERT_AT_MOST:
        values = ", ".join(["(" + ", ".join(["%s"] * len(names)) + ")"] * len(rows))
        params = [fields[name].get_db_prep_save(row[name], connection) for row in rows for name in names]
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:  # the names are the model's, the values parameters
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608
        return
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    # psycopg's own errors, such as a unique violation, as Django's (IntegrityError), as `execute` raises them.
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([_prepared(fields[name], row[name]) for name in names])


_AS_THEY_ARE = frozenset({str, int, bool, date, datetime, Decimal, type(None)})


def _prepared(field: models.Field, value):
    """Plain values go to psycopg as they are; anything else (a lazy translation, a choice, a list) is prepared by
    its field as `save` would, which costs more than the rest of the copy."""
    return value if type(value) in _AS_THEY_ARE else field.get_db_prep_save(value, connection)


@cache
def _auto_now_add(model: type) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if getattr(field, "auto_now_add", False)]


@cache
def _tracked_fields(model: type) -> tuple[str, ...]:
    """The attributes simple-history keeps of the model, none when it keeps no history (asked once per model:
    each `Model.history` builds a manager)."""
    history = getattr(model, "history", None)
    return tuple(field.attname for field in history.model.tracked_fields) if history else ()


def reopen(file: EvictionFile, writes: Writes) -> None:
    """A new notice opens the household's closed file again: the edge of `workflow.FILE` that registering makes,
    applied through the batch's writes to a file the batch holds locked (`file_transition` makes it one by one)."""
    edge = workflow.FILE.check(file.status, workflow.FileStatus.OPEN, who_is(writes.user))
    file.status = workflow.FileStatus.OPEN
    writes.change(file, ["status"])
    file.case.closed_on = None
    writes.change(file.case, ["closed_on"])
    writes.event(file.case, EvictionAction.REOPENED, str(edge.label))


class _Registration:
    """What one batch knows: reference data read once, and the households' files as the batch changes them."""

    def __init__(self, inputs: list[NoticeInput], unit: Unit, acting_user: User):
        self.unit, self.user = unit, acting_user
        self.writes = Writes(acting_user, id_block=len(inputs))
        # What a notice of a household new to the team writes; a table the batch needs more of (or another one)
        # takes its next block when it runs out.
        self.writes.reserve(Notice, NoticeTenant, Person, Case, CaseParty, CaseAssignment, EvictionFile, Deadline)
        self.policy = AccessPolicy(acting_user)
        self.routes: dict[str, Route | ValidationError] = {}
        self.numbers: dict[str, str] = {}
        self.municipalities = {}
        names = {" ".join(data.landlord_name.split()).lower() for data in inputs}
        self.landlords = {
            landlord.lowered: landlord
            for landlord in Landlord.objects.annotate(lowered=Lower("name")).filter(lowered__in=names)
        }
        numbers = {_number_or_none(tenant) for data in inputs for tenant in data.tenants}
        self.persons = {person.identity_number: person for person in Person.objects.filter(identity_number__in=numbers)}
        self.revealed: set[int] = set()  # protected persons the acting user came to see through this batch
        self._granted_cases: dict[int, bool] = {}
        self._policies: dict[int, AccessPolicy] = {acting_user.pk: self.policy}  # of the files' handlers
        self._load_files()
        # The notices already registered for these persons, read after their files are locked: a registration of
        # the same household that committed while this one waited for the lock is seen.
        self.registered: dict[tuple, Notice] = {
            _same(notice.first_tenant_id, notice.kind, notice.service_date, notice.landlord_id): notice
            for notice in Notice.objects.filter(first_tenant__in=self.persons.values())
        }

    def _load_files(self) -> None:
        """The files of the persons already registered, locked, with their parties and number of notices."""
        parties = CaseParty.objects.filter(person__in=self.persons.values()).values("case_id")
        files = EvictionFile.objects.select_for_update().select_related("case").filter(case__in=parties)
        self.files = {file.pk: file for file in files}
        self.files_of = defaultdict(set)  # person id -> ids of their files
        self.parties = defaultdict(set)  # file id -> ids of the persons in its case
        case_files = {file.case_id: file.pk for file in self.files.values()}
        for case_id, person_id in CaseParty.objects.filter(case__in=case_files).values_list("case_id", "person_id"):
            self.files_of[person_id].add(case_files[case_id])
            self.parties[case_files[case_id]].add(person_id)
        counts = Notice.objects.filter(file__in=self.files).values("file").annotate(n=models.Count("pk"))
        self.notice_counts = defaultdict(int, {count["file"]: count["n"] for count in counts})
        self.handlers = defaultdict(set)  # case id -> ids of its handlers
        for assignment in CaseAssignment.objects.filter(case__in=case_files).select_related("user"):
            self.handlers[assignment.case_id].add(assignment.user_id)
            self._policies.setdefault(assignment.user_id, AccessPolicy(assignment.user))
        self.pending = defaultdict(set)  # case id -> the persons a handler's access to waits for the team lead
        for case_id, person_id in PendingPartyAccess.objects.filter(party__case__in=case_files).values_list(
            "party__case_id", "party__person_id"
        ):
            self.pending[case_id].add(person_id)

    # --- one notice, in the order of notice_register before batches ---------------------------------------------
    def register(self, data: NoticeInput, import_key: str) -> Notice:
        validate_notice(data)
        before = self.registered_before(data)
        if before is not None:
            before.already_registered = True
            return before
        route = self._route_for(data.postal_code)
        notice = self._notice(data, route)
        notice.import_key = import_key
        if not route.handled_here:
            return self._route(notice, data, route)
        persons = [self._person(tenant, data) for tenant in data.tenants]
        self._identify(notice, persons)
        file = self._household_file(persons, data.received_on)
        joined = file is not None
        if joined:
            protected = self._protected_from(persons)
            if file.status == workflow.FileStatus.CLOSED:
                reopen(file, self.writes)
        else:
            # Grants are given, never taken: a new file naming a protected person waits for the team lead, who
            # assigns it with a reason, even when the caseworker already sees the person.
            protected = any(person.is_protected for person in persons)
            file = self._new_file(route, data.received_on, assign=not protected)
        notice.file = file
        self.writes.add(notice)
        self.notice_counts[file.pk] += 1
        self._save_tenants(notice, data, persons)
        self._add_parties(file, persons)
        if data.children_in_household and not file.has_children:
            file.has_children = True
            self.writes.change(file, ["has_children"])
        self.writes.event(file.case, EvictionAction.NOTICE_REGISTERED, notice.get_kind_display())
        self._set_deadlines(notice)
        if any(person.pk in self.pending[file.case_id] for person in persons):
            self._flag(file, data.received_on, PENDING_FLAG_REASON)
        elif protected:
            self._flag(file, data.received_on, PROTECTED_FLAG_REASON)
        elif joined:
            self._flag(file, data.received_on, f"Upprepade underrättelser ({self.notice_counts[file.pk]} st)")
        return notice

    def registered_before(self, data: NoticeInput) -> Notice | None:
        """The notice registered before (or earlier in this batch) that `data` is the same notice as, if any."""
        person = self.persons.get(self._number(data.tenants[0]))
        landlord = self.landlords.get(" ".join(data.landlord_name.split()).lower())
        if person is None or landlord is None:
            return None
        return self.registered.get(_same(person.pk, data.kind, data.served_on or data.received_on, landlord.pk))

    def _identify(self, notice: Notice, persons: list[Person]) -> None:
        """The notice names its first tenant, who with its kind, service date and landlord makes it this notice."""
        notice.first_tenant = persons[0]
        key = _same(notice.first_tenant.pk, notice.kind, notice.service_date, notice.landlord.pk)
        self.registered[key] = notice

    def _route_for(self, postal_code: str) -> Route:
        code = "".join(postal_code.split())
        if code not in self.routes:
            try:
                self.routes[code] = route_for(code)
            except ValidationError as error:
                self.routes[code] = error
        if isinstance(self.routes[code], ValidationError):
            raise self.routes[code]
        return self.routes[code]

    def _landlord(self, name: str, kind: str) -> Landlord:
        name = " ".join(name.split())
        landlord = self.landlords.get(name.lower())
        if landlord is None:
            if kind not in Landlord.Kind.values:
                raise ValidationError({"landlord_kind": _("Hyresvärden är ny: ange typ av hyresvärd.")})
            landlord = self.landlords[name.lower()] = self.writes.add(Landlord(name=name, kind=kind))
        return landlord

    def _person(self, tenant: TenantInput, data: NoticeInput) -> Person:
        """The registered person with this identity number, or a new one at the notice's address."""
        number = self._number(tenant)
        if number not in self.persons:
            self.persons[number] = self.writes.add(
                case_services.person_new(
                    given_name=tenant.given_name,
                    family_name=tenant.family_name,
                    identity_number=number,
                    street_address=data.street_address,
                    postal_code=data.postal_code,
                    acting_user=self.user,
                    municipalities=self.municipalities,
                )
            )
        return self.persons[number]

    def _protected_from(self, persons: list[Person]) -> bool:
        """Does the notice name a registered person whose protected identity the registering caseworker may not see?
        Joining the household's file brings them into it: the team lead is told, and the handlers' access to them
        waits for her (`_withhold`)."""
        return any(
            person.is_protected and not (self.policy.identity_visible(person) or person.pk in self.revealed)
            for person in persons
        )

    def _household_file(self, persons: list[Person], received_on: date) -> EvictionFile | None:
        """The household's file the team had contact with in the last two years (open, or closed since then)."""
        since = received_on - LINKING_PERIOD
        files = [self.files[pk] for person in persons for pk in self.files_of[person.pk]]
        files = [file for file in files if file.case.closed_on is None or file.case.closed_on >= since]
        return max(files, key=lambda file: (file.case.opened_on, file.pk), default=None)

    def _new_file(self, route: Route, opened_on: date, *, assign: bool) -> EvictionFile:
        case = Case(
            kind=Case.Kind.EVICTION,
            unit=self.unit,
            opened_on=opened_on,
            year=opened_on.year,
            sequence=self.writes.case_number(opened_on.year),
            created_by=self.user,
        )
        self.writes.add(case)
        self.writes.event(case, CaseEvent.Action.OPENED, case.get_kind_display())
        if assign:
            case_services.handler_check(self.user)
            self.writes.add(CaseAssignment(case=case, user=self.user, assigned_by=self.user))
            self.writes.handled.append(case)
            self._granted_cases[case.pk] = True
            self.handlers[case.pk].add(self.user.pk)
            self.writes.event(case, CaseEvent.Action.HANDLER_ASSIGNED, self.user.get_full_name())
        file = self.writes.add(EvictionFile(case=case, district=route.district))
        self.files[file.pk] = file
        return file

    def _add_parties(self, file: EvictionFile, persons: list[Person]) -> None:
        present = self.parties[file.pk]
        empty = not present
        for index, person in enumerate(persons):
            if person.pk not in present:
                role = CaseParty.Role.TENANT if index == 0 and empty else CaseParty.Role.CO_TENANT
                party = self.writes.add(CaseParty(case=file.case, person=person, role=role))
                # The role only: the timeline is read by everyone who sees the case, also when the person is protected.
                self.writes.event(file.case, CaseEvent.Action.PERSON_ADDED, CaseParty.Role(role).label)
                present.add(person.pk)
                self.files_of[person.pk].add(file.pk)
                withheld = self._withhold(party) if person.is_protected else set()
                if person.is_protected and self._granted(file.case) and self.user.pk not in withheld:
                    self.revealed.add(person.pk)

    def _withhold(self, party: CaseParty) -> set[int]:
        """Grants are given, never taken: a protected person joining a file is not opened to its handlers by their
        assignment. Each handler who may not see the person already waits for the team lead to confirm her access;
        returns their ids."""
        waiting = {user_id for user_id in self.handlers[party.case_id] if not self._sees(user_id, party.person)}
        for user_id in sorted(waiting):
            self.writes.add(PendingPartyAccess(party=party, user_id=user_id))
        if waiting:
            self.pending[party.case_id].add(party.person_id)
        return waiting

    def _sees(self, user_id: int, person: Person) -> bool:
        """May this handler see the person through a grant of her own (on the person, or another case of theirs)?"""
        revealed = user_id == self.user.pk and person.pk in self.revealed
        return revealed or self._policies[user_id].identity_visible(person)

    def _granted(self, case: Case) -> bool:
        if case.pk not in self._granted_cases:
            self._granted_cases[case.pk] = case.pk in access.granted_case_ids(self.user, [case.pk])
        return self._granted_cases[case.pk]

    def _deadline(self, notice: Notice, label: str, starts_on: date, **length) -> object:
        deadline = self.writes.add(
            case_services.deadline_new(case=notice.file.case, label=label, starts_on=starts_on, **length)
        )
        self.writes.event(notice.file.case, CaseEvent.Action.DEADLINE_SET, case_services.deadline_set_detail(deadline))
        return deadline

    def _set_deadlines(self, notice: Notice) -> None:
        if notice.kind == Notice.Kind.TERMINATION and Notice.Reason.RENT_DEBT in notice.reasons:
            notice.recovery_deadline = self._deadline(
                notice, RECOVERY_PERIOD_LABEL, notice.served_on, weeks=RECOVERY_PERIOD_WEEKS
            )
        if notice.eviction_date:
            notice.eviction_deadline = self._deadline(
                notice, EVICTION_DATE_LABEL, notice.received_on, days=(notice.eviction_date - notice.received_on).days
            )
        self.writes.change(notice, ["recovery_deadline", "eviction_deadline"])

    def _flag(self, file: EvictionFile, on: date, reason: str) -> None:
        file.escalated, file.escalated_on, file.escalation_reason = True, on, reason
        self.writes.change(file, ["escalated", "escalated_on", "escalation_reason"])
        self.writes.event(file.case, EvictionAction.ESCALATED, reason)

    def _notice(self, data: NoticeInput, route: Route) -> Notice:
        return Notice(
            unit=self.unit,
            received_on=data.received_on,
            channel=data.channel,
            sender_kind=data.sender_kind,
            sender_name=data.sender_name.strip(),
            sender_reference=data.sender_reference.strip(),
            receipt_requested=data.receipt_requested or data.sender_kind == Notice.Sender.KRONOFOGDEN,
            kind=data.kind,
            reasons=list(dict.fromkeys(data.reasons)),
            rent_debt_capital=data.rent_debt_capital,
            rent_debt_costs=data.rent_debt_costs,
            served_on=data.served_on,
            eviction_date=data.eviction_date,
            service_method=data.service_method,
            amount_to_pay=data.amount_to_pay,
            last_day_to_pay=data.last_day_to_pay,
            monthly_rent=data.monthly_rent,
            rooms=data.rooms,
            floor_area=data.floor_area,
            street_address=data.street_address.strip(),
            postal_code="".join(data.postal_code.split()),
            locality=locality_for(data.postal_code),
            apartment_number=data.apartment_number.strip(),
            landlord=self._landlord(data.landlord_name, data.landlord_kind),
            district=route.district,
            registered_by=self.user,
        )

    def _save_tenants(self, notice: Notice, data: NoticeInput, persons: list[Person]) -> None:
        """The tenants as the notice names them, each tied to their person (who carries the identity number)."""
        for tenant, person in zip(data.tenants, persons, strict=True):
            self.writes.add(
                NoticeTenant(
                    notice=notice,
                    person=person,
                    given_name=tenant.given_name.strip(),
                    family_name=tenant.family_name.strip(),
                )
            )

    def _number(self, tenant: TenantInput) -> str:
        """The normalised identity number, parsed once per batch."""
        if tenant.identity_number not in self.numbers:
            self.numbers[tenant.identity_number] = _number(tenant)
        return self.numbers[tenant.identity_number]

    def _route(self, notice: Notice, data: NoticeInput, route: Route) -> Notice:
        notice.routing = Notice.Routing.MUNICIPALITY if route.municipality else Notice.Routing.DISTRICT
        notice.routed_to_municipality = route.municipality
        notice.routed_at, notice.routed_by = timezone.now(), self.user
        # A routed notice names people too: they are looked up (or registered) like any tenant, so a protected
        # person on it is masked in the list of routed notices as everywhere else.
        persons = [self._person(tenant, data) for tenant in data.tenants]
        self._identify(notice, persons)
        self.writes.add(notice)
        self._save_tenants(notice, data, persons)
        return notice


def awaiting_team_lead(files: models.QuerySet[EvictionFile]) -> models.QuerySet[EvictionFile]:
    """The files among `files` that registration left for the team lead: those that name a protected person and have
    no handler, which she assigns with a reason, and those whose handler's access to a protected person who joined
    waits for her to confirm it, with a reason (`cases.services.case_assign_handler`)."""
    handled = CaseAssignment.objects.filter(case=OuterRef("case"))
    protected = CaseParty.objects.filter(case=OuterRef("case")).exclude(person__protection_level=ProtectionLevel.NONE)
    pending = PendingPartyAccess.objects.filter(party__case=OuterRef("case"))
    return files.filter((~Exists(handled) & Exists(protected)) | Exists(pending))


def registered_notices(inputs: list[NoticeInput]) -> list[Notice | None]:
    """For each notice as a form or an import row gives it, the notice registered before that it is the same notice
    as (`SAME_NOTICE`), by any channel, or None: what a preview shows before anything is registered."""
    numbers = {_number_or_none(data.tenants[0]) for data in inputs}
    persons = dict(Person.objects.filter(identity_number__in=numbers).values_list("identity_number", "pk"))
    names = {" ".join(data.landlord_name.split()).lower() for data in inputs}
    landlords = dict(
        Landlord.objects.annotate(lowered=Lower("name")).filter(lowered__in=names).values_list("lowered", "pk")
    )
    notices = Notice.objects.filter(first_tenant__in=persons.values()).select_related("file")
    registered = {_same(n.first_tenant_id, n.kind, n.service_date, n.landlord_id): n for n in notices}
    return [
        registered.get(
            _same(
                persons.get(_number_or_none(data.tenants[0])),
                data.kind,
                data.served_on or data.received_on,
                landlords.get(" ".join(data.landlord_name.split()).lower()),
            )
        )
        for data in inputs
    ]


def _same(person_id: int | None, kind: str, service_date: date, landlord_id: int | None) -> tuple:
    """The key of `SAME_NOTICE` (evictions.models.files), in Python."""
    return (person_id, str(kind), service_date, landlord_id)


def _number(tenant: TenantInput) -> str:
    return parse_identity_number(tenant.identity_number).normalised


def _number_or_none(tenant: TenantInput) -> str | None:
    """For looking persons up ahead: a bad number is refused when its notice's turn comes, as row by row."""
    try:
        return _number(tenant)
    except ValidationError:
        return None


RETRIES = 1  # after a registration at the same time as another one that committed first


def notices_register(*, notices: list[tuple[NoticeInput, str]], unit: Unit, acting_user: User) -> list[Notice]:
    """Registers notices, each with its import key ("" from the form), in order and in one transaction. An address
    the team does not handle is routed to its district or municipality (with a record of where and when); otherwise
    the notice joins the household's file of the last two years or opens a new one (handled by the caseworker, or
    by nobody until the team lead assigns it when it names a protected person), a repeated notice or a protected
    person flags the file for the team lead, and the recovery period and eviction date are set. A notice registered
    before is returned as it is, marked `already_registered`. A ValidationError on any notice saves nothing.

    When another registration of the same person, landlord or notice committed while this one was writing, the
    database refuses this one's insert: it is rolled back to its start and made again, once, from what is now
    registered (READ COMMITTED: the new attempt sees the other's rows)."""
    for attempt in range(RETRIES + 1):
        try:
            with transaction.atomic():
                registration = _Registration([data for data, _key in notices], unit, acting_user)
                registered = [registration.register(data, key) for data, key in notices]
                registration.writes.flush()
                late_payers.link_to_files(registered, acting_user)
                return registered
        except IntegrityError:
            if attempt == RETRIES:
                raise
    raise AssertionError("unreachable")

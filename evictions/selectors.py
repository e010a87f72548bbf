"""Every read of eviction prevention that a page needs, always through the access policy (`cases.access`).

Persons reach templates only as `PersonView`s; a notice's address is masked like its tenants' identity when a
tenant is protected and this user holds no grant (for a protected person the flat is where they really live). What
was written down about the household beside its persons (a letter as sent, a consent's other named party) is shown
only to a user who sees every person of the household, masked with them otherwise.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.http import Http404
from django.utils import timezone

from cases.access import AccessPolicy
from cases.calendar import due_horizon
from cases.models import Case, CaseAssignment, CaseParty, Deadline, District, Landlord, Person, ProtectionLevel
from cases.presentation import PersonView, placeholder, present
from evictions import closing, importing, letters
from evictions.ladder import Ladder, ladder_for
from evictions.letters import Proposal
from evictions.models import (
    Closure,
    Consent,
    Contact,
    EvictionFile,
    FinancialAid,
    ImportBatch,
    LandlordMeeting,
    LatePayer,
    Letter,
    MeetingAgreement,
    MeetingMinutes,
    Notice,
    NoticeTenant,
    OtherUnitContact,
    RegisterCheck,
    RepaymentPlan,
)
from evictions.register import RegisterFacts, population_register
from evictions.workflow import NOT_CLOSED, FileStatus
from kompotten.capabilities import Capability
from kompotten.paging import NumberedPage, counted_page, exact_page

if TYPE_CHECKING:  # the filters read models, not the other way round
    from evictions.filters import FileFilters

PAGE_SIZE = 25


def visible_files(policy: AccessPolicy) -> QuerySet[EvictionFile]:
    return policy.through_cases(EvictionFile.objects.filter(case__kind=Case.Kind.EVICTION))


def get_file_or_404(policy: AccessPolicy, case_pk, *, may=None, letters: bool = False) -> EvictionFile:
    """The file of an eviction case this user may see; 404 exactly like a missing one. With `letters`, for its
    letters and forms, which exist only for those who may open them (`AccessPolicy.letters_visible`). `may`: what
    she must be allowed to do with it (403 otherwise), as `AccessPolicy.get_or_404`."""
    case = policy.get_or_404(Case, pk=case_pk)
    if letters and not policy.letters_visible(case):
        raise Http404
    return policy.get_or_404(EvictionFile.objects.select_related("district").filter(case=case), may=may)


def _persons(policy: AccessPolicy, case: Case) -> list[PersonView]:
    return [present(policy, p.person, case=case, role=p.get_role_display()) for p in case.parties.all()]


_PARTIES = Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id"))


def _with_list_data(files: QuerySet[EvictionFile]) -> QuerySet[EvictionFile]:
    """The next running deadline and the number of notices as correlated subqueries (no GROUP BY over the rows)."""
    next_due = Deadline.objects.filter(case=OuterRef("case"), status=Deadline.Status.RUNNING).order_by("due_on")
    notices = Notice.objects.filter(file=OuterRef("pk")).order_by().values("file").annotate(n=Count("pk"))
    return (
        files.select_related("case", "district")
        .annotate(next_due=Subquery(next_due.values("due_on")[:1]), notice_count=Subquery(notices.values("n")))
        .prefetch_related(_PARTIES)
    )


@dataclass(frozen=True)
class FileRow:
    file: EvictionFile
    persons: list[PersonView]
    next_due: date | None
    notice_count: int


def file_list(
    policy: AccessPolicy, filters: "FileFilters", *, page: int | str = 1
) -> tuple[NumberedPage, list[FileRow]]:
    """The visible files narrowed by the list's filters (`evictions.filters`): flagged first, then by deadline."""
    files = filters.apply(visible_files(policy))
    files = _with_list_data(files).order_by("-escalated", "next_due", "-case__year", "-case__sequence")
    return _file_page(policy, files, page)


def _file_page(policy: AccessPolicy, ordered: QuerySet[EvictionFile], page) -> tuple[NumberedPage, list[FileRow]]:
    page_obj = exact_page(ordered, page, PAGE_SIZE)
    return page_obj, [FileRow(f, _persons(policy, f.case), f.next_due, f.notice_count) for f in page_obj.object_list]


def districts() -> list[District]:
    return list(District.objects.filter(active=True))


@dataclass(frozen=True)
class DueRow:
    deadline: Deadline
    file: EvictionFile
    persons: list[PersonView]
    handled: bool  # has a handler; a file naming a protected person waits for the team lead to assign one


def passed_recovery_period(deadline: Deadline | None, today: date) -> bool:
    """Whether this recovery period (återvinningsfrist) has run out: its last day is behind us and nobody marked it
    met. Nothing can be done about it any more, so it is not overdue work: the termination stands unless the debt
    was paid in time, and the file should record which (or be closed)."""
    return deadline is not None and deadline.status == Deadline.Status.RUNNING and deadline.due_on < today


def is_passed_recovery_period(today: date) -> Q:
    """`passed_recovery_period` for running deadlines in a query: some notice's recovery period, last day before
    today (a probe of the notice's unique `recovery_deadline` index per deadline)."""
    return Q(Exists(Notice.objects.filter(recovery_deadline=OuterRef("pk"))), due_on__lt=today)


def _due(policy: AccessPolicy, today: date) -> QuerySet[Deadline]:
    """Running deadlines of the files not closed, due up to and including the due horizon (five working days
    ahead, `cases.calendar.due_horizon`), overdue ones too but not recovery periods that have run out: the
    deadlines joined to their file and its case, with the running deadlines' partial indexes (`cases.Deadline`).
    Filtering `case__eviction_file__in` every visible file added a second semi-join over 150,000 files at
    large-city."""
    deadlines = Deadline.objects.filter(
        status=Deadline.Status.RUNNING,
        due_on__lte=due_horizon(today),
        case__kind=Case.Kind.EVICTION,
        case__eviction_file__status__in=NOT_CLOSED,
    ).exclude(is_passed_recovery_period(today))
    return policy.through_cases(deadlines)


def due_order(today: date) -> tuple:
    """Overdue first, then households with children, then the earliest last day."""
    overdue = ExpressionWrapper(Q(due_on__lt=today), output_field=BooleanField())
    return (overdue.desc(), "-case__eviction_file__has_children", "due_on", "pk")


def due_list(policy: AccessPolicy, *, today: date, page: int | str = 1) -> tuple[NumberedPage, list[DueRow]]:
    """What is due in the next five working days (`_due`): overdue first, then families with children."""
    deadlines = (
        _due(policy, today)
        .select_related("case__eviction_file")
        .prefetch_related(Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")))
        .annotate(handled=Exists(CaseAssignment.objects.filter(case=OuterRef("case"))))
        .order_by(*due_order(today))
    )
    page_obj = exact_page(deadlines, page, PAGE_SIZE)
    rows = [DueRow(d, d.case.eviction_file, _persons(policy, d.case), d.handled) for d in page_obj.object_list]
    return page_obj, rows


def due_count(policy: AccessPolicy, today: date) -> int:
    return _due(policy, today).count()


@dataclass(frozen=True)
class VisitRow:
    """A booked visit or home visit (a time agreed with the household, not a statutory period: it stays on the day
    it was booked for, a Saturday too); `past` once the time has gone by without an outcome recorded."""

    letter: Letter
    file: EvictionFile
    persons: list[PersonView]
    past: bool
    visit_place: str  # masked with the persons the letter names (`LetterView`)


def _booked_visits(policy: AccessPolicy, today: date) -> QuerySet[Letter]:
    """Booked visits of open files without an outcome, booked up to the end of the due horizon (past ones too)."""
    until = timezone.make_aware(datetime.combine(due_horizon(today) + timedelta(days=1), time.min))
    letters = Letter.objects.filter(
        booked_at__lt=until, visit_outcome="", file__status__in=NOT_CLOSED, file__case__kind=Case.Kind.EVICTION
    )
    return policy.through_cases(letters, case="file__case")


def _first_and_total(rows: QuerySet, limit: int) -> tuple[list, int]:
    """The first `limit` rows and how many there are in all, in one query (`COUNT(*) OVER ()`): every query through
    the access policy carries the user's granted case ids, which a second query would send and plan again."""
    first = list(rows.annotate(list_total=Window(Count("pk")))[:limit])
    return first, first[0].list_total if first else 0


def booked_visits(policy: AccessPolicy, *, today: date, limit: int = PAGE_SIZE) -> tuple[list[VisitRow], int]:
    """The booked visits to prepare or to record the outcome of, the earliest first (the first `limit`), and how
    many there are."""
    letters, total = _first_and_total(
        _booked_visits(policy, today)
        .select_related("file__case")
        .prefetch_related(
            Prefetch("file__case__parties", CaseParty.objects.select_related("person").order_by("id")), "recipients"
        )
        .order_by("booked_at", "pk"),
        limit,
    )
    now = timezone.now()
    rows = []
    for visit in letters:
        place = _letter_view(policy, visit, visit.file.case).visit_place
        rows.append(VisitRow(visit, visit.file, _persons(policy, visit.file.case), visit.booked_at < now, place))
    return rows, total


def booked_visit_count(policy: AccessPolicy, today: date) -> int:
    return _booked_visits(policy, today).count()


@dataclass(frozen=True)
class PassedRecoveryRow:
    notice: Notice
    file: EvictionFile
    persons: list[PersonView]


def _passed_recovery_notices(policy: AccessPolicy, today: date) -> QuerySet[Notice]:
    notices = Notice.objects.filter(
        recovery_deadline__status=Deadline.Status.RUNNING,
        recovery_deadline__due_on__lt=today,
        file__status__in=NOT_CLOSED,
        file__case__kind=Case.Kind.EVICTION,
    )
    return policy.through_cases(notices, case="file__case")


def passed_recovery_periods(
    policy: AccessPolicy, *, today: date, limit: int = 10
) -> tuple[list[PassedRecoveryRow], int]:
    """Open files whose recovery period has run out with nothing recorded since (`passed_recovery_period`), the
    most recently passed first (the first `limit`), and how many there are: the file should record whether the
    debt was paid, or be closed."""
    notices, total = _first_and_total(
        _passed_recovery_notices(policy, today)
        .select_related("file__case", "recovery_deadline")
        .prefetch_related(Prefetch("file__case__parties", CaseParty.objects.select_related("person").order_by("id")))
        .order_by("-recovery_deadline__due_on", "pk"),
        limit,
    )
    return [PassedRecoveryRow(n, n.file, _persons(policy, n.file.case)) for n in notices], total


def passed_recovery_count(policy: AccessPolicy, today: date) -> int:
    return _passed_recovery_notices(policy, today).count()


@dataclass(frozen=True)
class NoticeView:
    notice: Notice
    tenants: list[PersonView]
    address: str  # masked when a protected tenant is not visible to this user
    address_visible: bool
    sender_name: str  # a person or relative who sent it is masked with the tenants
    sender_reference: str  # Kronofogden's case number is a public record that leads to the tenants: masked with them


# Senders who are people close to the tenants (the tenant, a relative): their name points at the household.
PERSONAL_SENDERS = frozenset({Notice.Sender.PERSON, Notice.Sender.RELATIVE})


def _as_written(view: PersonView, given_name: str, family_name: str) -> PersonView:
    """The person as the notice (or the file) names them, when this user may see who they are; masked otherwise."""
    return replace(view, name=f"{given_name} {family_name}".strip()) if view.visible else view


def _address_line(street_address: str, postal_code: str, locality: str, apartment_number: str) -> str:
    address = f"{street_address}, {postal_code} {locality}".strip(", ")
    return f"{address} (lgh {apartment_number})" if apartment_number else address


def _notice_view(policy: AccessPolicy, notice: Notice, case: Case | None) -> NoticeView:
    """The notice's tenants as it names them and its flat, through the policy: a protected tenant this user holds no
    grant for is the placeholder, and the flat (where they really live) is masked with them. Every protected
    tenant shown is written to the access log (`present`)."""
    tenants, visible = [], True
    for tenant in notice.tenants.all():
        view = present(policy, tenant.person, case=case)
        visible = visible and view.visible
        tenants.append(_as_written(view, tenant.given_name, tenant.family_name))
    address = _address_line(notice.street_address, notice.postal_code, notice.locality, notice.apartment_number)
    sender = notice.sender_name
    if sender and not visible and notice.sender_kind in PERSONAL_SENDERS:
        sender = placeholder(policy)
    reference = notice.sender_reference if visible or not notice.sender_reference else placeholder(policy)
    return NoticeView(notice, tenants, address if visible else placeholder(policy), visible, sender, reference)


def _notices() -> QuerySet[Notice]:
    return Notice.objects.select_related(
        "landlord", "district", "recovery_deadline", "eviction_deadline", "routed_to_municipality", "registered_by"
    ).prefetch_related(Prefetch("tenants", NoticeTenant.objects.select_related("person")))


def _as_sent(policy: AccessPolicy, persons: list[PersonView], text: str) -> str:
    """Text written down about persons beside them (a letter's names, address and place as sent, a consent's other
    named party): shown only to a user who sees every one of them (`present` made the views, and logged them), masked
    with them otherwise, so a protection recorded since masks it from then on."""
    return text if not text or all(person.visible for person in persons) else placeholder(policy)


@dataclass(frozen=True)
class LetterView:
    """A letter as it was sent. The letter is a record: it keeps the names, address and place it carried (printed
    again exactly as sent), shown through `_as_sent` with the persons it names."""

    letter: Letter
    recipient: str
    address: str
    visit_place: str  # a home visit's is the household's address


def _letter_view(policy: AccessPolicy, letter: Letter, case: Case) -> LetterView:
    persons = [present(policy, person, case=case) for person in letter.recipients.all()]

    def shown(text: str) -> str:
        return _as_sent(policy, persons, text)

    return LetterView(letter, shown(letter.recipient), shown(letter.address_lines), shown(letter.visit_place))


@dataclass(frozen=True)
class ConsentView:
    consent: Consent
    partners: list[str]  # the partners' labels; another party it names (often a relative) through `_as_sent`


def _consent_view(policy: AccessPolicy, consent: Consent, persons: list[PersonView]) -> ConsentView:
    return ConsentView(consent, consent.partner_labels(other_named=_as_sent(policy, persons, consent.other_named)))


@dataclass(frozen=True)
class FileDetail:
    file: EvictionFile
    case: Case
    persons: list[PersonView]
    notices: list[NoticeView]
    deadlines: list[Deadline]
    recovery_deadline: Deadline | None
    recovery_passed: bool
    passed_recovery_ids: frozenset[int]  # every notice's recovery period that has run out, shown as passed
    register_check: RegisterCheck | None
    other_units: list[OtherUnitContact]
    letters: list[LetterView]
    proposal: Proposal | None
    consents: list[ConsentView]
    ladder: Ladder
    contacts: list[Contact]
    repayment_plans: list[RepaymentPlan]
    financial_aid: list[FinancialAid]
    closures: list[Closure]


def _recovery_to_show(recovery: list[Deadline], today: date) -> Deadline | None:
    """The recovery period the file page puts first, of its notices' (the latest notice first): one still to come,
    else one that has passed with nothing recorded, else the latest."""
    running = [d for d in recovery if d.status != Deadline.Status.MET and not passed_recovery_period(d, today)]
    passed = [d for d in recovery if passed_recovery_period(d, today)]
    return (running or passed or recovery or [None])[0]


def file_detail(policy: AccessPolicy, file: EvictionFile, *, today: date) -> FileDetail:
    case = file.case
    parties = case.parties.select_related("person")
    persons = [present(policy, p.person, case=case, role=p.get_role_display(), household=True) for p in parties]
    notices = [_notice_view(policy, n, case) for n in _notices().filter(file=file)]
    deadlines = list(case.deadlines.all())
    recovery = [n.notice.recovery_deadline for n in notices if n.notice.recovery_deadline]
    recovery_deadline = _recovery_to_show(recovery, today)
    return FileDetail(
        file=file,
        case=case,
        persons=persons,
        notices=notices,
        deadlines=deadlines,
        recovery_deadline=recovery_deadline,
        recovery_passed=passed_recovery_period(recovery_deadline, today),
        passed_recovery_ids=frozenset(
            n.notice.recovery_deadline_id for n in notices if passed_recovery_period(n.notice.recovery_deadline, today)
        ),
        register_check=file.register_checks.select_related("checked_by").prefetch_related("children").first(),
        other_units=list(file.other_units.all()),
        letters=[
            _letter_view(policy, letter, case)
            for letter in file.letters.select_related("created_by").prefetch_related("recipients")
        ],
        proposal=letters.proposal_for(file) if file.status != FileStatus.CLOSED else None,
        consents=[_consent_view(policy, consent, persons) for consent in file.consents.all()],
        ladder=ladder_for(file),
        contacts=list(file.contacts.select_related("created_by")),
        repayment_plans=list(file.repayment_plans.prefetch_related("instalments")),
        financial_aid=list(file.financial_aid.all()),
        closures=list(file.closures.select_related("closed_by")),
    )


def register_lookup(file: EvictionFile) -> RegisterFacts | None:
    """What a register integration says about the file's tenants at the latest notice's address, if there is one."""
    notice = file.notices.order_by("-received_on", "-pk").first()
    persons = [party.person for party in file.case.parties.select_related("person")]
    return population_register().look_up(
        persons=persons,
        street_address=notice.street_address if notice else "",
        postal_code=notice.postal_code if notice else "",
    )


def routed_notices(policy: AccessPolicy, *, page: int | str = 1) -> tuple[NumberedPage, list[NoticeView]]:
    """Notices this user's team routed to another district or municipality: where, when and by whom."""
    unit_id = None if policy.is_partner or policy.is_manager else policy.user.unit_id
    notices = _notices().filter(unit_id=unit_id).routed_elsewhere()
    page_obj = counted_page(notices.order_by("-routed_at", "-pk"), page, PAGE_SIZE)
    return page_obj, [_notice_view(policy, n, None) for n in page_obj.object_list]


def escalated_files(policy: AccessPolicy, *, page: int | str = 1) -> tuple[NumberedPage, list[FileRow]]:
    """Open files flagged for the team lead, the longest-waiting first."""
    return _file_page(policy, _with_list_data(_escalated(policy)).order_by("escalated_on", "pk"), page)


def _escalated(policy: AccessPolicy) -> QuerySet[EvictionFile]:
    return visible_files(policy).filter(escalated=True, status__in=NOT_CLOSED)


def escalated_count(policy: AccessPolicy) -> int:
    return _escalated(policy).count()


def identities_visible(policy: AccessPolicy, file: EvictionFile) -> bool:
    """Whether this user may see who every person of the file is (needed to write to them)."""
    return all(policy.identity_visible(p.person, file.case) for p in file.case.parties.select_related("person"))


@dataclass(frozen=True)
class ReceiptTenant:
    name: str
    address: str


def receipt_sender_name(notice: Notice) -> str:
    """The sender's name on the receipt: not a person's or a relative's when a tenant is protected."""
    protected = notice.tenants.exclude(person__protection_level=ProtectionLevel.NONE)
    if notice.sender_kind in PERSONAL_SENDERS and protected.exists():
        return ""
    return notice.sender_name


def receipt_sender(notice: Notice) -> str:
    """Who sent the notice, written once: "Kronofogden", "Hyresvärd, Uppsalahem" (never "Kronofogden, Kronofogden")."""
    kind = str(notice.get_sender_kind_display())
    name = receipt_sender_name(notice).strip()
    if not name or " ".join(name.lower().split()) == kind.lower():
        return kind
    return f"{kind}, {name}"


def receipt_reference(policy: AccessPolicy, notice: Notice) -> str:
    """The sender's reference on the receipt, for a user who sees every tenant of the notice (as on the file page);
    left out otherwise: Kronofogden's case number leads to the person."""
    tenants = notice.tenants.select_related("person")
    return notice.sender_reference if all(policy.identity_visible(t.person, notice.file.case) for t in tenants) else ""


def receipt_tenants(notice: Notice) -> list[ReceiptTenant]:
    """What the receipt confirmation may say of each tenant: nothing of a protected one (the sender has the case
    number and its own reference)."""
    address = f"{notice.street_address}, {notice.postal_code[:3]} {notice.postal_code[3:]} {notice.locality}".strip()
    tenants = list(notice.tenants.select_related("person"))
    if any(t.person.is_protected for t in tenants):
        return []
    return [ReceiptTenant(f"{t.given_name} {t.family_name}", address) for t in tenants]


def ready_to_close(policy: AccessPolicy, *, page: int | str = 1) -> tuple[NumberedPage, list[FileRow]]:
    """Open files ready to close: minor warnings answered with only a contact letter about a month ago."""
    files = closing.ready_to_close(visible_files(policy))
    return _file_page(policy, _with_list_data(files).order_by("case__opened_on", "pk"), page)


def import_batches(policy: AccessPolicy, limit: int = 10) -> list[ImportBatch]:
    """The latest imports of this user's team."""
    if policy.is_partner or policy.is_manager or not policy.user.unit_id:
        return []
    return list(ImportBatch.objects.filter(unit_id=policy.user.unit_id).select_related("uploaded_by")[:limit])


def get_import_batch_or_404(policy: AccessPolicy, pk) -> ImportBatch:
    """An import of this user's own team (the file names people): 404 for everyone else."""
    if policy.is_partner or policy.is_manager or not policy.holds(Capability.WORK_EVICTIONS):
        raise Http404
    return policy.get_or_404(ImportBatch.objects.select_related("uploaded_by"), pk=pk, unit_id=policy.user.unit_id)


PREVIEW_ROWS = 100  # rows of each kind the import page lists


@dataclass(frozen=True)
class ImportRow:
    line: int
    tenants: list[PersonView]  # empty once the import is done: the file is gone, the report holds no names
    address: str  # masked when a protected tenant is not visible to this user
    case: Case | None = None  # a row registered already: the file it is in, when this user may open it


@dataclass(frozen=True)
class ImportPreview:
    bad: list[dict]  # line and reasons
    duplicates: list[ImportRow]
    good: list[ImportRow]
    registered: list[ImportRow]  # the same notice registered before, by any channel: skipped


def import_preview(policy: AccessPolicy, batch: ImportBatch) -> ImportPreview:
    """The import's rows as this user may see them. The report holds line numbers and reasons only; who a row names
    is read again from the file while it is kept (until imported, or purged after a day), and every tenant is looked
    up in the person register by identity number first, so a protected person is masked, with the row's address,
    exactly as anywhere else, and shown (and logged) only to a user granted access to them."""
    report = batch.report
    duplicates = [line["line"] for line in report if line["status"] == "duplicate"][:PREVIEW_ROWS]
    registered = {line["line"]: line.get("case") for line in report if line["status"] == "registered"}
    registered = dict(list(registered.items())[:PREVIEW_ROWS])
    cases = {case.pk: case for case in policy.our_cases().filter(pk__in={*registered.values()} - {None})}
    # The rows to import are listed (and so revealed) only while the preview waits for confirmation.
    previewing = batch.status == ImportBatch.Status.PREVIEW
    good = [line["line"] for line in report if line["status"] == "ok"][:PREVIEW_ROWS] if previewing else []
    notices = importing.notices_at(batch.content, {*duplicates, *good, *registered}) if batch.content else {}
    numbers = {tenant.identity_number for data in notices.values() for tenant in data.tenants}
    persons = {person.identity_number: person for person in Person.objects.filter(identity_number__in=numbers)}

    def row(line: int) -> ImportRow:
        data, case = notices.get(line), cases.get(registered.get(line))
        if data is None:
            return ImportRow(line, [], "", case)
        tenants, visible = [], True
        for tenant in data.tenants:
            person = persons.get(tenant.identity_number)
            if person is None:  # not in the register: the import will register them, unprotected
                tenants.append(PersonView(visible=True, name=f"{tenant.given_name} {tenant.family_name}"))
                continue
            view = present(policy, person)
            visible = visible and view.visible
            tenants.append(_as_written(view, tenant.given_name, tenant.family_name))
        address = _address_line(data.street_address, data.postal_code, "", data.apartment_number)
        return ImportRow(line, tenants, address if visible else placeholder(policy), case)

    return ImportPreview(
        bad=[line for line in report if line["status"] == "bad"],
        duplicates=[row(line) for line in duplicates],
        good=[row(line) for line in good],
        registered=[row(line) for line in registered],
    )


@dataclass(frozen=True)
class MeetingRow:
    file: EvictionFile
    persons: list[PersonView]
    address: str  # empty for a household with a protected tenant: the list is handed to the landlord
    notice: Notice
    plan: RepaymentPlan | None


@dataclass(frozen=True)
class MeetingList:
    landlord: Landlord
    contacts: list
    meetings: list
    rows: list[MeetingRow]


def meeting_landlords() -> list[Landlord]:
    return list(Landlord.objects.all())


def _consented_open_files(policy: AccessPolicy) -> QuerySet[EvictionFile]:
    """The open files this user sees whose consent in force lets the team discuss them with the landlord."""
    consent = Consent.objects.filter(
        file=OuterRef("pk"), signed_on__isnull=False, revoked_on__isnull=True, partners__contains=["landlord"]
    )
    return visible_files(policy).filter(status__in=NOT_CLOSED).filter(Exists(consent))


def _agenda_files(policy: AccessPolicy, landlord: Landlord) -> QuerySet[EvictionFile]:
    """Those of them of `landlord`'s tenants: what a joint meeting with the landlord goes through."""
    return _consented_open_files(policy).filter(Exists(Notice.objects.filter(file=OuterRef("pk"), landlord=landlord)))


def _agenda_counts(policy: AccessPolicy, landlord_ids: set[int]) -> dict[int, int]:
    """The number of files on the agenda of a meeting with each of these landlords, in one query: the same files
    `_agenda_files` finds for each (a file with notices from two landlords is on both agendas)."""
    if not landlord_ids:
        return {}
    counted = (
        Notice.objects.filter(landlord_id__in=landlord_ids, file__in=_consented_open_files(policy))
        .order_by()
        .values("landlord_id")
        .annotate(n=Count("file", distinct=True))
    )
    return {row["landlord_id"]: row["n"] for row in counted}


def meeting_list(policy: AccessPolicy, landlord: Landlord, today: date | None = None) -> MeetingList:
    """The open files of this landlord's tenants whose consent in force lets the team discuss them with the
    landlord: the agenda of the monthly joint meeting. A revoked consent drops the file."""
    today = today or timezone.localdate()
    files = (
        _agenda_files(policy, landlord)
        .select_related("case")
        .prefetch_related(
            _PARTIES,
            Prefetch(
                "notices",
                Notice.objects.filter(landlord=landlord).select_related("recovery_deadline").order_by("-received_on"),
                to_attr="landlord_notices",
            ),
            Prefetch("repayment_plans", RepaymentPlan.objects.order_by("-agreed_on"), to_attr="plans"),
        )
        .order_by("case__year", "case__sequence")
    )
    rows = []
    for file in files:
        parties = list(file.case.parties.all())
        notice = file.landlord_notices[0]
        persons = _persons(policy, file.case)
        # Never a protected household's flat (the list is printed and brought along), nor one whose people this user
        # may not see (a manager without a grant).
        hidden = any(party.person.is_protected for party in parties) or not all(p.visible for p in persons)
        flat = f", lgh {notice.apartment_number}" if notice.apartment_number else ""
        address = "" if hidden else f"{notice.street_address}{flat}"
        rows.append(MeetingRow(file, persons, address, notice, (file.plans or [None])[0]))
    return MeetingList(
        landlord=landlord,
        contacts=list(landlord.contacts.all()),
        meetings=list(landlord.meetings.filter(meets_on__gte=today)[:6]),
        rows=rows,
    )


# --- every joint meeting, across landlords ------------------------------------------------------------------------
MEETING_PAGE_SIZE = 25


def _count(rows: QuerySet) -> Subquery:
    """The number of `rows` (correlated to the outer row through an `OuterRef`), as one scalar subquery: no join
    that would multiply the outer rows, no GROUP BY over them."""
    return Subquery(rows.order_by().annotate(n=Func("pk", function="COUNT")).values("n"))


def meeting_overview(
    policy: AccessPolicy, today: date, *, past: bool = False, landlord: Landlord | None = None, page: int | str = 1
) -> NumberedPage:
    """The joint meetings with every landlord (or with `landlord`), a page at a time: those from `today` on, the
    nearest first; with `past`, those before `today`, the latest first. An upcoming meeting carries the number of
    files on its agenda (`agenda_files`: the landlord's files that its agenda lists today, among those this user
    sees); a past one whether it was recorded and the number of files agreed on (`agreed_files`). Both carry the
    landlord's late payers brought to it (`late_payer_count`). Counts only: no person is named. The same queries
    whatever the page holds (the count, the page, and the agendas of the landlords on it)."""
    meetings = LandlordMeeting.objects.select_related("landlord").annotate(
        late_payer_count=_count(LatePayer.objects.filter(meeting=OuterRef("pk")))
    )
    if landlord is not None:
        meetings = meetings.filter(landlord=landlord)
    if past:
        meetings = meetings.filter(meets_on__lt=today).annotate(
            agreed_files=_count(MeetingAgreement.objects.filter(meeting=OuterRef("pk"))),
            recorded=Exists(MeetingMinutes.objects.filter(meeting=OuterRef("pk"))),
        )
        return counted_page(meetings.order_by("-meets_on", "landlord__name", "-pk"), page, MEETING_PAGE_SIZE)
    found = counted_page(
        meetings.filter(meets_on__gte=today).order_by("meets_on", "landlord__name", "pk"), page, MEETING_PAGE_SIZE
    )
    # The agendas counted once per landlord on the page, in one query: a correlated count per meeting scanned the
    # visible files again for every row (80 ms of a 130 ms page at 140 households, `manage.py benchmark`).
    rows = list(found.object_list)
    counts = _agenda_counts(policy, {meeting.landlord_id for meeting in rows})
    for meeting in rows:
        meeting.agenda_files = counts.get(meeting.landlord_id, 0)
    found.object_list = rows
    return found


def meeting_landlords_with_meetings() -> list[Landlord]:
    """The landlords the team has planned a joint meeting with: the choices of the meeting list's filter."""
    return list(Landlord.objects.filter(Exists(LandlordMeeting.objects.filter(landlord=OuterRef("pk")))))

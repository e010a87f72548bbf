"""Every read of people and cases that a page needs, always through the access policy."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from cases import access
from cases.access import AccessPolicy
from cases.calendar import due_horizon
from cases.identity_numbers import parse_identity_number
from cases.models import (
    AccessRequest,
    Case,
    CaseAssignment,
    CaseEvent,
    CasePartner,
    CaseParty,
    Deadline,
    Document,
    HouseholdMember,
    JournalNote,
    PendingPartyAccess,
    Person,
    ProtectionLevel,
)
from cases.presentation import PersonView, present
from kompotten.models import User
from kompotten.paging import NumberedPage, capped_page

if TYPE_CHECKING:  # the filters read selectors, not the other way round
    from cases.filters import CaseFilters

PAGE_SIZE = 25
SORTS = {
    "nummer": ("-year", "-sequence"),
    "-nummer": ("year", "sequence"),
    "oppnat": ("opened_on", "sequence"),
    "-oppnat": ("-opened_on", "-sequence"),
    "frist": ("next_due", "-year", "-sequence"),
    "-frist": ("-next_due", "-year", "-sequence"),
}


@dataclass(frozen=True)
class CaseRow:
    case: Case
    persons: list[PersonView]
    handlers: list[str]
    next_due: date | None


def _with_list_data(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The next running deadline as a correlated subquery, read for the page's rows only (a GROUP BY over the
    deadlines of every visible case ran before the LIMIT: 0.8 s for a manager over 200,000 cases)."""
    next_due = Deadline.objects.filter(case=OuterRef("pk"), status=Deadline.Status.RUNNING).order_by("due_on")
    return (
        cases.select_related("unit")
        .annotate(next_due=Subquery(next_due.values("due_on")[:1]))
        .prefetch_related(
            Prefetch("parties", CaseParty.objects.select_related("person").order_by("id")),
            Prefetch("assignments", CaseAssignment.objects.select_related("user").order_by("id")),
        )
    )


def _rows(policy: AccessPolicy, cases) -> list[CaseRow]:
    cases = list(cases)
    own_words_only = policy.own_words_only([case.pk for case in cases])
    return [
        CaseRow(
            case=case,
            persons=[] if case.pk in own_words_only else case_persons(policy, case),
            handlers=[] if case.pk in own_words_only else [a.user.get_full_name() for a in case.assignments.all()],
            next_due=case.next_due,
        )
        for case in cases
    ]


def search_persons(policy: AccessPolicy, query: str) -> QuerySet[Person]:
    """Persons matching a name or an identity number, among those whose identity this user may see. A number is
    matched exactly first (a unique index), then only that person goes through the policy; a name through the
    trigram indexes on the upper-cased names (`icontains`), then only the persons found."""
    query = query.strip()
    number = _identity_number(query)
    if number is not None:
        return policy.persons(among=Person.objects.filter(identity_number=number))
    terms = query.split()
    if not terms:
        return Person.objects.none()
    matching = Person.objects.all()
    for term in terms:
        matching = matching.filter(Q(given_name__icontains=term) | Q(family_name__icontains=term))
    return policy.persons(among=matching)


def _identity_number(query: str) -> str | None:
    try:
        return parse_identity_number(query).normalised
    except ValidationError:  # not a number: search by name
        return None


def case_list(
    policy: AccessPolicy, filters: "CaseFilters", *, page: int | str = 1
) -> tuple[NumberedPage, list[CaseRow]]:
    """The visible cases narrowed by the list's filters (`cases.filters`), a page at a time with a capped count."""
    cases = filters.apply(policy.cases())
    cases = _with_list_data(cases).order_by(*SORTS.get(filters.values.sort, SORTS["nummer"]))
    page_obj = capped_page(cases, page, PAGE_SIZE)
    return page_obj, _rows(policy, page_obj.object_list)


def my_open_cases(policy: AccessPolicy, *, kind: str | None = None, limit: int = 10) -> list[CaseRow]:
    cases = policy.cases().filter(assignments__user=policy.user, closed_on__isnull=True)
    if kind:
        cases = cases.filter(kind=kind)
    cases = _with_list_data(cases).order_by("next_due", "-year", "-sequence")[:limit]
    return _rows(policy, cases)


@dataclass(frozen=True)
class DueDeadlineRow:
    deadline: Deadline
    persons: list[PersonView]


def deadlines_due(policy: AccessPolicy, *, kind: str, today: date, limit: int = 20) -> list[DueDeadlineRow]:
    """A start page's "Att göra": running deadlines of the open cases of this kind that this user may see, overdue
    or due up to and including the next five working days (`cases.calendar.due_horizon`, every unit's horizon),
    overdue first. A count-free list: the start page shows the most urgent `limit`."""
    deadlines = Deadline.objects.filter(
        status=Deadline.Status.RUNNING,
        due_on__lte=due_horizon(today),
        case__kind=kind,
        case__closed_on__isnull=True,
    )
    deadlines = (
        policy.through_cases(deadlines)
        .select_related("case")
        .prefetch_related(Prefetch("case__parties", CaseParty.objects.select_related("person").order_by("id")))
        .order_by("due_on", "pk")[:limit]
    )
    return [DueDeadlineRow(d, case_persons(policy, d.case)) for d in deadlines]


def case_persons(policy: AccessPolicy, case: Case) -> list[PersonView]:
    """The case's parties as this user may see them, from `case.parties` (prefetched by the lists)."""
    return [present(policy, p.person, case=case, role=p.get_role_display()) for p in case.parties.all()]


@dataclass(frozen=True)
class CaseDetail:
    case: Case
    persons: list[PersonView]
    handlers: list[CaseAssignment]
    partners: list[CasePartner]
    notes: list[JournalNote]
    documents: list[Document]
    deadlines: list[Deadline]
    events: list[CaseEvent]


def case_detail(policy: AccessPolicy, case: Case) -> CaseDetail:
    parties = case.parties.select_related("person").prefetch_related(
        Prefetch("person__household", HouseholdMember.objects.order_by("relation", "birth_year"))
    )
    return CaseDetail(
        case=case,
        persons=[
            present(policy, p.person, case=case, role=p.get_role_display(), party_pk=p.pk, household=True)
            for p in parties
        ],
        handlers=list(case.assignments.select_related("user__unit")),
        partners=list(case.partners.select_related("municipality")),
        notes=list(policy.notes(case)),
        documents=list(policy.documents(case)),
        deadlines=list(case.deadlines.prefetch_related("changes__changed_by")),
        events=[] if policy.is_partner else list(case.events.select_related("actor")[:100]),
    )


def person_cases(policy: AccessPolicy, person: Person) -> list[CaseRow]:
    cases = _with_list_data(policy.cases().filter(parties__person=person)).order_by("-year", "-sequence")
    return _rows(policy, cases)


@dataclass(frozen=True)
class OverdueRow:
    """Running deadlines past their last day in one unit, for one kind of deadline (its label): a count, no case."""

    unit: str
    label: str
    overdue: int


def overdue_deadlines_per_unit(policy: AccessPolicy, today: date, *, not_late: Q | None = None) -> list[OverdueRow]:
    """The deadlines of the cases this user may see that ran out before `today` while still running (a paused one
    is not late), per unit and label, in one grouped query. `not_late` names deadlines that ran out without being
    late work (an eviction notice's passed recovery period: a capability's own rule, given by the caller)."""
    overdue = Deadline.objects.filter(
        case__in=policy.cases(), case__closed_on__isnull=True, status=Deadline.Status.RUNNING, due_on__lt=today
    )
    if not_late is not None:
        overdue = overdue.exclude(not_late)
    rows = overdue.order_by().values("case__unit__name", "label").annotate(n=Count("pk"))
    return sorted(
        (OverdueRow(row["case__unit__name"], row["label"], row["n"]) for row in rows),
        key=lambda row: (row.unit, -row.overdue, row.label),
    )


# --- the team lead's view of the unit (arbetsfördelning) -------------------------------------------------------------
def unit_workload(policy: AccessPolicy) -> list[User]:
    """The unit's caseworkers, each with `open_cases`: the open cases of the unit they are handlers of."""
    unit = policy.user.unit
    open_here = Q(case_assignments__case__closed_on__isnull=True, case_assignments__case__unit_id=unit.pk)
    caseworkers = access.unit_caseworkers(unit).annotate(open_cases=Count("case_assignments", filter=open_here))
    return list(caseworkers.order_by("last_name", "first_name"))


def unassigned_cases(policy: AccessPolicy, *, page: int | str = 1) -> tuple[NumberedPage, list[Case]]:
    """The unit's open cases without a handler, oldest first; `protected` says whether one holds a protected person.
    Numbers only: who is in them is read on the case page, through the policy."""
    protected = CaseParty.objects.filter(case=OuterRef("pk")).exclude(person__protection_level=ProtectionLevel.NONE)
    cases = (
        policy.cases()
        .filter(unit_id=policy.user.unit_id, closed_on__isnull=True)
        .exclude(Exists(CaseAssignment.objects.filter(case=OuterRef("pk"))))
        .annotate(protected=Exists(protected))
        .order_by("opened_on", "year", "sequence")
    )
    page_obj = capped_page(cases, page, PAGE_SIZE)
    return page_obj, list(page_obj.object_list)


@dataclass(frozen=True)
class AwaitingConfirmation:
    case: Case
    handler: User


def awaiting_confirmation(policy: AccessPolicy) -> list[AwaitingConfirmation]:
    """The handlers of the unit's open cases whose access to a protected person who joined the case since they were
    assigned waits for the team lead (`PendingPartyAccess`), the longest-waiting first. The case number and the
    handler only: who joined is read on the case page, through the policy."""
    cases = policy.cases().filter(unit_id=policy.user.unit_id, closed_on__isnull=True)
    pending = (
        PendingPartyAccess.objects.filter(party__case__in=cases)
        .select_related("party__case", "user")
        .order_by("since", "pk")
    )
    rows = {(row.party.case_id, row.user_id): AwaitingConfirmation(row.party.case, row.user) for row in pending}
    return list(rows.values())


def open_access_requests(policy: AccessPolicy) -> list[AccessRequest]:
    """Requests for access to the unit's cases that nobody has answered yet."""
    requests = AccessRequest.objects.filter(handled_at__isnull=True, case__in=policy.cases())
    return list(requests.filter(case__unit_id=policy.user.unit_id).select_related("case", "requested_by"))


def open_access_request(policy: AccessPolicy, case: Case) -> AccessRequest | None:
    """This user's unanswered request for access to the case, if any."""
    return AccessRequest.objects.filter(case=case, requested_by=policy.user, handled_at__isnull=True).first()

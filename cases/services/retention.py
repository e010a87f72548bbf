"""Retention (gallring): the yearly list of files due, and culling them once a manager approves the list.

A file (a case, of any kind) is due when its rule's years have passed since its last entry: its closing, the last
step on its timeline, the last journal note or document. The list for year Y holds every file that fell due in Y-1
or earlier, so a file is culled at the latest by the end of the calendar year after it fell due. A file is kept when
it is open, when an exception holds for one of its persons (born on the 5th, 15th or 25th: kept for research), and
while another record about one of its persons is kept (another case not due, or a record an app keeps outside any
case): "not while another record about the same person is kept".

A manager approves the list; the culling itself runs in the background (`cases.culling`, through the task in
`cases.retention_tasks`). Culling a file removes its journal and documents, lets each app blank its own free text
(`cases.retention`), and
keeps the case and app rows with their dates, kinds, states and outcomes, so every report count stays as it was.
With a person's last file their personal data go: name, identity number, addresses, contact, household names,
protected address and former identity; their access-log rows keep the case number only. History rows of everything
blanked are erased with it. One `Culling` per file says what went, when and on whose approval.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from cases.culling import last_entries, retention_list_cull, retention_list_transition
from cases.identity_numbers import parse_identity_number
from cases.models import (
    Case,
    CaseParty,
    Person,
    RetentionException,
    RetentionItem,
    RetentionList,
    RetentionRule,
)
from cases.retention import record_kinds
from cases.retention_tasks import cull_retention_list
from kompotten.models import User


@dataclass(frozen=True)
class Due:
    case_id: int
    case_number: str
    record_kind: str
    last_entry_on: date
    due_on: date
    rule: RetentionRule


# --- what is due ------------------------------------------------------------------------------------------------
def due_files(year: int) -> list[Due]:
    """The files due for culling on the list for `year` (see the module docstring), in the order of their due day."""
    rules = {rule.record_kind: rule for rule in RetentionRule.objects.filter(active=True)}
    last_day_due = date(year - 1, 12, 31)
    candidates = {}
    for pk, last in last_entries(Case.objects.filter(kind__in=rules)).items():
        candidates[pk] = last
    kinds = dict(Case.objects.filter(pk__in=candidates).values_list("pk", "kind"))
    due = {}
    for pk, last in candidates.items():
        rule = rules[kinds[pk]]
        due_on = last + relativedelta(years=rule.years)
        if due_on <= last_day_due:
            due[pk] = (last, due_on, rule)
    persons_of = _persons_of(due)
    excepted = _excepted(due, persons_of, kinds)
    kept = _kept_persons(set(due) - excepted)
    listed = _not_blocked(set(due) - excepted, persons_of, kept)
    numbers = dict(Case.objects.filter(pk__in=listed).values_list("pk", "year").order_by())
    sequences = dict(Case.objects.filter(pk__in=listed).values_list("pk", "sequence").order_by())
    result = [
        Due(pk, f"{numbers[pk]}-{sequences[pk]:05d}", kinds[pk], due[pk][0], due[pk][1], due[pk][2]) for pk in listed
    ]
    return sorted(result, key=lambda d: (d.due_on, d.case_id))


def _persons_of(case_ids) -> dict[int, set[int]]:
    persons = defaultdict(set)
    for case_id, person_id in CaseParty.objects.filter(case__in=case_ids).values_list("case", "person").order_by():
        persons[case_id].add(person_id)
    return persons


def _excepted(due: dict, persons_of: dict[int, set[int]], kinds: dict[int, str]) -> set[int]:
    """The files an active exception keeps (for research: a person on the file born on one of the days)."""
    exceptions = list(RetentionException.objects.filter(active=True, kind=RetentionException.Kind.BIRTH_DAY))
    if not exceptions:
        return set()
    birth_days = _birth_days({p for case_id in due for p in persons_of[case_id]})
    return {
        case_id
        for case_id in due
        for exception in exceptions
        if exception.applies_to(kinds[case_id])
        and any(birth_days.get(p) in exception.days for p in persons_of[case_id])
    }


def _birth_days(person_ids: set[int]) -> dict[int, int | None]:
    days = {}
    rows = Person.objects.filter(pk__in=person_ids).values_list("pk", "birth_date", "identity_number").order_by()
    for pk, birth_date, identity_number in rows:
        if birth_date is None and identity_number:
            try:
                birth_date = parse_identity_number(identity_number).birth_date
            except ValidationError:
                birth_date = None
        days[pk] = birth_date.day if birth_date else None
    return days


def _kept_persons(due: set[int]) -> set[int]:
    """Persons with a record still kept: on a case that is not due and not culled, or kept by an app elsewhere."""
    others = CaseParty.objects.filter(case__culled_at__isnull=True).exclude(case__in=due)
    kept = set(others.values_list("person", flat=True).order_by())
    for kind in record_kinds().values():
        if kind.kept_persons is not None:
            kept.update(kind.kept_persons())
    return kept


def _not_blocked(due: set[int], persons_of: dict[int, set[int]], kept: set[int]) -> list[int]:
    """The due files none of whose persons has a kept record; a file held back keeps its persons' other files too,
    so this runs until nothing changes."""
    due, kept = set(due), set(kept)
    while blocked := {case_id for case_id in due if persons_of[case_id] & kept}:
        due -= blocked
        for case_id in blocked:
            kept |= persons_of[case_id]
    return sorted(due)


# --- the list ---------------------------------------------------------------------------------------------------
def retention_list_build(*, year: int) -> RetentionList:
    """The list for `year`, built once (the yearly job may run again: an existing list is returned unchanged).

    An earlier year's list still waiting for approval is superseded by the new one and says so (which list, when):
    the new list holds every file due in the years before, so the files of the old list that are still due are on
    it again, and a manager has one list to approve, never two that compete."""
    with transaction.atomic():
        retention_list, created = RetentionList.objects.get_or_create(year=year)
        if not created:
            return retention_list
        superseded_at = timezone.now()
        for earlier in RetentionList.objects.filter(year__lt=year, state=RetentionList.State.PENDING).order_by("year"):
            retention_list_transition(
                retention_list=earlier,
                to_state=RetentionList.State.SUPERSEDED,
                superseded_by=retention_list,
                superseded_at=superseded_at,
            )
        RetentionItem.objects.bulk_create(
            [
                RetentionItem(
                    retention_list=retention_list,
                    case_id=d.case_id,
                    case_number=d.case_number,
                    record_kind=d.record_kind,
                    last_entry_on=d.last_entry_on,
                    due_on=d.due_on,
                    cull_by=date(d.due_on.year + 1, 12, 31),
                    reason=_reason(d),
                )
                for d in due_files(year)
            ],
            batch_size=1000,
        )
    return retention_list


def _reason(d: Due) -> str:
    return _("%(years)s år efter sista anteckningen (%(basis)s)") % {"years": d.rule.years, "basis": d.rule.legal_basis}


def retention_list_approve(*, retention_list: RetentionList, acting_user: User) -> RetentionList:
    """A manager approves the list; the culling runs in the background (`cases.tasks.cull_retention_list`)."""
    with transaction.atomic():
        locked = retention_list_transition(
            retention_list=RetentionList.objects.get(pk=retention_list.pk),
            to_state=RetentionList.State.APPROVED,
            acting_user=acting_user,
            approved_by=acting_user,
            approved_at=timezone.now(),
        )
        transaction.on_commit(lambda: cull_retention_list.delay(locked.pk))
    return locked


def retention_lists_pending() -> bool:
    return RetentionList.objects.filter(state=RetentionList.State.PENDING).exists()


__all__ = [
    "Due",
    "due_files",
    "last_entries",
    "retention_list_approve",
    "retention_list_build",
    "retention_list_cull",
    "retention_list_transition",
    "retention_lists_pending",
]

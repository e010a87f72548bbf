"""Retention (gallring): the yearly list of files due, and culling them once a manager approves the list.

A file (a case, of any kind) is due when its rule's years have passed since its last entry: its closing, the last
step on its timeline, the last journal note or document. The list for year Y holds every file that fell due in Y-1
or earlier, so a file is culled at the latest by the end of the calendar year after it fell due. A file is kept when
it is open, when an exception holds for one of its persons (born on the 5th, 15th or 25th: kept for research), and
while another record about one of its persons is kept (another case not due, or a record an app keeps outside any
case): "not while another record about the same person is kept".

Culling a file removes its journal and documents, lets each app blank its own free text (`cases.retention`), and
keeps the case and app rows with their dates, kinds, states and outcomes, so every report count stays as it was.
With a person's last file their personal data go: name, identity number, addresses, contact, household names,
protected address and former identity; their access-log rows keep the case number only. History rows of everything
blanked are erased with it. One `Culling` per file says what went, when and on whose approval.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import DateTimeField, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from cases.identity_numbers import parse_identity_number
from cases.models import (
    AccessLogEntry,
    AccessRequest,
    Case,
    CaseEvent,
    CaseGroupObjectPermission,
    CaseParty,
    CaseUserObjectPermission,
    Culling,
    Document,
    EmergencyAccess,
    FormerIdentityLink,
    GrantEvent,
    HouseholdMember,
    JournalNote,
    Person,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    ProtectedAddress,
    ProtectionLevel,
    RetentionException,
    RetentionItem,
    RetentionList,
    RetentionRule,
)
from cases.retention import blank, delete_rows, erase_history, record_kinds
from kompotten.models import User

CULLED_RESERVE_NUMBER = "GALLRAD"


@dataclass(frozen=True)
class Due:
    case_id: int
    case_number: str
    record_kind: str
    last_entry_on: date
    due_on: date
    rule: RetentionRule


# --- what is due ------------------------------------------------------------------------------------------------
def last_entries(cases) -> dict[int, date]:
    """The day of each closed, unculled case's last entry: closing, timeline step, journal note or document."""

    def latest(model, field: str):
        rows = model.objects.filter(case=OuterRef("pk")).order_by().values("case")
        return Subquery(rows.annotate(m=Max(field)).values("m")[:1], output_field=DateTimeField())

    rows = (
        cases.filter(closed_on__isnull=False, culled_at__isnull=True)
        .annotate(
            last=Greatest(
                latest(CaseEvent, "at"),
                latest(JournalNote, "written_at"),
                latest(Document, "uploaded_at"),
            )
        )
        .values_list("pk", "closed_on", "last")
    )
    # PostgreSQL's GREATEST skips NULLs; a case with none of the three has its closing day.
    return {pk: max(closed_on, _local_day(last)) for pk, closed_on, last in rows}


def _local_day(moment: datetime | None) -> date:
    return timezone.localdate(moment) if moment else date.min


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
    """The list for `year`, built once (the yearly job may run again: an existing list is returned unchanged)."""
    with transaction.atomic():
        retention_list, created = RetentionList.objects.get_or_create(year=year)
        if not created:
            return retention_list
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


def retention_list_approve(*, retention_list: RetentionList, acting_user: User) -> int:
    """A manager approves the list: every file on it is culled, each in its own transaction (a file that gained an
    entry since the list was built, or whose person gained a new file, is kept and marked so). Returns the number
    culled."""
    with transaction.atomic():
        locked = RetentionList.objects.select_for_update().get(pk=retention_list.pk)
        if locked.state != RetentionList.State.PENDING:
            raise ValidationError(_("Listan är redan godkänd."))
        locked.state, locked.approved_by, locked.approved_at = RetentionList.State.CULLED, acting_user, timezone.now()
        locked._history_user = acting_user
        locked.save(update_fields=["state", "approved_by", "approved_at"])
    listed = set(locked.items.values_list("case_id", flat=True))
    culled = 0
    for item in locked.items.filter(outcome=RetentionItem.Outcome.DUE).order_by("pk"):
        culled += item_cull(item=item, listed=listed, acting_user=acting_user)
    retention_list.refresh_from_db()
    return culled


@transaction.atomic
def item_cull(*, item: RetentionItem, listed: set[int], acting_user: User) -> bool:
    case = Case.objects.select_for_update().get(pk=item.case_id)
    if case.culled_at is not None:
        return False
    if not _still_due(case, item, listed):
        item.outcome = RetentionItem.Outcome.KEPT
        item.save(update_fields=["outcome"])
        return False
    person_ids = list(case.parties.values_list("person", flat=True))
    notes, documents = _case_cull(case)
    case.culled_at = timezone.now()
    case._history_user = acting_user
    case.save(update_fields=["culled_at"])
    persons = sum(_person_cull(person_id, acting_user) for person_id in person_ids if _all_culled(person_id))
    Culling.objects.create(
        at=case.culled_at,
        retention_list_id=item.retention_list_id,
        case=case,
        case_number=case.number,
        record_kind=case.kind,
        last_entry_on=item.last_entry_on,
        legal_basis=item.reason,
        approved_by=acting_user,
        notes_deleted=notes,
        documents_deleted=documents,
        persons_culled=persons,
    )
    item.outcome = RetentionItem.Outcome.CULLED
    item.save(update_fields=["outcome"])
    return True


def _still_due(case: Case, item: RetentionItem, listed: set[int]) -> bool:
    """Nothing was written since the list was built, and none of the persons has a kept file not on the list."""
    if last_entries(Case.objects.filter(pk=case.pk)).get(case.pk) != item.last_entry_on:
        return False
    persons = case.parties.values("person")
    others = CaseParty.objects.filter(person__in=persons, case__culled_at__isnull=True).exclude(case__in=listed)
    return not others.exists()


def _all_culled(person_id: int) -> bool:
    return not CaseParty.objects.filter(person_id=person_id, case__culled_at__isnull=True).exists()


def _case_cull(case: Case) -> tuple[int, int]:
    """The journal and the documents go (files first); the apps blank their own rows; grants and the reasons
    written for them go. The case row, its parties, timeline and dates stay."""
    documents = Document.objects.filter(case=case)
    for document in documents:
        document.file.delete(save=False)
    document_count = delete_rows(documents)
    # Corrections point at the notes they correct (PROTECT): the newest go first.
    note_count, notes = 0, JournalNote.objects.filter(case=case)
    while notes.exists():
        note_count += delete_rows(notes.filter(corrections__isnull=True))
    for kind in record_kinds().values():
        kind.cull([case.pk])
    blank(AccessRequest.objects.filter(case=case), reason="")
    blank(EmergencyAccess.objects.filter(case=case), reason="", review_note="")
    blank(GrantEvent.objects.filter(case=case), reason="")
    delete_rows(CaseUserObjectPermission.objects.filter(content_object=case))
    delete_rows(CaseGroupObjectPermission.objects.filter(content_object=case))
    return note_count, document_count


def _person_cull(person_id: int, acting_user: User) -> int:
    """The person's last file is culled: their personal data go, and their access-log rows keep the case only."""
    person = Person.objects.select_for_update().get(pk=person_id)
    if person.culled_at is not None:
        return 0
    delete_rows(ProtectedAddress.objects.filter(person=person))
    delete_rows(FormerIdentityLink.objects.filter(person=person))
    blank(HouseholdMember.objects.filter(person=person), given_name="", family_name="", school="")
    delete_rows(PersonUserObjectPermission.objects.filter(content_object=person))
    delete_rows(PersonGroupObjectPermission.objects.filter(content_object=person))
    blank(GrantEvent.objects.filter(person=person), person=None, reason="")
    _access_log_keep_case_only(person)
    erase_history(Person, [person.pk])
    for name, value in CULLED_PERSON.items():
        setattr(person, name, value)
    person.reserve_number = CULLED_RESERVE_NUMBER
    person.culled_at = timezone.now()
    person._history_user = acting_user
    person.save()
    return 1


CULLED_PERSON = {
    "given_name": "",
    "family_name": "",
    "identity_number": None,
    "birth_date": None,
    "phone": "",
    "workplace": "",
    "street_address": "",
    "postal_code": "",
    "locality": "",
    "municipality": None,
    "protection_level": ProtectionLevel.NONE,
    "protection_noted_on": None,
    "protection_source": "",
}


def _access_log_keep_case_only(person: Person) -> None:
    """The access log is append-only (a trigger refuses UPDATE); culling is the one rewrite it allows, and only of
    these columns, inside this transaction (migration 0026_retention_rules_and_access_log_culling)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL kompotten.culling = 'on'")
    entries = AccessLogEntry.objects.filter(person=person)
    for case_id in set(entries.values_list("case", flat=True)):
        number = Case.objects.get(pk=case_id).number if case_id else ""
        entries.filter(case_id=case_id).update(person=None, what=number, reason="", ip_address=None)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL kompotten.culling = 'off'")


def retention_lists_pending() -> bool:
    return RetentionList.objects.filter(state=RetentionList.State.PENDING).exists()


__all__ = [
    "Due",
    "due_files",
    "item_cull",
    "last_entries",
    "retention_list_approve",
    "retention_list_build",
    "retention_lists_pending",
]

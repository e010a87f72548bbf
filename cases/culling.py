"""Culling (gallring) the files on an approved retention list: the work the background task does
(`cases.retention_tasks.cull_retention_list`), apart from the services so the task imports no service.

A file's journal notes and documents (with their files) go; each app blanks its own rows (`cases.retention`); the
case row, its parties, timeline and dates stay, so every report count is unchanged. With a person's last file their
personal data go, their history rows with them, and their access-log rows keep the case number only.
"""

from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import DateTimeField, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

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
    RetentionItem,
    RetentionList,
)
from cases.retention import blank, delete_rows, erase_history, record_kinds
from cases.workflow import RETENTION_LIST
from kompotten.models import User
from kompotten.workflow import locked_state, who_is

CULLED_RESERVE_NUMBER = "GALLRAD"


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


def retention_list_transition(
    *, retention_list: RetentionList, to_state: str, acting_user: User | None = None, history_user=None, **fields
) -> RetentionList:
    """The one service that moves a list's state, along an edge of `cases.workflow.RETENTION_LIST`, saving `fields`
    (the approval, the superseding list) with it. No `acting_user` means the system (the yearly job, the culling
    task); the history names `history_user`, or the acting user. Call it inside a transaction: the row is locked
    until it ends."""
    with transaction.atomic():
        RETENTION_LIST.check(locked_state(retention_list, "state"), to_state, who_is(acting_user))
        retention_list.state = to_state
        for name, value in fields.items():
            setattr(retention_list, name, value)
        retention_list._history_user = history_user or acting_user
        retention_list.save(update_fields=["state", *fields])
    return retention_list


def retention_list_cull(*, retention_list: RetentionList) -> int:
    """Culls every file still due on an approved list, each in its own transaction (a file that gained an entry since
    the list was built, or whose person gained a new file, is kept and marked so); then the list is culled. Run
    again after an interruption, it goes on where it stopped. Returns the number culled in this run."""
    if retention_list.state != RetentionList.State.APPROVED:
        return 0
    listed = set(retention_list.items.values_list("case_id", flat=True))
    culled = 0
    for item in retention_list.items.filter(outcome=RetentionItem.Outcome.DUE).order_by("pk"):
        culled += item_cull(item=item, listed=listed, acting_user=retention_list.approved_by)
    retention_list_transition(
        retention_list=retention_list, to_state=RetentionList.State.CULLED, history_user=retention_list.approved_by
    )
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

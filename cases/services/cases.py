from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import access
from cases.models import Case, CaseAssignment, CaseEvent, CaseNumberSequence, CasePartner, CaseParty, Person
from cases.services.common import delete, record_event, save
from kompotten.models import Municipality, Unit, User


def case_sequence_locked(year: int) -> CaseNumberSequence:
    """The year's case-number counter, locked until the transaction ends; whoever takes numbers saves `last`."""
    CaseNumberSequence.objects.get_or_create(year=year)
    return CaseNumberSequence.objects.select_for_update().get(year=year)


def _next_number(year: int) -> int:
    sequence = case_sequence_locked(year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


@transaction.atomic
def case_open(*, kind: Case.Kind, unit: Unit, acting_user: User, opened_on: date | None = None) -> Case:
    """Opens a case with the next number of the year ("2026-00042"), taken under a row lock."""
    opened_on = opened_on or timezone.localdate()
    case = Case(
        kind=kind,
        unit=unit,
        opened_on=opened_on,
        year=opened_on.year,
        sequence=_next_number(opened_on.year),
        created_by=acting_user,
    )
    save(case, acting_user)
    record_event(case, CaseEvent.Action.OPENED, acting_user, case.get_kind_display())
    return case


@transaction.atomic
def case_close(*, case: Case, acting_user: User, closed_on: date | None = None) -> Case:
    if case.closed_on:
        raise ValidationError(_("Ärendet är redan avslutat."))
    case.closed_on = closed_on or timezone.localdate()
    save(case, acting_user, update_fields=["closed_on"])
    record_event(case, CaseEvent.Action.CLOSED, acting_user)
    return case


@transaction.atomic
def case_assign_handler(*, case: Case, user: User, acting_user: User) -> CaseAssignment:
    """Assigns a handler and grants them the case, and so the identities of its persons."""
    handler_check(user)
    if CaseAssignment.objects.filter(case=case, user=user).exists():
        raise ValidationError(_("%(name)s är redan handläggare i ärendet.") % {"name": user.get_full_name()})
    assignment = save(CaseAssignment(case=case, user=user, assigned_by=acting_user), acting_user)
    access.grant_case(user, case)
    record_event(case, CaseEvent.Action.HANDLER_ASSIGNED, acting_user, user.get_full_name())
    return assignment


def handler_check(user: User) -> None:
    if not user.is_active or user.partner_municipality_id or not user.unit_id:
        raise ValidationError(_("Bara aktiva medarbetare i kommunens enheter kan vara handläggare."))


@transaction.atomic
def case_unassign_handler(*, case: Case, user: User, acting_user: User) -> None:
    """Removes a handler and revokes the grant that came with the assignment."""
    assignment = CaseAssignment.objects.filter(case=case, user=user).first()
    if assignment is None:
        raise ValidationError(_("Personen är inte handläggare i ärendet."))
    delete(assignment, acting_user)
    access.revoke_case(user, case)
    record_event(case, CaseEvent.Action.HANDLER_UNASSIGNED, acting_user, user.get_full_name())


@transaction.atomic
def case_add_person(*, case: Case, person: Person, role: CaseParty.Role, acting_user: User) -> CaseParty:
    if CaseParty.objects.filter(case=case, person=person).exists():
        raise ValidationError(_("Personen finns redan i ärendet."))
    party = save(CaseParty(case=case, person=person, role=role), acting_user)
    # The role only: the timeline is read by everyone who sees the case, also when the person is protected.
    record_event(case, CaseEvent.Action.PERSON_ADDED, acting_user, CaseParty.Role(role).label)
    return party


@transaction.atomic
def case_add_partner(
    *, case: Case, municipality: Municipality, acting_user: User, identity_shared: bool = False
) -> CasePartner:
    if CasePartner.objects.filter(case=case, municipality=municipality).exists():
        raise ValidationError(_("Kommunen deltar redan i ärendet."))
    partner = save(CasePartner(case=case, municipality=municipality, identity_shared=identity_shared), acting_user)
    record_event(case, CaseEvent.Action.PARTNER_ADDED, acting_user, municipality.name)
    return partner

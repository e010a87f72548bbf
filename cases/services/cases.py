from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import access
from cases.models import (
    AccessRequest,
    Case,
    CaseAssignment,
    CaseEvent,
    CaseNumberSequence,
    CasePartner,
    CaseParty,
    Person,
)
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
def case_close(*, case: Case, acting_user: User, closed_on: date | None = None, detail: str = "") -> Case:
    """Closes the case; `detail` (why, never personal data) goes on the timeline's line."""
    if case.closed_on:
        raise ValidationError(_("Ärendet är redan avslutat."))
    case.closed_on = closed_on or timezone.localdate()
    save(case, acting_user, update_fields=["closed_on"])
    record_event(case, CaseEvent.Action.CLOSED, acting_user, detail=detail)
    return case


# A reason for a grant on a protected case is read in the managers' review: a few words at least.
MIN_GRANT_REASON_LENGTH = 10


@transaction.atomic
def case_assign_handler(*, case: Case, user: User, acting_user: User, reason: str = "") -> CaseAssignment:
    """Assigns a handler and grants them the case, and so the identities of its persons. Handlers are active
    caseworkers of the case's own unit. Access is given, never taken: a case with a protected person is assigned by
    the unit's team lead or a manager, with a reason, never by a user to herself. The grant is recorded for the
    managers' review; an open request for access by the new handler is answered by it. For a handler already
    assigned, whose access to a protected person who joined the case since waits (`PendingPartyAccess`), assigning
    her again is the team lead confirming that access, with its reason."""
    handler_check(user, case=case)
    protected = access.case_is_protected(case)
    if protected:
        _check_protected_assignment(case, user=user, acting_user=acting_user, reason=reason)
    assignment = CaseAssignment.objects.filter(case=case, user=user).first()
    if assignment is not None:
        if not access.confirm_pending(user, case, given_by=acting_user, reason=reason.strip()):
            raise ValidationError(
                {"user": _("%(name)s är redan handläggare i ärendet.") % {"name": user.get_full_name()}}
            )
        record_event(case, CaseEvent.Action.HANDLER_ASSIGNED, acting_user, f"{user.get_full_name()}: åtkomst bekräftad")
        _answer_access_requests(case, user, acting_user)
        return assignment
    return _assign(case, user, acting_user, reason=reason, protected=protected)


@transaction.atomic
def case_assign_designated_contact(*, case: Case, user: User, designation: str, acting_user: User) -> CaseAssignment:
    """A request a partner files goes to our designated contact persons of its network: that designation, made by
    our own network administration, is the decision that gives them the new case, recorded with `designation` as
    the reason (and as protected when the filing names a protected person, so the managers' review lists it). Only
    for a designated contact of a new request (`cases.relocation.filing`); anyone else is assigned by
    `case_assign_handler`."""
    handler_check(user, case=case)
    return _assign(case, user, acting_user, reason=designation, protected=access.case_is_protected(case))


def _assign(case: Case, user: User, acting_user: User, *, reason: str, protected: bool) -> CaseAssignment:
    assignment = save(CaseAssignment(case=case, user=user, assigned_by=acting_user), acting_user)
    access.grant_case(user, case, given_by=acting_user, reason=reason.strip(), protected=protected)
    record_event(case, CaseEvent.Action.HANDLER_ASSIGNED, acting_user, user.get_full_name())
    _answer_access_requests(case, user, acting_user)
    return assignment


def handler_check(user: User, *, case: Case | None = None) -> None:
    """May `user` be a handler (of `case`, when given: only its own unit's caseworkers)?"""
    if not user.is_active or user.partner_municipality_id or not user.unit_id:
        raise ValidationError({"user": _("Bara aktiva medarbetare i kommunens enheter kan vara handläggare.")})
    if case is not None and not access.handler_candidates(case).filter(pk=user.pk).exists():
        raise ValidationError(
            {
                "user": _("%(name)s arbetar inte som handläggare i %(unit)s. Välj en handläggare i ärendets enhet.")
                % {"name": user.get_full_name(), "unit": case.unit.name}
            }
        )


def _check_protected_assignment(case: Case, *, user: User, acting_user: User, reason: str) -> None:
    if not (access.leads_team_of(acting_user, case.unit) or access.manages(acting_user, case.unit)):
        raise ValidationError(
            {
                "user": _(
                    "Ärendet har en person med skyddade personuppgifter. Gruppledaren eller en chef tilldelar "
                    "handläggare i sådana ärenden; be dem om åtkomst."
                )
            }
        )
    if user.pk == acting_user.pk:
        raise ValidationError(
            {
                "user": _(
                    "Du kan inte tilldela dig själv ett ärende med skyddade personuppgifter. Be en chef eller "
                    "en annan gruppledare att göra det."
                )
            }
        )
    if len(reason.strip()) < MIN_GRANT_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _(
                    "Ange skälet till tilldelningen med minst %(count)d tecken. Skälet visas i chefens "
                    "granskning av beviljade behörigheter."
                )
                % {"count": MIN_GRANT_REASON_LENGTH}
            }
        )


def _answer_access_requests(case: Case, user: User, acting_user: User) -> None:
    for request in AccessRequest.objects.filter(case=case, requested_by=user, handled_at__isnull=True):
        request.handled_at, request.handled_by = timezone.now(), acting_user
        save(request, acting_user, update_fields=["handled_at", "handled_by"])


@transaction.atomic
def case_unassign_handler(*, case: Case, user: User, acting_user: User) -> None:
    """Removes a handler and revokes the grant that came with the assignment; recorded for the managers' review.
    On a case with a protected person only the team lead, a manager or the handler herself does it."""
    assignment = CaseAssignment.objects.filter(case=case, user=user).first()
    if assignment is None:
        raise ValidationError(_("Personen är inte handläggare i ärendet."))
    gives_grants = access.leads_team_of(acting_user, case.unit) or access.manages(acting_user, case.unit)
    if user.pk != acting_user.pk and not gives_grants and access.case_is_protected(case):
        raise ValidationError(
            _("Gruppledaren eller en chef tar bort handläggare i ärenden med skyddade personuppgifter.")
        )
    delete(assignment, acting_user)
    access.revoke_case(user, case, given_by=acting_user)
    record_event(case, CaseEvent.Action.HANDLER_UNASSIGNED, acting_user, user.get_full_name())


@transaction.atomic
def access_request_open(*, case: Case, reason: str, acting_user: User) -> AccessRequest:
    """A caseworker asks the team lead for a case with a protected person ("Begär åtkomst"). The team lead sees it on
    the unit's workload page and assigns, or not; nothing is opened by asking."""
    if len(reason.strip()) < MIN_GRANT_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("Beskriv varför du behöver ärendet med minst %(count)d tecken.")
                % {"count": MIN_GRANT_REASON_LENGTH}
            }
        )
    if CaseAssignment.objects.filter(case=case, user=acting_user).exists():
        raise ValidationError({"reason": _("Du är redan handläggare i ärendet.")})
    if AccessRequest.objects.filter(case=case, requested_by=acting_user, handled_at__isnull=True).exists():
        raise ValidationError({"reason": _("Du har redan begärt åtkomst till ärendet. Gruppledaren har fått den.")})
    return save(AccessRequest(case=case, requested_by=acting_user, reason=reason.strip()), acting_user)


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

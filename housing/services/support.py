"""Nexus's client case (stödärende): the case Nexus opens for a person it supports, on which her placements in
protected housing, her stays in Nexus's flats, kundvård and referrals to the housing unit hang."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import services as case_services
from cases.models import Case, CaseParty, HouseholdMember, Person
from housing import workflow
from housing.models import Kundvard
from housing.services.applications import ChildInput
from kompotten.models import Unit, User


@transaction.atomic
def support_case_open(
    *,
    acting_user: User,
    person: Person | None = None,
    children: Iterable[ChildInput] = (),
    opened_on: date | None = None,
    **person_details,
) -> Case:
    """Opens Nexus's client case for `person`, or for a person registered here from `person_details` (those of
    `cases.services.person_new`, with her protection level), with the children of her household. The opening
    caseworker handles it, unless the person is protected: such a case is assigned by the team lead, and the
    caseworker who registered her holds the grant on her meanwhile."""
    unit = acting_user.unit
    if unit is None or unit.kind != Unit.Kind.NEXUS:
        raise ValidationError(_("Stödärenden öppnas av Nexus."))
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": _("Datumet kan inte ligga i framtiden.")})
    if person is None:
        person = case_services.person_register(acting_user=acting_user, **person_details)
    case = case_services.case_open(kind=Case.Kind.SUPPORT, unit=unit, acting_user=acting_user, opened_on=opened_on)
    if not person.is_protected:
        case_services.case_assign_handler(case=case, user=acting_user, acting_user=acting_user)
    case_services.case_add_person(case=case, person=person, role=CaseParty.Role.APPLICANT, acting_user=acting_user)
    for child in children:
        case_services.household_member_add(
            person=person,
            relation=HouseholdMember.Relation.CHILD,
            given_name=child.given_name,
            family_name=person.family_name,
            birth_year=child.birth_year,
            acting_user=acting_user,
        )
    return case


def support_case_applicant(case: Case) -> Person:
    return case.parties.get(role=CaseParty.Role.APPLICANT).person


class CloseReason(models.TextChoices):
    """Why Nexus closes a client case: a choice, never free text, as it goes on the case's timeline."""

    SETTLED = "settled", gettext_lazy("Klienten har fått ett stadigvarande boende")
    MOVED_AWAY = "moved_away", gettext_lazy("Klienten har flyttat till en annan kommun")
    DECLINED = "declined", gettext_lazy("Klienten vill inte ha fortsatt stöd")
    NO_CONTACT = "no_contact", gettext_lazy("Kontakten med klienten har upphört")
    OTHER = "other", gettext_lazy("Annat skäl")


def support_case_open_parts(case: Case) -> list[str]:
    """What still hangs open on the client case, in Swedish, naming each: nothing when it may be closed."""
    parts = []
    for placement in case.placements.filter(ends_on__isnull=True).select_related("provider"):
        parts.append(_("placeringen hos %(provider)s är inte avslutad") % {"provider": placement.provider.name})
    for stay in case.nexus_flat_stays.filter(until__isnull=True).select_related("flat"):
        parts.append(_("klienten bor kvar i Nexus lägenhet %(flat)s") % {"flat": stay.flat.label})
    for kundvard in case.kundvard.filter(decision=Kundvard.Decision.PENDING).select_related("landlord"):
        parts.append(_("kundvården hos %(landlord)s väntar på beslut") % {"landlord": kundvard.landlord.name})
    # Undecided: once the housing unit has approved her, she is theirs (in the queue) and Nexus may close.
    for referral in case.housing_referrals.filter(status__in=workflow.UNDECIDED).select_related("case"):
        parts.append(_("remissen %(number)s till bostadsenheten pågår") % {"number": referral.case.number})
    # An outgoing relocation request (cases.relocation, the layer above) keeps its own case open until its end.
    for request in case.client_relocation_requests.filter(case__closed_on__isnull=True).select_related("case"):
        parts.append(_("förflyttningsärendet %(number)s pågår") % {"number": request.case.number})
    return parts


@transaction.atomic
def support_case_close(*, case: Case, closed_on: date, reason: str, acting_user: User) -> Case:
    """Closes the client case on `closed_on` for `reason` (a `CloseReason`), refused while a placement, a stay in
    one of Nexus's flats, a kundvård request waiting for the landlord's decision, a referral the housing unit has
    not decided or an outgoing relocation request is open on it."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.kind != Case.Kind.SUPPORT:
        raise ValidationError(_("Det här är inget stödärende."))
    if case.closed_on:
        raise ValidationError(_("Ärendet är redan avslutat."))
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("Datumet kan inte ligga i framtiden.")})
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("Datumet kan inte vara före den dag ärendet öppnades.")})
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Välj ett skäl till att ärendet avslutas.")})
    open_parts = support_case_open_parts(case)
    if open_parts:
        message = _("Stödärendet kan inte avslutas: %(parts)s.") % {"parts": "; ".join(open_parts)}
        raise ValidationError(message)
    case_services.case_close(
        case=case, closed_on=closed_on, acting_user=acting_user, detail=str(CloseReason(reason).label)
    )
    return case

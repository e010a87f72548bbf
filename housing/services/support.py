"""Nexus's client case (stödärende): the case Nexus opens for a person it supports, on which her placements in
protected housing, her stays in Nexus's flats, kundvård and referrals to the housing unit hang."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Case, CaseParty, HouseholdMember, Person
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

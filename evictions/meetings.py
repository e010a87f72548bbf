"""The monthly joint meeting with a landlord (samverkansmöte): the team lead plans it and keeps the landlord's
contact persons; the team brings the landlord's late payers, holds the meeting and records who attended and what
was agreed per file. Each agreement is a step on the file's contact ladder, through `services.contact_log` (the
one way a step is made, which also refuses a file whose consent no longer covers the landlord)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cases import access
from cases.models import LandlordContact, Person
from cases.services import persons as person_services
from cases.services.common import save
from evictions import services
from evictions.models import ContactKind, EvictionFile, LandlordMeeting, LatePayer, MeetingAgreement, MeetingMinutes
from kompotten.models import Unit, User


def leads_eviction_team(user: User) -> bool:
    """Is the user the team lead of an eviction-prevention unit (who plans meetings and keeps the contacts)?"""
    unit = getattr(user, "unit", None)
    return unit is not None and unit.kind == Unit.Kind.EVICTION_PREVENTION and access.leads_team_of(user, unit)


def _require_team_lead(user: User) -> None:
    if not leads_eviction_team(user):
        raise ValidationError(_("Bara gruppledaren planerar samverkansmöten och ändrar hyresvärdens kontaktpersoner."))


@transaction.atomic
def meeting_plan(*, landlord, meets_on: date, place: str, acting_user: User, today: date) -> LandlordMeeting:
    _require_team_lead(acting_user)
    if meets_on < today:
        raise ValidationError({"meets_on": _("Ange en mötesdag som inte har passerat.")})
    if LandlordMeeting.objects.filter(landlord=landlord, meets_on=meets_on).exists():
        raise ValidationError({"meets_on": _("Ett möte med hyresvärden är redan planerat den dagen.")})
    meeting = LandlordMeeting(landlord=landlord, meets_on=meets_on, place=place.strip())
    try:
        with transaction.atomic():
            return save(meeting, acting_user)
    except IntegrityError:  # planned at the same moment by someone else
        raise ValidationError({"meets_on": _("Ett möte med hyresvärden är redan planerat den dagen.")}) from None


@dataclass(frozen=True)
class LatePayerInput:
    amount: Decimal
    days_late: int
    consented: bool
    identity_number: str = ""
    given_name: str = ""
    family_name: str = ""


@transaction.atomic
def late_payer_add(*, meeting: LandlordMeeting, data: LatePayerInput, acting_user: User) -> LatePayer:
    """One tenant of the landlord's list of late payers. Named (a registered person) only with the tenant's consent
    to the landlord sharing it; without it only the amount and the days late are kept."""
    named = any(value.strip() for value in (data.identity_number, data.given_name, data.family_name))
    if named and not data.consented:
        raise ValidationError(
            {"identity_number": _("Utan hyresgästens samtycke sparas inget namn eller personnummer, bara beloppet.")}
        )
    if data.consented and not data.identity_number.strip():
        raise ValidationError({"identity_number": _("Ange hyresgästens personnummer.")})
    if data.amount is None or data.amount <= 0:
        raise ValidationError({"amount": _("Ange den obetalda hyran i kronor.")})
    person = None
    if data.consented:
        candidate = person_services.person_new(
            given_name=data.given_name or "-",
            family_name=data.family_name or "-",
            identity_number=data.identity_number,
            acting_user=acting_user,
        )
        person = Person.objects.filter(identity_number=candidate.identity_number).first()
        if person is None:
            if not (data.given_name.strip() and data.family_name.strip()):
                raise ValidationError({"given_name": _("Ange hyresgästens för- och efternamn.")})
            person = save(candidate, acting_user)
    late_payer = LatePayer(
        meeting=meeting,
        amount=data.amount,
        days_late=data.days_late,
        consented=data.consented,
        person=person,
        created_by=acting_user,
    )
    if person is not None:  # a notice may have come first: the late payer joins its file at once
        late_payer.file = (
            EvictionFile.objects.filter(notices__tenants__person=person, notices__landlord_id=meeting.landlord_id)
            .order_by("-pk")
            .first()
        )
    return save(late_payer, acting_user)


@dataclass(frozen=True)
class AgreementInput:
    file: EvictionFile
    outcome: str
    note: str = ""


@transaction.atomic
def meeting_record(
    *,
    meeting: LandlordMeeting,
    held_on: date,
    staff: list[User],
    landlord_contacts: list[LandlordContact],
    agreements: list[AgreementInput],
    acting_user: User,
) -> MeetingMinutes:
    """The meeting as held: who attended and, per file, what was agreed, each a step on the file's ladder (a talk
    with the landlord, which needs the household's consent in force). Recorded once."""
    meeting = LandlordMeeting.objects.select_for_update().get(pk=meeting.pk)
    if MeetingMinutes.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Mötet är redan protokollfört."))
    if not staff:
        raise ValidationError({"staff": _("Ange vem från teamet som deltog.")})
    if any(contact.landlord_id != meeting.landlord_id for contact in landlord_contacts):
        raise ValidationError({"landlord_contacts": _("Kontaktpersonen hör till en annan hyresvärd.")})
    minutes = save(MeetingMinutes(meeting=meeting, held_on=held_on, recorded_by=acting_user), acting_user)
    minutes.staff.set(staff)
    minutes.landlord_contacts.set(landlord_contacts)
    for agreement in agreements:
        outcome = MeetingAgreement.Outcome(agreement.outcome)
        note = _("Samverkansmöte %(day)s: %(outcome)s.") % {"day": meeting.meets_on, "outcome": outcome.label}
        contact = services.contact_log(
            file=agreement.file,
            kind=ContactKind.LANDLORD,
            happened_on=held_on,
            note=f"{note} {agreement.note.strip()}".strip(),
            acting_user=acting_user,
        )
        save(
            MeetingAgreement(
                meeting=meeting,
                file=agreement.file,
                outcome=outcome,
                note=agreement.note.strip(),
                contact=contact,
                created_by=acting_user,
            ),
            acting_user,
        )
    return minutes

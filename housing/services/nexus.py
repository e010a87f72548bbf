"""Nexus's part of the chain: placements in protected housing and their outcomes, stays in Nexus's flats and their
hand-over into the chain, and kundvård with the municipal landlord."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Case, CaseParty, Deadline, Landlord
from cases.services.common import save
from housing.models import (
    HousingApplication,
    Kundvard,
    NexusFlat,
    NexusFlatStay,
    PlacementOutcome,
    ProtectedPlacement,
    ReferralKind,
    ShelterProvider,
)
from housing.services.applications import application_refer
from housing.services.stock import flat_register
from kompotten.models import Unit, User


def _not_in_future(field: str, day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Datumet kan inte ligga i framtiden.")})


def _nexus_case(case: Case) -> None:
    if case.unit.kind != Unit.Kind.NEXUS:
        raise ValidationError({"case": _("Ärendet måste vara ett av Nexus ärenden.")})


@transaction.atomic
def placement_start(
    *, case: Case, provider: ShelterProvider, starts_on: date, acting_user: User, adults: int = 1, children: int = 0
) -> ProtectedPlacement:
    _nexus_case(case)
    _not_in_future("starts_on", starts_on)
    placement = ProtectedPlacement(
        case=case, provider=provider, starts_on=starts_on, adults=adults, children=children, created_by=acting_user
    )
    return save(placement, acting_user)


@transaction.atomic
def placement_end(
    *,
    placement: ProtectedPlacement,
    ends_on: date,
    outcome: str,
    acting_user: User,
    outcome_children: int | None = None,
    note: str = "",
) -> ProtectedPlacement:
    """Ends a placement with the outcome the committee counts, and how many children it concerned."""
    placement = ProtectedPlacement.objects.select_for_update().get(pk=placement.pk)
    if placement.ends_on:
        raise ValidationError(_("Placeringen är redan avslutad."))
    if outcome not in PlacementOutcome.values:
        raise ValidationError({"outcome": _("Välj hur placeringen avslutades.")})
    _not_in_future("ends_on", ends_on)
    if ends_on < placement.starts_on:
        raise ValidationError({"ends_on": _("Placeringen kan inte sluta innan den började.")})
    children = placement.children if outcome_children is None else outcome_children
    if children > placement.children:
        raise ValidationError({"outcome_children": _("Fler barn än som följde med i placeringen.")})
    placement.ends_on, placement.outcome, placement.outcome_children = ends_on, outcome, children
    placement.note = note.strip()
    return save(placement, acting_user)


@transaction.atomic
def nexus_flat_move_in(*, flat: NexusFlat, case: Case, since: date, acting_user: User) -> NexusFlatStay:
    NexusFlat.objects.select_for_update().get(pk=flat.pk)
    _nexus_case(case)
    _not_in_future("since", since)
    if NexusFlatStay.objects.filter(flat=flat, until__isnull=True).exists():
        raise ValidationError(_("Någon bor redan i lägenheten. Registrera utflyttningen först."))
    return save(NexusFlatStay(flat=flat, case=case, since=since, created_by=acting_user), acting_user)


@transaction.atomic
def nexus_flat_move_out(
    *, stay: NexusFlatStay, until: date, acting_user: User, today: date | None = None
) -> NexusFlatStay:
    """Records the actual move-out: only this frees the flat (a referral to the housing unit does not). The planned
    move-out's deadline, if any, is met on that day."""
    today = today or timezone.localdate()
    stay = NexusFlatStay.objects.select_for_update(of=("self",)).select_related("move_out_deadline").get(pk=stay.pk)
    if stay.until:
        raise ValidationError(_("Utflyttningen är redan registrerad."))
    if until > today:
        raise ValidationError(
            {
                "until": _(
                    "Datumet för ”Flyttade ut” kan inte ligga i framtiden. Registrera utflyttningen när personen har "
                    "flyttat; ett planerat datum anges när personen lämnas till boendekedjan."
                )
            }
        )
    if until < stay.since:
        raise ValidationError({"until": _("”Flyttade ut” kan inte ligga före inflyttningen.")})
    stay.until = until
    save(stay, acting_user, update_fields=["until"])
    deadline = stay.move_out_deadline
    if deadline is not None and deadline.status != Deadline.Status.MET:
        case_services.deadline_mark_met(deadline=deadline, acting_user=acting_user, on=until)
    return stay


@transaction.atomic
def nexus_flat_hand_over(
    *,
    stay: NexusFlatStay,
    planned_move_out: date,
    acting_user: User,
    background: str,
    today: date | None = None,
    **needs,
) -> HousingApplication:
    """The occupant is referred to the housing unit while she still lives in the flat: the stay goes on (the flat
    stays occupied) until the move-out is recorded (`nexus_flat_move_out`). A planned move-out that lies ahead is a
    deadline on the Nexus case."""
    today = today or timezone.localdate()
    stay = NexusFlatStay.objects.select_for_update().select_related("case", "flat").get(pk=stay.pk)
    if stay.until:
        raise ValidationError(_("Personen har redan flyttat ut ur lägenheten."))
    if stay.handed_over_to_id:
        raise ValidationError(_("Personen är redan överlämnad till boendekedjan."))
    if planned_move_out < stay.since:
        raise ValidationError({"planned_move_out": _("”Planerad utflyttning” kan inte ligga före inflyttningen.")})
    person = stay.case.parties.get(role=CaseParty.Role.APPLICANT).person
    application = application_refer(
        referral_kind=ReferralKind.HOUSING_CHAIN,
        person=person,
        referring_unit=stay.case.unit,
        nexus_case=stay.case if stay.case.kind == Case.Kind.SUPPORT else None,
        background=background,
        acting_user=acting_user,
        **needs,
    )
    stay.handed_over_to, stay.planned_move_out = application, planned_move_out
    if planned_move_out > today:
        stay.move_out_deadline = case_services.deadline_set(
            case=stay.case,
            label=_("Utflyttning ur Nexus lägenhet %(flat)s") % {"flat": stay.flat.label},
            starts_on=today,
            days=(planned_move_out - today).days,
            acting_user=acting_user,
        )
    save(stay, acting_user, update_fields=["handed_over_to", "planned_move_out", "move_out_deadline"])
    return application


@transaction.atomic
def kundvard_request(
    *,
    case: Case,
    landlord: Landlord,
    requested_on: date,
    risk_assessed_on: date,
    acting_user: User,
    lived_with_perpetrator: bool = False,
) -> Kundvard:
    """Nexus asks the municipal landlord for kundvård, after its threat and risk assessment."""
    _nexus_case(case)
    if landlord.kind != Landlord.Kind.MUNICIPAL:
        raise ValidationError({"landlord": _("Kundvård ges av det kommunala bostadsbolaget.")})
    _not_in_future("requested_on", requested_on)
    if risk_assessed_on > requested_on:
        raise ValidationError({"risk_assessed_on": _("Hot- och riskbedömningen görs innan kundvård begärs.")})
    return save(
        Kundvard(
            case=case,
            landlord=landlord,
            requested_on=requested_on,
            risk_assessed_on=risk_assessed_on,
            lived_with_perpetrator=lived_with_perpetrator,
            created_by=acting_user,
        ),
        acting_user,
    )


def _move_applicant(kundvard: Kundvard, street_address: str, postal_code: str, acting_user: User) -> None:
    """The new flat is the applicant's new home: it is kept on the person (`person_move`: the protected address for
    skyddad folkbokföring), masked and logged like the rest of them, never as a copy beside the kundvård."""
    party = kundvard.case.parties.filter(role=CaseParty.Role.APPLICANT).select_related("person").first()
    if party is None:
        raise ValidationError(
            _("Ärendet har ingen sökande att registrera den nya adressen på. Lägg till personen i ärendet först.")
        )
    try:
        case_services.person_move(
            person=party.person, street_address=street_address, postal_code=postal_code, acting_user=acting_user
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError({f"new_{field}": messages for field, messages in error.message_dict.items()}) from None


@transaction.atomic
def kundvard_decide(
    *,
    kundvard: Kundvard,
    decision: str,
    decided_on: date,
    acting_user: User,
    new_street_address: str = "",
    new_postal_code: str = "",
    moved_on: date | None = None,
    new_lease_in_victims_name: bool = False,
    old_flat: dict | None = None,
) -> Kundvard:
    """Records the landlord's decision. When granted: the new flat's address, set on the applicant (the kundvård
    keeps the dates and the facts), whether a new lease is signed in the victim's name (only when they lived with
    the perpetrator), and whether the old flat is offered to the municipality for a social contract — then it
    enters the flats list (`old_flat`: the flat's details for `flat_register`)."""
    kundvard = Kundvard.objects.select_for_update().select_related("case").get(pk=kundvard.pk)
    if kundvard.decision != Kundvard.Decision.PENDING:
        raise ValidationError(_("Hyresvärdens beslut är redan registrerat."))
    if decision not in (Kundvard.Decision.GRANTED, Kundvard.Decision.REFUSED):
        raise ValidationError({"decision": _("Välj beviljad eller avslagen.")})
    _not_in_future("decided_on", decided_on)
    if decided_on < kundvard.requested_on:
        raise ValidationError({"decided_on": _("Beslutet kan inte ligga före begäran.")})
    kundvard.decision, kundvard.decided_on = decision, decided_on
    if decision == Kundvard.Decision.GRANTED:
        if not new_street_address.strip():
            raise ValidationError({"new_street_address": _("Ange den nya lägenhetens adress.")})
        if new_lease_in_victims_name and not kundvard.lived_with_perpetrator:
            raise ValidationError(
                {
                    "new_lease_in_victims_name": _(
                        "Ett nytt hyresavtal i den våldsutsattas namn gäller när hen bodde med förövaren."
                    )
                }
            )
        _move_applicant(kundvard, new_street_address, new_postal_code, acting_user)
        kundvard.moved_on = moved_on
        kundvard.new_lease_in_victims_name = new_lease_in_victims_name
        if old_flat:
            kundvard.old_flat = flat_register(landlord=kundvard.landlord, acting_user=acting_user, **old_flat)
    return save(kundvard, acting_user)

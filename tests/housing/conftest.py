"""The housing unit's test helpers: referrals through the real service, and a protected applicant."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import District, Landlord
from housing import services
from housing.models import ChecklistItem, ReferralKind, ReservationPool
from kompotten.models import Unit, User
from tests.factories import TEST_REASON, PersonFactory


def nexus_unit() -> Unit:
    return Unit.objects.get(kind=Unit.Kind.NEXUS)


def refer(by, *, person=None, referral_kind=ReferralKind.HOUSING_CHAIN, **kwargs):
    """A referral as Nexus makes it (the housing chain), unless told otherwise; a `handler` is given by the housing
    unit's team lead, unless the handler registers the application herself and the applicant is not protected."""
    person = person or PersonFactory()
    unit = kwargs.pop("referring_unit", None)
    if unit is None and "referring_municipality" not in kwargs:
        unit = nexus_unit() if referral_kind != ReferralKind.DIRECT else Unit.objects.get(kind=Unit.Kind.HOUSING)
    handler = kwargs.pop("handler", None)
    application = services.application_refer(
        referral_kind=referral_kind,
        person=person,
        referring_unit=unit,
        background=kwargs.pop("background", "Placeringen i skyddat boende avslutas."),
        acting_user=by,
        handler=handler if handler == by and not person.is_protected else None,
        **kwargs,
    )
    if handler is not None and not application.case.assignments.exists():
        # Handlers are given by the housing unit's team lead (always so when the applicant is protected).
        team_lead = User.objects.get(email="gruppledare.bostad@uppsala.example")
        case_services.case_assign_handler(
            case=application.case, user=handler, acting_user=team_lead, reason=TEST_REASON
        )
    return application


def investigate(application, by):
    """Checks every point of the checklist."""
    return services.checklist_save(
        application=application, done=dict.fromkeys(ChecklistItem.objects.filter(active=True), ""), acting_user=by
    )


def approve(application, by, *, decided_on: date | None = None, reasons="Behovet är utrett och styrkt."):
    investigate(application, by)
    return services.application_decide(
        application=application, outcome="approved", reasons=reasons, decided_on=decided_on, acting_user=by
    )


@pytest.fixture
def districts(organisation):
    return {name: District.objects.create(name=name) for name in ("Gottsunda", "Gränby", "Luthagen")}


@pytest.fixture
def protected_applicant(organisation, nexus_caseworker):
    person = PersonFactory(protected=True, given_name="Hemlig", family_name="Skyddadsson", acting_user=nexus_caseworker)
    case_services.person_set_protected_address(
        person=person, street_address="Gömda vägen 9", postal_code="75645", acting_user=nexus_caseworker
    )
    return person


@dataclass
class Stock:
    uppsalahem: Landlord
    private: Landlord
    relocation_pool: ReservationPool
    shelter_pool: ReservationPool
    social_pool: ReservationPool


@pytest.fixture
def stock(organisation, administrator, districts) -> Stock:
    """The municipal landlord with the three kinds of pool and this year's quotas, and a private landlord."""
    year = timezone.localdate().year
    uppsalahem = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    private = Landlord.objects.create(name="Privata Hem AB", kind=Landlord.Kind.PRIVATE)
    relocation = ReservationPool.objects.create(
        name="Förflyttningar", kind=ReservationPool.Kind.RELOCATION, landlord=uppsalahem
    )
    shelter = ReservationPool.objects.create(
        name="Kvinnojouren", kind=ReservationPool.Kind.WOMENS_SHELTER, landlord=uppsalahem
    )
    services.pool_set_quota(pool=relocation, year=year, promised=5, acting_user=administrator)
    services.pool_set_quota(pool=shelter, year=year, promised=2, acting_user=administrator)
    services.agreement_record(
        landlord=uppsalahem, valid_from=date(year, 1, 1), yearly_quota=40, acting_user=administrator
    )
    social = ReservationPool.objects.get(kind=ReservationPool.Kind.SOCIAL_CONTRACT)
    return Stock(uppsalahem, private, relocation, shelter, social)


def flat(by, *, landlord, district, pool=None, rooms=2, accessibility="none", **fields):
    return services.flat_register(
        landlord=landlord,
        pool=pool,
        street_address=fields.pop("street_address", "Storgatan 1"),
        postal_code="75320",
        district=district,
        rooms=rooms,
        area=Decimal("55.0"),
        rent=6500,
        floor=fields.pop("floor", 2),
        accessibility=accessibility,
        available_from=fields.pop("available_from", timezone.localdate()),
        acting_user=by,
    )

"""The housing unit's test helpers: referrals through the real service, and a protected applicant."""

from datetime import date

import pytest

from cases import services as case_services
from housing import services
from housing.models import ChecklistItem, District, ReferralKind
from kompotten.models import Unit
from tests.factories import PersonFactory


def nexus_unit() -> Unit:
    return Unit.objects.get(kind=Unit.Kind.NEXUS)


def refer(by, *, person=None, referral_kind=ReferralKind.HOUSING_CHAIN, **kwargs):
    """A referral as Nexus makes it (the housing chain), unless told otherwise."""
    person = person or PersonFactory()
    unit = kwargs.pop("referring_unit", None)
    if unit is None and "referring_municipality" not in kwargs:
        unit = nexus_unit() if referral_kind != ReferralKind.DIRECT else Unit.objects.get(kind=Unit.Kind.HOUSING)
    return services.application_refer(
        referral_kind=referral_kind,
        person=person,
        referring_unit=unit,
        background=kwargs.pop("background", "Placeringen i skyddat boende avslutas."),
        acting_user=by,
        **kwargs,
    )


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

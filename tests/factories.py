"""Factories for people and cases. Cases are built through the real services, so numbering, grants and the
timeline are what production would make. Identity numbers follow Skatteverket's test numbers (birth numbers
980-999, check digit from the personnummer package)."""

import itertools
from datetime import date, timedelta

import factory
from personnummer import personnummer

from cases import services
from cases.models import Case, CaseParty, Person, ProtectionLevel
from kompotten.models import Unit, User
from kompotten.roles import Role

TEST_REASON = "Fördelat av gruppledaren på veckomötet."

_serials = itertools.count()


def fresh_identity_number() -> str:
    """A fresh valid test personnummer: born 1970-01-01 plus n days, birth number 980-999."""
    n = next(_serials)
    born = date(1970, 1, 1) + timedelta(days=n // 20)
    ten = f"{born:%y%m%d}{980 + n % 20}"
    return f"{born:%Y%m%d}-{ten[6:]}{personnummer._luhn(ten)}"


class PersonFactory(factory.Factory):
    """Registers a person through `person_register`. Traits: protected, confidential, fictitious."""

    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Förnamn{n}")
    family_name = factory.Sequence(lambda n: f"Efternamn{n}")
    identity_number = factory.LazyFunction(fresh_identity_number)
    phone = "070-000 00 00"
    workplace = factory.Sequence(lambda n: f"Arbetsplats {n} AB")
    street_address = factory.Sequence(lambda n: f"Provgatan {n}")
    postal_code = "75320"
    protection_level = ProtectionLevel.NONE
    protection_noted_on = None
    protection_source = ""
    acting_user = None

    class Params:
        protected = factory.Trait(
            protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
            protection_noted_on=date(2026, 1, 15),
            protection_source="Skatteverket (SPAR)",
        )
        confidential = factory.Trait(
            protection_level=ProtectionLevel.CONFIDENTIALITY_MARKING,
            protection_noted_on=date(2026, 1, 15),
            protection_source="Skatteverket (SPAR)",
        )
        fictitious = factory.Trait(
            protection_level=ProtectionLevel.FICTITIOUS_IDENTITY,
            protection_noted_on=date(2026, 1, 15),
            protection_source="Skatteverket (SPAR)",
        )

    @classmethod
    def _create(cls, model_class, acting_user=None, **kwargs):
        registrar = acting_user or User.objects.get(email="admin@uppsala.example")
        person = services.person_register(acting_user=registrar, **kwargs)
        if acting_user is None and person.is_protected:
            services.person_revoke_access(person=person, user=registrar, acting_user=registrar)
        return person


def open_case(
    *,
    unit_kind: str = Unit.Kind.NEXUS,
    kind: str = Case.Kind.RELOCATION,
    persons=(),
    handlers=(),
    acting_user: User | None = None,
) -> Case:
    """A case in the host municipality's unit of `unit_kind`, with `persons` as applicants and `handlers` (of that
    unit), given by the unit's team lead with a reason, as a case with a protected person must be."""
    unit = Unit.objects.get(kind=unit_kind)
    actor = acting_user or User.objects.get(email="admin@uppsala.example")
    case = services.case_open(kind=kind, unit=unit, acting_user=actor)
    for index, person in enumerate(persons):
        role = CaseParty.Role.APPLICANT if index == 0 else CaseParty.Role.CHILD
        services.case_add_person(case=case, person=person, role=role, acting_user=actor)
    team_lead = User.objects.get(unit=unit, groups__name=Role.TEAM_LEAD.value)
    for handler in handlers:
        services.case_assign_handler(case=case, user=handler, acting_user=team_lead, reason=TEST_REASON)
    return case

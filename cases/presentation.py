"""What a page, a PDF or an e-mail may show of a person: built by the access policy, masked when it must be.

Templates never receive a `Person`, only a `PersonView`. A masked view holds the placeholder and nothing else:
no name, number, birth date, address, workplace, household, nor the protection level (it narrows them down).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from cases.access import AccessPolicy
from cases.models import Case, Person, ProtectionLevel

PROTECTED_PLACEHOLDER = _("Skyddad identitet")
NOT_SHARED_PLACEHOLDER = _("Identiteten är inte delad")
# A manager sees no identity without a grant, protected or not: one neutral placeholder for everyone, so the wording
# never tells her who is protected.
MANAGER_PLACEHOLDER = _("Identitet visas inte")
TEXT_NOT_SHOWN = _("Visas inte")
CULLED_PLACEHOLDER = _("Gallrad")  # the person's personal data were culled (cases.services.retention)


def placeholder(policy: AccessPolicy) -> str:
    """What stands in for a person (or their address) this user may not see. A partner and a manager get one
    placeholder whatever the reason: a distinct one would tell them the person is protected."""
    if policy.is_partner:
        return str(NOT_SHARED_PLACEHOLDER)
    if policy.is_manager:
        return str(MANAGER_PLACEHOLDER)
    return str(PROTECTED_PLACEHOLDER)


@dataclass(frozen=True)
class HouseholdView:
    relation: str
    name: str
    birth_year: int | None
    school: str


@dataclass(frozen=True)
class PersonView:
    visible: bool
    name: str
    pk: int | None = None
    role: str = ""
    party_pk: int | None = None  # the person's part in the case shown: says nothing about who they are
    identity_number: str = ""
    reserve_number: str = ""
    birth_date: date | None = None
    phone: str = ""
    workplace: str = ""
    address: str = ""
    home_address: str = ""  # where they live: the protected address under skyddad folkbokföring (`home=True`)
    protection_level: str = ""
    protection_label: str = ""
    protection_noted_on: date | None = None
    protection_source: str = ""
    household: list[HouseholdView] = field(default_factory=list)


def _address(place) -> str:
    """A person's or a protected address's one-line form."""
    parts = [place.street_address, f"{place.postal_code} {place.locality}".strip()]
    return ", ".join(part for part in parts if part)


def _home(person: Person) -> str:
    """Where the person lives: the protected address when one is recorded (skyddad folkbokföring), else the
    registered one."""
    if person.protection_level == ProtectionLevel.PROTECTED_REGISTRATION:
        protected = getattr(person, "protected_address", None)
        if protected is not None:
            return _address(protected)
    return _address(person)


def present(
    policy: AccessPolicy,
    person: Person,
    *,
    case: Case | None = None,
    role: str = "",
    party_pk: int | None = None,
    household: bool = False,
    home: bool = False,
) -> PersonView:
    """The person as this user may see them. The household (`household=True`) and where they live (`home=True`)
    are read only when visible."""
    if person.culled_at is not None:
        return PersonView(visible=False, name=str(CULLED_PLACEHOLDER), role=role, party_pk=party_pk)
    if not policy.identity_visible(person, case):
        return PersonView(visible=False, name=placeholder(policy), role=role, party_pk=party_pk)
    policy.reveal(person, case)
    return PersonView(
        visible=True,
        pk=person.pk,
        name=person.full_name,
        role=role,
        party_pk=party_pk,
        identity_number=person.identity_number or "",
        reserve_number=person.reserve_number,
        birth_date=person.birth_date,
        phone=person.phone,
        workplace=person.workplace,
        address=_address(person),
        home_address=_home(person) if home else "",
        protection_level=person.protection_level,
        protection_label=person.get_protection_level_display() if person.is_protected else "",
        protection_noted_on=person.protection_noted_on,
        protection_source=person.protection_source,
        household=[
            HouseholdView(m.get_relation_display(), f"{m.given_name} {m.family_name}".strip(), m.birth_year, m.school)
            for m in person.household.all()
        ]
        if household
        else [],
    )


@dataclass(frozen=True)
class FiledPersonView:
    """The person as a partner municipality filed them, as this user may see it; masked like a `PersonView`."""

    visible: bool
    name: str
    identity_number: str = ""
    protection_label: str = ""
    adults: int | None = None
    children_ages: list[int] = field(default_factory=list)
    taken_in_on: date | None = None


def present_filing(policy: AccessPolicy, filing) -> FiledPersonView:
    """What the partner filed, in its words: to the partner as it filed it, to our staff masked exactly as the person
    the filing is tied to, and logged as a view of that person when they are protected."""
    if not policy.filed_identity_visible(filing):
        return FiledPersonView(visible=False, name=placeholder(policy), taken_in_on=filing.taken_in_on)
    if not policy.is_partner:
        policy.reveal(filing.person, filing.request.case)
    return FiledPersonView(
        visible=True,
        name=f"{filing.given_name} {filing.family_name}",
        identity_number=filing.identity_number,
        protection_label=filing.get_protection_level_display() if filing.is_protected else "",
        adults=filing.adults,
        children_ages=list(filing.children_ages),
        taken_in_on=filing.taken_in_on,
    )

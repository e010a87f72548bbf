from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import access, postal_codes
from cases.identity_numbers import parse_identity_number
from cases.models import FormerIdentityLink, HouseholdMember, Person, ProtectedAddress, ProtectionLevel
from cases.services.common import save
from kompotten.models import Municipality, User


def _fill_address(target, *, street_address: str, postal_code: str, municipalities: dict | None = None) -> None:
    """Sets the address and derives locality and municipality from the postal code; `municipalities` caches the
    municipality by code when many persons are registered at once."""
    target.street_address = street_address.strip()
    target.postal_code = postal_codes.normalise_postal_code(postal_code)
    target.locality, target.municipality = "", None
    if target.postal_code:
        found = postal_codes.lookup(target.postal_code)
        if found is None:
            raise ValidationError(
                {"postal_code": _("Postnumret finns inte i postnummerregistret. Kontrollera de fem siffrorna.")}
            )
        target.locality, code = found
        if municipalities is None:
            target.municipality = Municipality.objects.get(code=code)
        else:
            if code not in municipalities:
                municipalities[code] = Municipality.objects.get(code=code)
            target.municipality = municipalities[code]


def _require_protection_date_and_source(person: Person) -> None:
    if person.is_protected and not (person.protection_noted_on and person.protection_source):
        raise ValidationError({"protection_source": _("Ange datum och källa för uppgiften om skydd.")})


@transaction.atomic
def person_register(*, acting_user: User, **details) -> Person:
    """Registers a person (the details of `person_new`); the identity number must not be registered already."""
    person = person_new(acting_user=acting_user, **details)
    if person.identity_number and Person.objects.filter(identity_number=person.identity_number).exists():
        raise ValidationError({"identity_number": _("En person med det numret finns redan registrerad.")})
    save(person, acting_user)
    if person.is_protected:
        # Whoever registers a protected person has seen them; without this grant they could not find them again.
        access.grant_person(acting_user, person, given_by=acting_user, registered=True)
    return person


def person_new(
    *,
    given_name: str,
    family_name: str,
    acting_user: User,
    identity_number: str = "",
    reserve_number: str = "",
    phone: str = "",
    workplace: str = "",
    street_address: str = "",
    postal_code: str = "",
    protection_level: str = ProtectionLevel.NONE,
    protection_noted_on: date | None = None,
    protection_source: str = "",
    municipalities: dict | None = None,
) -> Person:
    """A validated person, not yet saved. The identity number is validated and normalised ("YYYYMMDD-NNNN") and
    gives the birth date; a reserve number stands in when no number is known."""
    person = Person(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        reserve_number=reserve_number.strip(),
        phone=phone.strip(),
        workplace=workplace.strip(),
        protection_level=protection_level,
        protection_noted_on=protection_noted_on,
        protection_source=protection_source.strip(),
        created_by=acting_user,
    )
    if identity_number.strip():
        try:
            parsed = parse_identity_number(identity_number)
        except ValidationError as error:
            raise ValidationError({"identity_number": error.messages}) from None
        person.identity_number, person.birth_date = parsed.normalised, parsed.birth_date
    elif not person.reserve_number:
        raise ValidationError({"identity_number": _("Ange personnummer, samordningsnummer eller ett reservnummer.")})
    _require_protection_date_and_source(person)
    _fill_address(person, street_address=street_address, postal_code=postal_code, municipalities=municipalities)
    # The check constraints are the rules just checked above and the municipality was just read: validating them
    # again would cost a query each.
    person.full_clean(exclude=["created_by", "identity_number", "municipality"], validate_constraints=False)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    acting_user: User,
    phone: str,
    workplace: str,
    street_address: str,
    postal_code: str,
    protection_level: str,
    protection_noted_on: date | None,
    protection_source: str,
) -> Person:
    """Changes contact, registered address and protection. A person who becomes protected is granted to the user
    recording it: from then on everyone else sees "Skyddad identitet"."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    was_protected = person.is_protected
    person.phone, person.workplace = phone.strip(), workplace.strip()
    person.protection_level = protection_level
    person.protection_noted_on = protection_noted_on if protection_level != ProtectionLevel.NONE else None
    person.protection_source = protection_source.strip() if protection_level != ProtectionLevel.NONE else ""
    _require_protection_date_and_source(person)
    _fill_address(person, street_address=street_address, postal_code=postal_code)
    save(person, acting_user)
    if person.is_protected and not was_protected:
        access.grant_person(acting_user, person, given_by=acting_user, registered=True)
    return person


@transaction.atomic
def person_set_protected_address(
    *, person: Person, street_address: str, postal_code: str, acting_user: User
) -> ProtectedAddress:
    if person.protection_level != ProtectionLevel.PROTECTED_REGISTRATION:
        raise ValidationError(_("Skyddad adress förs bara för personer med skyddad folkbokföring."))
    address = getattr(person, "protected_address", None) or ProtectedAddress(person=person)
    _fill_address(address, street_address=street_address, postal_code=postal_code)
    return save(address, acting_user)


@transaction.atomic
def person_move(*, person: Person, street_address: str, postal_code: str, acting_user: User) -> Person:
    """The person has moved to this address. For skyddad folkbokföring it is where they really live, the protected
    address (the population register keeps the address they are registered at); for everyone else the registered
    address. Either way the change is in the history, with who made it."""
    missing = {}
    if not street_address.strip():
        missing["street_address"] = _("Ange gatuadressen.")
    if not postal_code.strip():
        missing["postal_code"] = _("Ange postnumret.")
    if missing:
        raise ValidationError(missing)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.protection_level == ProtectionLevel.PROTECTED_REGISTRATION:
        person_set_protected_address(
            person=person, street_address=street_address, postal_code=postal_code, acting_user=acting_user
        )
    else:
        _fill_address(person, street_address=street_address, postal_code=postal_code)
        save(person, acting_user)
    return person


@transaction.atomic
def person_link_former_identity(
    *,
    person: Person,
    former_given_name: str,
    former_family_name: str,
    former_identity_number: str,
    noted_on: date,
    source: str,
    acting_user: User,
) -> FormerIdentityLink:
    """Records the link to a former identity and grants it to the recording user only; others need a grant."""
    if person.protection_level != ProtectionLevel.FICTITIOUS_IDENTITY:
        raise ValidationError(_("Koppling till tidigare identitet förs bara för fingerade personuppgifter."))
    if FormerIdentityLink.objects.filter(person=person).exists():
        raise ValidationError(_("Kopplingen till tidigare identitet är redan registrerad."))
    try:
        number = parse_identity_number(former_identity_number).normalised if former_identity_number.strip() else ""
    except ValidationError as error:
        raise ValidationError({"former_identity_number": error.messages}) from None
    link = FormerIdentityLink(
        person=person,
        former_given_name=former_given_name,
        former_family_name=former_family_name,
        former_identity_number=number,
        noted_on=noted_on,
        source=source,
    )
    save(link, acting_user)
    access.grant_former_identity_link(acting_user, link)
    return link


@transaction.atomic
def household_member_add(
    *,
    person: Person,
    relation: str,
    given_name: str,
    acting_user: User,
    family_name: str = "",
    birth_year: int | None = None,
    school: str = "",
) -> HouseholdMember:
    member = HouseholdMember(
        person=person,
        relation=relation,
        given_name=given_name,
        family_name=family_name,
        birth_year=birth_year,
        school=school,
    )
    member.full_clean()
    return save(member, acting_user)


@transaction.atomic
def person_grant_access(*, person: Person, user: User, acting_user: User, reason: str = "") -> None:
    """An explicit grant to see a protected person, outside any case assignment; given, never taken, and recorded
    for the managers' review."""
    if user.pk == acting_user.pk:
        raise ValidationError({"user": _("Du kan inte ge dig själv behörighet till en person.")})
    access.grant_person(user, person, given_by=acting_user, reason=reason.strip())


@transaction.atomic
def person_revoke_access(*, person: Person, user: User, acting_user: User) -> None:
    access.revoke_person(user, person, given_by=acting_user)

"""The fictional demo organisation: the host municipality's units, partner contact persons and one user per role.

Every name, address and number here is invented. Running it again changes nothing: rows are looked up by
natural keys and existing users keep their passwords.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from kompotten.models import Municipality, Unit, User
from kompotten.organisations import host_municipality
from kompotten.roles import UNIT_CASEWORKER_ROLE, Role

HOST_UNITS = [
    ("Nexus", Unit.Kind.NEXUS),
    ("Bostadsenheten", Unit.Kind.HOUSING),
    ("Vräkningsförebyggande teamet", Unit.Kind.EVICTION_PREVENTION),
    ("Socialförvaltningens ledning", Unit.Kind.MANAGEMENT),
    ("Systemförvaltningen", Unit.Kind.ADMINISTRATION),
]

# A unit's own phone and e-mail (invented): what a letter gives when the caseworker has no phone of her own.
HOST_UNIT_CONTACTS = {
    Unit.Kind.EVICTION_PREVENTION: ("018-727 40 00", "vrakningsteamet@uppsala.example"),
    Unit.Kind.HOUSING: ("018-727 30 00", "bostadsenheten@uppsala.example"),
}

# (e-mail, first name, last name, title, unit kind, role)
HOST_USERS = [
    (
        "nexus@uppsala.example",
        "Nora",
        "Lindqvist",
        "Socialsekreterare",
        Unit.Kind.NEXUS,
        Role.NEXUS_CASEWORKER,
    ),
    ("nexus2@uppsala.example", "Omar", "Haddad", "Socialsekreterare", Unit.Kind.NEXUS, Role.NEXUS_CASEWORKER),
    ("bostad@uppsala.example", "Britt", "Sandberg", "Handläggare", Unit.Kind.HOUSING, Role.HOUSING_HANDLER),
    (
        "vrakning@uppsala.example",
        "Viktor",
        "Ekström",
        "Socialsekreterare",
        Unit.Kind.EVICTION_PREVENTION,
        Role.EVICTION_CASEWORKER,
    ),
    ("chef@uppsala.example", "Cecilia", "Hammar", "Enhetschef", Unit.Kind.MANAGEMENT, Role.MANAGER),
    (
        "admin@uppsala.example",
        "Anders",
        "Dahl",
        "Systemförvaltare",
        Unit.Kind.ADMINISTRATION,
        Role.ADMINISTRATOR,
    ),
]

# One team lead (gruppledare) per unit that handles cases: (e-mail, first name, last name, unit kind). Each also holds
# the unit's caseworker role: a team lead assigns cases, the grant to the people on them, and works cases too.
TEAM_LEADS = [
    ("gruppledare.nexus@uppsala.example", "Gunilla", "Nyström", Unit.Kind.NEXUS),
    ("gruppledare.bostad@uppsala.example", "Göran", "Bergqvist", Unit.Kind.HOUSING),
    ("gruppledare.vrakning@uppsala.example", "Greta", "Vikström", Unit.Kind.EVICTION_PREVENTION),
]

# (e-mail, first name, last name, municipality SCB code). Västerås and Norrköping are Kompotten members,
# Enköping and Östhammar Länskompotten partners in Uppsala county.
PARTNER_CONTACTS = [
    ("kontakt@vasteras.example", "Vera", "Åkesson", "1980"),
    ("kontakt@norrkoping.example", "Nils", "Berg", "0581"),
    ("kontakt@enkoping.example", "Elin", "Forsberg", "0381"),
    ("kontakt@osthammar.example", "Olle", "Strand", "0382"),
]


def seed() -> int:
    """seed_demo's entry point: how many users were created."""
    return len(seed_organisation())


@transaction.atomic
def seed_organisation() -> list[User]:
    """Creates what is missing of the demo organisation; returns the users it created."""
    host = host_municipality()
    units = {
        kind: Unit.objects.get_or_create(municipality=host, name=name, defaults={"kind": kind})[0]
        for name, kind in HOST_UNITS
    }
    for kind, (phone, email) in HOST_UNIT_CONTACTS.items():
        unit = units[kind]
        if not (unit.phone or unit.email):  # a demo database from before the units had contact details
            unit.phone, unit.email = phone, email
            unit.save(update_fields=["phone", "email"])
    created = []
    for email, first, last, title, unit_kind, role in HOST_USERS:
        user = _user(email, first, last, title, role, unit=units[unit_kind])
        if user:
            created.append(user)
    for email, first, last, unit_kind in TEAM_LEADS:
        roles = (UNIT_CASEWORKER_ROLE[unit_kind], Role.TEAM_LEAD)
        user = _user(email, first, last, "Gruppledare", roles, unit=units[unit_kind])
        if user:
            created.append(user)
    for email, first, last, code in PARTNER_CONTACTS:
        municipality = Municipality.objects.get(code=code)
        user = _user(email, first, last, "Kontaktperson", Role.PARTNER_CONTACT, partner_municipality=municipality)
        if user:
            created.append(user)
    return created


def _user(email, first, last, title, role: Role | tuple[Role, ...], **organisation) -> User | None:
    if User.objects.filter(email=email).exists():
        return None
    roles = role if isinstance(role, tuple) else (role,)
    user = User.objects.create_user(
        email,
        settings.DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        title=title,
        is_staff=Role.ADMINISTRATOR in roles,
        **organisation,
    )
    user.groups.add(*Group.objects.filter(name__in=[role.value for role in roles]))
    return user

"""Staff users and persons: names from fixed lists, Skatteverket's test personnummer, 2% protected.

Identity numbers use the birth numbers 980–999, the series Skatteverket publishes for testing (the same series the
demo uses), with a valid Luhn digit: born between 1945 and 1995, so every generated person is an adult.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from cases.models import Person, ProtectionLevel
from kompotten.devtools.volume.writer import Writer
from kompotten.models import Unit, User
from kompotten.roles import Role

GIVEN_NAMES = [
    "Amina",
    "Anders",
    "Anna",
    "Bo",
    "Carina",
    "Dawit",
    "Elin",
    "Erik",
    "Fatima",
    "Farid",
    "Greta",
    "Hassan",
    "Ida",
    "Johan",
    "Jonas",
    "Karin",
    "Lars",
    "Lina",
    "Maria",
    "Mohammed",
    "Nils",
    "Noor",
    "Olle",
    "Per",
    "Sara",
    "Sofia",
    "Tove",
    "Ulf",
    "Yusuf",
    "Åsa",
]
FAMILY_NAMES = [
    "Ahmed",
    "Andersson",
    "Berg",
    "Cederlund",
    "Demir",
    "Ekström",
    "Eriksson",
    "Falk",
    "Gustafsson",
    "Hansson",
    "Hussein",
    "Isaksson",
    "Johansson",
    "Karlsson",
    "Larsson",
    "Lindqvist",
    "Mohamud",
    "Nilsson",
    "Olsson",
    "Persson",
    "Pettersson",
    "Svensson",
    "Yilmaz",
    "Öberg",
]
FIRST_BIRTH_DATE, BIRTH_DAYS = date(1945, 1, 1), 18_262  # fifty years of birth dates
# Staff per unit kind, as shares of the generated staff: the eviction team is the largest.
STAFF_SHARES = [
    (Unit.Kind.EVICTION_PREVENTION, Role.EVICTION_CASEWORKER, 0.6),
    (Unit.Kind.HOUSING, Role.HOUSING_HANDLER, 0.2),
    (Unit.Kind.NEXUS, Role.NEXUS_CASEWORKER, 0.15),
    (Unit.Kind.MANAGEMENT, Role.MANAGER, 0.05),
]
STAFF_DOMAIN = "volym.example"


def test_identity_number(serial: int) -> str:
    """Test personnummer number `serial` (0 ≤ serial < 20 × BIRTH_DAYS): "YYYYMMDD-98NC"."""
    born = FIRST_BIRTH_DATE + timedelta(days=serial % BIRTH_DAYS)
    nine = f"{born:%y%m%d}{980 + serial // BIRTH_DAYS}"
    total = 0
    for index, digit in enumerate(int(d) for d in nine):
        product = digit * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return f"{born:%Y%m%d}-{nine[6:]}{(10 - total % 10) % 10}"


@dataclass
class Staff:
    """The handlers cases are given to, by unit kind; the demo users are among them, so they hold grants too."""

    by_kind: dict[str, list[User]] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)

    def handler(self, writer: Writer, kind: str) -> User:
        return writer.rng.choice(self.by_kind[kind])


def staff_create(writer: Writer, count: int, *, units: dict[str, Unit]) -> Staff:
    groups = {group.name: group for group in Group.objects.all()}
    users, roles = [], []
    first = User.objects.filter(email__endswith=f"@{STAFF_DOMAIN}").count()  # a second run adds to the first
    for kind, role, share in STAFF_SHARES:
        for n in range(first, first + max(1, round(count * share))):
            users.append(
                User(
                    email=f"{kind.replace('_', '-')}{n:04d}@{STAFF_DOMAIN}",
                    first_name=writer.rng.choice(GIVEN_NAMES),
                    last_name=writer.rng.choice(FAMILY_NAMES),
                    title="Socialsekreterare" if role != Role.MANAGER else "Enhetschef",
                    unit=units[kind],
                    password=make_password(None),  # cannot log in: these users exist to hold cases
                    date_joined=writer.moment(writer.today - timedelta(days=365 * 10)),
                )
            )
            roles.append(role)
    writer.insert(users, at=lambda user: user.date_joined)
    memberships = [
        User.groups.through(user_id=user.pk, group_id=groups[role.value].pk)
        for user, role in zip(users, roles, strict=True)
    ]
    writer.insert(memberships)
    staff = Staff(units=units)
    workers = User.objects.filter(unit__in=units.values(), is_active=True).exclude(unit__kind=Unit.Kind.MANAGEMENT)
    for user in workers.select_related("unit").order_by("email"):
        staff.by_kind.setdefault(user.unit.kind, []).append(user)
    return staff


def persons_create(writer: Writer, count: int, *, protected_share: float, created_by: User) -> list[Person]:
    """`count` persons, a share of them protected (mostly skyddad folkbokföring, as in the seeds)."""
    if writer.taken_numbers is None:  # numbers already registered (the demo's): never reused
        writer.taken_numbers = set(
            Person.objects.exclude(identity_number=None).values_list("identity_number", flat=True)
        )
    persons = []
    levels = (
        [ProtectionLevel.PROTECTED_REGISTRATION] * 6
        + [ProtectionLevel.CONFIDENTIALITY_MARKING] * 3
        + [ProtectionLevel.FICTITIOUS_IDENTITY]
    )
    while len(persons) < count:
        number, writer.serial = test_identity_number(writer.serial), writer.serial + 1
        if number in writer.taken_numbers:
            continue
        protected = writer.rng.random() < protected_share
        persons.append(
            Person(
                given_name=writer.rng.choice(GIVEN_NAMES),
                family_name=writer.rng.choice(FAMILY_NAMES),
                identity_number=number,
                birth_date=date(int(number[:4]), int(number[4:6]), int(number[6:8])),
                protection_level=writer.rng.choice(levels) if protected else ProtectionLevel.NONE,
                protection_noted_on=writer.today - timedelta(days=writer.rng.randint(30, 3000)) if protected else None,
                protection_source="Skatteverket (genererad testdata)" if protected else "",
                created_by=created_by,
            )
        )
    return persons

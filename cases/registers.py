"""The landlord and district registers shared by housing and eviction prevention (`cases.models.register`): who
keeps them, and "Menade du …?" — a new landlord name close to a known one is probably a typo ("Uppsalhem" for
"Uppsalahem"), which would split the meeting list and Kronofogden's statistics by landlord type."""

import difflib
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from cases.models import District, DistrictPostalArea, Landlord, LandlordContact
from cases.services.common import delete, save
from kompotten.capabilities import Capability
from kompotten.models import Unit, User

SIMILARITY_CUTOFF = 0.8
# Words that say what kind of company it is rather than which one: "Uppsalahem AB" is Uppsalahem.
_COMPANY_WORDS = re.compile(r"\b(ab|aktiebolag|hb|kb|brf|bostadsrättsförening|publ)\b|[().,]")

REGISTER_UNITS = (Unit.Kind.HOUSING, Unit.Kind.EVICTION_PREVENTION)


def keeps_registers(user: User) -> bool:
    """The team lead of the housing unit or of eviction prevention, and the administrator, keep the registers."""
    if not user.is_active:
        return False
    if user.has_perm(Capability.ADMINISTER):
        return True
    unit = getattr(user, "unit", None)
    return unit is not None and unit.kind in REGISTER_UNITS and user.has_perm(Capability.LEAD_TEAM)


def normalised(name: str) -> str:
    return " ".join(_COMPANY_WORDS.sub(" ", name.lower()).split())


def known_landlord(name: str) -> Landlord | None:
    """The landlord of exactly this name, whatever its case and spacing."""
    lowered = " ".join(name.split()).lower()
    return Landlord.objects.annotate(lowered=Lower("name")).filter(lowered=lowered).first()


def similar_landlords(name: str, *, limit: int = 3) -> list[str]:
    """Known landlords whose name is close to `name` (but not it): the "Menade du …?" suggestions, best first."""
    wanted = normalised(name)
    if not wanted or known_landlord(name):
        return []
    by_normal: dict[str, str] = {}
    for known in Landlord.objects.order_by("name").values_list("name", flat=True):
        by_normal.setdefault(normalised(known), known)
    if wanted in by_normal:  # "Uppsalahem AB" for "Uppsalahem"
        return [by_normal[wanted]]
    close = difflib.get_close_matches(wanted, list(by_normal), n=limit, cutoff=SIMILARITY_CUTOFF)
    return [by_normal[match] for match in close]


def _require_keeper(user: User) -> None:
    if not keeps_registers(user):
        raise ValidationError(
            _("Bara gruppledarna för bostadsenheten och vräkningsförebyggande teamet ändrar registret.")
        )


@transaction.atomic
def landlord_save(*, landlord: Landlord, acting_user: User) -> Landlord:
    """Saves a landlord of the register (validated: name unique whatever its case, organisation number stored as
    NNNNNN-NNNN)."""
    _require_keeper(acting_user)
    landlord.name = " ".join(landlord.name.split())
    landlord.full_clean()
    return save(landlord, acting_user)


@transaction.atomic
def landlord_contact_save(
    *, landlord: Landlord, name: str, acting_user: User, role: str = "", phone: str = "", email: str = "", contact=None
) -> LandlordContact:
    """Adds a contact person of the landlord, or changes `contact`."""
    _require_keeper(acting_user)
    if not name.strip():
        raise ValidationError({"name": _("Ange kontaktpersonens namn.")})
    contact = contact or LandlordContact(landlord=landlord)
    contact.name, contact.role, contact.phone, contact.email = name.strip(), role.strip(), phone.strip(), email.strip()
    contact.full_clean()
    return save(contact, acting_user)


@transaction.atomic
def landlord_contact_remove(*, contact: LandlordContact, acting_user: User) -> None:
    _require_keeper(acting_user)
    delete(contact, acting_user)


@transaction.atomic
def district_save(*, district: District, acting_user: User) -> District:
    _require_keeper(acting_user)
    district.name = " ".join(district.name.split())
    district.full_clean()
    return save(district, acting_user)


@transaction.atomic
def postal_area_add(*, district: District, postal_code_from: str, postal_code_to: str, acting_user: User):
    """Adds a range of postal codes to the district; ranges never overlap (`DistrictPostalArea.clean`)."""
    _require_keeper(acting_user)
    area = DistrictPostalArea(district=district, postal_code_from=postal_code_from, postal_code_to=postal_code_to)
    area.full_clean()
    return save(area, acting_user)


@transaction.atomic
def postal_area_remove(*, area: DistrictPostalArea, acting_user: User) -> None:
    _require_keeper(acting_user)
    delete(area, acting_user)

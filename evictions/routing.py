"""Where a notice belongs: the district of the host municipality its postal code lies in, or another municipality.

Districts are postal-code areas an administrator keeps in the admin (`District`, `DistrictPostalArea`). A
deployment without districts handles every address of the host municipality itself.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases import postal_codes
from cases.models import District, DistrictPostalArea
from kompotten.models import Municipality
from kompotten.organisations import host_municipality


@dataclass(frozen=True)
class Route:
    district: District | None = None
    municipality: Municipality | None = None  # set when the address is in another municipality

    @property
    def handled_here(self) -> bool:
        return self.municipality is None and (self.district is None or self.district.handled_by_team)


def _unknown(message) -> ValidationError:
    return ValidationError({"postal_code": message})


def route_for(postal_code: str) -> Route:
    """The route for an address; a ValidationError on the postal code when it cannot be placed."""
    code = postal_codes.normalise_postal_code(postal_code)
    if len(code) != 5 or not code.isdigit():
        raise _unknown(_("Ett postnummer har fem siffror, till exempel 753 20."))
    area = (
        DistrictPostalArea.objects.filter(district__active=True, postal_code_from__lte=code, postal_code_to__gte=code)
        .select_related("district")
        .first()
    )
    if area is not None:
        return Route(district=area.district)
    found = postal_codes.lookup(code)
    if found is None:
        raise _unknown(_("Postnumret finns inte i postnummerregistret. Kontrollera de fem siffrorna."))
    host = host_municipality()
    if found[1] != host.code:
        return Route(municipality=Municipality.objects.get(code=found[1]))
    # Once the districts' postal codes are kept, a code of ours outside them is a gap to fill, not the team's. (A
    # district without postal codes is one the housing unit uses for flats: the shared register holds both.)
    if DistrictPostalArea.objects.filter(district__active=True).exists():
        raise _unknown(
            _("Postnumret ligger i %(municipality)s men i inget distrikt. Be administratören lägga till det.")
            % {"municipality": host.short_name}
        )
    return Route()


def locality_for(postal_code: str) -> str:
    found = postal_codes.lookup(postal_code)
    return found[0] if found else ""

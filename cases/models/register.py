"""The landlord and district registers that housing and eviction prevention share.

- `Landlord` (hyresvärd): a housing company, private landlord or housing cooperative; its type is what Kronofogden's
  statistics count, its organisation number (organisationsnummer, NNNNNN-NNNN with a Luhn check digit) is optional.
  A landlord's name is unique whatever its case, so "uppsalahem" and "Uppsalahem" are one landlord.
- `LandlordContact`: a landlord's contact person (for the joint meeting, for flats and agreements).
- `District` (stadsdel, område): a part of the host municipality. Flats lie in one, an applicant may have to avoid
  some, and eviction prevention routes a notice for a district it does not handle (`handled_by_team`) to that
  district's `contact`. A district covers ranges of postal codes (`DistrictPostalArea`, "752 17"–"752 29").
  Only districts marked `for_housing` are offered in the housing unit's forms (a district eviction prevention alone
  uses, "Norr", is no place for a flat); a district already chosen stays valid when its flat is edited.

The team leads of housing and of eviction prevention keep the registers in the product (`cases.register_views`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


def normalise_organisation_number(value: str) -> str:
    """ "5560360793", "556036-0793" and "16556036-0793" → "556036-0793"; raises ValidationError otherwise."""
    digits = "".join(value.split()).replace("-", "")
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError(_("Ange organisationsnumret som tio siffror, till exempel 556036-0793."))
    if not _luhn_valid(digits):
        raise ValidationError(_("Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera numret."))
    return f"{digits[:6]}-{digits[6:]}"


def validate_organisation_number(value: str) -> None:
    if value:
        normalise_organisation_number(value)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(int(d) for d in digits):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def validate_postal_code(value: str) -> None:
    if len(value) != 5 or not value.isdigit():
        raise ValidationError(_("Ett postnummer har fem siffror, till exempel 75320."))


class Landlord(models.Model):
    """A landlord (hyresvärd) or housing cooperative; the landlord type is what Kronofogden's statistics count."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Kommunalt bostadsbolag")
        PRIVATE = "private", _("Privat hyresvärd")
        COOPERATIVE = "cooperative", _("Bostadsrättsförening")

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ av hyresvärd"), max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Tio siffror, till exempel 556036-0793."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("hyresvärd")
        verbose_name_plural = _("hyresvärdar")
        constraints = [models.UniqueConstraint(Lower("name"), name="register_landlord_unique_name")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.organisation_number:
            self.organisation_number = normalise_organisation_number(self.organisation_number)


class LandlordContact(models.Model):
    """A landlord's contact person: for the monthly joint meeting, the flats and the cooperation agreement."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("roll"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson hos hyresvärden")
        verbose_name_plural = _("kontaktpersoner hos hyresvärden")

    def __str__(self):
        return self.name


class District(models.Model):
    name = models.CharField(_("namn"), max_length=100, unique=True)
    handled_by_team = models.BooleanField(
        _("handläggs av teamet"),
        default=True,
        help_text=_("Underrättelser för andra distrikt vidarebefordras dit i stället för att registreras här."),
    )
    contact = models.CharField(
        _("kontakt för vidarebefordran"),
        max_length=200,
        blank=True,
        help_text=_("Funktionsbrevlåda eller adress dit underrättelser för distriktet skickas."),
    )
    active = models.BooleanField(_("aktivt"), default=True)
    for_housing = models.BooleanField(
        _("används av bostadsenheten"),
        default=True,
        help_text=_(
            "Bostadsenheten kan välja distriktet för lägenheter och områden att undvika. Kryssa ur för distrikt "
            "som bara det vräkningsförebyggande arbetet använder."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("distrikt")
        verbose_name_plural = _("distrikt")

    def __str__(self):
        return self.name


class DistrictPostalArea(models.Model):
    """A range of postal codes (inclusive) that belongs to a district; ranges never overlap."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="postal_areas")
    postal_code_from = models.CharField(_("från postnummer"), max_length=5, validators=[validate_postal_code])
    postal_code_to = models.CharField(_("till och med postnummer"), max_length=5, validators=[validate_postal_code])
    history = HistoricalRecords()

    class Meta:
        ordering = ["postal_code_from"]
        verbose_name = _("postnummerområde")
        verbose_name_plural = _("postnummerområden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(postal_code_from__lte=models.F("postal_code_to")),
                name="register_postal_area_ordered",
            )
        ]

    def __str__(self):
        return f"{self.postal_code_from}–{self.postal_code_to}"

    def clean(self):
        if self.postal_code_from and self.postal_code_to:
            if self.postal_code_from > self.postal_code_to:
                raise ValidationError(_("Första postnumret måste vara lägre än eller lika med det sista."))
            overlapping = DistrictPostalArea.objects.filter(
                postal_code_from__lte=self.postal_code_to, postal_code_to__gte=self.postal_code_from
            ).exclude(pk=self.pk)
            clash = overlapping.select_related("district").first()
            if clash:
                raise ValidationError(
                    _("Området överlappar %(area)s i distriktet %(district)s.")
                    % {"area": clash, "district": clash.district}
                )

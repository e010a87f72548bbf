"""Catalogues an administrator keeps in the Django admin: the districts of the host municipality as postal-code
areas, and the landlords (hyresvärdar) that send notices.

A district (stadsdel, område) is a part of the host municipality with its own eviction-prevention staff; a notice
for an address in a district the team does not handle is routed there. A district covers one or more ranges of
postal codes ("752 17"–"752 29").
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


def validate_postal_code(value: str) -> None:
    if len(value) != 5 or not value.isdigit():
        raise ValidationError(_("Ett postnummer har fem siffror, till exempel 75320."))


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
                name="district_postal_area_ordered",
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


class Landlord(models.Model):
    """A landlord (hyresvärd) or housing cooperative; the landlord type is what Kronofogden's statistics count."""

    class Kind(models.TextChoices):
        PRIVATE = "private", _("Privat hyresvärd")
        MUNICIPAL = "municipal", _("Kommunalt bostadsbolag")
        COOPERATIVE = "cooperative", _("Bostadsrättsförening")

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ av hyresvärd"), max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("hyresvärd")
        verbose_name_plural = _("hyresvärdar")
        constraints = [models.UniqueConstraint(Lower("name"), name="landlord_unique_name")]

    def __str__(self):
        return self.name


class LandlordContact(models.Model):
    """A landlord's contact person for the monthly joint meeting (samverkansmöte)."""

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


class LandlordMeeting(models.Model):
    """An agreed date of the monthly joint meeting with a landlord."""

    landlord = models.ForeignKey(Landlord, on_delete=models.CASCADE, related_name="meetings")
    meets_on = models.DateField(_("mötesdag"))
    place = models.CharField(_("plats"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meets_on"]
        verbose_name = _("samverkansmöte")
        verbose_name_plural = _("samverkansmöten")
        constraints = [models.UniqueConstraint(fields=["landlord", "meets_on"], name="landlord_meeting_unique_day")]

    def __str__(self):
        return f"{self.landlord} {self.meets_on}"

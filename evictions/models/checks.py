"""The population-register check (kontroll i folkbokföringen) of a file, and the other units to inform.

Malmö's process checks, for every notice, whether the tenant is registered at the address and which children
live there — permanently, alternately (växelvis) or visiting (umgänge): the children are what Kronofogden's
statistics count as affected. The check is recorded through `evictions.register` (a manual form now, a register
integration later). If the household is known to financial aid, adult services or children and families, those
caseworkers are listed and marked when they have been informed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class RegisterCheck(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Manuell kontroll")
        REGISTER = "register", _("Folkbokföringsregistret")

    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.CASCADE, related_name="register_checks")
    checked_on = models.DateField(_("kontrollerad"))
    source = models.CharField(_("källa"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    registered_at_address = models.BooleanField(_("folkbokförd på adressen"))
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("folkbokföringskontroll")
        verbose_name_plural = _("folkbokföringskontroller")

    def __str__(self):
        return f"Folkbokföringskontroll {self.pk}"


class RegisteredChild(models.Model):
    class Living(models.TextChoices):
        PERMANENT = "permanent", _("Bor stadigvarande")
        ALTERNATE = "alternate", _("Bor växelvis")
        VISITING = "visiting", _("Umgänge")

    register_check = models.ForeignKey(RegisterCheck, on_delete=models.CASCADE, related_name="children")
    age = models.PositiveSmallIntegerField(_("ålder"))
    living = models.CharField(_("boende"), max_length=20, choices=Living.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-age", "id"]
        verbose_name = _("barn i hushållet")
        verbose_name_plural = _("barn i hushållet")
        constraints = [models.CheckConstraint(condition=models.Q(age__lte=17), name="registered_child_is_a_minor")]

    def __str__(self):
        return f"Barn {self.pk}"


class OtherUnitContact(models.Model):
    """A caseworker in another unit who knows the household and is to be informed of the notice."""

    class Unit(models.TextChoices):
        FINANCIAL_AID = "financial_aid", _("Ekonomiskt bistånd")
        ADULTS = "adults", _("Vuxenenheten")
        CHILDREN_FAMILIES = "children_families", _("Barn och familj")

    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.CASCADE, related_name="other_units")
    unit = models.CharField(_("enhet"), max_length=20, choices=Unit.choices)
    caseworker = models.CharField(_("handläggare"), max_length=200)
    informed_on = models.DateField(_("informerad"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit", "id"]
        verbose_name = _("handläggare att informera")
        verbose_name_plural = _("handläggare att informera")
        constraints = [models.UniqueConstraint(fields=["file", "unit", "caseworker"], name="other_unit_contact_unique")]

    def __str__(self):
        return f"{self.get_unit_display()} ({self.pk})"

"""Nexus's part of the housing chain: protected-housing placements, Nexus's own transition and emergency flats, and
kundvård with the municipal landlord.

- `ProtectedPlacement` (placering i skyddat boende) with a provider under the framework agreement
  (`ShelterProvider`): start and end, the household, and on ending the outcome the committee counts (seed 001's
  57 placements ended in 2025), each with the number of children;
- `NexusFlat` (utslussnings- eller jourlägenhet) and who lives there since when (`NexusFlatStay`). Referring the
  occupant to the housing unit (`application_refer`) does not end the stay: she often lives there for months more.
  The hand-over records the planned move-out (a deadline on the Nexus case when it lies ahead); only the recorded
  move-out (`until`) frees the flat;
- `Kundvard`: an existing tenant of the municipal landlord exposed to violence; Nexus confirms the need after a
  threat and risk assessment, the landlord decides; a new flat, maybe a new lease in the victim's name, and the
  old flat maybe offered to the municipality for a social contract (then it enters the flats list). The new
  flat's address is the person's new home, so it is kept on the person (`cases.services.person_move`), not here.

Each belongs to a Nexus case, so the access policy decides who sees it; partners never do.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class ShelterProvider(models.Model):
    name = models.CharField(_("namn"), max_length=150, unique=True)
    agreement = models.CharField(_("ramavtal"), max_length=150, help_text=_("Till exempel ramavtalets diarienummer."))
    active = models.BooleanField(_("används"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("leverantör av skyddat boende")
        verbose_name_plural = _("leverantörer av skyddat boende")

    def __str__(self):
        return self.name


class PlacementOutcome(models.TextChoices):
    """How a placement ended, in the categories of the committee's yearly evaluation."""

    FIRST_HAND_VIA_PROVIDER = "first_hand_via_provider", _("Förstahandskontrakt genom leverantören")
    NEXUS_FLAT_THEN_CHAIN = "nexus_flat_then_chain", _("Nexus utslussningslägenhet, sedan kontrakt via boendekedjan")
    OTHER_INTERVENTION = "other_intervention", _("Annan insats från socialförvaltningen (utredningshem, stödboende)")
    LANSKOMPOTTEN = "lanskompotten", _("Lägenhet genom Länskompotten")
    KUNDVARD = "kundvard", _("Lägenhet genom hyresvärdens kundvård")
    BACK_TO_PERPETRATOR = "back_to_perpetrator", _("Flyttade tillbaka till förövaren")
    OWN_SOLUTION = "own_solution", _("Egen lösning")


class ProtectedPlacement(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="placements")
    provider = models.ForeignKey(
        ShelterProvider, on_delete=models.PROTECT, related_name="placements", verbose_name=_("leverantör")
    )
    starts_on = models.DateField(_("placerad från"))
    ends_on = models.DateField(_("avslutad"), null=True, blank=True)
    adults = models.PositiveSmallIntegerField(_("vuxna"), default=1)
    children = models.PositiveSmallIntegerField(_("medföljande barn"), default=0)
    outcome = models.CharField(_("utfall"), max_length=40, choices=PlacementOutcome.choices, blank=True)
    outcome_children = models.PositiveSmallIntegerField(_("barn som fick stadigvarande boende"), null=True, blank=True)
    note = models.TextField(_("anteckning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("placering i skyddat boende")
        verbose_name_plural = _("placeringar i skyddat boende")
        constraints = [
            models.CheckConstraint(
                condition=(Q(ends_on__isnull=True) & Q(outcome="")) | (Q(ends_on__isnull=False) & ~Q(outcome="")),
                name="placement_ended_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="placement_period_in_order",
            ),
        ]

    def __str__(self):
        return f"Placering {self.pk}"


class NexusFlat(models.Model):
    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Utslussningslägenhet")
        EMERGENCY = "emergency", _("Jourlägenhet")

    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    label = models.CharField(
        _("beteckning"),
        max_length=50,
        unique=True,
        help_text=_("Internt namn, till exempel ”U3”; adressen visas bara för behöriga."),
    )
    street_address = models.CharField(_("gatuadress"), max_length=200)
    postal_code = models.CharField(_("postnummer"), max_length=5)
    rooms = models.PositiveSmallIntegerField(_("rum"))
    active = models.BooleanField(_("används"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["label"]
        verbose_name = _("Nexus lägenhet")
        verbose_name_plural = _("Nexus lägenheter")

    def __str__(self):
        return self.label


class NexusFlatStay(models.Model):
    flat = models.ForeignKey(NexusFlat, on_delete=models.PROTECT, related_name="stays")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="nexus_flat_stays")
    since = models.DateField(_("bor där sedan"))
    until = models.DateField(_("flyttade"), null=True, blank=True)
    planned_move_out = models.DateField(_("planerad utflyttning"), null=True, blank=True)
    move_out_deadline = models.OneToOneField(
        "cases.Deadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frist för utflyttningen"),
    )
    handed_over_to = models.OneToOneField(
        "housing.HousingApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("överlämnad till boendekedjan"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-since", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["flat"], condition=Q(until__isnull=True), name="nexus_flat_one_occupant")
        ]

    def __str__(self):
        return f"Boende {self.pk}"


class Kundvard(models.Model):
    """Landlord customer care for a tenant exposed to violence (kundvård vid våld i nära relation)."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Väntar på hyresvärdens beslut")
        GRANTED = "granted", _("Beviljad")
        REFUSED = "refused", _("Avslagen")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="kundvard")
    landlord = models.ForeignKey(
        "cases.Landlord", on_delete=models.PROTECT, related_name="+", verbose_name=_("hyresvärd")
    )
    requested_on = models.DateField(_("begärd"))
    risk_assessed_on = models.DateField(_("hot- och riskbedömning gjord"))
    lived_with_perpetrator = models.BooleanField(_("bodde med förövaren"), default=False)
    decision = models.CharField(
        _("hyresvärdens beslut"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)
    moved_on = models.DateField(_("flyttade"), null=True, blank=True)
    new_lease_in_victims_name = models.BooleanField(_("nytt hyresavtal i den våldsutsattas namn"), default=False)
    old_flat = models.OneToOneField(
        "housing.Flat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gamla lägenheten erbjuden kommunen"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-id"]
        verbose_name = _("kundvård")
        verbose_name_plural = _("kundvård")

    def __str__(self):
        return f"Kundvård {self.pk}"

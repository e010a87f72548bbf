"""Landlords, flats and the reservation pools that flats for social contracts come from.

- the landlord (hyresvärd, `cases.Landlord` in the shared register) has a
  cooperation agreement (samverkansavtal) giving a yearly quota of flats for social contracts;
- `ReservationPool` with a `PoolQuota` per year: flats reserved for relocation requests (five a year proposed),
  up to two a year for the women's shelter (Kvinnojour), ordinary social contracts under a landlord's agreement;
- `PoolUse`: a flat taken from a pool in a year; taking one from an empty pool is an explicit, recorded override;
- `Flat`: address, district, rooms, area, rent, floor, accessibility, available from. A flat let to a person with
  protected data is itself protected: its address follows that person's access rules (`housing.selectors`).
  A flat of the Kvinnojour pool is let to the women's shelter itself (`shelter_name`), which lets it on to whom it
  chooses: no person is recorded, so none of her data is in the system.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from housing.models.application import Accessibility
from housing.workflow import FlatStatus


class CooperationAgreement(models.Model):
    """Samverkansavtal: the landlord gives a yearly quota of flats for social contracts."""

    landlord = models.ForeignKey("cases.Landlord", on_delete=models.PROTECT, related_name="agreements")
    valid_from = models.DateField(_("gäller från"))
    valid_until = models.DateField(_("gäller till och med"), null=True, blank=True)
    yearly_quota = models.PositiveSmallIntegerField(_("lägenheter per år"))
    note = models.TextField(_("villkor"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("samverkansavtal")
        verbose_name_plural = _("samverkansavtal")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_period_in_order",
            )
        ]

    def __str__(self):
        return f"{self.landlord}: {self.yearly_quota}"


class ReservationPool(models.Model):
    class Kind(models.TextChoices):
        RELOCATION = "relocation", _("Förflyttningar (Kompotten/Länskompotten)")
        WOMENS_SHELTER = "womens_shelter", _("Kvinnojouren")
        SOCIAL_CONTRACT = "social_contract", _("Bostadssociala kontrakt (samverkansavtal)")

    name = models.CharField(_("namn"), max_length=150, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    landlord = models.ForeignKey(
        "cases.Landlord", on_delete=models.PROTECT, related_name="pools", verbose_name=_("hyresvärd")
    )
    active = models.BooleanField(_("används"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("reservationspott")
        verbose_name_plural = _("reservationspotter")

    def __str__(self):
        return self.name


# "A few" flats left of a pool's yearly quota: at most this many (and at least one) is "Snart slut".
POOL_FEW_LEFT = 2


class PoolStatus(models.TextChoices):
    """A pool's year in one word, as the landlord and the housing unit say it."""

    FLATS_LEFT = "flats_left", _("Lägenheter kvar")
    FEW_LEFT = "few_left", _("Snart slut")
    EMPTY = "empty", _("Slut")
    OVER_QUOTA = "over_quota", _("Över kvoten")

    @classmethod
    def of(cls, *, promised: int, used: int) -> "PoolStatus":
        if used > promised:
            return cls.OVER_QUOTA
        if used == promised:
            return cls.EMPTY
        if promised - used <= POOL_FEW_LEFT:
            return cls.FEW_LEFT
        return cls.FLATS_LEFT


class PoolQuota(models.Model):
    """How many flats the landlord promised to the pool in one year."""

    pool = models.ForeignKey(ReservationPool, on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField(_("år"))
    promised = models.PositiveSmallIntegerField(_("utlovade lägenheter"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("kvot")
        verbose_name_plural = _("kvoter")
        constraints = [models.UniqueConstraint(fields=["pool", "year"], name="pool_quota_unique_year")]

    def __str__(self):
        return f"{self.pool} {self.year}: {self.promised}"


class Flat(models.Model):
    Status = FlatStatus  # the states and their moves: housing.workflow.FLAT

    landlord = models.ForeignKey(
        "cases.Landlord", on_delete=models.PROTECT, related_name="flats", verbose_name=_("hyresvärd")
    )
    pool = models.ForeignKey(
        ReservationPool,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flats",
        verbose_name=_("reservationspott"),
    )
    street_address = models.CharField(_("gatuadress"), max_length=200)
    postal_code = models.CharField(_("postnummer"), max_length=5)
    locality = models.CharField(_("postort"), max_length=100)
    district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, related_name="flats", verbose_name=_("område")
    )
    rooms = models.PositiveSmallIntegerField(_("rum"))
    area = models.DecimalField(_("yta (m²)"), max_digits=5, decimal_places=1)
    rent = models.PositiveIntegerField(_("månadshyra (kr)"))
    floor = models.SmallIntegerField(_("våning"))
    accessibility = models.CharField(
        _("tillgänglighet"), max_length=20, choices=Accessibility.choices, default=Accessibility.NONE
    )
    available_from = models.DateField(_("ledig från"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE)
    tenant = models.ForeignKey(
        "cases.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hyresgäst"),
    )
    shelter_name = models.CharField(_("uthyrd till kvinnojouren"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["available_from", "id"]
        verbose_name = _("lägenhet")
        verbose_name_plural = _("lägenheter")
        constraints = [
            models.CheckConstraint(condition=Q(rooms__gte=1), name="flat_has_a_room"),
            models.CheckConstraint(
                condition=~Q(status="let") | Q(tenant__isnull=False) | ~Q(shelter_name=""),
                name="flat_let_has_tenant_or_shelter",
            ),
            models.CheckConstraint(
                condition=Q(tenant__isnull=True) | Q(shelter_name=""), name="flat_tenant_or_shelter_not_both"
            ),
        ]
        indexes = [models.Index(fields=["status", "available_from"])]

    def __str__(self):
        # Never the address: a flat let to a protected person must not show it in logs or admin breadcrumbs.
        return f"Lägenhet {self.pk}"

    @property
    def let_to_shelter(self) -> bool:
        return bool(self.shelter_name)


class PoolUse(models.Model):
    """A flat taken from a pool in a year. From an empty pool only with an override and its reason."""

    pool = models.ForeignKey(ReservationPool, on_delete=models.PROTECT, related_name="uses")
    year = models.PositiveSmallIntegerField(_("år"))
    flat = models.ForeignKey(Flat, on_delete=models.PROTECT, related_name="pool_uses")
    used_on = models.DateField(_("datum"))
    override_reason = models.TextField(_("skäl att gå över kvoten"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-used_on", "-id"]
        verbose_name = _("uttag ur reservationspott")
        verbose_name_plural = _("uttag ur reservationspotter")
        indexes = [models.Index(fields=["pool", "year"])]

    def __str__(self):
        return f"{self.pool} {self.year}"

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)

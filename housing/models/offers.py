"""Offers of flats to queued applicants (erbjudanden), and the catalogue of decline reasons.

An offer records the flat, the date, the answer deadline and the answer; at most one open offer per applicant and
per flat (database constraints, and the service checks first). Each offer keeps the queue as it stood when it was
made (`queue_snapshot`), and an offer out of queue order carries its written reason, so the choice can be
explained later. A decline names a reason from `DeclineReason`, which says who declined and what follows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from housing.workflow import OfferStatus


class DeclineReason(models.Model):
    class Who(models.TextChoices):
        APPLICANT = "applicant", _("Sökande tackade nej")
        LANDLORD = "landlord", _("Hyresvärden sa nej")
        FLAT_UNSUITABLE = "flat_unsuitable", _("Lägenheten var olämplig")

    class Consequence(models.TextChoices):
        NONE = "none", _("Ingen: behåller sin plats i kön")
        PAUSE = "pause", _("Pausas i kön till ett datum")
        BACK_TO_INVESTIGATION = "back_to_investigation", _("Tillbaka till utredning")

    label = models.CharField(_("skäl"), max_length=200, unique=True)
    who = models.CharField(_("vem"), max_length=20, choices=Who.choices)
    consequence = models.CharField(_("följd"), max_length=30, choices=Consequence.choices)
    pause_days = models.PositiveSmallIntegerField(
        _("pausens längd i dagar"), default=0, help_text=_("Förslag när följden är paus; handläggaren kan ändra.")
    )
    active = models.BooleanField(_("används"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["who", "label"]
        verbose_name = _("skäl att tacka nej")
        verbose_name_plural = _("skäl att tacka nej")

    def __str__(self):
        return self.label


class Offer(models.Model):
    Status = OfferStatus  # the states and their moves: housing.workflow.OFFER

    application = models.ForeignKey("housing.HousingApplication", on_delete=models.PROTECT, related_name="offers")
    flat = models.ForeignKey("housing.Flat", on_delete=models.PROTECT, related_name="offers")
    offered_on = models.DateField(_("erbjudet"))
    answer_by = models.DateField(_("svar senast"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    answered_on = models.DateField(_("besvarat"), null=True, blank=True)
    decline_reason = models.ForeignKey(
        DeclineReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skäl att tacka nej"),
    )
    answer_note = models.TextField(_("kommentar"), blank=True)
    paused_until = models.DateField(_("pausad till"), null=True, blank=True)
    position = models.PositiveIntegerField(_("plats i kön när erbjudandet lämnades"))
    out_of_order_reason = models.TextField(_("skäl att gå förbi kön"), blank=True)
    pool_override_reason = models.TextField(_("skäl att gå över pottens kvot"), blank=True)
    queue_snapshot = models.JSONField(_("kön när erbjudandet lämnades"))
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_on", "-id"]
        verbose_name = _("erbjudande")
        verbose_name_plural = _("erbjudanden")
        constraints = [
            models.UniqueConstraint(
                fields=["application"], condition=Q(status="open"), name="offer_one_open_per_applicant"
            ),
            models.UniqueConstraint(fields=["flat"], condition=Q(status="open"), name="offer_one_open_per_flat"),
            models.CheckConstraint(condition=Q(answer_by__gte=models.F("offered_on")), name="offer_answer_after"),
        ]
        indexes = [models.Index(fields=["status", "answer_by"])]

    def __str__(self):
        return f"Erbjudande {self.pk}"

    @property
    def out_of_order(self) -> bool:
        return bool(self.out_of_order_reason)

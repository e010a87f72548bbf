"""Closing a file (avslut), by its ground, with the outcome Kronofogden's statistics count: whether the household
stayed, moved by themselves or was evicted, the children affected, and whether social services attended the
eviction. The grounds follow Malmö's process: rent debt when paid; sanitary reasons when cleaned and inspected;
disturbance after a quiet period; a minor warning answered with only a contact letter after about a month; an
eviction when executed or withdrawn. A file reopened by a new notice keeps its earlier closures.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class Closure(models.Model):
    class Ground(models.TextChoices):
        DEBT_PAID = "debt_paid", _("Hyresskulden är betald")
        CLEANED = "cleaned", _("Lägenheten är städad och besiktigad")
        QUIET = "quiet", _("Inga störningar under en lugn period")
        MINOR_WARNING = "minor_warning", _("Mindre varning, bara kontaktbrev")
        EVICTION_EXECUTED = "eviction_executed", _("Avhysningen är verkställd")
        EVICTION_WITHDRAWN = "eviction_withdrawn", _("Ansökan om avhysning är återkallad")
        OTHER = "other", _("Annat skäl")

    class Outcome(models.TextChoices):
        STAYED = "stayed", _("Bor kvar")
        MOVED = "moved", _("Flyttade själv")
        EVICTED = "evicted", _("Avhystes")
        OTHER = "other", _("Annat")

    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="closures")
    closed_on = models.DateField(_("avslutat"))
    ground = models.CharField(_("grund"), max_length=20, choices=Ground.choices)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    children_affected = models.PositiveSmallIntegerField(_("berörda barn"), default=0)
    social_services_attended = models.BooleanField(_("socialtjänsten närvarade vid avhysningen"), null=True)
    note = models.CharField(_("anteckning"), max_length=500, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-closed_on", "-id"]
        verbose_name = _("avslut")
        verbose_name_plural = _("avslut")
        indexes = [models.Index(fields=["closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(ground="eviction_executed") | models.Q(outcome="evicted"),
                name="closure_executed_eviction_is_evicted",
            )
        ]

    def __str__(self):
        return f"Avslut {self.pk}"

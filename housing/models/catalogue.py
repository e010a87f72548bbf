"""Catalogues the housing unit keeps in the Django admin (the administrator role edits them).

- `ChecklistItem`: the points of the unit's own investigation (utredning) before a decision;
- `DecisionDeadlineRule`: how long the unit has to decide, per referral kind (three months unless changed).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class ReferralKind(models.TextChoices):
    """Who referred the applicant to the housing unit: one process for every referral."""

    HOUSING_CHAIN = "housing_chain", _("Boendekedjan (Nexus)")
    RELOCATION = "relocation", _("Förflyttningsärende (Kompotten/Länskompotten)")
    DIRECT = "direct", _("Direkt till bostadsenheten")


DEFAULT_DECISION_MONTHS = 3


class ChecklistItem(models.Model):
    """One point of the investigation; every active point is checked before a decision."""

    label = models.CharField(_("punkt"), max_length=200, unique=True)
    help_text = models.CharField(_("vägledning"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    active = models.BooleanField(_("används"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("punkt i utredningens checklista")
        verbose_name_plural = _("utredningens checklista")

    def __str__(self):
        return self.label


class DecisionDeadlineRule(models.Model):
    """The time from referral to decision for one referral kind (about three months, per the domain)."""

    referral_kind = models.CharField(_("remissväg"), max_length=20, choices=ReferralKind.choices, unique=True)
    months = models.PositiveSmallIntegerField(
        _("månader till beslut"),
        default=DEFAULT_DECISION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["referral_kind"]
        verbose_name = _("frist för beslut")
        verbose_name_plural = _("frister för beslut")

    def __str__(self):
        return f"{self.get_referral_kind_display()}: {self.months}"

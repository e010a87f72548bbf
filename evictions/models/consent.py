"""The household's consent (medgivande, Bilaga 3 of Kronofogden's method support): which partners the team may
discuss the case and exchange information with. Printed with the tenants' names and personal identity numbers for
signing, recorded as signed on a date, and revocable at any time: after a revocation the file shows it, and the
services refuse contacts with a partner no current consent covers (`evictions.services.consent_covers`).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class Partner(models.TextChoices):
    LANDLORD = "landlord", _("Hyresvärden eller inkassobolaget")
    LABOUR_MARKET = "labour_market", _("Arbetsmarknadsenheten")
    CARE = "care", _("Vård och omsorg")
    PRIMARY_CARE = "primary_care", _("Primärvården")
    PSYCHIATRY = "psychiatry", _("Psykiatrin")
    RELATIVES = "relatives", _("Anhöriga")
    GUARDIAN = "guardian", _("God man eller förvaltare")
    OTHER = "other", _("Annan namngiven part")


class Consent(models.Model):
    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="consents")
    partners = ArrayField(models.CharField(max_length=20, choices=Partner.choices), verbose_name=_("parter"))
    other_named = models.CharField(_("annan part, namn"), max_length=200, blank=True)
    signed_on = models.DateField(_("undertecknat"), null=True, blank=True)
    revoked_on = models.DateField(_("återkallat"), null=True, blank=True)
    revocation_note = models.CharField(_("anteckning om återkallelsen"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("medgivande")
        verbose_name_plural = _("medgivanden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_on__isnull=True) | models.Q(signed_on__isnull=False),
                name="consent_revoked_only_when_signed",
            ),
            models.CheckConstraint(
                condition=~models.Q(partners__contains=["other"]) | ~models.Q(other_named=""),
                name="consent_other_partner_is_named",
            ),
        ]

    def __str__(self):
        return f"Medgivande {self.pk}"

    @property
    def in_force(self) -> bool:
        return self.signed_on is not None and self.revoked_on is None

    def partner_labels(self, other_named: str | None = None) -> list[str]:
        """The partners' labels, the other party by its name (or by `other_named`: masked, for a page)."""
        labels = [str(Partner(partner).label) for partner in self.partners if partner != Partner.OTHER]
        if Partner.OTHER in self.partners:
            labels.append(self.other_named if other_named is None else other_named)
        return labels

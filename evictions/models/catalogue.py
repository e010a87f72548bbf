"""The dates of the monthly joint meeting with a landlord. The landlords and districts themselves are the shared
register of the case core (`cases.models.register`), kept by the team leads of housing and eviction prevention.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

# evictions/migrations/0001_initial.py names the validator here, where the district catalogue was before.
from cases.models.register import validate_postal_code  # noqa: F401


class LandlordMeeting(models.Model):
    """An agreed date of the monthly joint meeting with a landlord."""

    landlord = models.ForeignKey("cases.Landlord", on_delete=models.CASCADE, related_name="meetings")
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

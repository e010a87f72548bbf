"""The housing application (ansökan om bostadssocialt kontrakt): a `Case` of kind housing with its own details.

Whoever refers (Nexus for the housing chain, a relocation request, or the housing unit itself) goes through
`housing.services.application_refer`. The unit investigates independently (`ChecklistCheck`), decides
(`Decision`, approve = bifall, reject = avslag) and queues the approved. The status moves only by the table in
`housing.workflow`; each move is an `ApplicationTransition` row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from housing.models.catalogue import ReferralKind
from housing.workflow import ApplicationStatus


class Accessibility(models.TextChoices):
    NONE = "none", _("Inga särskilda krav")
    ELEVATOR = "elevator", _("Hiss eller bottenvåning")
    WHEELCHAIR = "wheelchair", _("Tillgänglig för rullstol")


class HousingApplication(models.Model):
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="housing_application", verbose_name=_("ärende")
    )
    referral_kind = models.CharField(_("remissväg"), max_length=20, choices=ReferralKind.choices)
    referred_on = models.DateField(_("remitterad"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("remitterad av")
    )
    referring_unit = models.ForeignKey(
        "kompotten.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="housing_referrals",
        verbose_name=_("remitterande enhet"),
    )
    referring_municipality = models.ForeignKey(
        "kompotten.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("remitterande kommun"),
    )
    nexus_case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="housing_referrals",
        verbose_name=_("Nexus stödärende"),
        help_text=_("Nexus eget ärende för klienten som remissen kom från; visas aldrig för bostadsenheten."),
    )
    background = models.TextField(_("bakgrund och skäl för remissen"))
    adults = models.PositiveSmallIntegerField(_("vuxna i hushållet"), default=1)
    children = models.PositiveSmallIntegerField(_("barn i hushållet"), default=0)
    rooms = models.PositiveSmallIntegerField(_("antal rum som behövs"), default=1)
    accessibility = models.CharField(
        _("tillgänglighet"), max_length=20, choices=Accessibility.choices, default=Accessibility.NONE
    )
    avoid_districts = models.ManyToManyField(
        "cases.District", blank=True, related_name="+", verbose_name=_("områden som måste undvikas")
    )
    avoid_municipalities = models.ManyToManyField(
        "kompotten.Municipality", blank=True, related_name="+", verbose_name=_("kommuner som måste undvikas")
    )
    wishes = models.TextField(_("övriga önskemål"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.REFERRED
    )
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    paused_until = models.DateField(_("pausad i kön till"), null=True, blank=True)
    decision_deadline = models.OneToOneField(
        "cases.Deadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frist för beslut"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("ansökan om bostadssocialt kontrakt")
        verbose_name_plural = _("ansökningar om bostadssocialt kontrakt")
        constraints = [
            models.CheckConstraint(
                condition=Q(referring_unit__isnull=False, referring_municipality__isnull=True)
                | Q(referring_unit__isnull=True, referring_municipality__isnull=False),
                name="housing_application_one_referrer",
            ),
            models.CheckConstraint(condition=Q(rooms__gte=1) & Q(adults__gte=1), name="housing_application_sizes"),
        ]
        indexes = [
            models.Index(fields=["status", "decided_on"]),
            models.Index(fields=["referring_unit", "status"]),
            # A referring unit's latest referrals (Nexus's start page and its referral list), newest first.
            models.Index(fields=["referring_unit", "-referred_on", "-id"], name="application_referrals_latest"),
        ]

    def __str__(self):
        return f"Ansökan {self.pk}"

    @property
    def handed_over_from_relocation_request(self) -> bool:
        """Made by the hand-over of a relocation request from a partner municipality. The request keeps the link
        (`RelocationRequest.housing_case`, in an app above this one); here it shows as the referring municipality,
        which only that hand-over sets: the referral form always names a referring unit."""
        return self.referral_kind == ReferralKind.RELOCATION and self.referring_municipality_id is not None

    @property
    def referrer_name(self) -> str:
        return str(self.referring_unit.name if self.referring_unit_id else self.referring_municipality)


class ApplicationTransition(models.Model):
    """One move of the status: who, when, why. Written by `application_transition` only."""

    application = models.ForeignKey(HousingApplication, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    reason = models.TextField(_("skäl"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status} -> {self.to_status}"


class ChecklistCheck(models.Model):
    """A point of the investigation checked for one application."""

    application = models.ForeignKey(HousingApplication, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey("housing.ChecklistItem", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("kommentar"), max_length=500, blank=True)
    checked_on = models.DateField(_("klar"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="checklist_check_unique")]

    def __str__(self):
        return f"{self.application} {self.item}"


class Decision(models.Model):
    """A decision on a social housing contract: an individual decision, in writing, with reasons and how to appeal."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Bifall")
        REJECTED = "rejected", _("Avslag")

    application = models.ForeignKey(HousingApplication, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("beslut"), max_length=20, choices=Outcome.choices)
    reasons = models.TextField(_("motivering"))
    decided_on = models.DateField(_("beslutsdatum"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("beslutsfattare")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    def __str__(self):
        return f"Beslut {self.pk}"

"""Social contracts (bostadssociala kontrakt) and their follow-up during the trial period (prövotid).

Either the municipality holds the first-hand lease and sublets (andrahandskontrakt), or the tenant holds the lease
with a municipal rent guarantee (hyresgaranti: amount and period). The trial runs 18 months unless set otherwise
(12–24); follow-up visits record remarks on payment, disturbance and care of the flat. At the end the contract
passes to the tenant as a first-hand contract (recorded), the trial is extended, or the contract ends — each with
its reasons.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from housing.workflow import ContractStatus

DEFAULT_TRIAL_MONTHS = 18
MIN_TRIAL_MONTHS, MAX_TRIAL_MONTHS = 12, 24


class SocialContract(models.Model):
    class Form(models.TextChoices):
        SUBLET = "sublet", _("Kommunen hyr i första hand och hyr ut i andra hand")
        GUARANTEE = "guarantee", _("Hyresgästen har kontraktet, med kommunal hyresgaranti")

    Status = ContractStatus  # the states and their moves: housing.workflow.CONTRACT

    application = models.OneToOneField(
        "housing.HousingApplication", on_delete=models.PROTECT, related_name="contract", verbose_name=_("ansökan")
    )
    flat = models.ForeignKey("housing.Flat", on_delete=models.PROTECT, related_name="contracts")
    form = models.CharField(_("kontraktsform"), max_length=20, choices=Form.choices, default=Form.SUBLET)
    guarantee_amount = models.PositiveIntegerField(_("garantibelopp (kr)"), null=True, blank=True)
    guarantee_from = models.DateField(_("garanti från"), null=True, blank=True)
    guarantee_until = models.DateField(_("garanti till och med"), null=True, blank=True)
    starts_on = models.DateField(_("startdatum"))
    trial_months = models.PositiveSmallIntegerField(
        _("prövotid (månader)"),
        default=DEFAULT_TRIAL_MONTHS,
        validators=[MinValueValidator(MIN_TRIAL_MONTHS), MaxValueValidator(MAX_TRIAL_MONTHS)],
    )
    trial_ends_on = models.DateField(_("prövotiden slutar"))
    trial_deadline = models.OneToOneField(
        "cases.Deadline", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.TRIAL)
    closed_on = models.DateField(_("övergått eller avslutat"), null=True, blank=True)
    # The day the move-in (the contract's start) was told to whoever referred the applicant (housing.handovers):
    # at the acceptance when the contract starts then or earlier, else by the daily task on the start date.
    move_in_reported_on = models.DateField(_("inflyttning rapporterad"), null=True, blank=True)
    closing_reason = models.TextField(_("skäl"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["trial_ends_on", "id"]
        verbose_name = _("bostadssocialt kontrakt")
        verbose_name_plural = _("bostadssociala kontrakt")
        constraints = [
            models.CheckConstraint(
                condition=~Q(form="guarantee")
                | (
                    Q(guarantee_amount__isnull=False)
                    & Q(guarantee_from__isnull=False)
                    & Q(guarantee_until__isnull=False)
                ),
                name="contract_guarantee_complete",
            ),
            models.CheckConstraint(
                condition=Q(trial_months__gte=MIN_TRIAL_MONTHS) & Q(trial_months__lte=MAX_TRIAL_MONTHS),
                name="contract_trial_months_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "trial_ends_on"])]

    def __str__(self):
        return f"Kontrakt {self.pk}"


class FollowUp(models.Model):
    """A follow-up visit or call during the trial, with its remarks (anmärkningar)."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Hembesök")
        CALL = "call", _("Telefonsamtal")
        LANDLORD = "landlord", _("Kontakt med hyresvärden")

    contract = models.ForeignKey(SocialContract, on_delete=models.CASCADE, related_name="follow_ups")
    happened_on = models.DateField(_("datum"))
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    payment_remark = models.BooleanField(_("anmärkning: betalning"), default=False)
    disturbance_remark = models.BooleanField(_("anmärkning: störningar"), default=False)
    care_remark = models.BooleanField(_("anmärkning: skötsel av lägenheten"), default=False)
    note = models.TextField(_("anteckning"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")

    def __str__(self):
        return f"Uppföljning {self.pk}"

    @property
    def has_remarks(self) -> bool:
        return self.payment_remark or self.disturbance_remark or self.care_remark


class TrialChange(models.Model):
    """An extension of the trial, with its reason."""

    contract = models.ForeignKey(SocialContract, on_delete=models.CASCADE, related_name="trial_changes")
    months_before = models.PositiveSmallIntegerField()
    months_after = models.PositiveSmallIntegerField()
    reason = models.TextField(_("skäl"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.months_before} -> {self.months_after}"

"""The contact ladder (kontakttrappan) and what comes of it: every attempt to reach the household and every talk
with the landlord, other units and Kronofogden; the landlord's answer; a repayment plan; financial aid.

Kronofogden's method guide asks each team for a process goal per target group ("letter, phone and a visit offer to
every family with children before the recovery period ends"), so every file shows which steps are done and the
team can show what it did even when an eviction became unavoidable. When the ladder is exhausted without reaching a
family with children, the file prompts the decision whether to open an investigation.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from evictions.models.consent import Partner
from evictions.workflow import InstalmentStatus, PlanStatus


class ContactKind(models.TextChoices):
    LETTER = "letter", _("Brev")
    CALL = "call", _("Telefonsamtal")
    SMS = "sms", _("Sms")
    VISIT = "visit", _("Besök")
    HOME_VISIT = "home_visit", _("Hembesök")
    LANDLORD = "landlord", _("Kontakt med hyresvärden")
    NETWORK_MEETING = "network_meeting", _("Nätverksmöte")
    OFFICIALS_MEETING = "officials_meeting", _("Tjänstemannamöte")
    KRONOFOGDEN = "kronofogden", _("Kontakt med Kronofogden")
    EVICTION_DAY = "eviction_day", _("Närvaro vid avhysningen")


class Contact(models.Model):
    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="contacts")
    kind = models.CharField(_("kontakt"), max_length=20, choices=ContactKind.choices)
    happened_on = models.DateField(_("datum"))
    reached = models.BooleanField(_("kontakt med hushållet"), default=False)
    partner = models.CharField(
        _("part som fick eller gav uppgifter"), max_length=20, choices=Partner.choices, blank=True
    )
    note = models.TextField(_("anteckning"), blank=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("kontakt")
        verbose_name_plural = _("kontakter")
        indexes = [models.Index(fields=["file", "kind"])]

    def __str__(self):
        return f"Kontakt {self.pk}"


class RepaymentPlan(models.Model):
    """A repayment plan (avbetalningsplan) the landlord agreed to."""

    Status = PlanStatus  # the states and their moves: evictions.workflow.REPAYMENT_PLAN

    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="repayment_plans")
    agreed_on = models.DateField(_("överenskommen"))
    debt = models.DecimalField(_("skuld (kr)"), max_digits=10, decimal_places=2)
    monthly_amount = models.DecimalField(_("belopp per månad (kr)"), max_digits=10, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_on = models.DateField(_("status sedan"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-agreed_on", "-id"]
        verbose_name = _("avbetalningsplan")
        verbose_name_plural = _("avbetalningsplaner")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(debt__gt=0, monthly_amount__gt=0), name="repayment_plan_positive_amounts"
            )
        ]

    def __str__(self):
        return f"Avbetalningsplan {self.pk}"


class Instalment(models.Model):
    """One instalment of a repayment plan, paid or missed; a missed one prompts a contact with the household
    (`contact_deadline`, met when a contact is logged)."""

    Status = InstalmentStatus  # the states and their moves: evictions.workflow.INSTALMENT

    plan = models.ForeignKey(RepaymentPlan, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("nummer"))
    due_on = models.DateField(_("ska betalas senast"))
    amount = models.DecimalField(_("belopp (kr)"), max_digits=10, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.EXPECTED)
    status_on = models.DateField(_("status sedan"), null=True, blank=True)
    contact_deadline = models.OneToOneField(
        "cases.Deadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kontakt efter missad betalning"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("avbetalning")
        verbose_name_plural = _("avbetalningar")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="instalment_unique_number")]

    def __str__(self):
        return f"Avbetalning {self.pk}"


class FinancialAid(models.Model):
    """An application for financial aid (ekonomiskt bistånd) for the debt, split into capital and costs."""

    class Decision(models.TextChoices):
        GRANTED = "granted", _("Beviljat")
        PARTLY = "partly", _("Delvis beviljat")
        REFUSED = "refused", _("Avslag")

    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="financial_aid")
    applied_on = models.DateField(_("ansökt"))
    capital = models.DecimalField(_("hyresskuld, kapital (kr)"), max_digits=10, decimal_places=2)
    costs = models.DecimalField(_("kostnader och ränta (kr)"), max_digits=10, decimal_places=2, default=0)
    decided_on = models.DateField(_("beslutat"), null=True, blank=True)
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices, blank=True)
    granted_amount = models.DecimalField(_("beviljat belopp (kr)"), max_digits=10, decimal_places=2, null=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("ekonomiskt bistånd")
        verbose_name_plural = _("ekonomiskt bistånd")

    def __str__(self):
        return f"Ekonomiskt bistånd {self.pk}"


class ProcessGoal(models.Model):
    """The team's process goal: the ladder steps every household of the target group is offered before the recovery
    period ends."""

    class Target(models.TextChoices):
        FAMILIES = "families", _("Familjer med barn")
        ALL = "all", _("Alla hushåll")

    unit = models.OneToOneField("kompotten.Unit", on_delete=models.PROTECT, related_name="eviction_process_goal")
    target = models.CharField(_("målgrupp"), max_length=20, choices=Target.choices, default=Target.FAMILIES)
    steps = ArrayField(models.CharField(max_length=20, choices=ContactKind.choices), verbose_name=_("steg"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("processmål")
        verbose_name_plural = _("processmål")

    def __str__(self):
        return f"Processmål {self.unit_id}"

"""The monthly joint meeting with a landlord (samverkansmöte), as held: who attended and what was agreed per file;
and the landlord's late payers brought to it before any termination (seed 004's timeline: reminder day 2, debt
collection day 7, personal visit day 19, the meeting day 24, Kronofogden day 28).

The meeting itself (landlord, day, place) is `LandlordMeeting` in the catalogue. A late payer is a person
(`cases.Person`) only when the tenant consented to the landlord sharing it; without that consent the row holds the
amount and days late but no one (the meeting counts them), never a name in free text.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class MeetingMinutes(models.Model):
    """That the meeting was held, on which day, and who attended: our staff and the landlord's contact persons."""

    meeting = models.OneToOneField("evictions.LandlordMeeting", on_delete=models.PROTECT, related_name="minutes")
    held_on = models.DateField(_("hölls"))
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("från teamet"))
    landlord_contacts = models.ManyToManyField(
        "cases.LandlordContact", related_name="+", verbose_name=_("från hyresvärden")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("protokoll från samverkansmöte")
        verbose_name_plural = _("protokoll från samverkansmöten")

    def __str__(self):
        return f"Protokoll {self.meeting_id}"


class MeetingAgreement(models.Model):
    """What the meeting agreed about one file; its step on the file's contact ladder is `contact`."""

    class Outcome(models.TextChoices):
        REPAYMENT_PLAN = "repayment_plan", _("Avbetalningsplan")
        VISIT = "visit", _("Besök hos hushållet")
        NO_ACTION = "no_action", _("Ingen åtgärd")

    meeting = models.ForeignKey("evictions.LandlordMeeting", on_delete=models.PROTECT, related_name="agreements")
    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="meeting_agreements")
    outcome = models.CharField(_("överenskommelse"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("anteckning"), blank=True)
    contact = models.OneToOneField("evictions.Contact", on_delete=models.PROTECT, related_name="meeting_agreement")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("överenskommelse vid samverkansmöte")
        verbose_name_plural = _("överenskommelser vid samverkansmöten")
        constraints = [models.UniqueConstraint(fields=["meeting", "file"], name="meeting_agreement_once_per_file")]

    def __str__(self):
        return f"Överenskommelse {self.pk}"


class LatePayer(models.Model):
    """A tenant late with the rent, on the landlord's list for a meeting, before any notice. With the tenant's
    consent the person is known and a notice that follows joins them to its file (`file`); without it, no one."""

    meeting = models.ForeignKey("evictions.LandlordMeeting", on_delete=models.PROTECT, related_name="late_payers")
    amount = models.DecimalField(_("obetald hyra (kr)"), max_digits=10, decimal_places=2)
    days_late = models.PositiveSmallIntegerField(_("dagar sen"))
    consented = models.BooleanField(_("hyresgästen har samtyckt till att hyresvärden lämnar uppgiften"))
    person = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="late_payments"
    )
    file = models.ForeignKey(
        "evictions.EvictionFile", on_delete=models.PROTECT, null=True, blank=True, related_name="late_payers"
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-days_late", "id"]
        verbose_name = _("sen betalare")
        verbose_name_plural = _("sena betalare")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consented=True) | models.Q(person__isnull=True),
                name="late_payer_named_only_with_consent",
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="late_payer_positive_amount"),
        ]

    def __str__(self):
        return f"Sen betalare {self.pk}"

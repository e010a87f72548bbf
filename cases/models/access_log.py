"""Who looked at whom: the access log (åtkomstlogg), emergency access (nödåtkomst) and the managers' reviews.

Every display of a protected person's identifying data, every download of a document or PDF about a protected
person and every emergency access is one `AccessLogEntry`. The log is append-only: the application never
changes a row (`save` refuses), and in PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW_IDENTITY = "view_identity", _("Visade identitetsuppgifter")
        DOWNLOAD_DOCUMENT = "download_document", _("Laddade ner dokument")
        DOWNLOAD_PDF = "download_pdf", _("Laddade ner PDF")
        EMERGENCY_ACCESS = "emergency_access", _("Nödåtkomst")

    class Grant(models.TextChoices):
        ASSIGNMENT = "assignment", _("Handläggare i ärendet")
        PERSON = "person", _("Behörighet till personen")
        EMERGENCY = "emergency", _("Nödåtkomst")
        NONE = "none", _("Ingen (skyddad uppgift visades inte)")

    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, null=True, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(_("åtgärd"), max_length=30, choices=Action.choices)
    what = models.CharField(_("vad"), max_length=200)
    grant = models.CharField(_("behörighet"), max_length=20, choices=Grant.choices)
    ip_address = models.GenericIPAddressField(_("adress"), null=True, blank=True)
    reason = models.TextField(_("skäl"), blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("åtkomstloggpost")
        verbose_name_plural = _("åtkomstlogg")
        indexes = [models.Index(fields=["person", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The access log is append-only.")


class EmergencyAccess(models.Model):
    """A caseworker on duty opened a protected person without a grant, for a stated reason and a limited time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="emergency_accesses")
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("skäl"))
    started_at = models.DateTimeField(_("start"), default=timezone.now)
    expires_at = models.DateTimeField(_("upphör"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    review_note = models.TextField(_("granskningsanteckning"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("nödåtkomst")
        verbose_name_plural = _("nödåtkomster")
        indexes = [models.Index(fields=["user", "expires_at"]), models.Index(fields=["reviewed_at"])]

    def __str__(self):
        return f"Nödåtkomst {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.expires_at > timezone.now()


class AccessReview(models.Model):
    """A manager's review of the access log for a period (Swedish municipalities review monthly)."""

    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("kompotten.Municipality", on_delete=models.PROTECT, related_name="+")
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    findings = models.TextField(_("iakttagelser"))
    reviewed_at = models.DateTimeField(_("granskad"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "-reviewed_at"]
        verbose_name = _("logggranskning")
        verbose_name_plural = _("logggranskningar")

    def __str__(self):
        return f"{self.period_start} – {self.period_end}"

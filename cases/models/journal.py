"""Journal notes (journalanteckningar) and documents of a case.

A note can be edited by its author for a short time (NOTE_EDIT_WINDOW); after that, and by anyone else, a
correction is a new note that points at the one it corrects. Notes are never deleted.
"""

import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from cases.storage import private_storage

NOTE_EDIT_WINDOW = timedelta(minutes=30)


def document_path(instance, filename: str) -> str:
    """A random name: the uploaded name may well carry the person's name, and the path is no place for it."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class JournalNote(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("författare")
    )
    written_at = models.DateTimeField(_("skriven"), default=timezone.now)
    happened_on = models.DateField(_("händelsedatum"), default=timezone.localdate)
    text = models.TextField(_("anteckning"))
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("rättar anteckning"),
    )
    shared_with_partners = models.BooleanField(_("delas med samverkanskommunen"), default=False)
    edited_at = models.DateTimeField(_("ändrad"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("journalanteckning")
        verbose_name_plural = _("journalanteckningar")

    def __str__(self):
        return f"Anteckning {self.pk}"

    def editable_by(self, user, *, now=None) -> bool:
        now = now or timezone.now()
        return self.author_id == user.pk and now - self.written_at <= NOTE_EDIT_WINDOW


class Document(models.Model):
    class Type(models.TextChoices):
        REQUEST = "request", _("Förfrågan")
        RISK_ASSESSMENT = "risk_assessment", _("Riskbedömning")
        DECISION = "decision", _("Beslut")
        LETTER = "letter", _("Brev")
        CONSENT = "consent", _("Medgivande")
        NOTICE = "notice", _("Underrättelse")
        CONTRACT = "contract", _("Kontrakt")
        OTHER = "other", _("Övrigt")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("rubrik"), max_length=200)
    type = models.CharField(_("dokumenttyp"), max_length=30, choices=Type.choices)
    document_date = models.DateField(_("dokumentdatum"))
    file = models.FileField(_("fil"), storage=private_storage, upload_to=document_path)
    original_name = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=100)
    size = models.PositiveIntegerField(_("storlek i byte"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uppladdat av")
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    shared_with_partners = models.BooleanField(_("delas med samverkanskommunen"), default=False)
    # A shared file whose text could not be checked (an image, a scan): the caseworker confirmed she reviewed it.
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granskat före delning av"),
    )
    reviewed_at = models.DateTimeField(_("granskat före delning"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-document_date", "-id"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")

    def __str__(self):
        return f"Dokument {self.pk}"

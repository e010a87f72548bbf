"""Eviction prevention's steps on a file's timeline (registered with the core in `EvictionsConfig.ready`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvictionAction(models.TextChoices):
    REOPENED = "reopened", _("Ärendet öppnades igen")
    NOTICE_REGISTERED = "notice_registered", _("Underrättelse registrerades")
    ESCALATED = "escalated", _("Ärendet flaggades för teamledaren")
    REGISTER_CHECKED = "register_checked", _("Folkbokföringen kontrollerades")
    OTHERS_INFORMED = "others_informed", _("Handläggare i annan enhet informerades")
    RECEIPT_SENT = "receipt_sent", _("Mottagningsbekräftelse skickades")
    LETTER_CREATED = "letter_created", _("Brev skapades")
    CONTACT_LOGGED = "contact_logged", _("Kontakt registrerades")
    CONSENT_SIGNED = "consent_signed", _("Medgivande registrerades")

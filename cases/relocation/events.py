"""Relocation's own steps on a case's timeline (registered with the core in `RelocationConfig.ready`). The detail
beside them says what, never who."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelocationAction(models.TextChoices):
    AVOID_AREAS_MAPPED = "avoid_areas_mapped", _("Områden att undvika kartlades")
    PROTECTION_ASSESSED = "protection_assessed", _("Skyddsbedömning registrerades")

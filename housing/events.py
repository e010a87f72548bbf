"""The housing unit's steps on a case's timeline (registered with the core in `HousingConfig.ready`). The detail
beside them says what, never who."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HousingAction(models.TextChoices):
    REFERRED = "referred", _("Remiss togs emot")
    CHECKLIST_UPDATED = "checklist_updated", _("Utredningens checklista uppdaterades")
    DECISION_MADE = "decision_made", _("Beslut fattades")
    OFFER_MADE = "offer_made", _("Erbjudande lämnades")
    OFFER_ANSWERED = "offer_answered", _("Erbjudande besvarades")
    CONTRACT_CHANGED = "contract_changed", _("Kontraktet ändrades")

"""What a case's timeline can say. The core's own steps are listed here; every app that records steps of its own
(the housing unit, eviction prevention) lists them in its own `events` module and registers them in
`AppConfig.ready()`, so a new capability never edits the core. The timeline field reads its choices through
`action_choices`, a callable the migrations name rather than copy."""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseAction(models.TextChoices):
    OPENED = "opened", _("Ärendet öppnades")
    CLOSED = "closed", _("Ärendet avslutades")
    HANDLER_ASSIGNED = "handler_assigned", _("Handläggare tilldelades")
    HANDLER_UNASSIGNED = "handler_unassigned", _("Handläggare togs bort")
    PERSON_ADDED = "person_added", _("Person lades till")
    PARTNER_ADDED = "partner_added", _("Samverkanskommun lades till")
    NOTE_ADDED = "note_added", _("Journalanteckning skrevs")
    NOTE_EDITED = "note_edited", _("Journalanteckning ändrades")
    DOCUMENT_ADDED = "document_added", _("Dokument lades till")
    DEADLINE_SET = "deadline_set", _("Tidsfrist sattes")
    DEADLINE_PAUSED = "deadline_paused", _("Tidsfrist pausades")
    DEADLINE_RESUMED = "deadline_resumed", _("Tidsfrist återupptogs")
    DEADLINE_EXTENDED = "deadline_extended", _("Tidsfrist förlängdes")
    DEADLINE_MET = "deadline_met", _("Tidsfrist klarmarkerades")
    STATUS_CHANGED = "status_changed", _("Status ändrades")
    DETAILS_CHANGED = "details_changed", _("Uppgifter ändrades")
    CONSENT_RECORDED = "consent_recorded", _("Samtycke registrerades")
    CONSENT_REVOKED = "consent_revoked", _("Samtycke återkallades")


_registered: dict[str, type[models.TextChoices]] = dict.fromkeys(CaseAction.values, CaseAction)


def register_actions(actions: type[models.TextChoices]) -> None:
    """Add an app's timeline steps. A value another app already uses is refused: two meanings of one stored word."""
    for value in actions.values:
        owner = _registered.setdefault(value, actions)
        if owner is not actions:
            raise ImproperlyConfigured(f"Timeline step {value!r} of {actions.__qualname__} is {owner.__qualname__}'s.")


def action_choices() -> list[tuple[str, str]]:
    return [(value, owner(value).label) for value, owner in _registered.items()]

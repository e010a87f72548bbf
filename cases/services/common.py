"""Helpers every service uses: saving with the acting user in history, and writing the case timeline."""

from django.db import models

from cases.models import Case, CaseEvent


def save(instance: models.Model, acting_user, **kwargs) -> models.Model:
    """Saves and records `acting_user` as the author of the history row (also outside a request: tasks, commands)."""
    instance._history_user = acting_user
    instance.save(**kwargs)
    return instance


def delete(instance: models.Model, acting_user) -> None:
    instance._history_user = acting_user
    instance.delete()


def record_event(case: Case, action: CaseEvent.Action, acting_user, detail: str = "") -> CaseEvent:
    """A timeline line. `detail` must never hold personal data: it is shown to everyone who sees the case."""
    return CaseEvent.objects.create(case=case, action=action, actor=acting_user, detail=detail[:300])

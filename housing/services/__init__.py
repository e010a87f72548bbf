"""Every write of the housing unit: `<entity>_<verb>(*, ..., acting_user)`, atomic, validating, recording history
(with the acting user), the status moves of `housing.workflow` and the case timeline."""

from housing.services.applications import (
    ChildInput,
    application_decide,
    application_refer,
    application_transition,
    checklist_save,
)

__all__ = ["ChildInput", "application_decide", "application_refer", "application_transition", "checklist_save"]

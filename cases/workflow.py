"""The states of a retention list (gallringslista) and who may move them, in the shape of `kompotten.workflow`.

The yearly job builds a list (pending). A manager approves it; the culling task then culls it. A list nobody approved
before the next year's list was built is superseded by that list (which holds its files again, as long as they are
still due), so there are never two lists waiting for approval. `cases.culling.retention_list_transition` applies
every move.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role
from kompotten.workflow import SYSTEM, Messages, Workflow, edge


class RetentionListState(models.TextChoices):
    PENDING = "pending", _("Väntar på godkännande")
    APPROVED = "approved", _("Godkänd, gallras")
    CULLED = "culled", _("Godkänd och gallrad")
    SUPERSEDED = "superseded", _("Ersatt av en senare lista")


S = RetentionListState
RETENTION_LIST = Workflow(
    name="retention_list",
    model="cases.RetentionList",
    states=RetentionListState,
    state_field="state",
    messages=Messages(no_edge=_("Gallringslistan kan inte gå från ”%(from)s” till ”%(to)s”.")),
    edges={
        # retention_list_approve: a manager approves the list on the retention page
        (S.PENDING, S.APPROVED): edge(Role.MANAGER, label=_("Godkänn listan och gallra"), manual=True),
        # retention_list_cull: the culling task, on the manager's approval
        (S.APPROVED, S.CULLED): edge(SYSTEM, label=_("Gallrad")),
        # retention_list_build: next year's list was built while this one still waited
        (S.PENDING, S.SUPERSEDED): edge(SYSTEM, label=_("Ersatt av en senare lista")),
    },
)

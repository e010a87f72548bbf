"""The states of a report run and who may move them, in the shape of `kompotten.workflow`.

A run is queued, taken by an attempt of its Celery task (running; a later attempt may take over a run whose attempt
died), and ends ready (with its file) or failed (with a reason). A run whose task gave up fails while still queued.
Only a manager orders a failed run again. `reports.runner.report_run_transition` applies every move.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role
from kompotten.workflow import SYSTEM, Workflow, edge


class RunState(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Misslyckades")


R = RunState
REPORT_RUN = Workflow(
    name="report_run",
    model="reports.ReportRun",
    states=RunState,
    state_field="state",
    edges={
        (R.QUEUED, R.RUNNING): edge(SYSTEM, label=_("Pågår")),
        (R.RUNNING, R.RUNNING): edge(SYSTEM, label=_("Pågår")),  # a new attempt takes over from one that died
        (R.RUNNING, R.READY): edge(SYSTEM, label=_("Klar")),
        (R.RUNNING, R.FAILED): edge(SYSTEM, label=_("Misslyckades")),
        (R.QUEUED, R.FAILED): edge(SYSTEM, label=_("Misslyckades")),  # the task gave up, or the broker lost it
        (R.FAILED, R.QUEUED): edge(Role.MANAGER, label=_("Försök igen"), manual=True),  # report_run_retry
    },
)

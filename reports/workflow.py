"""The states of a report run and of a register extract's review, and who may move them, in the shape of
`kompotten.workflow`.

A run is queued, taken by an attempt of its Celery task (running; a later attempt may take over a run whose attempt
died), and ends ready (with its file) or failed (with a reason). A run whose task gave up fails while still queued.
A manager orders a failed report again; a caseworker a failed register extract.
`reports.runner.report_run_transition` applies every move.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role
from kompotten.workflow import SYSTEM, Messages, Workflow, edge


class RunState(models.TextChoices):
    QUEUED = "queued", _("I kö")
    RUNNING = "running", _("Pågår")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Misslyckades")


R = RunState
CASEWORKERS = (Role.NEXUS_CASEWORKER, Role.HOUSING_HANDLER, Role.EVICTION_CASEWORKER)
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
        # report_run_retry (a manager's report), register_extract_retry (a caseworker's register extract)
        (R.FAILED, R.QUEUED): edge(Role.MANAGER, *CASEWORKERS, label=_("Försök igen"), manual=True),
    },
)


class ExtractState(models.TextChoices):
    """A register extract's review, after its run has made the PDF: a caseworker reads it and marks it checked, then
    it is released (handed over or sent). Its run's own states (queued, running, ready, failed) say how the making
    went; `RegisterExtract.status_label` tells both as one."""

    AWAITING_CHECK = "awaiting_check", _("Väntar på kontroll")
    CHECKED = "checked", _("Kontrollerat")
    RELEASED = "released", _("Utlämnat")


E = ExtractState
REGISTER_EXTRACT = Workflow(
    name="register_extract",
    model="reports.RegisterExtract",
    states=ExtractState,
    state_field="state",
    messages=Messages(
        no_edge=_("Utdraget kan inte gå från ”%(from)s” till ”%(to)s”: det lämnas ut först när det är kontrollerat.")
    ),
    edges={
        # register_extract_check: the PDF is made and the checker has read it
        (E.AWAITING_CHECK, E.CHECKED): edge(*CASEWORKERS, label=_("Markera som kontrollerat"), manual=True),
        # register_extract_release: never before the check (no edge from AWAITING_CHECK)
        (E.CHECKED, E.RELEASED): edge(*CASEWORKERS, label=_("Lämna ut"), manual=True),
    },
)

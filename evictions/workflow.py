"""The states of eviction prevention's stateful records and who may move them, in the shape of `kompotten.workflow`.

`FILE`: an eviction-prevention file is open while the team works on it; it may be listed as ready to close (a minor
warning answered with only a contact letter, after about a month); it is closed with an outcome, only by
`evictions.services.file_close`, which writes the closure record first. A new notice for a closed file of the same
household (within two years) opens it again. `evictions.services.file_transition` applies every move.
`IMPORT_BATCH`: a CSV import is previewed, confirmed by the caseworker (queued), and then imported or failed by its
background task; `evictions.services.import_batch_transition` applies those moves. `REPAYMENT_PLAN`: a repayment
plan the landlord agreed to ends paid or broken (`evictions.services.repayment_plan_set_status`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompotten.roles import Role
from kompotten.workflow import SYSTEM, Messages, Workflow, edge


class FileStatus(models.TextChoices):
    OPEN = "open", _("Pågående")
    READY_TO_CLOSE = "ready_to_close", _("Klar att avsluta")
    CLOSED = "closed", _("Avslutad")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Förhandsgranskad")
    QUEUED = "queued", _("Importeras")
    IMPORTED = "imported", _("Importerad")
    FAILED = "failed", _("Misslyckades")


class InstalmentStatus(models.TextChoices):
    EXPECTED = "expected", _("Väntar")
    PAID = "paid", _("Betald")
    MISSED = "missed", _("Missad")


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("Pågår")
    PAID = "paid", _("Skulden är betald")
    BROKEN = "broken", _("Planen bröts")


# Not closed, as a list rather than `exclude(status=CLOSED)`: an IN can use the status index, a <> cannot.
NOT_CLOSED = [FileStatus.OPEN, FileStatus.READY_TO_CLOSE]

CASEWORKER = Role.EVICTION_CASEWORKER
F = FileStatus
CLOSING = _("Ärendet avslutas med utfall")  # file_close: only with the closure record

FILE = Workflow(
    name="eviction_file",
    model="evictions.EvictionFile",
    states=FileStatus,
    edges={
        (F.OPEN, F.READY_TO_CLOSE): edge(CASEWORKER, label=_("Inget mer återstår än att avsluta"), manual=True),
        (F.READY_TO_CLOSE, F.OPEN): edge(CASEWORKER, label=_("Mer arbete behövs"), manual=True),
        (F.OPEN, F.CLOSED): edge(CASEWORKER, label=CLOSING),
        (F.READY_TO_CLOSE, F.CLOSED): edge(CASEWORKER, label=CLOSING),
        # Registering a notice (by hand, or the import's task for the caseworker who confirmed it).
        (F.CLOSED, F.OPEN): edge(CASEWORKER, label=_("Ny underrättelse för hushållet inom två år")),
    },
    messages=Messages(no_edge=_("Ärendet kan inte gå från %(from)s till %(to)s.")),
)

I = ImportStatus  # noqa: E741 - the states' initial, as F above
IMPORT_BATCH = Workflow(
    name="eviction_import_batch",
    model="evictions.ImportBatch",
    states=ImportStatus,
    edges={
        (I.PREVIEW, I.QUEUED): edge(CASEWORKER, label=_("Importeras")),  # import_batch_queue
        (I.QUEUED, I.IMPORTED): edge(SYSTEM, label=_("Importerad")),  # import_batch_run
        # import_batch_run on an error; import_batches_purge when the task was lost.
        (I.QUEUED, I.FAILED): edge(SYSTEM, label=_("Misslyckades")),
    },
)

P = PlanStatus
REPAYMENT_PLAN = Workflow(
    name="eviction_repayment_plan",
    model="evictions.RepaymentPlan",
    states=PlanStatus,
    edges={
        (P.ACTIVE, P.PAID): edge(CASEWORKER, label=_("Skulden är betald")),
        (P.ACTIVE, P.BROKEN): edge(CASEWORKER, label=_("Planen bröts")),
    },
)

N = InstalmentStatus
# An instalment of a repayment plan is paid or missed (`evictions.services.instalment_record`); a missed one prompts
# a contact with the household.
INSTALMENT = Workflow(
    name="eviction_instalment",
    model="evictions.Instalment",
    states=InstalmentStatus,
    edges={
        (N.EXPECTED, N.PAID): edge(CASEWORKER, label=_("Betald")),
        (N.EXPECTED, N.MISSED): edge(CASEWORKER, label=_("Missad")),
    },
)

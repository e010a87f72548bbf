"""Producing one report run, safely under late acknowledgement: a retry or a redelivery never makes two files.

- While an attempt works on a run it holds a PostgreSQL advisory lock on it. A second delivery of the same task
  finds the lock taken and leaves (the first attempt will finish). If the worker dies, its connection closes and
  the lock goes with it, so the redelivered task takes the run over at once.
- The run row is claimed under `select_for_update`: a ready or failed run is never produced again, and each claim
  counts an attempt; a run that keeps killing its worker fails after `MAX_ATTEMPTS` with a reason.
- The file is written under a temporary name and moved into place (`os.replace`, atomic) with a name fixed by the run,
  so a second attempt replaces the first one's file instead of adding one. Only then is the run marked ready, and
  only by the attempt that holds the claim; a database constraint refuses "ready" without the file's checksum.
"""

import contextlib
import hashlib
import logging
import os
import time
import uuid
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from cases.storage import private_storage
from kompotten.models import User
from kompotten.workflow import locked_state, who_is
from reports import builders
from reports.models import CONTENT_TYPES, ReportRun, RunState
from reports.workflow import REPORT_RUN

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
LOCK_NAMESPACE = 7311  # the first key of pg_advisory_lock(int, int): "report runs"; the second is the run id

# A report at the scale issue's volumes takes well under a minute; ten minutes means something is wrong.
SOFT_TIME_LIMIT = 10 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 60
BUSY_RETRY_SECONDS = 5
BUSY_RETRIES = 2 * TIME_LIMIT // BUSY_RETRY_SECONDS


@shared_task(
    name="reports.tasks.generate_report",  # its name from before it moved here: queued messages and the route hold
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=3,
)
def generate_report(self, run_id: int) -> str:
    """The Celery task the services enqueue for a run (on the `reports` queue): `execute`, retried on database
    errors and while another attempt holds the run."""
    try:
        outcome = execute(run_id)
    except DatabaseError as error:
        if self.request.retries >= self.max_retries:
            give_up(run_id, _("Databasen svarade inte när rapporten skapades. Försök igen senare."))
            return "failed"
        logger.warning("report_run_retry", extra={"run_id": run_id, "retries": self.request.retries})
        raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error
    if outcome == "busy":
        # Another attempt holds the run. Look again later rather than drop this delivery: if that attempt's worker
        # has just died, its database session may outlive it for a moment, and this delivery is the one left.
        raise self.retry(countdown=BUSY_RETRY_SECONDS, max_retries=BUSY_RETRIES)
    return outcome


class ReportFailed(Exception):
    """A report that cannot be made, with the reason a manager reads (Swedish)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def report_run_transition(*, run: ReportRun, to_state: str, acting_user: User | None = None, **fields) -> ReportRun:
    """The one service that moves a run's state, along an edge of `reports.workflow.REPORT_RUN`, saving `fields` (the
    attempt, the file, the reason) with it. No `acting_user` means the run's task (`SYSTEM`). Runs keep no history
    (see `reports.models`): their timings, attempts and failure reason say what happened."""
    REPORT_RUN.check(locked_state(run, "state"), to_state, who_is(acting_user))
    run.state = to_state
    for name, value in fields.items():
        setattr(run, name, value)
    run.save(update_fields=["state", *fields])
    return run


def execute(run_id: int) -> str:
    """Produces the run's file if nobody has yet. Returns what happened: ready, failed, done (already finished) or
    busy (another attempt holds it). Database errors propagate so that the task can retry."""
    token = uuid.uuid4().hex
    with _run_lock(run_id) as held:
        if not held:
            logger.info("report_run_busy", extra={"run_id": run_id})
            return "busy"
        run = _claim(run_id, token)
        if run is None:
            return "done"
        steps = Steps(run_id, token)
        with override("sv"):
            try:
                content = builders.build(run, steps)
            except ReportFailed as error:
                return _fail(run_id, token, error.reason)
            except SoftTimeLimitExceeded:
                return _fail(run_id, token, _("Rapporten tog för lång tid att skapa och avbröts. Försök igen senare."))
            except DatabaseError:
                raise
            except Exception as error:  # a failing template or a bug: the run says so instead of hanging
                logger.exception("report_run_error", extra={"run_id": run_id})
                return _fail(
                    run_id,
                    token,
                    _(
                        "Rapporten kunde inte skapas på grund av ett tekniskt fel (%(error)s). Försök igen, och "
                        "kontakta systemförvaltningen om felet kvarstår."
                    )
                    % {"error": type(error).__name__},
                )
        name = _write(run, token, content)
        return _finish(run_id, token, name, content, steps.timings())


def give_up(run_id: int, reason: str) -> None:
    """Marks a run that could not be finished (the task's retries ran out) as failed, whoever held it."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run and not run.is_finished:
            _mark_failed(run, reason)


@contextlib.contextmanager
def _run_lock(run_id: int):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, run_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, run_id])


@transaction.atomic
def _claim(run_id: int, token: str) -> ReportRun | None:
    run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None or run.is_finished:
        return None
    if run.attempts >= MAX_ATTEMPTS:
        _mark_failed(
            run,
            _(
                "Rapporten avbröts %(count)d gånger innan den blev klar. Försök igen senare eller kontakta "
                "systemförvaltningen."
            )
            % {"count": run.attempts},
        )
        return None
    _remove_partial_files(run)
    report_run_transition(
        run=run,
        to_state=RunState.RUNNING,
        claim_token=token,
        attempts=run.attempts + 1,
        started_at=timezone.now(),
        progress=0,
        step=_("Startar"),
    )
    logger.info("report_run_started", extra={"run_id": run_id, "attempt": run.attempts})
    return run


class Steps:
    """The builder's progress: shown on the run page at once, and each step's time kept for the finished run."""

    def __init__(self, run_id: int, token: str):
        self.run_id, self.token = run_id, token
        self._timings: list[dict] = []
        self._current = {"percent": 0, "step": "", "started": time.monotonic()}  # claimed: the libraries loading

    def __call__(self, percent: int, step: str) -> None:
        self._lap()
        self._current = {"percent": percent, "step": str(step), "started": time.monotonic()}
        # Committed at once (outside any transaction), so the run page sees it while the report is being made.
        ReportRun.objects.filter(pk=self.run_id, claim_token=self.token, state=RunState.RUNNING).update(
            progress=max(0, min(99, percent)), step=str(step)[:120]
        )

    def _lap(self) -> None:
        started = self._current.pop("started")
        self._timings.append(self._current | {"seconds": round(time.monotonic() - started, 3)})

    def timings(self) -> list[dict]:
        """Each step's time, the last one ended now."""
        self._lap()
        self._current = {"percent": 100, "step": "", "started": time.monotonic()}
        return self._timings


def _directory(run: ReportRun) -> Path:
    return Path(private_storage().path(f"reports/{run.pk}"))


def _remove_partial_files(run: ReportRun) -> None:
    """What an attempt that died mid-write left behind."""
    directory = _directory(run)
    if directory.is_dir():
        for partial in directory.glob(".*.part"):
            partial.unlink(missing_ok=True)


def _write(run: ReportRun, token: str, content: bytes) -> str:
    name = f"reports/{run.pk}/{run.download_name}"
    final = Path(private_storage().path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.{token}.part")
    with open(partial, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, final)
    return name


@transaction.atomic
def _finish(run_id: int, token: str, name: str, content: bytes, timings: list[dict]) -> str:
    run = ReportRun.objects.select_for_update().get(pk=run_id)
    if run.state != RunState.RUNNING or run.claim_token != token:
        return "done"  # another attempt took the run over; it writes the same file
    report_run_transition(
        run=run,
        to_state=RunState.READY,
        file_name=name,
        size=len(content),
        checksum=hashlib.sha256(content).hexdigest(),
        content_type=CONTENT_TYPES[run.file_format],
        progress=100,
        step=_("Klar"),
        finished_at=timezone.now(),
        step_timings=timings,
    )
    logger.info("report_run_ready", extra={"run_id": run_id, "bytes": len(content)})
    return "ready"


@transaction.atomic
def _fail(run_id: int, token: str, reason: str) -> str:
    run = ReportRun.objects.select_for_update().get(pk=run_id)
    if run.state == RunState.RUNNING and run.claim_token == token:
        _mark_failed(run, reason)
    return "failed"


def _mark_failed(run: ReportRun, reason: str) -> None:
    report_run_transition(run=run, to_state=RunState.FAILED, failure_reason=reason, finished_at=timezone.now())
    logger.info("report_run_failed", extra={"run_id": run.pk})

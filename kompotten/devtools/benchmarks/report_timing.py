"""The annual report at volume, for the benchmark's table: how long counting its figures and making its PDF take,
as the run records them step by step (`ReportRun.step_timings`). Through a real Celery worker when one consumes the
reports queue of the broker `REDIS_URL` names, otherwise in this process, and the table says which. The runs are
asked for as `run_report` asks (committed, so a worker finds them) and removed afterwards with their files."""

import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from cases.storage import private_storage
from kompotten.celery import app as celery_app
from reports import runner, services
from reports.models import ReportKind, ReportRun, RunOrigin, RunState

WAIT_SECONDS = 15 * 60
POLL_SECONDS = 0.5


@dataclass(frozen=True)
class ReportTiming:
    where: str  # "worker" or "in process"
    counting: list[float]  # seconds per run
    making: list[float]

    @staticmethod
    def summary(seconds: list[float]) -> tuple[float, float]:
        """The median and the slowest run."""
        return statistics.median(seconds), max(seconds)


def reports_worker_running() -> bool:
    """Does a worker consume the reports queue on the broker? Asked over the broker, two seconds at most."""
    if not settings.REDIS_URL:
        return False
    replies = celery_app.control.inspect(timeout=2).active_queues() or {}
    return any(queue["name"] == "reports" for queues in replies.values() for queue in queues)


def time_annual_report(year: int, runs: int) -> ReportTiming:
    # Inside a transaction (a test) a worker could not see the run: it is made here.
    worker = not connection.in_atomic_block and reports_worker_running()
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager or not worker  # no worker: the task runs here, as without a broker
    try:
        timings = [_one_run(year) for _ in range(runs)]
    finally:
        celery_app.conf.task_always_eager = eager
    return ReportTiming("worker" if worker else "in process", [t[0] for t in timings], [t[1] for t in timings])


def _one_run(year: int) -> tuple[float, float]:
    start, end = services.year_period(year)
    run = services.report_run_request(
        kind=ReportKind.ANNUAL, period_start=start, period_end=end, acting_user=None, origin=RunOrigin.COMMAND
    )
    try:
        run.refresh_from_db()
        if celery_app.conf.task_always_eager and not run.is_finished:
            runner.execute(run.pk)  # inside a transaction the task waits for a commit that never comes
            run.refresh_from_db()
        deadline = time.monotonic() + WAIT_SECONDS
        while not run.is_finished:
            if time.monotonic() > deadline:
                raise RuntimeError(f"The annual report was not made within {WAIT_SECONDS} s.")
            time.sleep(POLL_SECONDS)
            run.refresh_from_db()
        if run.state != RunState.READY:
            raise RuntimeError(f"The annual report failed: {run.failure_reason}")
        return run.seconds_making(file=False), run.seconds_making(file=True)
    finally:
        _remove(run)


def _remove(run: ReportRun) -> None:
    shutil.rmtree(Path(private_storage().path(f"reports/{run.pk}")), ignore_errors=True)
    run.delete()

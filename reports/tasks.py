"""Report tasks: small, given a run id only, safe to run twice (the runner decides whether there is work left).

They run on the `reports` queue (settings.CELERY_TASK_ROUTES), so long PDF work never delays the e-mails and the
other short tasks; `acks_late` with `reject_on_worker_lost` hands a run whose worker died to the next worker.
"""

import logging

from django.db import DatabaseError
from django.utils.translation import gettext as _

from celery import shared_task

from reports import runner

logger = logging.getLogger(__name__)

# A report at the scale issue's volumes takes well under a minute; ten minutes means something is wrong.
SOFT_TIME_LIMIT = 10 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 60
BUSY_RETRY_SECONDS = 5
BUSY_RETRIES = 2 * TIME_LIMIT // BUSY_RETRY_SECONDS


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=3,
)
def generate_report(self, run_id: int) -> str:
    try:
        outcome = runner.execute(run_id)
    except DatabaseError as error:
        if self.request.retries >= self.max_retries:
            runner.give_up(run_id, _("Databasen svarade inte när rapporten skapades. Försök igen senare."))
            return "failed"
        logger.warning("report_run_retry", extra={"run_id": run_id, "retries": self.request.retries})
        raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error
    if outcome == "busy":
        # Another attempt holds the run. Look again later rather than drop this delivery: if that attempt's worker
        # has just died, its database session may outlive it for a moment, and this delivery is the one left.
        raise self.retry(countdown=BUSY_RETRY_SECONDS, max_retries=BUSY_RETRIES)
    return outcome


@shared_task
def schedule_monthly_statistics() -> list[int]:
    """Beat runs this every morning; on the first working day of a month it asks for last month's statistics."""
    from reports import schedule  # noqa: PLC0415 - the schedule imports services, which import this module

    return schedule.monthly_statistics_if_due()


@shared_task
def schedule_annual_draft() -> list[int]:
    """Beat runs this every morning; on the first working day of January it asks for last year's annual report."""
    from reports import schedule  # noqa: PLC0415

    return schedule.annual_draft_if_due()


@shared_task
def requeue_stalled_report_runs() -> dict[str, list[int]]:
    """Beat runs this every quarter of an hour, on the short tasks' queue: runs whose message was lost are sent again
    (see `services.report_runs_requeue_stalled`)."""
    from reports import services  # noqa: PLC0415 - services import this module

    requeued, failed = services.report_runs_requeue_stalled()
    return {"requeued": requeued, "failed": failed}

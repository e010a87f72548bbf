"""Beat's report tasks: each morning's scheduled runs and the quarter-hourly requeue of runs whose message was lost.

They ask the services (and the schedule) for runs, so they sit above them; the task that makes a run's file,
`runner.generate_report`, sits below the services that enqueue it. Services -> runner is one way down, with no cycle.
"""

from celery import shared_task

from reports import schedule, services


@shared_task
def schedule_monthly_statistics() -> list[int]:
    """Beat runs this every morning; on the first working day of a month it asks for last month's statistics."""
    return schedule.monthly_statistics_if_due()


@shared_task
def schedule_annual_draft() -> list[int]:
    """Beat runs this every morning; on the first working day of January it asks for last year's annual report."""
    return schedule.annual_draft_if_due()


@shared_task
def requeue_stalled_report_runs() -> dict[str, list[int]]:
    """Beat runs this every quarter of an hour, on the short tasks' queue: runs whose message was lost are sent again
    (see `services.report_runs_requeue_stalled`)."""
    requeued, failed = services.report_runs_requeue_stalled()
    return {"requeued": requeued, "failed": failed}

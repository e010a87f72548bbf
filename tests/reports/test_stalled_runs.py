"""A run whose broker message was lost (Redis restarted without its data) is not left queued forever: beat's sweep
sends it again after a quarter of an hour, and fails it visibly, with a reason, after six hours."""

import time
from datetime import date, timedelta

from django.utils import timezone

import pytest

from reports import services, tasks
from reports.models import ReportKind, ReportRun, RunState


def lost_run(manager, *, queued: timedelta, state=RunState.QUEUED, started: timedelta | None = None) -> ReportRun:
    """A run in the database whose task message never reached (or no longer is in) the broker."""
    now = timezone.now()
    return ReportRun.objects.create(
        kind=ReportKind.MONTHLY,
        period_start=date(2025, 3, 1),
        period_end=date(2025, 3, 31),
        requested_by=manager,
        state=state,
        queued_at=now - queued,
        started_at=now - started if started else None,
    )


@pytest.mark.worker
def test_a_run_whose_message_was_lost_is_sent_again_and_made_by_the_worker(manager, celery_worker_over_redis):
    run = lost_run(manager, queued=timedelta(minutes=20))
    assert tasks.requeue_stalled_report_runs() == {"requeued": [run.pk], "failed": []}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not run.is_finished:
        time.sleep(0.2)
        run.refresh_from_db()
    assert run.state == RunState.READY and run.attempts == 1


@pytest.mark.django_db
def test_runs_still_within_their_time_are_left_alone(manager):
    lost_run(manager, queued=timedelta(minutes=5))
    lost_run(manager, queued=timedelta(minutes=30), state=RunState.RUNNING, started=timedelta(minutes=5))
    assert services.report_runs_requeue_stalled() == ([], [])
    assert list(ReportRun.objects.values_list("state", flat=True).order_by("state")) == ["queued", "running"]


@pytest.mark.django_db
def test_a_run_left_running_by_a_dead_worker_is_sent_again(manager, run_tasks):
    run = lost_run(manager, queued=timedelta(minutes=40), state=RunState.RUNNING, started=timedelta(minutes=30))
    with run_tasks():
        assert services.report_runs_requeue_stalled() == ([run.pk], [])
    run.refresh_from_db()
    assert run.state == RunState.READY


@pytest.mark.django_db
def test_a_run_queued_for_six_hours_fails_with_a_reason_and_can_be_ordered_again(client, manager, run_tasks):
    run = lost_run(manager, queued=timedelta(hours=7))
    assert services.report_runs_requeue_stalled() == ([], [run.pk])
    run.refresh_from_db()
    assert run.state == RunState.FAILED and "bakgrundstjänsten inte svarade" in run.failure_reason
    with run_tasks():
        services.report_run_retry(run=run, acting_user=manager)
    run.refresh_from_db()
    assert run.state == RunState.READY and timezone.now() - run.queued_at < timedelta(minutes=1)

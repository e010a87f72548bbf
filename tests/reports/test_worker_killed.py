"""A report whose worker is killed mid-way (SIGKILL: no goodbye, the message stays unacknowledged) is handed to the
next worker by the broker and finished there, as exactly one file."""

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from django.conf import settings

import psycopg
import pytest

from kompotten.celery import app as celery_app
from reports import services
from reports.models import ReportKind, ReportRun, RunState
from tests.conftest import restore_migration_data
from tests.reports.report_files import file_text

# The second worker runs in a subprocess on the machine's clock, which the test clock cannot move.
pytestmark = [pytest.mark.worker, pytest.mark.real_date]

ROOT = Path(__file__).resolve().parents[2]


def start_worker(name: str) -> subprocess.Popen:
    """A report worker in its own process, against this test's database and Redis; the broker hands out again what a
    dead worker left unacknowledged after one second (the production default is an hour)."""
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kompotten.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "KOMPOTTEN_BROKER_VISIBILITY_SECONDS": "1",
        "KOMPOTTEN_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "kompotten",
        "worker",
        "-Q",
        "reports",
        "--pool=solo",
        "--without-mingle",
        "--without-gossip",
        "--loglevel=WARNING",
        "-n",
        f"{name}@%h",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def wait_for(condition, seconds: int, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_run_whose_worker_was_killed_is_finished_by_the_next_worker_as_one_file(transactional_db, manager):
    restore_migration_data()
    celery_app.control.purge()
    database = settings.DATABASES["default"]
    # Hold the notices table, so the first worker stops mid-way through the report, after it has claimed the run.
    blocker = psycopg.connect(
        host=database["HOST"], port=database["PORT"], user=database["USER"], dbname=database["NAME"]
    )
    blocker.execute("LOCK TABLE evictions_notice IN ACCESS EXCLUSIVE MODE")
    run = services.report_run_request(
        kind=ReportKind.MONTHLY, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31), acting_user=manager
    )
    first = start_worker("first")
    second = None
    try:
        wait_for(lambda: ReportRun.objects.get(pk=run.pk).state == RunState.RUNNING, 90, "the first worker's claim")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        blocker.rollback()
        blocker.close()
        second = start_worker("second")
        wait_for(lambda: ReportRun.objects.get(pk=run.pk).is_finished, 120, "the second worker")
    finally:
        for worker in (first, second):
            if worker and worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=30)
        if not blocker.closed:
            blocker.close()
    run.refresh_from_db()
    assert run.state == RunState.READY, run.failure_reason
    assert run.attempts == 2
    files = sorted(path.name for path in (settings.PRIVATE_MEDIA_ROOT / "reports" / str(run.pk)).iterdir())
    assert files == [run.download_name]
    assert "Underrättelser" in file_text(run)

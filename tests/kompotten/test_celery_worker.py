import pytest
from celery.contrib.testing.worker import start_worker

from kompotten.celery import app
from kompotten.tasks import check_worker_database
from tests.conftest import restore_migration_data


@pytest.fixture
def celery_worker_over_redis(transactional_db, settings):
    """A real Celery worker, consuming from the Redis broker the settings name, in a thread of this process."""
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert not app.conf.task_always_eager
    restore_migration_data()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker:
        yield worker


@pytest.mark.worker
def test_a_task_sent_over_redis_is_run_by_the_worker_which_sees_the_database(celery_worker_over_redis):
    result = check_worker_database.delay()
    assert result.get(timeout=30) == {"municipalities": 290}
    assert result.successful()
